using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BrandStoryContest.Web.Data.Configurations;

public sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.Property(o => o.Name).HasMaxLength(Organization.MaxNameLength);
        b.Property(o => o.CreditCode).HasMaxLength(18);
        // One unit once per contest, by name and by credit code: two registrations of one unit would split its figures.
        b.HasIndex(o => new { o.ContestId, o.Name }).IsUnique();
        b.HasIndex(o => new { o.ContestId, o.CreditCode }).IsUnique().HasFilter("\"CreditCode\" IS NOT NULL");
        b.HasIndex(o => o.ContactId);
        b.HasOne(o => o.Contest).WithMany().HasForeignKey(o => o.ContestId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(o => o.Contact).WithMany().HasForeignKey(o => o.ContactId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany<Entry>().WithOne(e => e.Organization).HasForeignKey(e => e.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class OrganizationAwardConfiguration : IEntityTypeConfiguration<OrganizationAward>
{
    public void Configure(EntityTypeBuilder<OrganizationAward> b)
    {
        b.Property(a => a.NameZh).HasMaxLength(60);
        b.Property(a => a.NameEn).HasMaxLength(80);
        b.Property(a => a.Reason).HasMaxLength(500);
        b.Property(a => a.CertificateNumber).HasMaxLength(18);
        b.Property(a => a.CertificateBlob).HasMaxLength(100);
        b.HasIndex(a => new { a.OrganizationId, a.NameZh }).IsUnique();
        b.HasIndex(a => a.ContestId);
        b.HasIndex(a => a.CertificateNumber).IsUnique().HasFilter("\"CertificateNumber\" IS NOT NULL");
        b.HasOne(a => a.Organization).WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}
