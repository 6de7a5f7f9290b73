using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BrandStoryContest.Web.Data.Configurations;

public sealed class ContestConfiguration : IEntityTypeConfiguration<Contest>
{
    public void Configure(EntityTypeBuilder<Contest> b)
    {
        b.HasIndex(c => c.Code).IsUnique();
        b.Property(c => c.Code).HasMaxLength(32);
        b.Property(c => c.TitleZh).HasMaxLength(200);
        b.Property(c => c.TitleEn).HasMaxLength(200);
        // Existing contests get the default reminders when the column is added.
        b.Property(c => c.ReminderHours).HasMaxLength(64).HasDefaultValue(ReminderHours.Default);
        b.HasMany(c => c.Categories).WithOne(c => c.Contest).HasForeignKey(c => c.ContestId);
        b.HasIndex(c => c.OwnerId);
        b.HasOne<Contest>().WithMany().HasForeignKey(c => c.PreviousEditionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> b)
    {
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Code).HasMaxLength(8);
        b.HasIndex(c => new { c.ContestId, c.Code }).IsUnique();
        b.Ignore(c => c.AttachmentExtensions);
        b.Ignore(c => c.ContainerList);
        b.Ignore(c => c.CodecList);
    }
}

public sealed class EntryConfiguration : IEntityTypeConfiguration<Entry>
{
    public void Configure(EntityTypeBuilder<Entry> b)
    {
        b.Property(e => e.State).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.FilmStatus).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.Title).HasMaxLength(200);
        b.HasIndex(e => new { e.ContestId, e.Number }).IsUnique();
        b.HasIndex(e => new { e.CategoryId, e.State });
        // Covers the per-category submitted counts of the public contest page: counted in the index, no row reads.
        b.HasIndex(e => new { e.ContestId, e.State, e.CategoryId });
        b.HasIndex(e => e.EntrantId);
        // The organizer's entry list in each of its orders: the page (also a deep one) and the filter on state and
        // category are read from the index, so the wide story rows are only read for the 50 shown. The Id follows the
        // sort key because it is the list's tie-breaker (EntrySort).
        b.HasIndex(e => new { e.ContestId, e.Number, e.Id, e.State, e.CategoryId }).HasDatabaseName("IX_Entries_List_Number");
        b.HasIndex(e => new { e.ContestId, e.SubmittedAt, e.Id, e.State, e.CategoryId }).HasDatabaseName("IX_Entries_List_Newest");
        // The title order's index also holds the number and the entrant, so the list's search (EntryList.Rows) tests every
        // entry's title and number in the index instead of in the wide rows.
        b.HasIndex(e => new { e.ContestId, e.Title, e.Id, e.State, e.CategoryId, e.Number, e.EntrantId }).HasDatabaseName("IX_Entries_List_Title");
        // A round's candidates in number order with their consent (the public vote review), without the story rows.
        b.HasIndex(e => new { e.CategoryId, e.State, e.Number, e.ConsentsToPublication });
        // MaxEntriesPerEntrant under parallel starts: each counting entry holds a numbered place, and two entries
        // can never hold the same one (NULLs, the freed places, are distinct on SQLite and PostgreSQL alike).
        b.HasIndex(e => new { e.CategoryId, e.EntrantId, e.QuotaSlot }).IsUnique();
        // A retried start (same form, same key) finds its draft; two copies racing cannot both insert.
        b.HasIndex(e => new { e.CategoryId, e.EntrantId, e.StartKey }).IsUnique();
        b.Property(e => e.EntrantName).HasMaxLength(50);
        b.Property(e => e.EntrantOrganization).HasMaxLength(100);
        b.Property(e => e.ReturnReason).HasMaxLength(1000);
        b.HasOne(e => e.Contest).WithMany().HasForeignKey(e => e.ContestId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Category).WithMany().HasForeignKey(e => e.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Entrant).WithMany().HasForeignKey(e => e.EntrantId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class EntryAuthorConfiguration : IEntityTypeConfiguration<EntryAuthor>
{
    public void Configure(EntityTypeBuilder<EntryAuthor> b)
    {
        b.Property(a => a.Role).HasConversion<string>().HasMaxLength(16);
        b.Property(a => a.Name).HasMaxLength(50);
        b.Property(a => a.Organization).HasMaxLength(100);
        b.Property(a => a.Email).HasMaxLength(256);
        b.Property(a => a.ConfirmToken).HasMaxLength(64);
        b.HasIndex(a => a.EntryId);
        b.HasIndex(a => a.AccountId);
        b.HasIndex(a => a.ConfirmToken).IsUnique();
        b.HasOne(a => a.Entry).WithMany(e => e.Authors).HasForeignKey(a => a.EntryId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class FilmUploadConfiguration : IEntityTypeConfiguration<FilmUpload>
{
    public void Configure(EntityTypeBuilder<FilmUpload> b)
    {
        b.HasKey(u => u.Id);
        b.Property(u => u.Id).HasMaxLength(40);
        b.HasIndex(u => new { u.EntryId, u.Fingerprint });
    }
}

public sealed class JudgeInvitationConfiguration : IEntityTypeConfiguration<JudgeInvitation>
{
    public void Configure(EntityTypeBuilder<JudgeInvitation> b) => b.HasIndex(i => i.Token).IsUnique();
}

public sealed class ContestJudgeConfiguration : IEntityTypeConfiguration<ContestJudge>
{
    public void Configure(EntityTypeBuilder<ContestJudge> b) => b.HasKey(j => new { j.ContestId, j.JudgeId });
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b) => b.HasIndex(a => new { a.EntityType, a.EntityId });
}
