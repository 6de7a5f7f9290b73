using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BrandStoryContest.Web.Data.Configurations;

public sealed class DivisionConfiguration : IEntityTypeConfiguration<Division>
{
    public void Configure(EntityTypeBuilder<Division> b)
    {
        b.HasOne(d => d.Final).WithMany().HasForeignKey(d => d.FinalId).OnDelete(DeleteBehavior.Restrict);
        // A contest is the division of at most one final.
        b.HasOne(d => d.Contest).WithMany().HasForeignKey(d => d.ContestId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(d => d.ContestId).IsUnique();
        b.Property(d => d.NameZh).HasMaxLength(DivisionRules.MaxName);
        b.Property(d => d.NameEn).HasMaxLength(DivisionRules.MaxName);
    }
}

public sealed class DivisionQuotaConfiguration : IEntityTypeConfiguration<DivisionQuota>
{
    public void Configure(EntityTypeBuilder<DivisionQuota> b)
    {
        b.HasOne(q => q.Division).WithMany(d => d.Quotas).HasForeignKey(q => q.DivisionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(q => q.FinalCategory).WithMany().HasForeignKey(q => q.FinalCategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(q => q.DivisionCategory).WithMany().HasForeignKey(q => q.DivisionCategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(q => new { q.DivisionId, q.FinalCategoryId }).IsUnique();
        b.HasIndex(q => q.DivisionCategoryId).IsUnique();
    }
}

public sealed class RecommendationConfiguration : IEntityTypeConfiguration<Recommendation>
{
    public void Configure(EntityTypeBuilder<Recommendation> b)
    {
        b.HasOne(r => r.Division).WithMany().HasForeignKey(r => r.DivisionId).OnDelete(DeleteBehavior.Restrict);
        // One recommendation per division entry and one per final entry: two clicks at once cannot make two.
        b.HasOne(r => r.SourceEntry).WithMany().HasForeignKey(r => r.SourceEntryId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => r.SourceEntryId).IsUnique();
        b.HasOne(r => r.FinalEntry).WithMany().HasForeignKey(r => r.FinalEntryId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => r.FinalEntryId).IsUnique();
        b.HasIndex(r => new { r.DivisionId, r.FinalCategoryId, r.QuotaSlot }).IsUnique();
        b.Property(r => r.Reason).HasMaxLength(DivisionRules.MaxReason);
        b.Property(r => r.RecommendedById).HasMaxLength(450);
    }
}
