using System.Globalization;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Awards;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Infrastructure.Mail;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Objections;

/// <summary>
/// The organizer decides an objection with a reason. Upheld: the entry is disqualified, loses its awards, and the
/// category's tiers are refilled by the quota rules (<see cref="AwardProposal.Refill"/>) from the final ranking;
/// new ties go back to the organizer. Dismissed: only the reason is recorded. Both sides are told.
/// </summary>
public sealed class DecideObjectionCommand : ICommand<Result<int>>
{
    public int ObjectionId { get; set; }
    public bool Uphold { get; set; }
    public string Decision { get; set; } = "";
}

public sealed class DecideObjectionValidator : AbstractValidator<DecideObjectionCommand>
{
    public DecideObjectionValidator(IStringLocalizer<SharedResource> L) =>
        RuleFor(c => c.Decision).Must(d => !string.IsNullOrWhiteSpace(d) && d.Trim().Length <= 1000)
            .WithMessage(_ => L["Give the reason for your decision (at most 1000 characters): both sides will read it."]);
}

/// <summary>To both sides (Mails/ObjectionDecided.*).</summary>
public sealed record ObjectionDecidedMail(string Entry, Bilingual Outcome, string Decision, string Link) : IMail;

/// <summary>To an entrant whose proposed award moved after an upheld objection (Mails/ProposedAwardChanged.*).</summary>
public sealed record ProposedAwardChangedMail(string Entry, Bilingual Award, string Link) : IMail;

public sealed class DecideObjectionHandler(ContestDb db, ICurrentUser user, TimeProvider clock, IMediator mediator, AppLinks links, Outbox outbox,
    IStringLocalizer<SharedResource> L)
    : ICommandHandler<DecideObjectionCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(DecideObjectionCommand cmd, CancellationToken ct)
    {
        var objection = await db.Objections.Include(o => o.FiledBy).Include(o => o.Entry).ThenInclude(e => e.Contest)
            .Include(o => o.Entry).ThenInclude(e => e.Entrant).SingleOrDefaultAsync(o => o.Id == cmd.ObjectionId, ct);
        if (objection is null || !user.CanManage(objection.Entry.Contest)) return Result.NotFound;
        var entry = objection.Entry;
        var contestId = entry.ContestId;
        if (objection.State != ObjectionState.Pending) return new RuleViolation("", "This objection is already decided.");
        if (!entry.Contest.InNotice) return new RuleViolation("", "Objections are decided during the notice period.");

        var me = user.RequiredId();
        var now = clock.GetUtcNow();
        var decision = cmd.Decision.Trim();
        Decide(objection, cmd.Uphold ? ObjectionState.Upheld : ObjectionState.Dismissed, decision, me, now);
        db.Record(clock, me, "DecideObjection", "Objection", objection.Id, "Pending", objection.State.ToString(), decision);
        var outcome = L.ForMail(cmd.Uphold ? "the objection is upheld and the entry is disqualified" : "the objection is dismissed");
        outbox.Queue(MailRecipient.Of(entry.Entrant), new ObjectionDecidedMail(entry.Title, outcome, decision, links.Absolute("/entries")), entry.Contest);
        if (objection.FiledBy.Email is not null)
            outbox.Queue(MailRecipient.Of(objection.FiledBy), new ObjectionDecidedMail(entry.Title, outcome, decision,
                links.Absolute($"/contests/{contestId}/notice")), entry.Contest);

        if (cmd.Uphold)
        {
            // Other objections to the same entry are answered by this one: the entry is out either way.
            foreach (var other in await db.Objections.Where(o => o.EntryId == entry.Id && o.Id != objection.Id && o.State == ObjectionState.Pending).ToListAsync(ct))
                Decide(other, ObjectionState.Upheld, $"#{objection.Id}: {decision}", me, now);
            entry.Disqualify(L.InBothOnOneLine("Objection upheld: {0}", decision), now);
            db.Record(clock, me, "DisqualifyEntry", "Entry", entry.Id, "Submitted", "Disqualified", decision);
            await RefillAsync(entry, objection.Id, ct);
        }
        await db.SaveChangesAsync(ct);
        return contestId;
    }

    private static void Decide(Objection o, ObjectionState state, string decision, string by, DateTimeOffset at)
    {
        o.State = state;
        o.Decision = decision;
        o.DecidedById = by;
        o.DecidedAt = at;
    }

    private async Task RefillAsync(Entry removed, int objectionId, CancellationToken ct)
    {
        db.Awards.RemoveRange(await db.Awards.Where(a => a.EntryId == removed.Id).ToListAsync(ct));
        var tiers = await db.AwardTiers.Where(t => t.CategoryId == removed.CategoryId && !t.IsSpecial).OrderBy(t => t.Order).ThenBy(t => t.Id).ToListAsync(ct);
        var tierById = tiers.ToDictionary(t => t.Id);
        var current = await db.Awards.Include(a => a.Entry).ThenInclude(e => e.Entrant)
            .Where(a => tierById.Keys.Contains(a.TierId) && a.EntryId != removed.Id).ToListAsync(ct);
        var round = await db.Rounds.AsNoTracking().Where(r => r.CategoryId == removed.CategoryId && r.State == RoundState.Finalized)
            .OrderByDescending(r => r.Sequence).FirstOrDefaultAsync(ct);
        IReadOnlyList<RankedEntry> ranking = round is null ? []
            : await mediator.Send(new RoundRankingQuery(round.Id), ct) is { IsOk: true } ranked ? ranked.Value.Rows.Select(r => r.Ranked).ToList() : [];
        var scores = ranking.ToDictionary(r => r.EntryId);

        static string Key(int tierId) => tierId.ToString(CultureInfo.InvariantCulture);
        var refill = AwardProposal.Refill(
            current.Select(a => new AwardHolder(a.EntryId, Key(a.TierId), scores.GetValueOrDefault(a.EntryId)?.Rank, scores.GetValueOrDefault(a.EntryId)?.Score)).ToList(),
            ranking, tiers.Select(t => new AwardTierQuota(Key(t.Id), t.Quota)).ToList(), new HashSet<int> { removed.Id });

        var now = clock.GetUtcNow();
        var me = user.RequiredId();
        var why = L.InBothOnOneLine("Refilled after objection #{0} was upheld", objectionId);
        var placed = refill.Awards.ToDictionary(a => a.EntryId, a => int.Parse(a.Tier, CultureInfo.InvariantCulture));
        foreach (var award in current.Where(a => placed.GetValueOrDefault(a.EntryId) != a.TierId))
        {
            var from = tierById[award.TierId];
            if (placed.TryGetValue(award.EntryId, out var to))
            {
                award.TierId = to;
                award.Reason = why;
                db.Record(clock, me, "RefillAward", "Entry", award.EntryId, from.NameZh, tierById[to].NameZh, why);
                Tell(award.Entry, tierById[to], removed.Contest);
            }
            else
            {
                // Now tied with others for fewer seats: the organizer places them (see the ties below).
                db.Awards.Remove(award);
                db.Record(clock, me, "RefillAward", "Entry", award.EntryId, from.NameZh, "tie", why);
            }
        }
        var held = current.Select(a => a.EntryId).ToHashSet();
        var newcomers = placed.Keys.Where(id => !held.Contains(id)).ToList();
        var newcomerEntries = await db.Entries.Include(e => e.Entrant).Where(e => newcomers.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        foreach (var entryId in newcomers)
        {
            var tierId = placed[entryId];
            db.Awards.Add(new Award
            {
                CategoryId = removed.CategoryId, EntryId = entryId, TierId = tierId, Rank = scores.GetValueOrDefault(entryId)?.Rank,
                Reason = why, CreatedAt = now,
            });
            db.Record(clock, me, "RefillAward", "Entry", entryId, "no award", tierById[tierId].NameZh, why);
            Tell(newcomerEntries[entryId], tierById[tierId], removed.Contest);
        }
        foreach (var tie in refill.Ties)
            db.AwardTies.Add(new AwardTie
            {
                CategoryId = removed.CategoryId, TierId = int.Parse(tie.Tier, CultureInfo.InvariantCulture),
                EntryIds = string.Join(',', tie.EntryIds), SeatsLeft = tie.SeatsLeft,
            });
    }

    private void Tell(Entry entry, AwardTier tier, Contest contest) =>
        outbox.Tell([Awardee.Of(entry, tier)], contest, a => new ProposedAwardChangedMail(a.Entry, a.Award, links.Absolute($"/contests/{entry.ContestId}/notice")));
}
