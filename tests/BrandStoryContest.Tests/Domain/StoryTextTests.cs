using System.Globalization;
using System.Text;
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

    /// <summary>The count as it was before the fast path for characters that stand alone: every text element walked by StringInfo.</summary>
    private static int ByTextElements(string text)
    {
        var count = 0;
        var inWord = false;
        for (var rest = text.AsSpan(); !rest.IsEmpty; rest = rest[StringInfo.GetNextTextElementLength(rest)..])
        {
            Rune.DecodeFromUtf16(rest, out var rune, out _);
            if (StoryText.IsCjk(rune)) { count++; inWord = false; }
            else if (Rune.IsLetterOrDigit(rune) || (inWord && (rune.Value is '\'' or '’' or '-'))) { if (!inWord) count++; inWord = true; }
            else inWord = false;
        }
        return count;
    }

    [Theory]
    [InlineData("e\u0301té cafe\u0301")]                 // combining accents after ASCII letters
    [InlineData("品\u302A牌\u302F。")]                    // ideographic tone marks (Extend) after Chinese
    [InlineData("行\r\n\r\n段落\r一\n二")]               // CR LF is one element, a lone CR or LF its own
    [InlineData("好👍🏽棒👨‍👩‍👧家🇨🇳国")]                        // emoji with a skin tone, a ZWJ family, a flag
    [InlineData("한국어 각 글")]                        // hangul syllables and conjoining jamo
    [InlineData("ｶﾞｷﾞ半角ｶﾅ")]                          // half-width kana with voicing marks (Extend)
    [InlineData("a\u200Db\u200Cc\uFE0F“引”‘号’—…")]      // ZWJ, ZWNJ, a variation selector and the typed punctuation
    [InlineData("𠀀\u0300𠀁x\u0308")]                     // a surrogate pair followed by a combining mark
    public void Length_is_the_same_as_walking_every_text_element(string text) =>
        Assert.Equal(ByTextElements(text), StoryText.Length(text));

    [Fact]
    public void Length_is_the_same_as_walking_every_text_element_on_random_mixed_text()
    {
        // Characters from each kind around the fast path's edges, in random order (fixed seed).
        var pool = "质量品牌故事。，、！？“”‘’—…abcXYZ019 '-\n\r\u0301\u302A\u302F\u3030\u200D\uFE0Fｶﾞ한각\u3000\u00A0\t".ToCharArray();
        var random = new Random(19);
        for (var n = 0; n < 2_000; n++)
        {
            var text = new string(Enumerable.Range(0, random.Next(1, 40)).Select(_ => pool[random.Next(pool.Length)]).ToArray());
            Assert.True(ByTextElements(text) == StoryText.Length(text), $"differs for {string.Join(' ', text.Select(c => ((int)c).ToString("X4")))}");
        }
    }
}
