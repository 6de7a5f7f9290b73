using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BrandStoryContest.Web.Data.Configurations;

public sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    // The admin's account list is ordered by e-mail (ListUsers): with 20,000 accounts a sort without an index is the page's cost.
    public void Configure(EntityTypeBuilder<Account> b) => b.HasIndex(a => a.Email);
}
