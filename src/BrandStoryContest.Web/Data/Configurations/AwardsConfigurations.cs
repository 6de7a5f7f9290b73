using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BrandStoryContest.Web.Data.Configurations;

public sealed class AwardTierConfiguration : IEntityTypeConfiguration<AwardTier>
{
    public void Configure(EntityTypeBuilder<AwardTier> b)
    {
        b.Property(t => t.NameZh).HasMaxLength(60);
        b.Property(t => t.NameEn).HasMaxLength(80);
        b.HasIndex(t => new { t.CategoryId, t.Order });
    }
}

public sealed class AwardConfiguration : IEntityTypeConfiguration<Award>
{
    public void Configure(EntityTypeBuilder<Award> b)
    {
        // An entry holds a tier once; "at most one regular tier" is checked in the handlers.
        b.HasIndex(a => new { a.TierId, a.EntryId }).IsUnique();
        b.HasIndex(a => a.EntryId);
        b.HasOne(a => a.Entry).WithMany().HasForeignKey(a => a.EntryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Tier).WithMany().HasForeignKey(a => a.TierId).OnDelete(DeleteBehavior.Restrict);
        b.Property(a => a.Reason).HasMaxLength(500);
    }
}

public sealed class AwardTieConfiguration : IEntityTypeConfiguration<AwardTie>
{
    public void Configure(EntityTypeBuilder<AwardTie> b)
    {
        b.HasIndex(t => t.CategoryId);
        b.HasOne(t => t.Tier).WithMany().HasForeignKey(t => t.TierId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> b)
    {
        b.HasIndex(c => c.Number).IsUnique();
        // One certificate per award and holder (the team, or each author): issuing again finds this row and keeps its number.
        b.HasIndex(c => new { c.AwardId, c.Holder }).IsUnique();
        b.Property(c => c.Names).HasMaxLength(1000);
        b.Property(c => c.Number).HasMaxLength(24);
        b.HasOne(c => c.Award).WithMany().HasForeignKey(c => c.AwardId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class VoteConfiguration : IEntityTypeConfiguration<Vote>
{
    public void Configure(EntityTypeBuilder<Vote> b)
    {
        // Once per day (DayKey = local date) or once per contest (DayKey = "contest"), even under concurrent posts.
        b.HasIndex(v => new { v.EntryId, v.VoterId, v.DayKey }).IsUnique();
        b.HasIndex(v => v.ContestId);
        b.HasIndex(v => new { v.RoundId, v.EntryId });
        b.Property(v => v.DayKey).HasMaxLength(32);
        b.Property(v => v.IpAddress).HasMaxLength(45);
    }
}

public sealed class CertificateJobConfiguration : IEntityTypeConfiguration<CertificateJob>
{
    public void Configure(EntityTypeBuilder<CertificateJob> b)
    {
        b.Property(j => j.State).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(j => new { j.State, j.Id });
        b.HasIndex(j => j.ContestId);
    }
}
