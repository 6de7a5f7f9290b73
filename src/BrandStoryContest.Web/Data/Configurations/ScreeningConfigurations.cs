using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BrandStoryContest.Web.Data.Configurations;

public sealed class ContestScreenerConfiguration : IEntityTypeConfiguration<ContestScreener>
{
    public void Configure(EntityTypeBuilder<ContestScreener> b)
    {
        b.HasKey(s => new { s.ContestId, s.ScreenerId });
        b.HasOne<Contest>().WithMany().HasForeignKey(s => s.ContestId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(s => s.Screener).WithMany().HasForeignKey(s => s.ScreenerId).OnDelete(DeleteBehavior.Cascade);
        // The screener's own list of contests.
        b.HasIndex(s => s.ScreenerId);
    }
}
