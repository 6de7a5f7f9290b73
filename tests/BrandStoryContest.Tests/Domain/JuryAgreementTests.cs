using BrandStoryContest.Web.Domain;

namespace BrandStoryContest.Tests.Domain;

public sealed class JuryAgreementTests
{
    private static List<JudgeScore> Scores(params (int Entry, string Judge, double Total)[] s) => s.Select(x => new JudgeScore(x.Entry, x.Judge, x.Total)).ToList();

    [Fact]
    public void Judges_who_agree_closely_give_an_icc_near_one()
    {
        // Means 80, 60, 70 (grand 70). MSB = 3·(100 + 100 + 0) / 2 = 300. Within each entry ±2 around the mean:
        // 8 per entry, 24 in all, MSW = 24 / (9 − 3) = 4. k0 = 3. ICC = (300 − 4) / (300 + 2·4) = 296 / 308.
        var scores = Scores((1, "a", 80), (1, "b", 82), (1, "c", 78), (2, "a", 60), (2, "d", 62), (2, "e", 58), (3, "b", 70), (3, "d", 72), (3, "f", 68));
        Assert.Equal(296.0 / 308.0, JuryAgreement.Icc1(scores), 9);
    }

    [Fact]
    public void Scores_that_differ_more_within_entries_than_between_them_give_an_icc_at_or_below_zero()
    {
        // Every entry gets one 40 and one 80: means are all 60, so MSB = 0 and ICC = −MSW / (MSW) = −1.
        var scores = Scores((1, "a", 40), (1, "b", 80), (2, "c", 40), (2, "d", 80), (3, "a", 80), (3, "c", 40));
        Assert.Equal(-1, JuryAgreement.Icc1(scores), 9);
    }

    [Fact]
    public void Too_little_data_gives_no_figure()
    {
        Assert.True(double.IsNaN(JuryAgreement.Icc1(Scores((1, "a", 50), (1, "b", 60)))));
        Assert.True(double.IsNaN(JuryAgreement.Icc1(Scores((1, "a", 50), (2, "b", 60)))));
    }
}
