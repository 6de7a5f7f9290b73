using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.PublicVote;

/// <summary>
/// The organizer voids the votes behind a fraud signal: one entry's votes from one IP range, or from accounts
/// registered less than <see cref="VoteSignals.NewAccountAge"/> before they voted, or both. Voided votes count
/// nowhere (counts, public score, cut-off) but stay on record with the reason; audit-logged. Not once the round
/// is finalized: its ranking fed advancement and awards. The result is how many votes were voided.
/// </summary>
public sealed class VoidVotesCommand : ICommand<Result<int>>
{
    public int RoundId { get; set; }
    public int EntryId { get; set; }
    public string? IpRange { get; set; }
    public bool NewAccountsOnly { get; set; }
    public string Reason { get; set; } = "";
}

public sealed class VoidVotesValidator : AbstractValidator<VoidVotesCommand>
{
    public VoidVotesValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(c => c.Reason).Must(r => !string.IsNullOrWhiteSpace(r) && r.Trim().Length <= 500)
            .WithMessage(_ => L["Give the reason for voiding these votes (at most 500 characters)."]);
        RuleFor(c => c.IpRange).MaximumLength(50).WithMessage(_ => L["An IP range has at most 50 characters."]);
        RuleFor(c => c).Must(c => !string.IsNullOrWhiteSpace(c.IpRange) || c.NewAccountsOnly)
            .WithName("IpRange").WithMessage(_ => L["Choose which votes to void: an IP range, new accounts, or both."]);
    }
}

public sealed class VoidVotesHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<VoidVotesCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(VoidVotesCommand cmd, CancellationToken ct)
    {
        var round = await db.ManagedRoundAsync(user, cmd.RoundId, ct);
        if (round is null) return Result.NotFound;
        if (round.State == RoundState.Finalized) return Result.Refuse("The round is finalized: its votes can no longer change.");
        var votes = await db.Votes.Where(v => v.RoundId == round.Id && v.EntryId == cmd.EntryId && v.VoidedAt == null)
            .Join(db.Users, v => v.VoterId, a => a.Id, (v, a) => new { Vote = v, Registered = a.CreatedAt }).ToListAsync(ct);
        var range = cmd.IpRange?.Trim();
        var chosen = votes
            .Where(x => string.IsNullOrEmpty(range) || Domain.IpRange.Of(x.Vote.IpAddress) == range)
            .Where(x => !cmd.NewAccountsOnly || x.Vote.CreatedAt - x.Registered < VoteSignals.NewAccountAge)
            .Select(x => x.Vote).ToList();
        var now = clock.GetUtcNow();
        var reason = cmd.Reason.Trim();
        foreach (var v in chosen)
        {
            v.VoidedAt = now;
            v.VoidReason = reason;
        }
        var criteria = string.Join(", ", new[] { string.IsNullOrEmpty(range) ? null : $"range {range}", cmd.NewAccountsOnly ? "new accounts" : null }.OfType<string>());
        db.Record(clock, user.RequiredId(), "VoidVotes", "Entry", cmd.EntryId, $"round {round.Id}: {votes.Count} votes",
            $"{chosen.Count} voided ({criteria})", reason);
        await db.SaveChangesAsync(ct);
        return chosen.Count;
    }
}
