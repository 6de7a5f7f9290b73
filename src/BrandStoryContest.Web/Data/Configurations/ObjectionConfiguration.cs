using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BrandStoryContest.Web.Data.Configurations;

public sealed class ObjectionConfiguration : IEntityTypeConfiguration<Objection>
{
    public void Configure(EntityTypeBuilder<Objection> b)
    {
        // One objection per person per entry: a second one would only repeat the first (and flood the organizer).
        b.HasIndex(o => new { o.EntryId, o.FiledById }).IsUnique();
        b.HasIndex(o => new { o.ContestId, o.State });
        b.Property(o => o.Reason).HasMaxLength(Objection.MaxReasonLength);
        b.Property(o => o.Decision).HasMaxLength(1000);
        b.Property(o => o.EvidenceBlob).HasMaxLength(200);
        b.Property(o => o.EvidenceFileName).HasMaxLength(200);
        b.HasOne(o => o.Entry).WithMany().HasForeignKey(o => o.EntryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(o => o.FiledBy).WithMany().HasForeignKey(o => o.FiledById).OnDelete(DeleteBehavior.Restrict);
    }
}
