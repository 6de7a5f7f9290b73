using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Judging;

/// <summary>
/// Evidence that a judge watched or read: the film player reports the ranges it played (the browser's own
/// merged "played" ranges), the story page the seconds it was in front. Ranges are merged with what was
/// stored, so seeking and replaying never inflate the share.
/// </summary>
public sealed class RecordViewingCommand : ICommand<Result<double>>
{
    public int AssignmentId { get; set; }
    public List<double[]> Ranges { get; set; } = [];
    public int ReadingSeconds { get; set; }
}

public sealed class RecordViewingHandler(ContestDb db, ICurrentUser user) : ICommandHandler<RecordViewingCommand, Result<double>>
{
    /// <summary>Reports come every few seconds; more than this in one report is not believable.</summary>
    public const int MaxReadingSecondsPerReport = 120;

    public async ValueTask<Result<double>> Handle(RecordViewingCommand cmd, CancellationToken ct)
    {
        var me = user.RequiredId();
        var a = await db.ReachableAsync(db.Assignments, me, cmd.AssignmentId, write: true, ct);
        if (a is null) return Result.NotFound;
        if (a.Entry.DurationSeconds is { } duration && cmd.Ranges.Count > 0)
        {
            var reported = cmd.Ranges.Take(Viewing.MaxRanges).Where(r => r.Length == 2 && double.IsFinite(r[0]) && double.IsFinite(r[1])).Select(r => (r[0], r[1]));
            var merged = Viewing.Merge(Viewing.Parse(a.WatchedRanges).Concat(reported), duration);
            a.WatchedRanges = Viewing.Format(merged.Take(Viewing.MaxRanges));
            a.WatchedFraction = Viewing.Fraction(merged, duration);
        }
        a.ReadingSeconds += Math.Clamp(cmd.ReadingSeconds, 0, MaxReadingSecondsPerReport);
        await db.SaveChangesAsync(ct);
        return a.WatchedFraction ?? 0;
    }
}
