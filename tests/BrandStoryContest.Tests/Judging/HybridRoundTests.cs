using System.Net;
using System.Text;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Features.PublicVote;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BrandStoryContest.Tests.Judging;

/// <summary>Issue #10: a round that combines the jury score with public votes, through the real app.</summary>
public sealed class HybridRoundTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public async Task A_sixty_forty_round_ranks_advances_and_exports_by_the_combined_score_on_hand_computed_data()
    {
        var scene = await SceneAsync(entries: 3, publicPercent: 40);
        var (a, b, c) = (scene.Entries[0], scene.Entries[1], scene.Entries[2]);
        await VotesAsync(scene, a, 2);
        await VotesAsync(scene, b, 10);
        await VotesAsync(scene, c, 5);
        // Every judge gives A nines, B sevens, C fives on every criterion: jury 90, 70, 50.
        await ScoreAllAsync(scene, new Dictionary<int, int> { [a.Id] = 9, [b.Id] = 7, [c.Id] = 5 });

        // Public = votes × 100 / 10: A 20, B 100, C 50. Combined = jury × 0.6 + public × 0.4:
        // A 54 + 8 = 62, B 42 + 40 = 82, C 30 + 20 = 50. The jury alone would have ranked A, B, C.
        var ranking = await app.SendAsync(scene.Organizer, new RoundRankingQuery(scene.RoundId));
        Assert.Equal(new[] { b.Id, a.Id, c.Id }, ranking.Value.Rows.Select(r => r.Ranked.EntryId));
        Assert.Equal(new[] { 82.0, 62.0, 50.0 }, ranking.Value.Rows.Select(r => r.Ranked.Score));
        Assert.Equal(new HybridParts(90, 90, 2, 20, 62, true), ranking.Value.Rows.Single(r => r.Ranked.EntryId == a.Id).Hybrid);
        Assert.Equal(10, ranking.Value.PublicVote!.MaxVotes);

        var csv = (await ScoresTextAsync(ranking.Value)).TrimStart('\uFEFF').Split(["\r\n", "\n"], StringSplitOptions.None).Where(l => l.Length > 0).ToList();
        Assert.StartsWith("\"rank\",\"number\",\"title\",\"entrant\",\"score\",\"tied_with_previous\",\"outliers\",\"jury_score\",\"jury_0_100\",\"votes\",\"public_score\"", csv[0]);
        Assert.StartsWith($"\"1\",\"{b.Number}\",\"{b.Title}\",\"{scene.Entrants[1].RealName}\",\"82\",\"\",\"\",\"70\",\"70\",\"10\",\"100\"", csv[1]);

        var web = Browserless.For(app);
        await web.SignInAsync(scene.Organizer.Email!, AppFactory.TestPassword);
        var page = await web.GetHtmlAsync($"/manage/rounds/{scene.RoundId}");
        Assert.Contains("class=\"public-score\">100.00", page);

        // Finalizing waits for the public vote to close; then advancing the top 1 takes the combined winner, not the jury's.
        Assert.True((await app.SendAsync(scene.Organizer, new ChangeRoundStateCommand(scene.RoundId, RoundState.Closed))).IsOk);
        Assert.Equal(Outcome.Refused, (await app.SendAsync(scene.Organizer, new ChangeRoundStateCommand(scene.RoundId, RoundState.Finalized))).Outcome);
        Assert.True((await SetVotingAsync(scene, 40, -2 * Hour, -TimeSpan.FromMinutes(1))).IsOk);
        Assert.True((await app.SendAsync(scene.Organizer, new ChangeRoundStateCommand(scene.RoundId, RoundState.Finalized))).IsOk);
        var preview = await app.SendAsync(scene.Organizer, new AdvanceEntriesCommand { RoundId = scene.RoundId, TopN = 1 });
        Assert.Equal(new[] { b.Id }, preview.Value.Advancing);
    }

    [Fact]
    public async Task A_public_weight_of_zero_ranks_exactly_as_the_jury_alone_even_with_votes()
    {
        var scene = await SceneAsync(entries: 3, publicPercent: 0);
        await VotesAsync(scene, scene.Entries[2], 4);
        await ScoreAllAsync(scene, scene.Entries.Select((e, i) => (e.Id, 9 - i)).ToDictionary(x => x.Id, x => x.Item2));

        var ranking = await app.SendAsync(scene.Organizer, new RoundRankingQuery(scene.RoundId));
        Assert.Equal(scene.Entries.Select(e => e.Id), ranking.Value.Rows.Select(r => r.Ranked.EntryId));
        Assert.Equal(new[] { 90.0, 80.0, 70.0 }, ranking.Value.Rows.Select(r => r.Ranked.Score));
        Assert.All(ranking.Value.Rows, r => Assert.Null(r.Hybrid));
        Assert.DoesNotContain("jury_score", (await ScoresTextAsync(ranking.Value)));
    }

    [Fact]
    public async Task The_vote_cutoff_sends_the_top_n_and_their_ties_to_the_jury_once_voting_has_closed()
    {
        // Entry 4 has no publication consent: not in the public vote, so the cut-off does not apply to it.
        var scene = await SceneAsync(entries: 5, publicPercent: 0, cutoff: 2, consents: i => i != 4);
        await VotesAsync(scene, scene.Entries[0], 3);
        await VotesAsync(scene, scene.Entries[1], 1);
        await VotesAsync(scene, scene.Entries[2], 1);

        var early = await app.SendAsync(scene.Organizer, new AssignJudgesCommand(scene.RoundId));
        Assert.Equal(Outcome.Refused, early.Outcome);
        Assert.Empty(await JudgingScenes.AssignmentsAsync(app, scene.RoundId));

        Assert.True((await SetVotingAsync(scene, 0, -2 * Hour, -TimeSpan.FromMinutes(1), cutoff: 2)).IsOk);
        var assigned = await app.SendAsync(scene.Organizer, new AssignJudgesCommand(scene.RoundId));
        Assert.True(assigned.IsOk);
        // 3 votes, then 1 and 1 tied at 2nd place: both pass. Entry 3 (0 votes) is left out.
        var judged = (await JudgingScenes.AssignmentsAsync(app, scene.RoundId)).Select(x => x.EntryId).Distinct().Order().ToList();
        Assert.Equal(new[] { scene.Entries[0].Id, scene.Entries[1].Id, scene.Entries[2].Id, scene.Entries[4].Id }.Order(), judged);

        var ranking = await app.SendAsync(scene.Organizer, new RoundRankingQuery(scene.RoundId));
        Assert.Equal(new[] { scene.Entries[3].Id }, ranking.Value.PublicVote!.NotAdvancedByVote.Select(e => e.EntryId));
        Assert.Equal(new[] { scene.Entries[4].Id }, ranking.Value.PublicVote.NotInPublicVote.Select(e => e.EntryId));
    }

    [Fact]
    public async Task A_round_vote_counts_once_per_round_and_never_collides_with_a_gallery_like()
    {
        var scene = await SceneAsync(entries: 2, publicPercent: 50, consents: i => i == 0);
        var (shown, hidden) = (scene.Entries[0], scene.Entries[1]);
        var voter = await app.CreateUserAsync(Roles.Entrant);
        // A Popular Choice like of the same entry by the same person on the same day.
        await app.DbAsync(db =>
        {
            db.Votes.Add(new Vote { EntryId = shown.Id, ContestId = scene.Contest.Id, VoterId = voter.Id, DayKey = Vote.WholeContest, CreatedAt = DateTimeOffset.UtcNow });
            return db.SaveChangesAsync();
        });

        var first = await app.SendAsync(voter, new CastRoundVoteCommand(scene.RoundId, shown.Id, "198.51.100.23"));
        Assert.True(first.IsOk);
        var again = await app.SendAsync(voter, new CastRoundVoteCommand(scene.RoundId, shown.Id, "198.51.100.23"));
        Assert.Equal(Outcome.Refused, again.Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(voter, new CastRoundVoteCommand(scene.RoundId, hidden.Id, null))).Outcome);

        var stored = await app.DbAsync(db => db.Votes.Where(v => v.RoundId == scene.RoundId).ToListAsync());
        var vote = Assert.Single(stored);
        Assert.Equal(("198.51.100.23", $"r{scene.RoundId}"), (vote.IpAddress, vote.DayKey));

        Assert.True((await SetVotingAsync(scene, 50, -2 * Hour, -Hour)).IsOk);
        var late = await app.SendAsync(await app.CreateUserAsync(Roles.Judge), new CastRoundVoteCommand(scene.RoundId, shown.Id, null));
        Assert.Equal("Voting is not open.", Assert.Single(late.Violations).Key);

        // Without a voting period the round has no public vote at all.
        Assert.True((await app.SendAsync(scene.Organizer, new SetPublicVoteCommand { RoundId = scene.RoundId })).IsOk);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(voter, new CastRoundVoteCommand(scene.RoundId, shown.Id, null))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(voter, new RoundVotingQuery(scene.RoundId))).Outcome);
    }

    [Fact]
    public async Task The_voting_page_shows_consenting_entries_without_entrants_or_counts_and_takes_a_vote_with_antiforgery()
    {
        var scene = await SceneAsync(entries: 2, publicPercent: 40, consents: i => i == 0);
        await VotesAsync(scene, scene.Entries[0], 3);
        var judge = scene.Judges[0];
        var web = Browserless.For(app);
        await web.SignInAsync(judge.Email!, AppFactory.TestPassword);

        var url = $"/rounds/{scene.RoundId}/vote";
        // The contest page points visitors to the open vote.
        Assert.Contains($"href=\"{url}\"", await Browserless.For(app).GetHtmlAsync($"/contests/{scene.Contest.Id}"));
        var html = await web.GetHtmlAsync(url);
        Assert.Contains(scene.Entries[0].Title, html);
        Assert.DoesNotContain(scene.Entries[1].Title, html);
        Assert.All(scene.Entrants, e => Assert.DoesNotContain(e.RealName, html));
        Assert.DoesNotContain("vote-count", html);

        var forged = await web.Client.PostAsync($"{url}/{scene.Entries[0].Id}", new FormUrlEncodedContent(new Dictionary<string, string>()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var posted = await web.PostFormAsync(url, $"{url}/{scene.Entries[0].Id}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(1, await app.DbAsync(db => db.Votes.CountAsync(v => v.RoundId == scene.RoundId && v.VoterId == judge.Id)));
        Assert.Equal(HttpStatusCode.NotFound, (await web.PostFormAsync(url, $"{url}/{scene.Entries[1].Id}", new Dictionary<string, string>())).StatusCode);

        // Voters read the whole entry (never its author) before voting; a non-consenting entry has no page.
        var page = await web.GetHtmlAsync($"{url}/{scene.Entries[0].Id}");
        Assert.Contains(scene.Entries[0].Body, page);
        Assert.All(scene.Entrants, e => Assert.DoesNotContain(e.RealName, page));
        Assert.Equal(HttpStatusCode.NotFound, (await web.Client.GetAsync($"{url}/{scene.Entries[1].Id}")).StatusCode);

        // Their pictures and films are served to anyone while the vote runs, for consenting entries only.
        var blobs = app.Services.GetRequiredService<BrandStoryContest.Web.Infrastructure.Storage.IBlobStore>();
        foreach (var e in scene.Entries.Take(2))
            await blobs.UploadAsync($"entries/{e.Id}/cover-t.jpg", new MemoryStream([0xFF, 0xD8, 0xFF, 0xD9]), "image/jpeg", default);
        await app.DbAsync(db => db.Entries.Where(e => e.Id == scene.Entries[0].Id || e.Id == scene.Entries[1].Id)
            .ExecuteUpdateAsync(x => x.SetProperty(e => e.CoverBlob, e => "entries/" + e.Id + "/cover-t.jpg")));
        var visitor = Browserless.For(app).Client;
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/media/entries/{scene.Entries[0].Id}/Cover")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/media/entries/{scene.Entries[1].Id}/Cover")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/media/entries/{scene.Entries[0].Id}/Attachment")).StatusCode);
    }

    [Fact]
    public async Task Once_the_round_is_finalized_the_vote_pages_offer_no_vote_button_and_the_vote_is_refused()
    {
        var scene = await SceneAsync(entries: 1, publicPercent: 40, consents: _ => true);
        var web = Browserless.For(app);
        await web.SignInAsync(scene.Judges[0].Email!, AppFactory.TestPassword);
        var url = $"/rounds/{scene.RoundId}/vote";
        var voteForm = $"action=\"{url}/{scene.Entries[0].Id}\"";
        // While the period runs, both pages offer the vote.
        Assert.Contains(voteForm, await web.GetHtmlAsync(url));
        Assert.Contains(voteForm, await web.GetHtmlAsync($"{url}/{scene.Entries[0].Id}"));

        // Finalized with the period still running: the ranking is frozen, so no page offers what the handler refuses.
        await app.DbAsync(db => db.Rounds.Where(r => r.Id == scene.RoundId).ExecuteUpdateAsync(x => x.SetProperty(r => r.State, RoundState.Finalized)));
        Assert.DoesNotContain(voteForm, await web.GetHtmlAsync(url));
        Assert.DoesNotContain(voteForm, await web.GetHtmlAsync($"{url}/{scene.Entries[0].Id}"));
        var refused = await app.SendAsync(scene.Judges[0], new CastRoundVoteCommand(scene.RoundId, scene.Entries[0].Id, null));
        Assert.Equal("Voting is not open.", Assert.Single(refused.Violations).Key);
        Assert.Equal(0, await app.DbAsync(db => db.Votes.CountAsync(v => v.RoundId == scene.RoundId)));
    }

    [Fact]
    public async Task The_organizer_sees_bursts_new_accounts_and_one_ip_range_and_exports_every_vote()
    {
        var scene = await SceneAsync(entries: 2, publicPercent: 30);
        var voters = await SuspiciousVotesAsync(scene);

        var review = (await app.SendAsync(scene.Organizer, new PublicVoteReviewQuery(scene.RoundId))).Value;
        Assert.Equal((14, 12), (review.TotalVotes, review.Voters));
        var loud = review.Rows.Single(r => r.EntryId == scene.Entries[0].Id).Signals!;
        Assert.True(loud.Burst);
        Assert.True(loud.ManyNewAccounts);
        Assert.Equal(8 / 12.0, loud.NewAccountShare, 9);
        Assert.True(loud.OneRange);
        Assert.Equal("203.0.113.0/24", loud.TopRange);
        Assert.False(review.Rows.Single(r => r.EntryId == scene.Entries[1].Id).Signals!.Suspicious);

        var csv = (await VotesCsvAsync(scene.Organizer, scene.RoundId)).TrimStart('\uFEFF')
            .Split(["\r\n", "\n"], StringSplitOptions.None).Where(l => l.Length > 0).ToList();
        Assert.Equal(15, csv.Count);
        Assert.Equal("\"vote_id\",\"cast_at_utc\",\"entry_number\",\"entry_id\",\"voter_id\",\"voter_email\",\"voter_registered_utc\",\"ip\",\"ip_range\",\"voided_at_utc\",\"void_reason\"", csv[0]);
        Assert.Equal(12, csv.Count(l => l.Contains("\"203.0.113.0/24\"") && l.Contains($"\"{scene.Entries[0].Number}\"")));
        Assert.Contains(csv, l => l.Contains($"\"{voters[0].Email}\"") && l.Contains("\"203.0.113.1\""));

        var web = Browserless.For(app);
        await web.SignInAsync(scene.Organizer.Email!, AppFactory.TestPassword);
        var page = await web.GetHtmlAsync($"/manage/rounds/{scene.RoundId}/public-vote");
        Assert.Contains("signal-burst", page);
        Assert.Contains("signal-one-range", page);
        var download = await web.Client.GetAsync($"/manage/rounds/{scene.RoundId}/public-vote/votes.csv");
        Assert.Equal("text/csv", download.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Settings_are_typed_in_the_contest_time_zone_and_validated()
    {
        var scene = await SceneAsync(entries: 1, publicPercent: 0);
        var web = Browserless.For(app);
        await web.SignInAsync(scene.Organizer.Email!, AppFactory.TestPassword);
        var form = $"/manage/rounds/{scene.RoundId}/public-vote/settings";
        var saved = await web.PostFormAsync(form, form, new Dictionary<string, string>
        {
            ["PublicWeightPercent"] = "40", ["VotingOpens"] = "2030-01-01T08:00", ["VotingCloses"] = "2030-01-08T20:00", ["VoteCutoff"] = "10",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var round = await app.DbAsync(db => db.Rounds.AsNoTracking().SingleAsync(r => r.Id == scene.RoundId));
        // Asia/Shanghai is UTC+8.
        Assert.Equal((40, 10), (round.PublicWeightPercent, round.VoteCutoff));
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), round.VotingOpensAt);
        Assert.Equal(new DateTimeOffset(2030, 1, 8, 12, 0, 0, TimeSpan.Zero), round.VotingClosesAt);

        var refused = await web.PostFormAsync(form, form, new Dictionary<string, string>
        {
            ["PublicWeightPercent"] = "120", ["VotingOpens"] = "2030-01-08T08:00", ["VotingCloses"] = "2030-01-01T08:00",
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        async Task Invalid(SetPublicVoteCommand cmd) => await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(scene.Organizer, cmd));
        await Invalid(new SetPublicVoteCommand { RoundId = scene.RoundId, PublicWeightPercent = 101, VotingOpens = new(2030, 1, 1), VotingCloses = new(2030, 1, 2) });
        await Invalid(new SetPublicVoteCommand { RoundId = scene.RoundId, PublicWeightPercent = 40 }); // a weight without a voting period
        await Invalid(new SetPublicVoteCommand { RoundId = scene.RoundId, VotingOpens = new(2030, 1, 2), VotingCloses = new(2030, 1, 1) });
        await Invalid(new SetPublicVoteCommand { RoundId = scene.RoundId, VotingOpens = new(2030, 1, 1), VotingCloses = new(2030, 1, 2), VoteCutoff = 0 });
        Assert.Equal(40, await app.DbAsync(db => db.Rounds.Where(r => r.Id == scene.RoundId).Select(r => r.PublicWeightPercent).SingleAsync()));
    }

    [Fact]
    public async Task An_organizer_of_another_contest_cannot_see_or_change_this_rounds_public_vote()
    {
        var scene = await SceneAsync(entries: 1, publicPercent: 40);
        var stranger = await app.CreateUserAsync(Roles.Organizer);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(stranger, new SetPublicVoteCommand { RoundId = scene.RoundId })).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(stranger, new EditPublicVoteQuery(scene.RoundId))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(stranger, new PublicVoteReviewQuery(scene.RoundId))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(stranger, new ExportRoundVotesQuery(scene.RoundId))).Outcome);

        var web = Browserless.For(app);
        await web.SignInAsync(stranger.Email!, AppFactory.TestPassword);
        var root = $"/manage/rounds/{scene.RoundId}/public-vote";
        Assert.Equal(HttpStatusCode.NotFound, (await web.Client.GetAsync(root)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await web.Client.GetAsync($"{root}/settings")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await web.Client.GetAsync($"{root}/votes.csv")).StatusCode);
        var forged = await web.PostFormAsync("/manage", $"{root}/settings", new Dictionary<string, string> { ["PublicWeightPercent"] = "0" });
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(40, await app.DbAsync(db => db.Rounds.Where(r => r.Id == scene.RoundId).Select(r => r.PublicWeightPercent).SingleAsync()));
    }

    /// <summary>A judging scene whose round has public voting open from an hour ago to an hour from now.</summary>
    /// <summary>Entry 0: 12 votes within 6 minutes, all from 203.0.113.x, 8 from accounts an hour old. Entry 1: 2 ordinary votes.</summary>
    private async Task<List<Account>> SuspiciousVotesAsync(JudgingScene scene)
    {
        var round = await app.DbAsync(db => db.Rounds.SingleAsync(r => r.Id == scene.RoundId));
        var now = DateTimeOffset.UtcNow;
        var voters = new List<Account>();
        for (var i = 0; i < 12; i++) voters.Add(await app.CreateUserAsync(Roles.Entrant));
        var fresh = voters.Take(8).Select(v => v.Id).ToList();
        await app.DbAsync(db => db.Users.Where(u => fresh.Contains(u.Id)).ExecuteUpdateAsync(s => s.SetProperty(u => u.CreatedAt, now - Hour)));
        await app.DbAsync(db =>
        {
            for (var i = 0; i < 12; i++)
                db.Votes.Add(new Vote { EntryId = scene.Entries[0].Id, ContestId = scene.Contest.Id, RoundId = round.Id, VoterId = voters[i].Id,
                    DayKey = $"r{round.Id}", CreatedAt = now - TimeSpan.FromMinutes(30) + TimeSpan.FromSeconds(30 * i), IpAddress = $"203.0.113.{i + 1}" });
            for (var i = 10; i < 12; i++)
                db.Votes.Add(new Vote { EntryId = scene.Entries[1].Id, ContestId = scene.Contest.Id, RoundId = round.Id, VoterId = voters[i].Id,
                    DayKey = $"r{round.Id}", CreatedAt = now - TimeSpan.FromMinutes(5 * i), IpAddress = $"192.0.2.{i}" });
            return db.SaveChangesAsync();
        });

        return voters;
    }

    [Fact]
    public async Task The_organizer_voids_the_flagged_votes_which_then_count_nowhere_but_stay_in_the_export()
    {
        var scene = await SceneAsync(entries: 2, publicPercent: 30);
        var voters = await SuspiciousVotesAsync(scene);
        var web = Browserless.For(app);
        await web.SignInAsync(scene.Organizer.Email!, AppFactory.TestPassword);
        var reviewPage = $"/manage/rounds/{scene.RoundId}/public-vote";
        Assert.Contains("void-votes", await web.GetHtmlAsync(reviewPage));

        // Only the votes from the flagged range that also came from new accounts: 8 of entry 0's 12.
        var posted = await web.PostFormAsync(reviewPage, $"{reviewPage}/void", new Dictionary<string, string>
        {
            ["EntryId"] = scene.Entries[0].Id.ToString(), ["IpRange"] = "203.0.113.0/24", ["NewAccountsOnly"] = "true", ["Reason"] = "同一网段新账号集中投票",
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var review = (await app.SendAsync(scene.Organizer, new PublicVoteReviewQuery(scene.RoundId))).Value;
        Assert.Equal((6, 8), (review.TotalVotes, review.Voided));
        Assert.Equal(4, review.Rows.Single(r => r.EntryId == scene.Entries[0].Id).Votes);
        // The counts behind the public score, the cut-off and the combined ranking.
        Assert.Equal(4, (await app.DbAsync(db => db.VoteCountsAsync(scene.RoundId, default)))[scene.Entries[0].Id]);
        var audit = await app.DbAsync(db => db.Audit.SingleAsync(a => a.Action == "VoidVotes" && a.EntityId == scene.Entries[0].Id.ToString()));
        Assert.Equal(("8 voided (range 203.0.113.0/24, new accounts)", "同一网段新账号集中投票"), (audit.NewValue, audit.Reason));
        var csv = await VotesCsvAsync(scene.Organizer, scene.RoundId);
        Assert.Equal(8, csv.Split('\n').Count(l => l.Contains("同一网段新账号集中投票")));
        Assert.Equal(14, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1);

        // Nothing to choose, no reason, another organizer, a finalized round: refused, nothing more voided.
        await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(scene.Organizer,
            new VoidVotesCommand { RoundId = scene.RoundId, EntryId = scene.Entries[0].Id, Reason = "无条件" }));
        await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(scene.Organizer,
            new VoidVotesCommand { RoundId = scene.RoundId, EntryId = scene.Entries[0].Id, NewAccountsOnly = true, Reason = " " }));
        var stranger = await app.CreateUserAsync(Roles.Organizer);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(stranger, new VoidVotesCommand { RoundId = scene.RoundId, EntryId = scene.Entries[0].Id, IpRange = "203.0.113.0/24", Reason = "越权" })).Outcome);
        await app.DbAsync(db => db.Rounds.Where(r => r.Id == scene.RoundId).ExecuteUpdateAsync(x => x.SetProperty(r => r.State, RoundState.Finalized)));
        var late = await app.SendAsync(scene.Organizer, new VoidVotesCommand { RoundId = scene.RoundId, EntryId = scene.Entries[0].Id, IpRange = "203.0.113.0/24", Reason = "定稿后" });
        Assert.Equal("The round is finalized: its votes can no longer change.", Assert.Single(late.Violations).Key);
        Assert.Equal(8, await app.DbAsync(db => db.Votes.CountAsync(v => v.RoundId == scene.RoundId && v.VoidedAt != null)));
    }

    private async Task<JudgingScene> SceneAsync(int entries, int publicPercent, int? cutoff = null, Func<int, bool>? consents = null)
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 3, entries: entries, judgesPerEntry: 3);
        var consenting = scene.Entries.Where((_, i) => consents?.Invoke(i) ?? true).Select(e => e.Id).ToList();
        await app.DbAsync(db => db.Entries.Where(e => consenting.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.ConsentsToPublication, true)));
        Assert.True((await SetVotingAsync(scene, publicPercent, -Hour, Hour, cutoff)).IsOk);
        return scene;
    }

    private Task<Result<Result.Done>> SetVotingAsync(JudgingScene scene, int publicPercent, TimeSpan opens, TimeSpan closes, int? cutoff = null)
    {
        var now = DateTimeOffset.UtcNow;
        return app.SendAsync(scene.Organizer, new SetPublicVoteCommand
        {
            RoundId = scene.RoundId, PublicWeightPercent = publicPercent, VoteCutoff = cutoff,
            VotingOpens = ContestTime.ToLocal(now + opens, scene.Contest.TimeZoneId).DateTime,
            VotingCloses = ContestTime.ToLocal(now + closes, scene.Contest.TimeZoneId).DateTime,
        });
    }

    private async Task VotesAsync(JudgingScene scene, Entry entry, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var result = await app.SendAsync(await app.CreateUserAsync(Roles.Entrant), new CastRoundVoteCommand(scene.RoundId, entry.Id, "198.51.100.7"));
            Assert.True(result.IsOk);
        }
    }

    /// <summary>Assigns the judges, opens the round and has every judge give each entry the same value on every criterion.</summary>
    private async Task ScoreAllAsync(JudgingScene scene, IReadOnlyDictionary<int, int> valueByEntry)
    {
        foreach (var a in await JudgingScenes.OpenAsync(app, scene))
            Assert.True((await JudgingScenes.ScoreAsync(app, scene.Judges.Single(j => j.Id == a.JudgeId), a, valueByEntry[a.EntryId])).IsOk);
    }

    /// <summary>The raw vote export as the organizer downloads it: streamed by the response, so read over HTTP.</summary>
    private async Task<string> VotesCsvAsync(Account organizer, int roundId)
    {
        var web = Browserless.For(app);
        await web.SignInAsync(organizer.Email!, AppFactory.TestPassword);
        return Encoding.UTF8.GetString(await web.Client.GetByteArrayAsync($"/manage/rounds/{roundId}/public-vote/votes.csv"));
    }

    private static async Task<string> ScoresTextAsync(RoundRankingView ranking)
    {
        using var written = new MemoryStream();
        await ScoresCsv.WriteAsync(ranking, written, default);
        return Encoding.UTF8.GetString(written.ToArray());
    }
}
