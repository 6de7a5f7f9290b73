using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Media;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Storage;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Contests;

public sealed record SetContestCoverCommand(int ContestId, long Length, Stream Content) : ICommand<Result<Result.Done>>;

public sealed class SetContestCoverHandler(ContestDb db, ICurrentUser user, IBlobStore blobs, IMediaProbe media)
    : ICommandHandler<SetContestCoverCommand, Result<Result.Done>>
{
    public async ValueTask<Result<Result.Done>> Handle(SetContestCoverCommand cmd, CancellationToken ct)
    {
        var contest = await db.Contests.SingleOrDefaultAsync(c => c.Id == cmd.ContestId, ct);
        if (contest is null || !user.CanManage(contest)) return Result.NotFound;
        if (cmd.Length > ImageUpload.MaxBytes) return new RuleViolation("File", "The image is too large (at most 10 MB).");
        var cover = $"contests/{contest.Id}/cover-{Guid.NewGuid():N}.jpg";
        if (!await ImageUpload.StoreAsync(cmd.Content, 1920, cover, media, blobs, ct))
            return new RuleViolation("File", "The file is not an image we can read (JPEG, PNG or WebP).");
        var old = contest.CoverBlob;
        contest.CoverBlob = cover;
        await db.SaveChangesAsync(ct);
        if (old is not null) await blobs.DeleteAsync(old, ct);
        return Result.Ok();
    }
}
