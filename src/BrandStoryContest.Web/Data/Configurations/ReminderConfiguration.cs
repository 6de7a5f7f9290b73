using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BrandStoryContest.Web.Data.Configurations;

public sealed class ReminderConfiguration : IEntityTypeConfiguration<ReminderSent>
{
    public void Configure(EntityTypeBuilder<ReminderSent> b)
    {
        b.ToTable("RemindersSent");
        // The at-most-once promise: a second claim of the same reminder fails here, with its mail in the same transaction.
        b.HasIndex(r => new { r.Kind, r.RecipientId, r.TargetId, r.OffsetHours }).IsUnique();
        b.Property(r => r.RecipientId).HasMaxLength(450);
    }
}
