using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.PublicVote;

/// <summary>
/// A public vote for an entry of a round. As with gallery likes, the unique index (entry, voter, day key) decides
/// "once per day / once per round", also when two posts race. <paramref name="IpAddress"/> is the client address
/// the controller saw, kept for the fraud signals; it is never taken from the form.
/// </summary>
public sealed record CastRoundVoteCommand(int RoundId, int EntryId, string? IpAddress) : ICommand<Result<Result.Done>>;

public sealed class CastRoundVoteHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<CastRoundVoteCommand, Result<Result.Done>>
{
    public async ValueTask<Result<Result.Done>> Handle(CastRoundVoteCommand cmd, CancellationToken ct)
    {
        var me = user.RequiredId();
        var now = clock.GetUtcNow();
        var round = await db.VotableRoundAsync(cmd.RoundId, ct);
        if (round is null) return Result.NotFound;
        // Only entries shown on the voting page: an entry without publication consent is "not found" here too.
        if (!await db.RoundCandidates(round).InPublicVote().AnyAsync(e => e.Id == cmd.EntryId, ct)) return Result.NotFound;
        if (!round.IsPublicVotingOpen(now)) return Result.Refuse("Voting is not open.");
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
            return Result.Refuse(contest.VotePerDay ? "You have already voted for this entry today." : "You have already voted for this entry in this round.");
        }
        return Result.Ok();
    }
}
