using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BrandStoryContest.Web.Data.Configurations;

public sealed class CategoryFieldConfiguration : IEntityTypeConfiguration<CategoryField>
{
    public void Configure(EntityTypeBuilder<CategoryField> b)
    {
        b.Property(f => f.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(f => f.LabelZh).HasMaxLength(CategoryField.MaxLabel);
        b.Property(f => f.LabelEn).HasMaxLength(CategoryField.MaxLabel);
        b.Property(f => f.HelpZh).HasMaxLength(CategoryField.MaxHelp);
        b.Property(f => f.HelpEn).HasMaxLength(CategoryField.MaxHelp);
        b.Property(f => f.Choices).HasMaxLength(CategoryField.MaxChoicesText);
        b.Ignore(f => f.ChoiceList);
        b.HasIndex(f => new { f.CategoryId, f.Order });
        b.HasOne(f => f.Category).WithMany().HasForeignKey(f => f.CategoryId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class EntryFieldAnswerConfiguration : IEntityTypeConfiguration<EntryFieldAnswer>
{
    public void Configure(EntityTypeBuilder<EntryFieldAnswer> b)
    {
        b.HasKey(a => new { a.EntryId, a.FieldId });
        b.Property(a => a.Value).HasMaxLength(FieldRules.MaxValue);
        b.Property(a => a.BlobName).HasMaxLength(200);
        b.HasIndex(a => a.FieldId);
        b.HasOne(a => a.Entry).WithMany(e => e.FieldAnswers).HasForeignKey(a => a.EntryId).OnDelete(DeleteBehavior.Cascade);
        // A field with answers is archived, never deleted, so its answers are never lost with it.
        b.HasOne(a => a.Field).WithMany().HasForeignKey(a => a.FieldId).OnDelete(DeleteBehavior.Restrict);
    }
}
