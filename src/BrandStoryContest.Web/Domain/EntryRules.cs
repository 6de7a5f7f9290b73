namespace BrandStoryContest.Web.Domain;

/// <summary>A broken rule as an English message key plus its values, so each reader sees it in their language.</summary>
public sealed record RuleViolation(string Field, string Key, params object[] Args)
{
    /// <summary>Stored form for reasons kept on an entry: key and values joined by '|'.</summary>
    public string Encode() => string.Join('|', new[] { Key }.Concat(Args.Select(a => Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture) ?? "")));

    public static (string Key, object[] Args) Decode(string stored)
    {
        var parts = stored.Split('|');
        return (parts[0], parts.Skip(1).Cast<object>().ToArray());
    }
}

/// <summary>The call's rules, checked the same way on every submit; no I/O here.</summary>
public static class EntryRules
{
    public static IEnumerable<RuleViolation> CheckDeclarations(Entry entry, Category category)
    {
        if (category.RequireOriginalityPledge && !entry.PledgedOriginality)
            yield return new("PledgedOriginality", "Confirm that the work is your own original work.");
        if (category.RequireRightsDeclaration && !entry.DeclaredRights)
            yield return new("DeclaredRights", "Confirm that you hold the rights to the brand, music and footage used.");
        if (category.RequirePublicationConsent && !entry.ConsentsToPublication)
            yield return new("ConsentsToPublication", "This category requires consent to publication.");
    }

    public static IEnumerable<RuleViolation> CheckStory(Entry entry, Category category)
    {
        if (string.IsNullOrWhiteSpace(entry.Title)) yield return new("Title", "Give your entry a title.");
        var length = StoryText.Length(entry.Body);
        if (length < category.MinLength)
            yield return new("Body", "The story has {0} characters/words; at least {1} are required.", length, category.MinLength);
        if (length > category.MaxLength)
            yield return new("Body", "The story has {0} characters/words; at most {1} are allowed.", length, category.MaxLength);
        foreach (var v in CheckDeclarations(entry, category)) yield return v;
    }

    public static IEnumerable<RuleViolation> CheckFilmEntry(Entry entry, Category category)
    {
        if (string.IsNullOrWhiteSpace(entry.Title)) yield return new("Title", "Give your entry a title.");
        if (string.IsNullOrWhiteSpace(entry.Synopsis)) yield return new("Synopsis", "Write a short synopsis.");
        switch (entry.FilmStatus)
        {
            case FilmStatus.None or FilmStatus.Uploading:
                yield return new("Film", "Upload your film first."); break;
            case FilmStatus.Processing:
                yield return new("Film", "Your film is still being checked. Submit when it is ready."); break;
            case FilmStatus.Rejected:
                yield return new("Film", "Your film was rejected: replace it before submitting."); break;
        }
        foreach (var v in CheckDeclarations(entry, category)) yield return v;
    }

    /// <summary>What ffprobe found against the category's film rules. Empty means the film is accepted.</summary>
    public static IEnumerable<RuleViolation> CheckFilm(string container, TimeSpan duration, int width, int height, string videoCodec, Category category)
    {
        if (!category.ContainerList.Contains(container))
            yield return new("Film", "The file is {0}; allowed formats are {1}.", container.ToUpperInvariant(), category.AllowedContainers);
        if (category.CodecList.Count > 0 && !category.CodecList.Contains(videoCodec))
            yield return new("Film", "The video codec is {0}; allowed codecs are {1}.", videoCodec, category.AllowedVideoCodecs);
        if (duration.TotalSeconds < category.MinDurationSeconds)
            yield return new("Film", "The film lasts {0} s; at least {1} s are required.", Math.Round(duration.TotalSeconds, 1), category.MinDurationSeconds);
        if (duration.TotalSeconds > category.MaxDurationSeconds)
            yield return new("Film", "The film lasts {0} s; at most {1} s are allowed.", Math.Round(duration.TotalSeconds, 1), category.MaxDurationSeconds);
        if (width < category.MinWidth || height < category.MinHeight)
            yield return new("Film", "The resolution is {0}×{1}; at least {2}×{3} is required.", width, height, category.MinWidth, category.MinHeight);
    }
}
