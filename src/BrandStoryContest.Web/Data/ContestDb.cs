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
