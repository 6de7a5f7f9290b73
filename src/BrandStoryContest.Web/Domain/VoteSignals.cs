using System.Net;
using System.Net.Sockets;

namespace BrandStoryContest.Web.Domain;

/// <summary>One vote as the fraud signals see it.</summary>
public sealed record VoteRecord(int EntryId, string VoterId, DateTimeOffset CastAt, DateTimeOffset VoterRegisteredAt, string? IpAddress);

/// <summary>What looks odd about one entry's votes. The organizer judges; nothing is removed automatically.</summary>
/// <param name="PeakVotes">Most votes within any <see cref="VoteSignals.Window"/>.</param>
/// <param name="UsualVotes">Votes per window if the entry's votes had been spread evenly over the voting period.</param>
public sealed record EntrySignals(int EntryId, int Votes, int PeakVotes, DateTimeOffset? PeakStart, double UsualVotes, bool Burst,
    double NewAccountShare, bool ManyNewAccounts, string? TopRange, double TopRangeShare, bool OneRange)
{
    public bool Suspicious => Burst || ManyNewAccounts || OneRange;
}

/// <summary>
/// Vote-fraud signals for a round's public vote: bursts, votes from brand-new accounts, votes from one network.
/// Thresholds are deliberately coarse; they point the organizer at entries worth a look in the raw export.
/// </summary>
public static class VoteSignals
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    /// <summary>A burst needs at least this many votes in one window, so a quiet entry's two votes in a row are not one.</summary>
    public const int BurstMinimum = 10;
    /// <summary>... and this many times the entry's usual rate per window.</summary>
    public const double BurstFactor = 5;
    public static readonly TimeSpan NewAccountAge = TimeSpan.FromHours(24);
    /// <summary>Shares are only judged from this many votes on: 1 of 1 votes from a new account is 100 % and means nothing.</summary>
    public const int MinimumVotes = 10;
    public const double ShareThreshold = 0.5;

    public static IReadOnlyList<EntrySignals> Detect(IReadOnlyList<VoteRecord> votes, DateTimeOffset periodStart, DateTimeOffset periodEnd)
    {
        // The usual rate is taken over the whole voting period; a period shorter than a window counts as one window.
        double windows = Math.Max(1.0, (periodEnd - periodStart) / Window);
        return votes.GroupBy(v => v.EntryId).OrderBy(g => g.Key).Select(g =>
        {
            var times = g.Select(v => v.CastAt).Order().ToArray();
            var (peak, peakStart) = Peak(times);
            double usual = times.Length / windows;
            bool burst = peak >= BurstMinimum && peak >= BurstFactor * usual;

            double newShare = (double)g.Count(v => v.CastAt - v.VoterRegisteredAt < NewAccountAge) / times.Length;
            var top = g.Select(v => IpRange.Of(v.IpAddress)).Where(r => r is not null).GroupBy(r => r!)
                .OrderByDescending(r => r.Count()).ThenBy(r => r.Key, StringComparer.Ordinal).FirstOrDefault();
            double rangeShare = top is null ? 0 : (double)top.Count() / times.Length;
            bool enough = times.Length >= MinimumVotes;
            return new EntrySignals(g.Key, times.Length, peak, peakStart, usual, burst,
                newShare, enough && newShare >= ShareThreshold, top?.Key, rangeShare, enough && rangeShare >= ShareThreshold);
        }).ToList();
    }

    /// <summary>Most votes in any window [t, t + 10 min) starting at a vote; two pointers over the sorted times.</summary>
    private static (int Votes, DateTimeOffset? Start) Peak(DateTimeOffset[] sorted)
    {
        int best = 0, end = 0;
        DateTimeOffset? start = null;
        for (int i = 0; i < sorted.Length; i++)
        {
            while (end < sorted.Length && sorted[end] < sorted[i] + Window) end++;
            if (end - i > best) (best, start) = (end - i, sorted[i]);
        }
        return (best, start);
    }
}

public static class IpRange
{
    /// <summary>
    /// The network a client address belongs to for the signals: IPv4 by /24, IPv6 by /48 (a typical site
    /// allocation, so one household or office is one range). IPv4 mapped into IPv6 counts as IPv4. Null if unknown.
    /// </summary>
    public static string? Of(string? address)
    {
        if (!IPAddress.TryParse(address, out var ip)) return null;
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        var bytes = ip.GetAddressBytes();
        if (ip.AddressFamily == AddressFamily.InterNetwork)
            return $"{bytes[0]}.{bytes[1]}.{bytes[2]}.0/24";
        Array.Clear(bytes, 6, bytes.Length - 6);
        return $"{new IPAddress(bytes)}/48";
    }
}
