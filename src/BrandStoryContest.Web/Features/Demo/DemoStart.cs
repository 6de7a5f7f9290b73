using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Demo;

/// <summary>A page to try: its localizer key and where it is; null while the seed has not made it yet.</summary>
public sealed record DemoLink(string Text, string? Url);

public sealed record DemoAccount(DemoLogin Login, IReadOnlyList<DemoLink> Try);

public sealed record DemoStartView(DemoSeedProgress Progress, IReadOnlyList<DemoAccount> Accounts, IReadOnlyList<DemoLink> Public);

public sealed record DemoStartQuery : IQuery<Result<DemoStartView>>;

/// <summary>
/// The demo's start page: each demo login with the pages worth trying as that person, linked to the seeded
/// contests. Not found (404) unless the demo seed is on (never in production, which refuses to start with it).
/// </summary>
public sealed class DemoStartHandler(ContestDb db, DemoSeedProgress progress, IHostEnvironment env) : IQueryHandler<DemoStartQuery, Result<DemoStartView>>
{
    public async ValueTask<Result<DemoStartView>> Handle(DemoStartQuery query, CancellationToken ct)
    {
        if (!progress.Enabled || env.IsProduction()) return Result.NotFound;
        var anchor = await db.Audit.AsNoTracking().Where(a => a.Action == DemoSeeder.MarkerAction && a.EntityId == "1")
            .Select(a => (DateTimeOffset?)a.At).FirstOrDefaultAsync(ct);
        int? last = null, current = null, open = null, round = null, firstSheet = null, writerDraft = null, filmDraft = null;
        int? final = null, division = null, divisionRound = null;
        string? certificate = null;
        if (anchor is { } at)
        {
            var codes = new[] { DemoSeeder.LastYearCode(at), DemoSeeder.ThisYearCode(at), DemoSeeder.OpenCallCode(at) };
            var contests = await db.Contests.AsNoTracking().Where(c => codes.Contains(c.Code)).ToDictionaryAsync(c => c.Code, c => c.Id, ct);
            last = contests.TryGetValue(codes[0], out var l) ? l : null;
            current = contests.TryGetValue(codes[1], out var c) ? c : null;
            open = contests.TryGetValue(codes[2], out var o) ? o : null;
            round = await db.Rounds.AsNoTracking().Where(r => r.Category.ContestId == current && r.State == RoundState.Open)
                .Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
            firstSheet = await db.Assignments.AsNoTracking().Where(a => a.RoundId == round && a.Judge.Email == "judge1@demo.local" && a.Total == null)
                .OrderBy(a => a.Id).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);
            certificate = await db.Certificates.AsNoTracking().Where(x => x.Award.Entry.ContestId == last && x.Award.Entry.Entrant.Email == "writer@demo.local")
                .Select(x => x.Number).FirstOrDefaultAsync(ct);
            final = await db.Contests.AsNoTracking().Where(x => x.Code == DemoSeeder.FinalCode(at)).Select(x => (int?)x.Id).SingleOrDefaultAsync(ct);
            division = await db.Divisions.AsNoTracking().Where(d => d.FinalId == final && db.Users.Any(u => u.Id == d.Contest.OwnerId && u.Email == "division@demo.local"))
                .Select(d => (int?)d.ContestId).FirstOrDefaultAsync(ct);
            divisionRound = await db.Rounds.AsNoTracking().Where(r => r.Category.ContestId == division && r.State == RoundState.Finalized)
                .Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
            writerDraft = await Draft("writer@demo.local", open, ct);
            filmDraft = await Draft("filmmaker@demo.local", open, ct);
        }
        string? At(string format, params int?[] ids) => ids.All(i => i is not null) ? string.Format(format, ids.Cast<object>().ToArray()) : null;

        var organizer = new DemoLink[]
        {
            Page("This year's dashboard", At("/manage/contests/{0}/dashboard", current)),
            Page("Round 1 ranking and jury progress", At("/manage/rounds/{0}", round)),
            Page("Integrity report: a story copied from last year", At("/manage/contests/{0}/integrity", current)),
            Page("The public vote on round 1", At("/manage/rounds/{0}/public-vote", round)),
            Page("Last year's awards and certificates", At("/manage/contests/{0}/awards", last)),
            Page("Last year's decided objection", At("/manage/contests/{0}/objections", last)),
        };
        var finalOrganizer = new DemoLink[]
        {
            Page("The national final's divisions: recommendations made and missing, time left", At("/manage/finals/{0}/divisions", final)),
            Page("The final's entries, carried over from the divisions", At("/manage/contests/{0}", final)),
        };
        var divisionOrganizer = new DemoLink[]
        {
            Page("Your division's recommendations to the final", At("/manage/divisions/{0}", division)),
            Page("Your division's finalized ranking", At("/manage/rounds/{0}", divisionRound)),
        };
        var judge = new DemoLink[]
        {
            Page("Your assignments, some already scored", "/judging"),
            Page("A score sheet (blind: no author data)", At("/judging/assignments/{0}", firstSheet)),
        };
        var writer = new DemoLink[]
        {
            Page("Your entries: last year's award, this year's entry under review", "/entries"),
            Page("Your draft in the open call", At("/entries/{0}/edit", writerDraft)),
            Page("Vote in the public vote on this year's round 1", At("/rounds/{0}/vote", round)),
        };
        var filmmaker = new DemoLink[]
        {
            Page("Your entries and last year's film", "/entries"),
            Page("Your draft film entry in the open call", At("/entries/{0}/edit", filmDraft)),
            Page("Vote in the public vote on this year's round 1", At("/rounds/{0}/vote", round)),
        };
        var admin = new DemoLink[] { Page("Users and roles", "/admin/users"), Page("The outbox: every mail the app sent", "/admin/outbox") };
        var accounts = DemoContest.Logins.Select(login => new DemoAccount(login, login.Email switch
        {
            "final@demo.local" => finalOrganizer,
            "division@demo.local" => divisionOrganizer,
            _ when login.Role == Roles.Organizer => organizer,
            _ when login.Role == Roles.Judge => judge,
            _ when login.Role == Roles.Admin => admin,
            _ => login.Email.StartsWith("writer", StringComparison.Ordinal) ? writer : filmmaker,
        })).ToList();
        var everyone = new DemoLink[]
        {
            Page("Last year's published results", At("/contests/{0}/results", last)),
            Page("The gallery of awarded stories and films", At("/contests/{0}/gallery", last)),
            Page("Last year's public notice", At("/contests/{0}/notice", last)),
            Page("Verify a certificate", certificate is null ? null : $"/certificates/verify/{certificate}"),
            Page("The open call", At("/contests/{0}", open)),
        };
        return new DemoStartView(progress, accounts, everyone);
    }

    private static DemoLink Page(string text, string? url) => new(text, url);

    private Task<int?> Draft(string email, int? contestId, CancellationToken ct) =>
        db.Entries.AsNoTracking().Where(e => e.ContestId == contestId && e.Entrant.Email == email && e.State == EntryState.Draft)
            .OrderBy(e => e.Id).Select(e => (int?)e.Id).FirstOrDefaultAsync(ct);
}
