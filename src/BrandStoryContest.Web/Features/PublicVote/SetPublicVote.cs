using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.PublicVote;

/// <summary>
/// The organizer's public-vote settings of a round: how much of the combined score the public decides, when the
/// public may vote (typed in the contest's time zone) and the optional cut-off. No window = no public vote.
/// </summary>
public sealed class SetPublicVoteCommand : ICommand<Result<Result.Done>>
{
    public int RoundId { get; set; }
    public int PublicWeightPercent { get; set; }
    public DateTime? VotingOpens { get; set; }
    public DateTime? VotingCloses { get; set; }
    public int? VoteCutoff { get; set; }

    // Shown on the form only; the handler reads the round itself.
    public string RoundName { get; set; } = "";
    public string TimeZoneId { get; set; } = ContestTime.DefaultZone;
}

public sealed class SetPublicVoteValidator : AbstractValidator<SetPublicVoteCommand>
{
    public SetPublicVoteValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(c => c.PublicWeightPercent).InclusiveBetween(0, 100).WithMessage(_ => L["Between 0 and 100 percent."]);
        RuleFor(c => c.VotingCloses).GreaterThan(c => c.VotingOpens).When(c => c.VotingOpens is not null && c.VotingCloses is not null)
            .WithMessage(_ => L["Voting must close after it opens."]);
        RuleFor(c => c.VotingOpens).NotNull().When(c => c.VotingCloses is not null).WithMessage(_ => L["Give both when voting opens and when it closes."]);
        RuleFor(c => c.VotingCloses).NotNull().When(c => c.VotingOpens is not null).WithMessage(_ => L["Give both when voting opens and when it closes."]);
        RuleFor(c => c.VotingOpens).NotNull().When(c => c.PublicWeightPercent > 0 || c.VoteCutoff is not null)
            .WithMessage(_ => L["A public weight or a cut-off needs a voting period."]);
        RuleFor(c => c.VoteCutoff).GreaterThanOrEqualTo(1).When(c => c.VoteCutoff is not null).WithMessage(_ => L["The cut-off is at least 1 entry."]);
    }
}

public sealed class SetPublicVoteHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<SetPublicVoteCommand, Result<Result.Done>>
{
    public async ValueTask<Result<Result.Done>> Handle(SetPublicVoteCommand cmd, CancellationToken ct)
    {
        var round = await db.ManagedRoundAsync(user, cmd.RoundId, ct);
        if (round is null) return Result.NotFound;
        // A finalized round's ranking has fed advancement and awards; changing its formula afterwards would rewrite them.
        if (round.State == RoundState.Finalized) return Result.Refuse("The round is finalized: its public vote can no longer change.");
        var zone = round.Category.Contest.TimeZoneId;
        var before = Describe(round);
        round.PublicWeightPercent = cmd.PublicWeightPercent;
        round.VotingOpensAt = cmd.VotingOpens is { } opens ? ContestTime.FromLocal(opens, zone) : null;
        round.VotingClosesAt = cmd.VotingCloses is { } closes ? ContestTime.FromLocal(closes, zone) : null;
        round.VoteCutoff = cmd.VoteCutoff;
        round.Version++;
        db.Record(clock, user.RequiredId(), "SetPublicVote", "Round", round.Id, before, Describe(round));
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    private static string Describe(Round r) =>
        $"public {r.PublicWeightPercent}%, {r.VotingOpensAt:u}–{r.VotingClosesAt:u}, cut-off {r.VoteCutoff?.ToString() ?? "none"}";
}
