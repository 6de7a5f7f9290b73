namespace BrandStoryContest.Web.Domain;

/// <summary>Instants are stored in UTC; people read and type them in the contest's own time zone.</summary>
public static class ContestTime
{
    public const string DefaultZone = "Asia/Shanghai";

    public static TimeZoneInfo Zone(string? id)
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(id) ? DefaultZone : id); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.FindSystemTimeZoneById(DefaultZone); }
    }

    public static bool IsKnownZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    public static DateTimeOffset ToLocal(DateTimeOffset utc, string? zoneId) =>
        TimeZoneInfo.ConvertTime(utc, Zone(zoneId));

    /// <summary>A wall-clock time typed in the contest's zone, as an instant.</summary>
    public static DateTimeOffset FromLocal(DateTime local, string? zoneId)
    {
        var zone = Zone(zoneId);
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    public static string Format(DateTimeOffset utc, string? zoneId)
    {
        var local = ToLocal(utc, zoneId);
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return $"{local:yyyy-MM-dd HH:mm} (UTC{sign}{offset:hh\\:mm})";
    }
}
