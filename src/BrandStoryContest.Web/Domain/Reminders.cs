namespace BrandStoryContest.Web.Domain;

/// <summary>The reminders the scheduler sends before a deadline (event mails to organizers need no claim: the event is unique).</summary>
public enum ReminderKind
{
    /// <summary>An entrant's draft is not submitted and the contest's submission deadline is near.</summary>
    DraftDeadline = 0,
    /// <summary>A judge has unscored assignments in an open round and the contest's judging end is near.</summary>
    JudgingDeadline = 1,
    /// <summary>A division's organizer has not filled its quota and the final's recommendation deadline is near (target: the division's contest).</summary>
    RecommendationDeadline = 2,
}

/// <summary>
/// The claim that one reminder went out: unique per kind, recipient, target (the contest) and offset (hours before the
/// deadline). It is inserted in the same SaveChanges as the queued mail, so a second instance, or a second run, that
/// tries the same reminder fails the unique index and queues nothing.
/// </summary>
public sealed class ReminderSent
{
    public long Id { get; set; }
    public ReminderKind Kind { get; set; }
    public string RecipientId { get; set; } = "";
    public int TargetId { get; set; }
    public int OffsetHours { get; set; }
    public DateTimeOffset SentAt { get; set; }
}

/// <summary>The hours before a deadline at which reminders go out, as the organizer types them ("72, 24").</summary>
public static class ReminderHours
{
    public const string Default = "72,24";
    public const int Max = 24 * 30;
    public const int MaxCount = 6;

    /// <summary>Null when the text is not a list of 1–6 whole hours between 1 and 720; empty text means no reminders.</summary>
    public static IReadOnlyList<int>? Parse(string? text)
    {
        var parts = (text ?? "").Split([',', '，', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var hours = new List<int>();
        foreach (var p in parts)
        {
            if (!int.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var h) || h < 1 || h > Max)
                return null;
            hours.Add(h);
        }
        hours = hours.Distinct().OrderDescending().ToList();
        return hours.Count > MaxCount ? null : hours;
    }

    public static string Format(IEnumerable<int> hours) => string.Join(",", hours.Distinct().OrderDescending());

    /// <summary>
    /// The offset whose reminder is due now: the smallest one whose moment has passed, while the deadline has not.
    /// Only that one: a scheduler that was down through the 72 h mark and wakes 10 h before the deadline sends the
    /// 24 h reminder, not both.
    /// </summary>
    public static int? Due(DateTimeOffset deadline, IReadOnlyList<int> hours, DateTimeOffset now) =>
        now >= deadline ? null : hours.Where(h => deadline.AddHours(-h) <= now).Order().Cast<int?>().FirstOrDefault();
}
