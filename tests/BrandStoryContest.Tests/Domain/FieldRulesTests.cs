using BrandStoryContest.Web.Domain;

namespace BrandStoryContest.Tests.Domain;

public sealed class FieldRulesTests
{
    private static CategoryField Field(FieldKind kind, bool required = false, string? choices = null) =>
        new() { Id = 7, Kind = kind, Required = required, LabelZh = "字段", Choices = choices };

    private static RuleViolation? Check(FieldKind kind, string? value, bool required = false, string? choices = null) =>
        FieldRules.Check(Field(kind, required, choices), value, "字段");

    [Theory]
    [InlineData("11010519491231002X")] // the standard's own example
    [InlineData("11010519491231002x")] // a lower-case x is the same check character
    [InlineData("440304199001011233")]
    [InlineData("110105200002290013")] // 29 February of a leap year
    public void A_resident_id_with_a_right_check_character_and_a_real_birth_date_is_valid(string id) =>
        Assert.True(FieldRules.IsResidentId(id));

    [Theory]
    [InlineData("110105194912310021")] // check character should be X
    [InlineData("440304199001011234")] // one off
    [InlineData("110105200102290010")] // right checksum, but 2001 had no 29 February
    [InlineData("11010519491231002")]  // 17 characters
    [InlineData("11010519491231002XX")]
    [InlineData("A1010519491231002X")]
    [InlineData("１１０１０５１９４９１２３１００２Ｘ")] // full-width digits are not digits of an ID number
    public void A_resident_id_with_a_wrong_checksum_date_or_length_is_refused(string id) =>
        Assert.False(FieldRules.IsResidentId(id));

    [Fact]
    public void Nobody_is_born_after_today()
    {
        // 2030-01-01 with its right check character.
        const string future = "11010520300101001X";
        Assert.True(FieldRules.IsResidentId(future));
        Assert.False(FieldRules.IsResidentId(future, new DateOnly(2026, 12, 1)));
        Assert.True(FieldRules.IsResidentId(future, new DateOnly(2030, 1, 1)));
        Assert.NotNull(FieldRules.Check(Field(FieldKind.ResidentId), future, "字段", new DateOnly(2026, 12, 1)));
    }

    [Theory]
    [InlineData("13812345678", true)]
    [InlineData("19912345678", true)]
    [InlineData("12812345678", false)] // second digit must be 3–9
    [InlineData("1381234567", false)]
    [InlineData("138123456789", false)]
    [InlineData("+8613812345678", false)]
    [InlineData("1381234567a", false)]
    [InlineData("１３８１２３４５６７８", false)]
    public void A_mainland_mobile_number_is_eleven_digits_from_13_to_19(string phone, bool valid) =>
        Assert.Equal(valid, FieldRules.IsMainlandMobile(phone));

    [Theory]
    [InlineData(FieldKind.Number, "12", true)]
    [InlineData(FieldKind.Number, "-3.5", true)]
    [InlineData(FieldKind.Number, "3,5", false)]
    [InlineData(FieldKind.Number, "十二", false)]
    [InlineData(FieldKind.Date, "2026-02-28", true)]
    [InlineData(FieldKind.Date, "2026-02-30", false)]
    [InlineData(FieldKind.Date, "2026/02/28", false)]
    [InlineData(FieldKind.Email, "zhang@example.cn", true)]
    [InlineData(FieldKind.Email, "zhang@example", false)]
    [InlineData(FieldKind.Email, "zhang example.cn", false)]
    [InlineData(FieldKind.Url, "https://example.cn/works/1", true)]
    [InlineData(FieldKind.Url, "http://example.cn", true)]
    [InlineData(FieldKind.Url, "javascript:alert(1)", false)]
    [InlineData(FieldKind.Url, "ftp://example.cn", false)]
    [InlineData(FieldKind.Url, "example.cn", false)]
    [InlineData(FieldKind.MobilePhone, "13812345678", true)]
    [InlineData(FieldKind.MobilePhone, "1381234567", false)]
    [InlineData(FieldKind.ResidentId, "11010519491231002X", true)]
    [InlineData(FieldKind.ResidentId, "110105194912310021", false)]
    [InlineData(FieldKind.ShortText, "海川电器", true)]
    [InlineData(FieldKind.LongText, "第一行\n第二行", true)]
    public void Each_kind_accepts_its_values_and_refuses_others_naming_the_field(FieldKind kind, string value, bool valid)
    {
        var violation = Check(kind, value);
        Assert.Equal(valid, violation is null);
        if (violation is not null)
        {
            Assert.Equal("Field7", violation.Field);
            Assert.Equal("字段", violation.Args[0]);
        }
    }

    [Fact]
    public void Texts_longer_than_their_kind_allows_are_refused()
    {
        Assert.Null(Check(FieldKind.ShortText, new string('字', FieldRules.MaxShortText)));
        Assert.NotNull(Check(FieldKind.ShortText, new string('字', FieldRules.MaxShortText + 1)));
        Assert.Null(Check(FieldKind.LongText, new string('字', FieldRules.MaxLongText)));
        Assert.NotNull(Check(FieldKind.LongText, new string('字', FieldRules.MaxLongText + 1)));
    }

    [Fact]
    public void A_choice_must_be_one_of_the_fields_choices()
    {
        const string choices = "本科\n硕士\n博士";
        Assert.Null(Check(FieldKind.SingleChoice, "硕士", choices: choices));
        Assert.NotNull(Check(FieldKind.SingleChoice, "高中", choices: choices));
        Assert.Null(Check(FieldKind.MultipleChoice, "本科\n博士", choices: choices));
        Assert.NotNull(Check(FieldKind.MultipleChoice, "本科\n高中", choices: choices));
    }

    [Fact]
    public void A_multiple_choice_is_stored_one_per_line_in_the_fields_order()
    {
        var field = Field(FieldKind.MultipleChoice, choices: "本科\n硕士\n博士");
        Assert.Equal("本科\n博士", FieldRules.Normalize(field, ["博士", "本科", "本科", " "]));
        Assert.Equal("", FieldRules.Normalize(field, []));
        Assert.Equal("11010519491231002X", FieldRules.Normalize(Field(FieldKind.ResidentId), [" 11010519491231002x "]));
        Assert.Equal("一行 两行", FieldRules.Normalize(Field(FieldKind.ShortText), ["一行\r\n两行"]));
    }

    [Fact]
    public void Required_fields_must_be_answered_and_optional_ones_may_stay_empty()
    {
        var required = Check(FieldKind.ShortText, "  ", required: true);
        Assert.NotNull(required);
        Assert.Equal("{0}: this field is required.", required.Key);
        Assert.Null(Check(FieldKind.ShortText, "", required: false));
        // An optional field that is answered is still checked.
        Assert.NotNull(Check(FieldKind.MobilePhone, "123", required: false));
    }

    [Fact]
    public void Id_and_phone_numbers_are_masked_to_their_ends()
    {
        Assert.Equal("110***********002X", FieldRules.Mask(FieldKind.ResidentId, "11010519491231002X"));
        Assert.Equal("138****5678", FieldRules.Mask(FieldKind.MobilePhone, "13812345678"));
        // A malformed draft value still shows nothing of itself.
        Assert.Equal("*****", FieldRules.Mask(FieldKind.MobilePhone, "12345"));
        Assert.Equal("海川电器", FieldRules.Mask(FieldKind.ShortText, "海川电器"));
    }

    [Fact]
    public void The_leak_check_looks_for_identifying_answers_like_the_name()
    {
        var text = "我在海川电器工作，电话13812345678，欢迎联系。";
        var found = BlindLeaks.Find(text, "张晓雨", null, ["13812345678", "本科\n硕士"]);
        Assert.Contains(found, f => f.Term == "13812345678" && text.Substring(f.Where.Start, f.Where.Length) == "13812345678");
        Assert.Empty(BlindLeaks.Find(text, "张晓雨", null));
    }
}
