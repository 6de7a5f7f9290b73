using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Storage;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Maintenance;

/// <summary>
/// Deletes blobs no row points at: what a crash between "blob written" and "row saved" leaves behind, or the
/// old file of a replacement when the delete after the save failed. Only blobs older than <see cref="MinAge"/>
/// go, so a write still in flight is never mistaken for an orphan.
/// </summary>
public sealed record SweepOrphanBlobsCommand(TimeSpan MinAge) : ICommand<Result<int>>;

public sealed class SweepOrphanBlobsHandler(ContestDb db, IBlobStore blobs, TimeProvider clock, ILogger<SweepOrphanBlobsHandler> log)
    : ICommandHandler<SweepOrphanBlobsCommand, Result<int>>
{
    /// <summary>Prefixes whose blobs are owned by entries and contests; others (certificates) have their own lifecycle.</summary>
    private static readonly string[] Swept = ["entries/", "contests/"];

    public async ValueTask<Result<int>> Handle(SweepOrphanBlobsCommand cmd, CancellationToken ct)
    {
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var e in db.Entries.AsNoTracking().Select(e => new { e.FilmBlob, e.PosterBlob, e.StripBlob, e.JudgingFilmBlob, e.AttachmentBlob, e.CoverBlob, e.SubtitleBlob })
                           .AsAsyncEnumerable().WithCancellation(ct))
            foreach (var name in new[] { e.FilmBlob, e.PosterBlob, e.StripBlob, e.JudgingFilmBlob, e.AttachmentBlob, e.CoverBlob, e.SubtitleBlob })
                if (name is not null) referenced.Add(name);
        foreach (var name in await db.Contests.Where(c => c.CoverBlob != null).Select(c => c.CoverBlob!).ToListAsync(ct)) referenced.Add(name);
        // Files answering custom entry fields (AttachFieldFile) live under entries/ too.
        await foreach (var name in db.EntryFieldAnswers.AsNoTracking().Where(a => a.BlobName != null).Select(a => a.BlobName!).AsAsyncEnumerable().WithCancellation(ct))
            referenced.Add(name);
        // A film whose upload finished but whose entry row is not saved yet belongs to an open upload.
        foreach (var name in await db.FilmUploads.Where(u => u.CompletedAt == null).Select(u => u.BlobName).ToListAsync(ct)) referenced.Add(name);

        var cutoff = clock.GetUtcNow() - cmd.MinAge;
        var deleted = 0;
        foreach (var prefix in Swept)
            await foreach (var (name, modified) in blobs.ListAsync(prefix, ct))
                if (!referenced.Contains(name) && modified <= cutoff && await blobs.DeleteAsync(name, ct))
                {
                    deleted++;
                    log.LogInformation("Deleted orphan blob {Blob}", name);
                }
        return deleted;
    }
}

/// <summary>Runs the sweep every hour (and once shortly after start-up).</summary>
public sealed class OrphanBlobSweeper(IServiceScopeFactory scopes, IConfiguration config, ILogger<OrphanBlobSweeper> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var every = TimeSpan.FromMinutes(config.GetValue("Maintenance:SweepEveryMinutes", 60));
        var minAge = TimeSpan.FromMinutes(config.GetValue("Maintenance:OrphanMinAgeMinutes", 60));
        try { await Task.Delay(TimeSpan.FromMinutes(1), stop); } catch (OperationCanceledException) { return; }
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SweepOrphanBlobsCommand(minAge), stop);
            }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "Orphan blob sweep failed; it runs again later."); }
            try { await Task.Delay(every, stop); } catch (OperationCanceledException) { return; }
        }
    }
}
