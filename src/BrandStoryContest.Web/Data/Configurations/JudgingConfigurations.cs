using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BrandStoryContest.Web.Data.Configurations;

public sealed class PanelMemberConfiguration : IEntityTypeConfiguration<PanelMember>
{
    public void Configure(EntityTypeBuilder<PanelMember> b) => b.HasKey(p => new { p.CategoryId, p.JudgeId });
}

public sealed class ConflictConfiguration : IEntityTypeConfiguration<Conflict>
{
    public void Configure(EntityTypeBuilder<Conflict> b)
    {
        b.Property(c => c.Source).HasConversion<string>().HasMaxLength(24);
        b.HasIndex(c => new { c.ContestId, c.JudgeId, c.EntrantId }).IsUnique();
    }
}

public sealed class RoundConfiguration : IEntityTypeConfiguration<Round>
{
    public void Configure(EntityTypeBuilder<Round> b)
    {
        b.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Method).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => new { r.CategoryId, r.Sequence }).IsUnique();
        b.HasMany(r => r.Criteria).WithOne().HasForeignKey(c => c.RoundId);
    }
}

public sealed class RoundEntryConfiguration : IEntityTypeConfiguration<RoundEntry>
{
    public void Configure(EntityTypeBuilder<RoundEntry> b) => b.HasKey(r => new { r.RoundId, r.EntryId });
}

public sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> b)
    {
        b.HasIndex(a => new { a.RoundId, a.EntryId, a.JudgeId }).IsUnique();
        b.HasIndex(a => new { a.JudgeId, a.RoundId });
        // A round's scored count (the category's judging page) counted in the index.
        b.HasIndex(a => new { a.RoundId, a.Total });
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasMany(a => a.Scores).WithOne().HasForeignKey(s => s.AssignmentId);
        b.HasOne(a => a.Entry).WithMany().HasForeignKey(a => a.EntryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Judge).WithMany().HasForeignKey(a => a.JudgeId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CriterionScoreConfiguration : IEntityTypeConfiguration<CriterionScore>
{
    public void Configure(EntityTypeBuilder<CriterionScore> b) => b.HasKey(s => new { s.AssignmentId, s.CriterionId });
}

public sealed class JudgeNoteConfiguration : IEntityTypeConfiguration<JudgeNote>
{
    public void Configure(EntityTypeBuilder<JudgeNote> b)
    {
        b.Property(n => n.Text).HasMaxLength(500);
        b.HasIndex(n => n.AssignmentId);
        b.Ignore(n => n.Timestamp);
    }
}
