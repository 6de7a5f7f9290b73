using BrandStoryContest.Web.Domain;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BrandStoryContest.Web.Data;

/// <summary>
/// The one DbContext every handler uses. As itself it is the SQLite database (Data/Migrations);
/// <see cref="PostgresContestDb"/> is the same model on PostgreSQL with its own migrations.
/// </summary>
public class ContestDb : IdentityDbContext<Account>, IDataProtectionKeyContext
{
    public ContestDb(DbContextOptions<ContestDb> options) : base(options) { }

    /// <summary>For a provider's subclass; protected so dependency injection only sees the public one.</summary>
    protected ContestDb(DbContextOptions options) : base(options) { }

    /// <summary>Data Protection keys, shared by every instance so a cookie from one works on another.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Contest> Contests => Set<Contest>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Entry> Entries => Set<Entry>();
    public DbSet<EntryAuthor> EntryAuthors => Set<EntryAuthor>();
    public DbSet<CategoryField> CategoryFields => Set<CategoryField>();
    public DbSet<EntryFieldAnswer> EntryFieldAnswers => Set<EntryFieldAnswer>();
    public DbSet<FilmUpload> FilmUploads => Set<FilmUpload>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<ReminderSent> RemindersSent => Set<ReminderSent>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<JudgeInvitation> JudgeInvitations => Set<JudgeInvitation>();
    public DbSet<ContestJudge> ContestJudges => Set<ContestJudge>();
    public DbSet<ContestScreener> ContestScreeners => Set<ContestScreener>();
    public DbSet<PanelMember> PanelMembers => Set<PanelMember>();
    public DbSet<Conflict> Conflicts => Set<Conflict>();
    public DbSet<Round> Rounds => Set<Round>();
    public DbSet<Criterion> Criteria => Set<Criterion>();
    public DbSet<RoundEntry> RoundEntries => Set<RoundEntry>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<CriterionScore> CriterionScores => Set<CriterionScore>();
    public DbSet<JudgeNote> JudgeNotes => Set<JudgeNote>();
    public DbSet<AwardTier> AwardTiers => Set<AwardTier>();
    public DbSet<Award> Awards => Set<Award>();
    public DbSet<AwardTie> AwardTies => Set<AwardTie>();
    public DbSet<Certificate> Certificates => Set<Certificate>();
    public DbSet<Vote> Votes => Set<Vote>();
    public DbSet<CertificateJob> CertificateJobs => Set<CertificateJob>();
    public DbSet<Objection> Objections => Set<Objection>();
    public DbSet<Declaration> Declarations => Set<Declaration>();
    public DbSet<DeclarationAcceptance> DeclarationAcceptances => Set<DeclarationAcceptance>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<OrganizationAward> OrganizationAwards => Set<OrganizationAward>();
    public DbSet<Division> Divisions => Set<Division>();
    public DbSet<DivisionQuota> DivisionQuotas => Set<DivisionQuota>();
    public DbSet<Recommendation> Recommendations => Set<Recommendation>();
    public DbSet<DataVersion> DataVersions => Set<DataVersion>();

    /// <summary>Categories DataVersions.ResolveAsync found without a round under its share lock, in that transaction.</summary>
    internal (Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction Transaction, HashSet<int> Categories)? UnjudgedUnderShareLock { get; set; }

    /// <summary>
    /// Saves, and when the changes touch what judges' pages or rankings read, bumps the contests' data versions in the
    /// same transaction (<see cref="Data.DataVersions"/>): the caller's, or one of its own around the save and the bump.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var touched = Data.DataVersions.Collect(ChangeTracker);
        if (touched is null) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        // In a transaction of its own EF would send a SAVEPOINT before the save (a round trip on every draft save and
        // start of the deadline surge), so that a failed save could go on in it; a failure here rolls all of it back.
        if (own is not null) Database.AutoSavepointsEnabled = false;
        try
        {
            var bumps = await Data.DataVersions.ResolveAsync(this, touched, cancellationToken);
            // Accepted only once the bump is in: a failed bump rolls the save back, and the tracker still holds the changes.
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
            await Data.DataVersions.BumpAsync(this, bumps, cancellationToken);
            if (own is not null) await own.CommitAsync(cancellationToken);
            if (acceptAllChangesOnSuccess) ChangeTracker.AcceptAllChanges();
            return saved;
        }
        finally
        {
            if (own is not null)
            {
                Database.AutoSavepointsEnabled = true;
                await own.DisposeAsync();
            }
        }
    }

    /// <summary>The same as the asynchronous save (nothing in the app saves synchronously; Identity and EF tools may).</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess, CancellationToken.None).GetAwaiter().GetResult();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite cannot compare DateTimeOffset text; as UTC ticks it orders and filters in SQL. PostgreSQL
        // keeps the same ticks so both providers run the same queries over the same values.
        builder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        b.ApplyConfigurationsFromAssembly(typeof(ContestDb).Assembly);
    }
}
