using BrandStoryContest.Web.Domain;

namespace BrandStoryContest.Tests.Domain;

public sealed class SimilarityTests
{
    private const string Original =
        "江城电器创立于一九八六年，三十多年来始终把质量当作企业的生命。每一台空调出厂前都要经过七十二小时的老化测试，" +
        "老师傅们说，产品不会说谎，你对它用了几分心，它就还你几分好。正是这份坚持，让海川的品牌从江城走向了全国。";
    // The same story with a few words changed, punctuation altered and a sentence added.
    private const string NearCopy =
        "江城电器创立于1986年，三十多年来始终把质量当作企业的生命！每一台空调出厂前都要经过七十二小时的老化测试；" +
        "老师傅们常说，产品不会说谎，你对它用了几分心，它就还你几分好。正是这份坚持，让品牌从江城走向了全国。我们会一直走下去。";
    private const string Unrelated =
        "清晨五点，古镇的茶园还笼着薄雾。采茶人背着竹篓上山，一芽一叶都要亲手掐下。制茶的老人说，火候差一分，味道就差十分。" +
        "这家百年茶庄从不赶工，宁可少卖，也不让一片次茶出门。";

    [Fact]
    public void A_near_copy_of_a_chinese_story_is_flagged_and_an_unrelated_one_is_not()
    {
        var pairs = Similarity.FindPairs([(1, Original), (2, NearCopy), (3, Unrelated)], threshold: 0.3);
        var pair = Assert.Single(pairs);
        Assert.Equal((1, 2), (pair.A, pair.B));
        Assert.InRange(pair.Jaccard, 0.5, 0.95);
        Assert.True(Similarity.Jaccard(Similarity.Shingles(Original), Similarity.Shingles(Unrelated)) < 0.05);
    }

    [Fact]
    public void Shared_passages_point_at_the_copied_text_in_the_original()
    {
        var passages = Similarity.SharedPassages(Original, NearCopy);
        var marked = passages.Select(p => Original.Substring(p.Start, p.Length)).ToList();
        Assert.Contains(marked, m => m.Contains("每一台空调出厂前都要经过七十二小时的老化测试"));
        Assert.DoesNotContain(marked, m => m.Contains("一九八六年")); // changed in the copy
        Assert.Empty(Similarity.SharedPassages(Original, Unrelated));
    }

    [Fact]
    public void A_story_naming_its_authors_company_or_name_is_found_with_the_place()
    {
        var text = "我叫张晓雨，在海川电器工作了十年。海川电器股份有限公司的质量誓言……";
        var leaks = BlindLeaks.Find(text, "张晓雨", "海川电器股份有限公司");
        Assert.Equal(["张晓雨", "海川电器", "海川电器股份有限公司"], leaks.Select(l => l.Term).ToArray());
        Assert.All(leaks, l => Assert.Equal(l.Term, text.Substring(l.Where.Start, l.Where.Length)));
        Assert.Empty(BlindLeaks.Find("一篇与作者无关的故事。", "张晓雨", "海川电器股份有限公司"));
    }
}
