using System.Security.Cryptography;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Maintenance;
using BrandStoryContest.Web.Infrastructure.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BrandStoryContest.Tests.Reliability;

public sealed class MaintenanceTests(AppFactory app) : IClassFixture<AppFactory>
{
    private IBlobStore Blobs(AppFactory factory) => factory.Services.GetRequiredService<IBlobStore>();

    private async Task<Entry> StoryWithAttachmentAsync(AppFactory factory, byte[] attachment)
    {
        var organizer = await factory.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(factory, organizer);
        var writer = await factory.CreateUserAsync(Roles.Entrant, realName: "备份测试作者");
        var entry = new Entry
        {
            ContestId = contest.Id, CategoryId = contest.Categories.Single(c => c.Kind == CategoryKind.Story).Id, EntrantId = writer.Id,
            State = EntryState.Submitted, Number = $"{contest.Code}-S-0001", Title = "备份里的故事", Body = "质量第一。",
            AttachmentBlob = $"entries/{Guid.NewGuid():N}/attachment.pdf", AttachmentFileName = "故事.pdf",
            CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        await Blobs(factory).UploadAsync(entry.AttachmentBlob, new MemoryStream(attachment), "application/pdf", default);
        await factory.DbAsync(async db => { db.Entries.Add(entry); return await db.SaveChangesAsync(); });
        return entry;
    }

    [Fact]
    public async Task The_sweeper_deletes_only_old_blobs_that_no_row_points_at()
    {
        var entry = await StoryWithAttachmentAsync(app, "%PDF-1.4 kept"u8.ToArray());
        var orphan = $"entries/{Guid.NewGuid():N}/film/crashed-before-save";
        await Blobs(app).UploadAsync(orphan, new MemoryStream(new byte[1000]), "video/mp4", default);

        // Too young: a write may still be in flight.
        Assert.Equal(0, (await app.SendAsync(null, new SweepOrphanBlobsCommand(TimeSpan.FromHours(1)))).Value);
        Assert.NotNull(await Blobs(app).GetDetailsAsync(orphan, default));

        Assert.True((await app.SendAsync(null, new SweepOrphanBlobsCommand(TimeSpan.Zero))).Value >= 1);
        Assert.Null(await Blobs(app).GetDetailsAsync(orphan, default));
        Assert.NotNull(await Blobs(app).GetDetailsAsync(entry.AttachmentBlob!, default));
    }

    [Fact]
    public async Task A_backup_restored_into_an_empty_installation_has_every_entry_and_file()
    {
        var pdf = RandomNumberGenerator.GetBytes(50_000);
        "%PDF-"u8.CopyTo(pdf);
        var entry = await StoryWithAttachmentAsync(app, pdf);
        var folder = Directory.CreateTempSubdirectory("bsc-backup-").FullName;
        Assert.Equal(0, await Backup.RunAsync("backup", folder, app.Services, default));

        await using var fresh = new AppFactory();
        Assert.False(await fresh.DbAsync(db => db.Entries.AnyAsync(e => e.Title == "备份里的故事")));
        Assert.Equal(0, await Backup.RunAsync("restore", folder, fresh.Services, default));

        var restored = await fresh.DbAsync(db => db.Entries.Include(e => e.Entrant).SingleAsync(e => e.Number == entry.Number && e.ContestId == entry.ContestId));
        Assert.Equal(("备份里的故事", "备份测试作者"), (restored.Title, restored.Entrant.RealName));
        await using var file = await Blobs(fresh).OpenReadAsync(restored.AttachmentBlob!, default);
        Assert.Equal(SHA256.HashData(pdf), await SHA256.HashDataAsync(file!));
        Directory.Delete(folder, recursive: true);
    }
}
