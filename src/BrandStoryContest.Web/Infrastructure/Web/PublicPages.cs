namespace BrandStoryContest.Web.Infrastructure.Web;

/// <summary>The output-cache policy of pages that look the same for every visitor of one language.</summary>
public static class PublicPages
{
    public const string Policy = "public-pages";
}
