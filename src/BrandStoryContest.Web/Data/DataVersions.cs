using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using BrandStoryContest.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;

namespace BrandStoryContest.Web.Data;

/// <summary>
/// The data version of a contest's judging: a counter per contest in the database (<see cref="DataVersion"/>) that
/// <see cref="ContestDb"/>'s SaveChanges bumps inside the transaction of every write a judge's list or score sheet, or a
/// round's ranking, reads. Those pages keep what they computed under the versions they read, so a write is seen at once
/// by every instance, and nothing is invalidated by hand.
/// </summary>
/// <remarks>
/// Why it cannot be stale: the bump commits with the write (never before it), and a reader reads the version before the
/// rows. A reader that sees the new version therefore reads the new rows; one that saw the old version may read newer
/// rows and keep them under the old key, which is only ever fresher than its key.
///
/// Which writes bump, and why not more (the rule):
/// - always: rounds, criteria, round entries, assignments (but not the viewing evidence alone, written every few
///   seconds while a judge watches, which none of those pages shows), scores, judge notes, conflicts, divisions and
///   recommendations, category fields, award tiers, panels and contest judges, a category's or contest's own changes; in the contest, and in its final when
///   the contest is a division (a division's conflicts and scores bar a judge in the final).
/// - an entry, its team (<see cref="EntryAuthor"/>) and its custom-field answers only when the entry's category has a
///   round: before that no judge page or ranking can show it, so the deadline surge's drafts and submits, in a category
///   not yet judged, bump nothing and never queue on one row.
/// - round votes bump the contest's <see cref="VersionKind.Votes"/> row, which only rankings read: a voting crowd does not
///   contend with judges, and a vote does not throw away a judge's list.
/// - an account's real name, organization or e-mail address (or the account's removal) bumps row <see cref="Accounts"/>, read by all.
/// - an account added or removed, a field the admin's user list shows (<see cref="ListedAccountFields"/>) or a role granted or
///   revoked bumps row <see cref="Accounts"/>'s <see cref="VersionKind.Users"/> kind, which only that list reads.
/// - an objection filed, decided or removed bumps its contest's <see cref="VersionKind.Objections"/> row (the objections page).
/// - a listed entry (any state but a draft, before or after the save) bumps one of its contest's <see cref="VersionKind.EntryList"/>
///   rows when it is added or removed, or its state, category, title, number, submission time, entrant or body changes, or a
///   field its rows show (film status and duration, poster, unreadable attachment, disqualification reason): the
///   organizer's list keeps its counts, orders and page rows under those rows (<see cref="ForEntryListAsync"/>). Drafts bump none, and a
///   submit bumps the row of its id's stripe (id mod <see cref="EntryListStripes"/>), so the surge's submits do not queue on
///   one row on PostgreSQL; the row is taken at the end of the save, like every bump.
/// Writes that bypass SaveChanges (ExecuteUpdate/ExecuteDelete, raw SQL) on these sets must call <see cref="BumpAsync"/>
/// in their transaction; <c>DataVersionTests</c> fails when one appears in the app without it.
/// </remarks>
public static class DataVersions
{
    /// <summary>The row for account fields, which belong to no one contest.</summary>
    public const int Accounts = 0;

    private static readonly HashSet<string> ViewingOnly =
        [nameof(Assignment.WatchedRanges), nameof(Assignment.WatchedFraction), nameof(Assignment.ReadingSeconds)];

    // The e-mail address too: the objections page shows who filed with their address (it changes rarely enough).
    private static readonly HashSet<string> ShownAccountFields = [nameof(Account.RealName), nameof(Account.Organization), nameof(Account.Email)];

    /// <summary>What the admin's user list shows of an account (besides its roles); its <see cref="VersionKind.Users"/> row counts them.</summary>
    private static readonly HashSet<string> ListedAccountFields =
        [nameof(Account.Email), nameof(Account.RealName), nameof(Account.Organization), nameof(Account.EmailConfirmed), nameof(Account.LockoutEnd)];

    /// <summary>How many <see cref="VersionKind.EntryList"/> rows a contest has at most: two submits contend on one only when their ids agree mod this.</summary>
    public const int EntryListStripes = 16;

    /// <summary>
    /// What the organizer's entry list filters, sorts and counts by (<c>EntryList.Ordered</c>, the category counts), the body
    /// it keeps the length of, and every other field its kept rows show (film status and duration, poster, unreadable
    /// attachment, disqualification reason: a processed film or a screening decision shows in the next view).
    /// </summary>
    private static readonly HashSet<string> ListedEntryFields =
    [
        nameof(Entry.State), nameof(Entry.CategoryId), nameof(Entry.ContestId), nameof(Entry.Title), nameof(Entry.Number),
        nameof(Entry.SubmittedAt), nameof(Entry.EntrantId), nameof(Entry.Body),
        nameof(Entry.FilmStatus), nameof(Entry.DurationSeconds), nameof(Entry.PosterBlob), nameof(Entry.AttachmentBlob),
        nameof(Entry.AttachmentUnreadable), nameof(Entry.DisqualificationReason),
    ];

    /// <summary>What a save touches, before its contests are known.</summary>
    public sealed class Touched
    {
        public HashSet<int> Contests { get; } = [];
        public HashSet<int> Rounds { get; } = [];
        public HashSet<int> Assignments { get; } = [];
        public HashSet<int> Categories { get; } = [];
        public HashSet<int> Entries { get; } = [];
        public HashSet<int> VoteRounds { get; } = [];
        /// <summary>Entry changes that matter only when the category has a round.</summary>
        public HashSet<(int ContestId, int CategoryId)> EntryCategories { get; } = [];
        public HashSet<int> EntriesOfTeamsOrAnswers { get; } = [];
        /// <summary>The entry-list rows to bump: contest and stripe.</summary>
        public HashSet<(int ContestId, int Stripe)> EntryLists { get; } = [];
        /// <summary>Contests whose objections changed.</summary>
        public HashSet<int> Objections { get; } = [];
        public bool Accounts { get; set; }
        /// <summary>The admin's user list changed: an account added, removed or a listed field changed, or a role granted or revoked.</summary>
        public bool Users { get; set; }

        public bool Any => Contests.Count + Rounds.Count + Assignments.Count + Categories.Count + Entries.Count + VoteRounds.Count
            + EntryCategories.Count + EntriesOfTeamsOrAnswers.Count + EntryLists.Count + Objections.Count > 0 || Accounts || Users;
    }

    /// <summary>The judging inputs among the tracked changes, or null when there are none (most saves).</summary>
    public static Touched? Collect(ChangeTracker tracker)
    {
        if (tracker.AutoDetectChangesEnabled) tracker.DetectChanges();
        var t = new Touched();
        foreach (var e in tracker.Entries())
        {
            if (e.State is EntityState.Unchanged or EntityState.Detached) continue;
            var modified = e.State == EntityState.Modified;
            switch (e.Entity)
            {
                case Contest when modified: t.Contests.UnionWith(Ids(e, nameof(Contest.Id))); break;
                // Added too: the organizer's lists keep the contest with its categories under this row (ForEntryListPageAsync).
                case Category: t.Contests.UnionWith(Ids(e, nameof(Category.ContestId))); break;
                case Round: t.Categories.UnionWith(Ids(e, nameof(Round.CategoryId))); break;
                case Criterion: t.Rounds.UnionWith(Ids(e, nameof(Criterion.RoundId))); break;
                case RoundEntry: t.Rounds.UnionWith(Ids(e, nameof(RoundEntry.RoundId))); break;
                case Assignment when !modified || e.Properties.Any(p => p.IsModified && !ViewingOnly.Contains(p.Metadata.Name)):
                    t.Rounds.UnionWith(Ids(e, nameof(Assignment.RoundId))); break;
                case CriterionScore: t.Assignments.UnionWith(Ids(e, nameof(CriterionScore.AssignmentId))); break;
                case JudgeNote: t.Assignments.UnionWith(Ids(e, nameof(JudgeNote.AssignmentId))); break;
                case Conflict: t.Contests.UnionWith(Ids(e, nameof(Conflict.ContestId))); break;
                case Division: t.Contests.UnionWith(Ids(e, nameof(Division.ContestId)).Concat(Ids(e, nameof(Division.FinalId)))); break;
                case Recommendation: t.Entries.UnionWith(Ids(e, nameof(Recommendation.SourceEntryId)).Concat(Ids(e, nameof(Recommendation.FinalEntryId)))); break;
                case CategoryField when e.State != EntityState.Added: t.Categories.UnionWith(Ids(e, nameof(CategoryField.CategoryId))); break;
                // The round page keeps the award cut-offs (the tiers' quotas) with its round header.
                case AwardTier: t.Categories.UnionWith(Ids(e, nameof(AwardTier.CategoryId))); break;
                // A category's judging page keeps its panel and its contest's judges with its header.
                case PanelMember: t.Categories.UnionWith(Ids(e, nameof(PanelMember.CategoryId))); break;
                case ContestJudge: t.Contests.UnionWith(Ids(e, nameof(ContestJudge.ContestId))); break;
                case Entry:
                    foreach (var contest in Ids(e, nameof(Entry.ContestId)))
                        foreach (var category in Ids(e, nameof(Entry.CategoryId))) t.EntryCategories.Add((contest, category));
                    if (ChangesEntryList(e))
                    {
                        // An entry added in this save has no id yet: any stripe will do, readers read them all.
                        var id = e.Property(nameof(Entry.Id));
                        var stripe = id.IsTemporary || id.CurrentValue is not int n ? 0 : (int)((uint)n % EntryListStripes);
                        foreach (var contest in Ids(e, nameof(Entry.ContestId))) t.EntryLists.Add((contest, stripe));
                    }
                    break;
                case EntryAuthor: t.EntriesOfTeamsOrAnswers.UnionWith(Ids(e, nameof(EntryAuthor.EntryId))); break;
                case EntryFieldAnswer: t.EntriesOfTeamsOrAnswers.UnionWith(Ids(e, nameof(EntryFieldAnswer.EntryId))); break;
                case Vote vote when vote.RoundId is { } roundId: t.VoteRounds.Add(roundId); break;
                case Objection: t.Objections.UnionWith(Ids(e, nameof(Objection.ContestId))); break;
                case Account:
                    if (e.State == EntityState.Deleted || (modified && e.Properties.Any(p => p.IsModified && ShownAccountFields.Contains(p.Metadata.Name))))
                        t.Accounts = true;
                    if (!modified || e.Properties.Any(p => p.IsModified && ListedAccountFields.Contains(p.Metadata.Name))) t.Users = true;
                    break;
                case IdentityUserRole<string>: t.Users = true; break;
            }
        }
        return t.Any ? t : null;
    }

    /// <summary>Whether the save changes what the organizer's entry list shows as a set: drafts are not listed.</summary>
    private static bool ChangesEntryList(EntityEntry e)
    {
        var state = e.Property(nameof(Entry.State));
        var listed = state.CurrentValue is not EntryState.Draft
            || (e.State is EntityState.Modified or EntityState.Deleted && state.OriginalValue is not EntryState.Draft);
        return listed && (e.State is EntityState.Added or EntityState.Deleted
            || e.Properties.Any(p => p.IsModified && ListedEntryFields.Contains(p.Metadata.Name)));
    }

    /// <summary>The current and (when changed) original value of an int key; none while it is temporary: a parent added in the same save counts itself.</summary>
    private static IEnumerable<int> Ids(EntityEntry e, string property)
    {
        var p = e.Property(property);
        if (p.IsTemporary) yield break;
        if (p.CurrentValue is int current) yield return current;
        if (e.State == EntityState.Modified && p.OriginalValue is int original && !Equals(p.CurrentValue, original)) yield return original;
    }

    /// <summary>
    /// The rows to bump for <paramref name="t"/>, read inside the save's transaction and before its rows are written (a
    /// deleted row still says its contest). On SQLite the transaction holds the one write lock, so "has the category a
    /// round" cannot change while it is asked. On PostgreSQL an entry change that finds no round takes a share lock on the
    /// contest's row and asks again: a round created at that moment bumps that row, so it either committed before (and is
    /// seen) or waits for this save to commit (and readers of its version read this save's rows).
    /// </summary>
    public static async Task<IReadOnlyList<(int ContestId, VersionKind Kind)>> ResolveAsync(ContestDb db, Touched t, CancellationToken ct)
    {
        var contests = new HashSet<int>(t.Contests);
        if (t.Rounds.Count > 0)
            contests.UnionWith(await db.Rounds.AsNoTracking().Where(r => t.Rounds.Contains(r.Id)).Select(r => r.Category.ContestId).ToListAsync(ct));
        if (t.Assignments.Count > 0)
            contests.UnionWith(await db.Assignments.AsNoTracking().Where(a => t.Assignments.Contains(a.Id)).Select(a => a.Round.Category.ContestId).ToListAsync(ct));
        if (t.Categories.Count > 0)
            contests.UnionWith(await db.Categories.AsNoTracking().Where(c => t.Categories.Contains(c.Id)).Select(c => c.ContestId).ToListAsync(ct));
        if (t.Entries.Count > 0)
            contests.UnionWith(await db.Entries.AsNoTracking().Where(e => t.Entries.Contains(e.Id)).Select(e => e.ContestId).ToListAsync(ct));

        var candidates = new HashSet<(int ContestId, int CategoryId)>(t.EntryCategories);
        if (t.EntriesOfTeamsOrAnswers.Count > 0)
            candidates.UnionWith((await db.Entries.AsNoTracking().Where(e => t.EntriesOfTeamsOrAnswers.Contains(e.Id))
                .Select(e => new { e.ContestId, e.CategoryId }).ToListAsync(ct)).Select(e => (e.ContestId, e.CategoryId)));
        candidates.RemoveWhere(c => contests.Contains(c.ContestId));
        // A category found without a round under the share lock earlier in this same transaction needs no second look
        // (a submit saves, then numbers: SaveEntry). The lock is held until this transaction ends, and a round is only
        // committed with a bump of its contest's row, which waits for it: no other transaction's round can appear for
        // that category before this one commits. A round this transaction adds bumps the contest in this transaction.
        var tx = db.Database.CurrentTransaction;
        if (db.UnjudgedUnderShareLock is { } known && ReferenceEquals(known.Transaction, tx))
            candidates.RemoveWhere(c => known.Categories.Contains(c.CategoryId));
        if (candidates.Count > 0)
        {
            var judged = await JudgedCategoriesAsync(db, candidates, ct);
            var unjudged = candidates.Where(c => !judged.Contains(c.CategoryId)).ToList();
            if (unjudged.Count > 0 && db is PostgresContestDb)
            {
                await ShareLockAsync(db, unjudged.Select(c => c.ContestId).Distinct().Order().ToList(), ct);
                judged = await JudgedCategoriesAsync(db, candidates, ct);
                if (tx is not null)
                {
                    if (db.UnjudgedUnderShareLock is not { } held || !ReferenceEquals(held.Transaction, tx))
                        db.UnjudgedUnderShareLock = held = (tx, []);
                    held.Categories.UnionWith(unjudged.Select(c => c.CategoryId).Where(c => !judged.Contains(c)));
                }
            }
            contests.UnionWith(candidates.Where(c => judged.Contains(c.CategoryId)).Select(c => c.ContestId));
        }
        var votes = t.VoteRounds.Count == 0 ? [] :
            await db.Rounds.AsNoTracking().Where(r => t.VoteRounds.Contains(r.Id)).Select(r => r.Category.ContestId).Distinct().ToListAsync(ct);

        var finals = contests.Concat(votes).ToList();
        var divisionFinals = finals.Count == 0 ? [] :
            await db.Divisions.AsNoTracking().Where(d => finals.Contains(d.ContestId)).Select(d => new { d.ContestId, d.FinalId }).ToListAsync(ct);
        contests.UnionWith(divisionFinals.Where(d => contests.Contains(d.ContestId)).Select(d => d.FinalId));
        var bumps = contests.Select(c => (c, VersionKind.Judging))
            .Concat(votes.Select(c => (c, VersionKind.Votes)))
            .Concat(divisionFinals.Where(d => votes.Contains(d.ContestId)).Select(d => (d.FinalId, VersionKind.Votes)))
            .ToHashSet();
        if (t.Accounts) bumps.Add((Accounts, VersionKind.Judging));
        if (t.Users) bumps.Add((Accounts, VersionKind.Users));
        bumps.UnionWith(t.EntryLists.Select(l => (l.ContestId, VersionKind.EntryList + l.Stripe)));
        bumps.UnionWith(t.Objections.Select(c => (c, VersionKind.Objections)));
        return bumps.OrderBy(b => b.Item1).ThenBy(b => b.Item2).ToList();
    }

    private static async Task<HashSet<int>> JudgedCategoriesAsync(ContestDb db, HashSet<(int ContestId, int CategoryId)> candidates, CancellationToken ct)
    {
        var categories = candidates.Select(c => c.CategoryId).Distinct().ToList();
        return (await db.Rounds.AsNoTracking().Where(r => categories.Contains(r.CategoryId)).Select(r => r.CategoryId).Distinct().ToListAsync(ct)).ToHashSet();
    }

    /// <summary>Waits for any save that is bumping these rows (creating a row first if there is none, so there is one to lock).</summary>
    private static async Task ShareLockAsync(ContestDb db, IReadOnlyList<int> contestIds, CancellationToken ct)
    {
        foreach (var id in contestIds)
            await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "DataVersions" ("ContestId", "Kind", "Version") VALUES ({id}, 0, 0) ON CONFLICT ("ContestId", "Kind") DO NOTHING""", ct);
        var ids = contestIds.ToArray();
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "DataVersions" WHERE "Kind" = 0 AND "ContestId" = ANY({ids}) FOR SHARE""", ct);
    }

    /// <summary>Adds one to each row (creating it at 1), in a fixed order so two saves never wait on each other crosswise.</summary>
    public static async Task BumpAsync(ContestDb db, IReadOnlyList<(int ContestId, VersionKind Kind)> rows, CancellationToken ct)
    {
        foreach (var (contest, kind) in rows.Order())
            await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "DataVersions" ("ContestId", "Kind", "Version") VALUES ({contest}, {(int)kind}, 1) ON CONFLICT ("ContestId", "Kind") DO UPDATE SET "Version" = "DataVersions"."Version" + 1""", ct);
    }

    /// <summary>
    /// The versions a judge's list and sheets depend on: the accounts row and the judging row of every contest the judge
    /// has an assignment in. Read before the rows (see the remarks on <see cref="DataVersions"/>).
    /// </summary>
    public static Task<string> ForJudgeAsync(ContestDb db, string judgeId, CancellationToken ct) => ReadAsync(db, judgeId, null, ct);

    /// <summary>
    /// The contest of a category (null when there is no such category) and the versions of its contest's judging and the
    /// accounts row, in one plain statement: a category's judging page keeps the rest under them, and its two statements
    /// of LINQ (the contest, then the versions) were most of a repeat view.
    /// </summary>
    public static async Task<(int? ContestId, string Versions)> ForCategoryAsync(ContestDb db, int categoryId, CancellationToken ct)
    {
        int? contest = null;
        var key = new StringBuilder(32);
        await ReadRowsAsync(db, CategoryVersionsSql, cmd => Add(cmd, "category", DbType.Int32, categoryId), row =>
        {
            contest = row.GetInt32(0);
            if (row.IsDBNull(1)) return;
            if (key.Length > 0) key.Append(',');
            key.Append(row.GetInt32(1)).Append(':').Append(row.GetInt64(2));
        }, ct);
        return (contest, key.ToString());
    }

    // Kind 0 is VersionKind.Judging and contest 0 the Accounts row; a category whose contest has no row yet still gives its contest.
    private const string CategoryVersionsSql = """
        SELECT c."ContestId", v."ContestId", v."Version" FROM "Categories" c
        LEFT JOIN "DataVersions" v ON v."Kind" = 0 AND (v."ContestId" = 0 OR v."ContestId" = c."ContestId")
        WHERE c."Id" = @category
        ORDER BY v."ContestId"
        """;

    /// <summary>
    /// The versions the organizer's entry list of a contest depends on: its <see cref="VersionKind.EntryList"/> rows and the
    /// accounts row (the search reads entrants' names and organizations). Read before the rows.
    /// </summary>
    public static async Task<string> ForEntryListAsync(ContestDb db, int contestId, CancellationToken ct) => (await ReadListAsync(db, contestId, false, ct)).List;

    /// <summary>
    /// <see cref="ForEntryListAsync"/> (with <paramref name="objections"/>, also the contest's <see cref="VersionKind.Objections"/>
    /// row: the objections page shows each objection's entry number and title and the filer's name and address) and, apart,
    /// the contest's <see cref="VersionKind.Judging"/> row, which every change to the contest or its categories bumps: the
    /// organizer's lists keep the contest under it, so a score (which bumps it too) re-reads the contest only, not the list.
    /// </summary>
    public static Task<(string List, string Contest)> ForListPageAsync(ContestDb db, int contestId, bool objections, CancellationToken ct) =>
        ReadListAsync(db, contestId, objections, ct);

    /// <summary>The version of the admin's user list (<see cref="VersionKind.Users"/>, with the accounts row).</summary>
    public static async Task<string> ForUsersAsync(ContestDb db, CancellationToken ct) => (await ReadListAsync(db, -1, false, ct)).List;

    /// <summary>One plain statement, like <see cref="ReadAsync"/>: the LINQ form was a tenth of a repeat view of the entry list.</summary>
    private static async Task<(string List, string Contest)> ReadListAsync(ContestDb db, int contestId, bool objections, CancellationToken ct)
    {
        var key = new StringBuilder(160);
        var contest = "0";
        await ReadRowsAsync(db, ListVersionsSql, cmd =>
        {
            Add(cmd, "contest", DbType.Int32, contestId);
            Add(cmd, "objections", DbType.Boolean, objections);
        }, row =>
        {
            var (id, kind, version) = (row.GetInt32(0), row.GetInt32(1), row.GetInt64(2));
            if (id == contestId && kind == (int)VersionKind.Judging) contest = version.ToString(CultureInfo.InvariantCulture);
            else AppendRow(key, row);
        }, ct);
        return (key.ToString(), contest);
    }

    // Contest 0 kinds 0 and 3 are the Accounts and Users rows (contest -1 reads only those); kinds 100-115 the entry list's stripes (EntryList, EntryListStripes); 2 Objections.
    private const string ListVersionsSql = """
        SELECT v."ContestId", v."Kind", v."Version" FROM "DataVersions" v
        WHERE (v."ContestId" = 0 AND v."Kind" IN (0, 3))
           OR (v."ContestId" = @contest AND (v."Kind" = 0 OR (v."Kind" >= 100 AND v."Kind" < 116) OR (@objections AND v."Kind" = 2)))
        ORDER BY v."ContestId", v."Kind"
        """;

    /// <summary>The versions a round's ranking depends on: its contest's judging and votes rows, and the accounts row.</summary>
    public static Task<string> ForRoundAsync(ContestDb db, int roundId, CancellationToken ct) => ReadAsync(db, null, roundId, ct);

    /// <summary>
    /// The one versions read, for a judge's rounds or for one round: the accounts row and the rows of those rounds'
    /// contests (judging only for a judge, judging and votes for a round), as one key in a fixed order.
    /// </summary>
    /// <remarks>
    /// It runs on every view of /judging and of each score sheet, where the LINQ form was a third of a repeat view's CPU
    /// (building and funcletizing the expression, the query cache lookup, and a join of each of the judge's 150
    /// assignments to its round and category). Here the judge's rounds are a distinct read of the (JudgeId, RoundId)
    /// index alone, joined to their contests once per round, and the text is plain SQL both providers run as it is.
    /// </remarks>
    private static async Task<string> ReadAsync(ContestDb db, string? judgeId, int? roundId, CancellationToken ct)
    {
        var key = new StringBuilder(32);
        await ReadRowsAsync(db, VersionsSql, cmd =>
        {
            Add(cmd, "judge", DbType.String, judgeId);
            Add(cmd, "round", DbType.Int32, roundId);
            Add(cmd, "votes", DbType.Boolean, roundId is not null);
        }, row => AppendRow(key, row), ct);
        return key.ToString();
    }

    /// <summary>
    /// Runs one of the versions statements on the context's connection (in its transaction, if one is open) and hands each
    /// row to <paramref name="row"/>: the readers above are plain SQL because the LINQ forms were a large part of a repeat
    /// view, and they differ only in the statement, its parameters and how a row goes into the key.
    /// </summary>
    private static async Task ReadRowsAsync(ContestDb db, string sql, Action<DbCommand> bind, Action<DbDataReader> row, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            cmd.CommandText = sql;
            bind(cmd);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) row(reader);
        }
        finally { await db.Database.CloseConnectionAsync(); }
    }

    /// <summary>One row of <see cref="VersionsSql"/> (contest, kind, version) into the key.</summary>
    internal static void AppendRow(StringBuilder key, DbDataReader reader)
    {
        if (key.Length > 0) key.Append(',');
        key.Append(reader.GetInt32(0)).Append('/').Append(reader.GetInt32(1)).Append(':').Append(reader.GetInt64(2));
    }

    internal static void Add(DbCommand cmd, string name, DbType type, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = "@" + name;
        p.DbType = type;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
    }

    // Kind 0 is VersionKind.Judging, 1 VersionKind.Votes and contest 0 the Accounts row (a const string cannot spell them).
    // The entry list's rows (kinds from 100) are not read: what a ranking shows of an entry bumps the judging row too.
    internal const string VersionsSql = """
        SELECT v."ContestId", v."Kind", v."Version" FROM "DataVersions" v
        WHERE (v."Kind" = 0 OR (@votes AND v."Kind" = 1)) AND (v."ContestId" = 0 OR v."ContestId" IN (
            SELECT c."ContestId" FROM "Rounds" r JOIN "Categories" c ON c."Id" = r."CategoryId"
            WHERE r."Id" = @round OR r."Id" IN (SELECT DISTINCT a."RoundId" FROM "Assignments" a WHERE a."JudgeId" = @judge)))
        ORDER BY v."ContestId", v."Kind"
        """;
}
