using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Judging;

/// <summary>
/// Moves the best entries of a finalized round into the next round (created as a Draft with the same rubric).
/// By top N or by a score threshold; entries tied exactly at the cut-off advance only if the organizer ticks them.
/// </summary>
public sealed class AdvanceEntriesCommand : ICommand<Result<AdvanceEntriesResult>>
{
    public int RoundId { get; set; }
    public int? TopN { get; set; }
    public double? Threshold { get; set; }
    public string NextRoundName { get; set; } = "";
    public List<int> IncludeTied { get; set; } = [];
    /// <summary>False only previews: the organizer sees who advances and who is tied before deciding.</summary>
    public bool Confirm { get; set; }
}

/// <param name="NextRoundId">Null in a preview (<see cref="AdvanceEntriesCommand.Confirm"/> false): nothing was created yet.</param>
public sealed record AdvanceEntriesResult(IReadOnlyList<int> Advancing, IReadOnlyList<int> TiedAtCutoff, int? NextRoundId);

/// <summary>The preview page: what the organizer asked for and who would advance.</summary>
public sealed record AdvancePreview(AdvanceEntriesCommand Command, AdvanceEntriesResult Result);

public sealed class AdvanceEntriesHandler(ContestDb db, ICurrentUser user, TimeProvider clock, IMediator mediator)
    : ICommandHandler<AdvanceEntriesCommand, Result<AdvanceEntriesResult>>
{
    public async ValueTask<Result<AdvanceEntriesResult>> Handle(AdvanceEntriesCommand cmd, CancellationToken ct)
    {
        var round = await db.ManagedRoundAsync(user, cmd.RoundId, ct);
        if (round is null) return Result.NotFound;
        if (round.State != RoundState.Finalized) return Result.Refuse("Finalize the round before advancing entries.");
        if ((cmd.NextRoundName ?? "").Length > 100) return new RuleViolation("NextRoundName", "Name the round (at most 100 characters).");
        if (cmd.TopN is null == cmd.Threshold is null) return Result.Refuse("Choose either a number of entries or a minimum score.");
        var ranking = (await mediator.Send(new RoundRankingQuery(round.Id), ct)).Value.Rows.Select(r => r.Ranked).ToList();
        var result = cmd.TopN is { } n ? Advancement.TopN(ranking, n) : Advancement.Threshold(ranking, cmd.Threshold!.Value);
        var chosen = result.Advancing.Concat(cmd.IncludeTied.Where(result.TiedAtCutoff.Contains)).ToList();
        if (!cmd.Confirm) return new AdvanceEntriesResult(result.Advancing, result.TiedAtCutoff, null);
        if (await db.Rounds.AnyAsync(r => r.CategoryId == round.CategoryId && r.Sequence == round.Sequence + 1, ct))
            return Result.Refuse("The next round already exists.");

        var next = new Round
        {
            CategoryId = round.CategoryId, Name = string.IsNullOrWhiteSpace(cmd.NextRoundName) ? $"{round.Name} +1" : cmd.NextRoundName.Trim(),
            Sequence = round.Sequence + 1, JudgesPerEntry = round.JudgesPerEntry, Method = round.Method, Blind = round.Blind, Seed = round.Seed, MinWatchedFraction = round.MinWatchedFraction,
            Criteria = round.Criteria.Select(c => new Criterion { Name = c.Name, NameEn = c.NameEn, Weight = c.Weight, MinScore = c.MinScore, MaxScore = c.MaxScore, Guidance = c.Guidance, Order = c.Order }).ToList(),
        };
        db.Rounds.Add(next);
        await db.SaveChangesAsync(ct);
        foreach (var id in chosen) db.RoundEntries.Add(new RoundEntry { RoundId = next.Id, EntryId = id });
        db.Record(clock, user.RequiredId(), "AdvanceEntries", "Round", round.Id, null,
            $"{chosen.Count} entries to round {next.Id}" + (cmd.IncludeTied.Count > 0 ? $"; tied included: {string.Join(",", cmd.IncludeTied)}" : ""));
        await db.SaveChangesAsync(ct);
        return new AdvanceEntriesResult(chosen, result.TiedAtCutoff, next.Id);
    }
}
