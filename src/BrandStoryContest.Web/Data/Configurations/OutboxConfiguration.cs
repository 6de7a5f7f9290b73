using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BrandStoryContest.Web.Data.Configurations;

public sealed class OutboxConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.Property(m => m.Kind).HasMaxLength(64);
        b.Property(m => m.To).HasMaxLength(256);
        b.Property(m => m.Language).HasMaxLength(8);
        b.Property(m => m.MessageId).HasMaxLength(200);
        b.Property(m => m.LeaseOwner).HasMaxLength(100);
        b.Property(m => m.LastError).HasMaxLength(2000);
        b.HasIndex(m => m.MessageId).IsUnique();
        // The dispatcher's claim looks for due pending rows and expired leases.
        b.HasIndex(m => new { m.State, m.NextAttemptAt });
        // The outbox page filters by contest (an organizer's only way in) and state.
        b.HasIndex(m => new { m.ContestId, m.State });
    }
}
