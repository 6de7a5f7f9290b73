using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;

namespace BrandStoryContest.Web.Infrastructure.Web;

public static class Audit
{
    /// <summary>Adds the audit row to the same unit of work as the change, so both are saved or neither.</summary>
    public static void Record(this ContestDb db, TimeProvider clock, string actorId, string action, string entityType,
        object entityId, string? oldValue = null, string? newValue = null, string? reason = null) =>
        db.Audit.Add(new AuditEntry
        {
            At = clock.GetUtcNow(), ActorId = actorId, Action = action, EntityType = entityType,
            EntityId = entityId.ToString() ?? "", OldValue = oldValue, NewValue = newValue, Reason = reason,
        });
}
