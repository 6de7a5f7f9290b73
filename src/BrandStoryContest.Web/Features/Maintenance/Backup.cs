using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Infrastructure.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Maintenance;

/// <summary>
/// `dotnet BrandStoryContest.Web.dll backup FOLDER` copies the SQLite database (an online, consistent copy
/// through SQLite's backup API) and every blob of the media container into FOLDER; `restore FOLDER` puts
/// both back. Blobs are copied after the database, so every blob a backed-up row points at is in the copy.
/// </summary>
public static class Backup
{
    public static async Task<int> RunAsync(string verb, string folder, IServiceProvider services, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestDb>();
        if (!db.Database.IsSqlite())
        {
            // A managed PostgreSQL has its own backups (point-in-time restore, pg_dump); blobs have the storage account's.
            await Console.Error.WriteLineAsync("backup/restore copy the SQLite database; on PostgreSQL use the server's backups (see docs/deployment.md).");
            return 2;
        }
        var blobs = scope.ServiceProvider.GetRequiredService<IBlobStore>();
        var dbFile = Path.Combine(folder, "contest.db");
        var blobFolder = Path.Combine(folder, "blobs");
        if (verb == "backup")
        {
            Directory.CreateDirectory(blobFolder);
            await using (var source = new SqliteConnection(db.Database.GetConnectionString()))
            await using (var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbFile, Pooling = false }.ToString()))
            {
                await source.OpenAsync(ct);
                await target.OpenAsync(ct);
                source.BackupDatabase(target);
            }
            var count = 0;
            await foreach (var (name, _) in blobs.ListAsync("", ct))
            {
                var path = Path.Combine(blobFolder, name.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await using var read = await blobs.OpenReadAsync(name, ct);
                if (read is null) continue;
                await using var write = File.Create(path);
                await read.CopyToAsync(write, ct);
                count++;
            }
            Console.WriteLine($"Backed up the database and {count} blobs to {folder}");
            return 0;
        }
        if (verb == "restore")
        {
            if (!File.Exists(dbFile)) { Console.Error.WriteLine($"No contest.db in {folder}"); return 2; }
            await using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dbFile, Pooling = false }.ToString()))
            await using (var target = new SqliteConnection(db.Database.GetConnectionString()))
            {
                await source.OpenAsync(ct);
                await target.OpenAsync(ct);
                source.BackupDatabase(target);
            }
            var count = 0;
            if (Directory.Exists(blobFolder))
                foreach (var path in Directory.EnumerateFiles(blobFolder, "*", SearchOption.AllDirectories))
                {
                    var name = Path.GetRelativePath(blobFolder, path).Replace(Path.DirectorySeparatorChar, '/');
                    await using var read = File.OpenRead(path);
                    await blobs.UploadAsync(name, read, ContentTypeOf(name), ct);
                    count++;
                }
            Console.WriteLine($"Restored the database and {count} blobs from {folder}");
            return 0;
        }
        Console.Error.WriteLine("usage: backup FOLDER | restore FOLDER");
        return 2;
    }

    private static string ContentTypeOf(string name) =>
        ContentTypes.Of(name) is var type && type == ContentTypes.Unknown && name.Contains("/film/") ? "video/mp4" : type;
}
