using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Features.Media;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Media;

/// <summary>
/// Blind judging of films: judges, voters and the gallery get the judging copy that processing writes, never the
/// upload with its container tags, chapters, XMP, GPS and extra streams. The entrant and the organizer keep the original.
/// </summary>
public sealed class JudgingCopyTests(AppFactory app) : IClassFixture<AppFactory>
{
    // Everything in the upload that names its author; none of it may reach a judge, in any encoding.
    private static readonly string[] Traces =
        ["刘一鸣", "江城影像", "LiuYiming", "Liu Yiming", "+30.5928", "114.3055", "XmpLiu"];

    /// <summary>A 2 s H.264/AAC film whose tags, chapters, subtitle stream, handler name, XMP and GPS all name its author.</summary>
    private static async Task<byte[]> TaggedFilmAsync(string container)
    {
        var folder = Directory.CreateTempSubdirectory("bsc-tagged-").FullName;
        var chapters = Path.Combine(folder, "chapters.txt");
        await File.WriteAllTextAsync(chapters,
            ";FFMETADATA1\ntitle=LiuYiming 的作品\n\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1000\ntitle=第一章 导演刘一鸣\n" +
            "[CHAPTER]\nTIMEBASE=1/1000\nSTART=1000\nEND=2000\ntitle=Chapter two by LiuYiming\n");
        var subtitles = Path.Combine(folder, "subs.srt");
        await File.WriteAllTextAsync(subtitles, "1\n00:00:00,000 --> 00:00:01,500\n字幕 LiuYiming Subs\n");
        var film = Path.Combine(folder, $"film.{container}");
        await FfmpegCli.RunAsync(
            "-f", "lavfi", "-i", "testsrc2=s=640x360:r=25:d=2", "-f", "lavfi", "-i", "sine=f=440:d=2", "-i", chapters, "-i", subtitles,
            "-map", "0:v", "-map", "1:a", "-map", "3:s", "-map_metadata", "2", "-map_chapters", "2",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-c:s", "mov_text",
            "-metadata", "artist=刘一鸣 江城影像工作室", "-metadata", "comment=director Liu Yiming",
            "-metadata", "location=+30.5928+114.3055/", "-metadata:s:v:0", "handler_name=刘一鸣 Handler",
            "-metadata:s:a:0", "title=LiuYiming sound", "-t", "2", film);
        var bytes = WithXmp(await File.ReadAllBytesAsync(film));
        Directory.Delete(folder, recursive: true);
        return bytes;
    }

    /// <summary>
    /// Adds XMP the way Adobe tools store it: an XMP_ box in a udta inside moov (ffmpeg leaves moov last) and a
    /// top-level uuid box, both in UTF-8, plus a UTF-16 copy of the author's name.
    /// </summary>
    private static byte[] WithXmp(byte[] film)
    {
        var boxes = FfmpegCli.TopLevelBoxes(film);
        Assert.Equal("moov", boxes[^1].Type);
        var xmp = Encoding.UTF8.GetBytes("<x:xmpmeta xmlns:x='adobe:ns:meta/'><dc:creator>XmpLiu 刘一鸣</dc:creator></x:xmpmeta>")
            .Concat(Encoding.BigEndianUnicode.GetBytes("刘一鸣 XmpLiu")).ToArray();
        var udta = Box("udta", Box("XMP_", xmp));
        var moov = boxes[^1];
        var grown = film.Take((int)moov.Offset).Concat(Box("moov", [.. film.Skip((int)moov.Offset + 8), .. udta])).ToArray();
        byte[] xmpUuid = [0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8, 0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF, 0xAC];
        return [.. grown, .. Box("uuid", [.. xmpUuid, .. xmp])];
    }

    private static byte[] Box(string type, byte[] payload)
    {
        var size = payload.Length + 8;
        return [(byte)(size >> 24), (byte)(size >> 16), (byte)(size >> 8), (byte)size, .. Encoding.ASCII.GetBytes(type), .. payload];
    }

    private static bool Contains(byte[] haystack, string text) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0
        || haystack.AsSpan().IndexOf(Encoding.Unicode.GetBytes(text)) >= 0
        || haystack.AsSpan().IndexOf(Encoding.BigEndianUnicode.GetBytes(text)) >= 0;

    private sealed record FilmScene(int EntryId, Browserless Entrant, Browserless Organizer, Browserless Judge, Films Films);

    /// <summary>A filmmaker's entry, its film uploaded through the app and processed by the real worker, submitted and assigned to a judge in an open round.</summary>
    private async Task<FilmScene> JudgedFilmAsync(string fileName, byte[] film, Func<Films, Browserless, int, Task>? beforeSubmission = null)
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var films = contest.Categories.Single(c => c.Kind == CategoryKind.Film);
        var filmmaker = await app.CreateUserAsync(Roles.Entrant, realName: "刘一鸣", organization: "江城影像工作室");
        var entrant = Browserless.For(app);
        await entrant.SignInAsync(filmmaker.Email!, AppFactory.TestPassword);
        var started = await entrant.PostFormAsync($"/contests/{contest.Id}", "/entries/new", new Dictionary<string, string> { ["CategoryId"] = films.Id.ToString() });
        var id = int.Parse(started.Headers.Location!.ToString().Split('/')[2]);
        var upload = new Films(app, entrant, id);
        Assert.Null(await upload.UploadAsync(fileName, film));
        Assert.Equal(FilmStatus.Ready, (await upload.WaitForDecisionAsync()).FilmStatus);
        if (beforeSubmission is not null) await beforeSubmission(upload, entrant, id);

        var judge = await app.CreateUserAsync(Roles.Judge, realName: "评委甲");
        await app.DbAsync(async db =>
        {
            var entry = await db.Entries.SingleAsync(e => e.Id == id);
            (entry.State, entry.Number, entry.Title, entry.SubmittedAt) = (EntryState.Submitted, $"{contest.Code}-F-0001", "匠心", DateTimeOffset.UtcNow);
            (entry.PledgedOriginality, entry.DeclaredRights) = (true, true);
            db.ContestJudges.Add(new ContestJudge { ContestId = contest.Id, JudgeId = judge.Id });
            return await db.SaveChangesAsync();
        });
        Assert.True((await app.SendAsync(organizer, new SetPanelCommand { CategoryId = films.Id, JudgeIds = [judge.Id] })).IsOk);
        var round = (await app.SendAsync(organizer, new CreateRoundCommand { CategoryId = films.Id, Name = "初评", JudgesPerEntry = 1 })).Value;
        Assert.True((await app.SendAsync(organizer, new AssignJudgesCommand(round))).IsOk);
        Assert.True((await app.SendAsync(organizer, new ChangeRoundStateCommand(round, RoundState.Open))).IsOk);

        var judgeWeb = Browserless.For(app);
        await judgeWeb.SignInAsync(judge.Email!, AppFactory.TestPassword);
        var organizerWeb = Browserless.For(app);
        await organizerWeb.SignInAsync(organizer.Email!, AppFactory.TestPassword);
        return new FilmScene(id, entrant, organizerWeb, judgeWeb, upload);
    }

    [Theory]
    [InlineData("mp4")]
    [InlineData("mov")]
    public async Task A_judge_gets_a_film_whose_bytes_and_tags_name_nobody_while_entrant_and_organizer_keep_the_original(string container)
    {
        var original = await TaggedFilmAsync(container);
        // MP4 stores the GPS location as binary coordinates (a 3GPP loci box), MOV as text: ffprobe reads both.
        foreach (var trace in Traces.Where(t => container == "mov" || !t.Contains("30.59") && !t.Contains("114.3")))
            Assert.True(Contains(original, trace), $"the test film should carry '{trace}'");
        var uploaded = Path.Combine(Directory.CreateTempSubdirectory("bsc-uploaded-").FullName, $"uploaded.{container}");
        await File.WriteAllBytesAsync(uploaded, original);
        using (var before = JsonDocument.Parse(await FfprobeJsonAsync(uploaded)))
        {
            Assert.StartsWith("+30.5928+114.3055", Tags(before.RootElement.GetProperty("format"))["location"]);
            Assert.Equal(2, before.RootElement.GetProperty("chapters").GetArrayLength());
            Assert.Equal(4, before.RootElement.GetProperty("streams").GetArrayLength()); // picture, sound, subtitles, chapter titles
        }
        var scene = await JudgedFilmAsync($"刘一鸣 导演作品.{container}", original);

        var response = await scene.Judge.Client.GetAsync($"/media/entries/{scene.EntryId}/Film");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
        var served = await response.Content.ReadAsByteArrayAsync();
        foreach (var trace in Traces) Assert.False(Contains(served, trace), $"the judge's copy still carries '{trace}'");

        var copy = Path.Combine(Directory.CreateTempSubdirectory("bsc-served-").FullName, "served.mp4");
        await File.WriteAllBytesAsync(copy, served);
        using var probe = JsonDocument.Parse(await FfprobeJsonAsync(copy));
        var root = probe.RootElement;
        Assert.Empty(root.GetProperty("chapters").EnumerateArray());
        var streams = root.GetProperty("streams").EnumerateArray().ToList();
        Assert.Equal(["video", "audio"], streams.Select(s => s.GetProperty("codec_type").GetString()));
        // H.264 that browsers play is stream-copied, not re-encoded: same picture size, same codec.
        Assert.Equal(("h264", 640, 360), (streams[0].GetProperty("codec_name").GetString(), streams[0].GetProperty("width").GetInt32(), streams[0].GetProperty("height").GetInt32()));
        var formatTags = Tags(root.GetProperty("format"));
        Assert.Empty(formatTags.Keys.Except(["major_brand", "minor_version", "compatible_brands"]));
        foreach (var tags in streams.Select(Tags))
        {
            Assert.Empty(tags.Keys.Except(["language", "handler_name", "vendor_id"]));
            Assert.Contains(tags.GetValueOrDefault("handler_name"), new[] { "VideoHandler", "SoundHandler" });
        }
        // +faststart: the index precedes the picture data, so the player starts before the download ends.
        var boxes = FfmpegCli.TopLevelBoxes(served).Select(b => b.Type).ToList();
        Assert.True(boxes.IndexOf("moov") < boxes.IndexOf("mdat"), string.Join(' ', boxes));
        Assert.DoesNotContain("uuid", boxes);
        await FfmpegCli.RunAsync("-xerror", "-i", copy, "-f", "null", "-");

        // The entrant and the organizer download exactly what was uploaded; a judge cannot.
        Assert.Equal(original, await scene.Entrant.Client.GetByteArrayAsync($"/media/entries/{scene.EntryId}/Original"));
        Assert.Equal(original, await scene.Organizer.Client.GetByteArrayAsync($"/media/entries/{scene.EntryId}/Original"));
        Assert.Equal(HttpStatusCode.NotFound, (await scene.Judge.Client.GetAsync($"/media/entries/{scene.EntryId}/Original")).StatusCode);
        // The entrant's own player plays the processed film, as the jury sees it.
        Assert.Equal(served, await scene.Entrant.Client.GetByteArrayAsync($"/media/entries/{scene.EntryId}/Film"));
        var page = await scene.Entrant.GetHtmlAsync($"/entries/{scene.EntryId}/edit");
        Assert.Contains($"src=\"/media/entries/{scene.EntryId}/Film", page);
    }

    [Fact]
    public async Task A_film_accepted_before_judging_copies_existed_is_not_available_to_judges_until_its_copy_is_written()
    {
        var scene = await JudgedFilmAsync("clip.mp4", await TaggedFilmAsync("mp4"));
        var film = await app.DbAsync(async db =>
        {
            // What the migration leaves for films processed by earlier versions.
            var entry = await db.Entries.SingleAsync(e => e.Id == scene.EntryId);
            entry.JudgingFilmBlob = null;
            await db.SaveChangesAsync();
            return entry.FilmBlob!;
        });

        var refused = await scene.Judge.Client.GetAsync($"/media/entries/{scene.EntryId}/Film");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("暂不可用", await refused.Content.ReadAsStringAsync());
        Assert.Contains("id=\"film-not-available\"", await scene.Judge.GetHtmlAsync(await SheetUrlAsync(scene.EntryId)));

        // The job the media worker queues at start-up for such films.
        Assert.Equal(ProcessFilmOutcome.Ready, (await app.SendAsync(null, new ProcessFilmCommand(scene.EntryId, film))).Value);
        var served = await scene.Judge.Client.GetByteArrayAsync($"/media/entries/{scene.EntryId}/Film");
        foreach (var trace in Traces) Assert.False(Contains(served, trace), trace);
        Assert.Equal(ProcessFilmOutcome.Stale, (await app.SendAsync(null, new ProcessFilmCommand(scene.EntryId, film))).Value);
    }

    [Fact]
    public async Task Judges_get_subtitles_as_bare_webvtt_without_notes_styles_regions_cue_settings_or_voices()
    {
        const string vtt = """
            WEBVTT - subtitled by LiuYiming
            Kind: captions

            STYLE
            ::cue(.liu) { color: yellow } /* 刘一鸣 */

            REGION
            id:LiuYimingRegion
            width:40%

            NOTE 字幕制作：刘一鸣 江城影像工作室

            liu-yiming-cue-1
            00:00:00.000 --> 00:00:01.000 region:LiuYimingRegion align:start
            <v 刘一鸣>质量是企业的生命</v>

            00:00:01.000 --> 00:00:02.000 line:0
            <c.liu>品牌是质量的承诺</c>
            """;
        var scene = await JudgedFilmAsync("clip.mp4", await Clips.Mp4(640, 360, 2), async (_, entrant, id) =>
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent(Browserless.AntiforgeryToken(await entrant.GetHtmlAsync($"/entries/{id}/edit"))), "__RequestVerificationToken" },
            };
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(vtt));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/vtt");
            form.Add(file, "file", "刘一鸣字幕.vtt");
            Assert.Equal(HttpStatusCode.Redirect, (await entrant.Client.PostAsync($"/entries/{id}/files/Subtitles", form)).StatusCode);
        });

        var response = await scene.Judge.Client.GetAsync($"/media/entries/{scene.EntryId}/Subtitles");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/vtt", response.Content.Headers.ContentType?.MediaType);
        var served = await response.Content.ReadAsStringAsync();
        Assert.Equal("WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n质量是企业的生命\n\n00:00:01.000 --> 00:00:02.000\n品牌是质量的承诺\n", served);
        foreach (var trace in new[] { "刘一鸣", "LiuYiming", "liu", "NOTE", "STYLE", "REGION", "region:", "<v" }) Assert.DoesNotContain(trace, served);
        Assert.Equal(vtt, await scene.Entrant.Client.GetStringAsync($"/media/entries/{scene.EntryId}/Subtitles"));
    }

    [Fact]
    public void Srt_subtitles_become_webvtt_without_font_tags_or_overrides()
    {
        var srt = "1\r\n00:00:00,500 --> 00:00:01,250\r\n<font color=\"#fff\" face=\"LiuYiming\">{\\an8}第一句</font>\r\n\r\n2\r\n00:00:02,000 --> 00:00:03,000\r\n<b>第二句</b>\r\n";
        Assert.Equal("WEBVTT\n\n00:00:00.500 --> 00:00:01.250\n第一句\n\n00:00:02.000 --> 00:00:03.000\n第二句\n", NeutralSubtitles.WebVtt(srt));
    }

    private async Task<string> SheetUrlAsync(int entryId)
    {
        var assignment = await app.DbAsync(db => db.Assignments.SingleAsync(a => a.EntryId == entryId));
        return $"/judging/assignments/{assignment.Id}";
    }

    private static Dictionary<string, string> Tags(JsonElement element) =>
        element.TryGetProperty("tags", out var tags)
            ? tags.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "")
            : [];

    private static async Task<string> FfprobeJsonAsync(string path)
    {
        var start = new System.Diagnostics.ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["-v", "error", "-print_format", "json", "-show_format", "-show_streams", "-show_chapters", path]) start.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
