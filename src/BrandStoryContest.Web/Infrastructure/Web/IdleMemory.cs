using System.Runtime.InteropServices;

namespace BrandStoryContest.Web.Infrastructure.Web;

/// <summary>
/// Start-up (migrations, building EF's model, creating the storage containers) and the demo seed are one-off bursts of
/// allocation. Their garbage stays in the GC's committed heap until later allocation triggers a full collection, which
/// on a quiet instance may never come: one aggressive collection right after each burst hands it back to the OS
/// (docs/performance.md, "Memory": measured by the bench's memory part). The same burst leaves freed blocks in glibc's
/// native heap (the runtime's and SQLite's own allocations), which glibc keeps mapped unless they sit at the very top of
/// the heap: malloc_trim hands back the free pages inside it too.
/// </summary>
public static class IdleMemory
{
    public static void GiveBack()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        if (!OperatingSystem.IsLinux()) return;
        try { _ = MallocTrim(0); }
        // musl (Alpine) has no malloc_trim; its allocator hands free pages back on its own.
        catch (EntryPointNotFoundException) { }
        catch (DllNotFoundException) { }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
