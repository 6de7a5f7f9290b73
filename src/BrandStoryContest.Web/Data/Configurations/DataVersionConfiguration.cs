using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BrandStoryContest.Web.Data.Configurations;

public sealed class DataVersionConfiguration : IEntityTypeConfiguration<DataVersion>
{
    public void Configure(EntityTypeBuilder<DataVersion> b)
    {
        // No foreign key to Contests: row 0 stands for accounts, and a bump must never fail on a contest being deleted.
        b.ToTable("DataVersions");
        b.HasKey(v => new { v.ContestId, v.Kind });
        b.Property(v => v.ContestId).ValueGeneratedNever();
    }
}
