using BrandStoryContest.Web.Domain;

namespace BrandStoryContest.Tests.Domain;

public sealed class StoryTextTests
{
    [Theory]
    [InlineData("质量是企业的生命。", 9)]                // 8 characters + the full-width full stop
    [InlineData("品牌 故事", 4)]                         // spaces do not count
    [InlineData("Quality is a habit, not an act.", 7)]  // English counts words
    [InlineData("我们的 LED 灯泡 exported to 12 countries。", 11)] // 我们的 3 + LED 1 + 灯泡 2 + 4 words + 。1
    [InlineData("", 0)]
    [InlineData("don't stop-motion", 2)]
    [InlineData("𠀀𠀁", 2)]                               // extension B: one each, not two UTF-16 units
    [InlineData("“品牌”——质量……", 10)]                  // quotes, each half of —— and of …… count like characters, as in Word
    public void Length_counts_chinese_characters_and_english_words(string text, int expected) =>
        Assert.Equal(expected, StoryText.Length(text));

    [Fact]
    public void A_thousand_chinese_characters_with_line_breaks_count_as_a_thousand()
    {
        var text = string.Join("\n\n", Enumerable.Repeat(new string('质', 100), 10));
        Assert.Equal(1000, StoryText.Length(text));
    }
}
