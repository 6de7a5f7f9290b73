using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Media;
using BrandStoryContest.Web.Infrastructure.Storage;
using BrandStoryContest.Web.Infrastructure.Web;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;

namespace BrandStoryContest.Web.Features.Awards;

/// <summary>
/// The seal printed on certificates. Re-encoded like every uploaded picture (which makes it a JPEG: a
/// transparent PNG seal loses its transparency and prints on a white square).
/// </summary>
public sealed record SetCertificateSealCommand(int ContestId, long Length, Stream? Content) : ICommand<Result<Result.Done>>;

public sealed class SetCertificateSealHandler(ContestDb db, ICurrentUser user, IBlobStore blobs, IMediaProbe media, TimeProvider clock)
    : ICommandHandler<SetCertificateSealCommand, Result<Result.Done>>
{
    public async ValueTask<Result<Result.Done>> Handle(SetCertificateSealCommand cmd, CancellationToken ct)
    {
        var contest = await db.ManagedContestAsync(user, cmd.ContestId, ct);
        if (contest is null) return Result.NotFound;
        if (cmd.Content is null) return new RuleViolation("File", "Choose an image file.");
        if (cmd.Length > ImageUpload.MaxBytes) return new RuleViolation("File", "The image is too large (at most 10 MB).");
        var seal = $"contests/{contest.Id}/seal-{Guid.NewGuid():N}.jpg";
        if (!await ImageUpload.StoreAsync(cmd.Content, 400, seal, media, blobs, ct))
            return new RuleViolation("File", "The file is not an image we can read (JPEG, PNG or WebP).");
        var old = contest.SealBlob;
        contest.SealBlob = seal;
        db.Record(clock, user.RequiredId(), "SetCertificateSeal", "Contest", contest.Id, old, contest.SealBlob);
        await db.SaveChangesAsync(ct);
        if (old is not null) await blobs.DeleteAsync(old, ct);
        return Result.Ok();
    }
}
