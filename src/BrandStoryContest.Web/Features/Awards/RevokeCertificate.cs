using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Awards;

/// <summary>A revoked certificate still verifies, as revoked with the reason, so a printed copy cannot pass as valid.</summary>
public sealed class RevokeCertificateCommand : ICommand<Result<int>>
{
    public string Number { get; set; } = "";
    public string Reason { get; set; } = "";
}

public sealed class RevokeCertificateValidator : AbstractValidator<RevokeCertificateCommand>
{
    public RevokeCertificateValidator(IStringLocalizer<SharedResource> L) =>
        RuleFor(c => c.Reason).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => L["Give the reason (at most {0} characters).", 500])
            .MaximumLength(500).WithMessage(_ => L["Give the reason (at most {0} characters).", 500]);
}

public sealed class RevokeCertificateHandler(ContestDb db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<RevokeCertificateCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(RevokeCertificateCommand cmd, CancellationToken ct)
    {
        var certificate = await db.Certificates.Include(c => c.Award).ThenInclude(a => a.Entry).ThenInclude(e => e.Contest)
            .SingleOrDefaultAsync(c => c.Number == cmd.Number, ct);
        if (certificate is null || !user.CanManage(certificate.Award.Entry.Contest)) return Result.NotFound;
        var contestId = certificate.Award.Entry.ContestId;
        if (certificate.RevokedAt is not null) return new RuleViolation("", "This certificate is already revoked.");
        certificate.RevokedAt = clock.GetUtcNow();
        certificate.RevokedReason = cmd.Reason.Trim();
        db.Record(clock, user.RequiredId(), "RevokeCertificate", "Certificate", certificate.Number, "valid", "revoked", certificate.RevokedReason);
        await db.SaveChangesAsync(ct);
        return contestId;
    }
}
