using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.PublicVote;

public sealed record CastRoundVoteResult(bool Found, RuleViolation? Refusal);

/// <summary>
/// A public vote for an entry of a round. As with gallery likes, the unique index (entry, voter, day key) decides
/// "once per day / once per round", also when two posts race. <paramref name="IpAddress"/> is the client address
/// the controller saw, kept for the fraud signals; it is never taken from the form.
/// </summary>
public sealed record CastRoundVoteCommand(int RoundId, int EntryId, string? IpAddress) : ICommand<CastRoundVoteResult>;

public sealed class CastRoundVoteHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<CastRoundVoteCommand, CastRoundVoteResult>
{
    public async ValueTask<CastRoundVoteResult> Handle(CastRoundVoteCommand cmd, CancellationToken ct)
    {
        var me = user.RequiredId();
        var now = clock.GetUtcNow();
        var round = await db.VotableRoundAsync(cmd.RoundId, ct);
        if (round is null) return new(false, null);
        // Only entries shown on the voting page: an entry without publication consent is "not found" here too.
        if (!await db.RoundCandidates(round).InPublicVote().AnyAsync(e => e.Id == cmd.EntryId, ct)) return new(false, null);
        if (!round.IsPublicVotingOpen(now)) return new(true, new("", "Voting is not open."));
        var contest = round.Category.Contest;
        db.Votes.Add(new Vote
        {
            EntryId = cmd.EntryId, ContestId = contest.Id, RoundId = round.Id, VoterId = me, DayKey = Vote.KeyFor(contest, round, now),
            CreatedAt = now, IpAddress = cmd.IpAddress,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseSetup.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return new(true, new("", contest.VotePerDay ? "You have already voted for this entry today." : "You have already voted for this entry in this round."));
        }
        return new(true, null);
    }
}
