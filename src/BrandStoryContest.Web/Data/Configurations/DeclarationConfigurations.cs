using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BrandStoryContest.Web.Data.Configurations;

public sealed class DeclarationConfiguration : IEntityTypeConfiguration<Declaration>
{
    public void Configure(EntityTypeBuilder<Declaration> b)
    {
        b.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(d => d.TextZh).HasMaxLength(Declaration.MaxTextChars);
        b.Property(d => d.TextEn).HasMaxLength(Declaration.MaxTextChars);
        b.Property(d => d.PublishedById).HasMaxLength(450);
        // Two organizers publishing at once cannot both make version n.
        b.HasIndex(d => new { d.ContestId, d.Kind, d.Version }).IsUnique();
        b.HasOne(d => d.Contest).WithMany().HasForeignKey(d => d.ContestId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class DeclarationAcceptanceConfiguration : IEntityTypeConfiguration<DeclarationAcceptance>
{
    public void Configure(EntityTypeBuilder<DeclarationAcceptance> b)
    {
        b.HasIndex(a => new { a.EntryId, a.DeclarationId }).IsUnique();
        b.Property(a => a.ClientAddress).HasMaxLength(64);
        b.HasOne(a => a.Entry).WithMany().HasForeignKey(a => a.EntryId).OnDelete(DeleteBehavior.Cascade);
        // A version someone signed is evidence: it cannot be deleted from under the signature.
        b.HasOne(a => a.Declaration).WithMany().HasForeignKey(a => a.DeclarationId).OnDelete(DeleteBehavior.Restrict);
    }
}
