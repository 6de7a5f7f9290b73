using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Awards;

/// <summary>Per award: one certificate naming the whole team in order, or one for each author and instructor. Answers the contest id.</summary>
public sealed record SetCertificateModeCommand(int AwardId, bool PerPerson) : ICommand<Result<int>>;

public sealed class SetCertificateModeHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<SetCertificateModeCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(SetCertificateModeCommand cmd, CancellationToken ct)
    {
        var award = await db.Awards.Include(a => a.Entry).ThenInclude(e => e.Contest).SingleOrDefaultAsync(a => a.Id == cmd.AwardId, ct);
        if (award is null || !user.CanManage(award.Entry.Contest)) return Result.NotFound;
        if (award.CertificatePerPerson == cmd.PerPerson) return award.Entry.ContestId;
        // A printed certificate must keep saying what the verification page says: the choice is made before issuing.
        if (await db.Certificates.AnyAsync(c => c.AwardId == award.Id, ct))
            return Result.Refuse("Certificates of this award were issued already; the choice can no longer change.");
        award.CertificatePerPerson = cmd.PerPerson;
        db.Record(clock, user.RequiredId(), "SetCertificateMode", "Award", award.Id, newValue: cmd.PerPerson ? "per person" : "team");
        await db.SaveChangesAsync(ct);
        return award.Entry.ContestId;
    }
}
