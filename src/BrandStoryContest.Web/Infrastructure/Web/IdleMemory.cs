namespace BrandStoryContest.Web.Infrastructure.Web;

/// <summary>
/// Start-up (migrations, building EF's model, creating the storage containers) and the demo seed are one-off bursts of
/// allocation. Their garbage stays in the GC's committed heap until later allocation triggers a full collection, which
/// on a quiet instance may never come: one aggressive collection right after each burst hands it back to the OS
/// (docs/performance.md, "Memory": measured by the bench's memory part).
/// </summary>
public static class IdleMemory
{
    public static void GiveBack() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
