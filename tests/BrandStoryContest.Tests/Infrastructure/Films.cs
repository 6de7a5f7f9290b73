using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Infrastructure;

/// <summary>Drives the film upload endpoints the way wwwroot/js/upload.js does.</summary>
public sealed class Films(AppFactory app, Browserless web, int entryId)
{
    private string? token;

    /// <summary>A new filmmaker, signed in, with a draft film entry in a fresh test contest.</summary>
    public static async Task<(Contest Contest, int EntryId, Browserless Web, Films Films)> NewFilmEntryAsync(AppFactory app, Action<Contest>? change = null)
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer, change);
        var filmmaker = await app.CreateUserAsync(Roles.Entrant, realName: "刘一鸣");
        var web = Browserless.For(app);
        await web.SignInAsync(filmmaker.Email!, AppFactory.TestPassword);
        var started = await web.PostFormAsync($"/contests/{contest.Id}", "/entries/new", new Dictionary<string, string>
        {
            ["CategoryId"] = contest.Categories.Single(c => c.Kind == CategoryKind.Film).Id.ToString(),
        });
        var id = int.Parse(started.Headers.Location!.ToString().Split('/')[2]);
        return (contest, id, web, new Films(app, web, id));
    }

    private async Task<HttpRequestMessage> RequestAsync(HttpMethod method, string url, HttpContent? content = null)
    {
        token ??= Browserless.AntiforgeryToken(await web.GetHtmlAsync($"/entries/{entryId}/edit"));
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Add("RequestVerificationToken", token);
        request.Headers.Accept.ParseAdd("application/json");
        return request;
    }

    public sealed record Plan(string UploadId, int ChunkBytes, int ChunkCount, int[] Received);

    public async Task<(HttpStatusCode Status, Plan? Plan, string? Error)> StartAsync(string fileName, long size, long lastModified = 1)
    {
        var response = await web.Client.SendAsync(await RequestAsync(HttpMethod.Post, $"/entries/{entryId}/film/uploads",
            JsonContent.Create(new { fileName, totalBytes = size, lastModified })));
        var json = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) return (response.StatusCode, null, Error(json));
        return (response.StatusCode, JsonSerializer.Deserialize<Plan>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web)), null);
    }

    /// <summary>Starts an upload with a hand-made JSON body, as a script other than upload.js might.</summary>
    public async Task<(HttpStatusCode Status, string? Error)> StartRawAsync(string body)
    {
        var response = await web.Client.SendAsync(await RequestAsync(HttpMethod.Post, $"/entries/{entryId}/film/uploads",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json")));
        return (response.StatusCode, Error(await response.Content.ReadAsStringAsync()));
    }

    public async Task<(HttpStatusCode Status, string? Error)> PutChunkAsync(Plan plan, byte[] file, int index)
    {
        var offset = index * plan.ChunkBytes;
        var length = Math.Min(plan.ChunkBytes, file.Length - offset);
        var content = new ByteArrayContent(file, offset, length);
        var response = await web.Client.SendAsync(await RequestAsync(HttpMethod.Put, $"/film-uploads/{plan.UploadId}/chunks/{index}", content));
        return (response.StatusCode, response.IsSuccessStatusCode ? null : Error(await response.Content.ReadAsStringAsync()));
    }

    public async Task<(HttpStatusCode Status, string? Error)> CompleteAsync(Plan plan)
    {
        var response = await web.Client.SendAsync(await RequestAsync(HttpMethod.Post, $"/film-uploads/{plan.UploadId}/complete"));
        return (response.StatusCode, response.IsSuccessStatusCode ? null : Error(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>The whole upload; returns the first refusal, if any.</summary>
    public async Task<string?> UploadAsync(string fileName, byte[] file)
    {
        var (_, plan, error) = await StartAsync(fileName, file.Length);
        if (plan is null) return error;
        for (var i = 0; i < plan.ChunkCount; i++)
            if ((await PutChunkAsync(plan, file, i)).Error is { } e) return e;
        return (await CompleteAsync(plan)).Error;
    }

    /// <summary>Waits for the real worker to decide; the job runs ffprobe and ffmpeg for real.</summary>
    public async Task<Entry> WaitForDecisionAsync(TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < until)
        {
            var entry = await app.DbAsync(db => db.Entries.AsNoTracking().SingleAsync(e => e.Id == entryId));
            if (entry.FilmStatus is FilmStatus.Ready or FilmStatus.Rejected) return entry;
            await Task.Delay(250);
        }
        throw new TimeoutException($"The film of entry {entryId} was not processed in time.");
    }

    private static string? Error(string json)
    {
        try { return JsonDocument.Parse(json).RootElement.GetProperty("error").GetString(); }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException) { return json; }
    }
}
