using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Entries;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Judging;

/// <summary>
/// Everything a judge needs to score one entry, and nothing that names its author: no entrant name,
/// organization, email or profile, and attachment names are replaced by a neutral one.
/// </summary>
public sealed record ScoreSheetView(int AssignmentId, int EntryId, string? EntryNumber, string Title, string CategoryName, CategoryKind Kind,
    string SafeStoryHtml, int StoryLength, string? Synopsis, string? BrandFeatured, bool HasFilm, bool HasPoster, bool HasSubtitles, bool HasAttachment,
    string RoundName, RoundState RoundState, IReadOnlyList<Criterion> Criteria, IReadOnlyDictionary<int, int> Scores, string? Comment,
    double? Total, int Version, int? PreviousId, int? NextId, int Scored, int Assigned, IReadOnlyList<JudgeNote> Notes,
    IReadOnlyList<ShownAnswer>? Answers = null);

/// <summary>A custom field's answer as a judge reads it: label in the judge's language, phone and ID numbers masked.</summary>
public sealed record ShownAnswer(string Label, string Value);

public sealed record ScoreSheetQuery(int AssignmentId, string Language) : IQuery<Result<ScoreSheetView>>;

public sealed class ScoreSheetHandler(ContestDb db, ICurrentUser user, JudgeVersionReads versions) : IQueryHandler<ScoreSheetQuery, Result<ScoreSheetView>>
{
    public async ValueTask<Result<ScoreSheetView>> Handle(ScoreSheetQuery query, CancellationToken ct)
    {
        var me = user.RequiredId();
        // Kept per judge, sheet and language under the judge's data versions, read before the rows (VersionedMemo).
        var version = await versions.ForJudgeAsync(db, me, ct);
        return await VersionedMemo.GetOrComputeAsync(db, $"sheet|{me}|{query.AssignmentId}|{query.Language}|{version}", () => ReadAsync(me, query, ct),
            r => r.IsOk ? 1 + (r.Value.SafeStoryHtml.Length + (r.Value.Synopsis?.Length ?? 0)) / 1_000 : 1);
    }

    private async Task<Result<ScoreSheetView>> ReadAsync(string me, ScoreSheetQuery query, CancellationToken ct)
    {
        // One connection for the sheet's eight queries (see MyAssignmentsHandler).
        await db.Database.OpenConnectionAsync(ct);
        // The judging rule of JudgingAccess.ReachAsync, read for the sheet and its neighbours at once: ReachableBy
        // (own assignment, submitted entry, round shown to judges), then the conflict check over the round's list,
        // which must hold this assignment too.
        var a = await db.Assignments.AsNoTracking().Include(x => x.Scores).Include(x => x.Entry).ThenInclude(e => e.Category).Include(x => x.Round)
            .ReachableBy(me).SingleOrDefaultAsync(x => x.Id == query.AssignmentId, ct);
        if (a is null) return Result.NotFound;
        var conflicts = await JudgeConflicts.LoadAsync(db, me, ct);
        var siblings = (await db.Assignments.AsNoTracking().ReachableBy(me).Where(x => x.RoundId == a.RoundId)
                .OrderBy(x => x.Entry.Number)
                .Select(x => new
                {
                    x.Id, x.Total, x.EntryId, x.Entry.EntrantId,
                    Organization = x.Entry.EntrantName != null ? x.Entry.EntrantOrganization : x.Entry.Entrant.Organization,
                }).ToListAsync(ct))
            .Where(x => !conflicts.Bar(a.Entry.ContestId, x.EntryId, x.EntrantId, x.Organization)).ToList();
        var index = siblings.FindIndex(x => x.Id == a.Id);
        if (index < 0) return Result.NotFound;
        var criteria = await db.Criteria.AsNoTracking().Where(c => c.RoundId == a.RoundId).OrderBy(c => c.Order).ToListAsync(ct);
        var e = a.Entry;
        return new ScoreSheetView(a.Id, e.Id, e.Number, e.Title, e.Category.Name(query.Language), e.Category.Kind,
            e.Category.Kind == CategoryKind.Story ? StoryMarkdown.ToSafeHtml(e.RedactedBody ?? e.Body) : "", StoryText.Length(e.RedactedBody ?? e.Body), e.Synopsis, e.BrandFeatured,
            // Judges get the judging copy only; a film accepted before those existed waits for its own.
            e.FilmStatus == FilmStatus.Ready && e.JudgingFilmBlob is not null, e.PosterBlob is not null, e.SubtitleBlob is not null,
            e.AttachmentBlob is not null && !e.AttachmentUnreadable,
            a.Round.Name, a.Round.State, criteria, a.Scores.ToDictionary(s => s.CriterionId, s => s.Value),
            a.Comment, a.Total, a.Version, index > 0 ? siblings[index - 1].Id : null, index < siblings.Count - 1 ? siblings[index + 1].Id : null,
            siblings.Count(s => s.Total is not null), siblings.Count,
            await db.JudgeNotes.AsNoTracking().Where(n => n.AssignmentId == a.Id).OrderBy(n => n.AtSeconds).ToListAsync(ct),
            await JudgeAnswersAsync(e.Id, query.Language, ct));
    }

    /// <summary>
    /// Only fields that do not identify the entrant, of the current form, and never files (see ReadFieldFile):
    /// identifying answers never leave the database towards a judge.
    /// </summary>
    private async Task<IReadOnlyList<ShownAnswer>> JudgeAnswersAsync(int entryId, string language, CancellationToken ct) =>
        (await db.EntryFieldAnswers.AsNoTracking().Where(x => x.EntryId == entryId && !x.Field.Identifying && !x.Field.Archived && x.Field.Kind != FieldKind.File)
            .Select(x => new { x.Field, x.Value }).ToListAsync(ct))
        .OrderBy(x => x.Field.Order)
        .Select(x => new ShownAnswer(x.Field.Label(language), FieldRules.Mask(x.Field.Kind, x.Value).Replace("\n", "、"))).ToList();
}
