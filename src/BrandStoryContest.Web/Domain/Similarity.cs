using System.Text;

namespace BrandStoryContest.Web.Domain;

public sealed record SimilarPair(int A, int B, double Jaccard);

public sealed record Passage(int Start, int Length);

/// <summary>
/// Near-copies among stories, suited to Chinese: no word segmentation, just overlapping character n-grams
/// (shingles) of the text with spaces and punctuation removed. MinHash signatures with LSH banding find
/// candidate pairs without comparing every pair; each candidate is then confirmed by its exact Jaccard
/// similarity of shingle sets.
/// </summary>
public static class Similarity
{
    public const int ShingleSize = 4;
    private const int Hashes = 128, Bands = 32, Rows = Hashes / Bands;

    /// <summary>Letters and digits only, lower case, as a list of text elements (so surrogate pairs stay whole).</summary>
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var r in text.EnumerateRunes())
            if (Rune.IsLetterOrDigit(r)) sb.Append(Rune.ToLowerInvariant(r).ToString());
        return sb.ToString();
    }

    public static HashSet<ulong> Shingles(string text, int size = ShingleSize)
    {
        var s = Normalize(text);
        var set = new HashSet<ulong>();
        for (var i = 0; i + size <= s.Length; i++) set.Add(Hash(s.AsSpan(i, size)));
        return set;
    }

    public static double Jaccard(HashSet<ulong> a, HashSet<ulong> b)
    {
        if (a.Count == 0 && b.Count == 0) return 0;
        var common = a.Count < b.Count ? a.Count(b.Contains) : b.Count(a.Contains);
        return (double)common / (a.Count + b.Count - common);
    }

    /// <summary>Pairs of texts whose exact shingle Jaccard is at least <paramref name="threshold"/>, most similar first.</summary>
    public static IReadOnlyList<SimilarPair> FindPairs(IReadOnlyList<(int Id, string Text)> texts, double threshold)
    {
        var shingles = texts.Select(t => Shingles(t.Text)).ToList();
        var signatures = shingles.Select(Signature).ToList();
        var candidates = new HashSet<(int, int)>();
        for (var band = 0; band < Bands; band++)
        {
            var buckets = new Dictionary<ulong, List<int>>();
            for (var i = 0; i < texts.Count; i++)
            {
                if (shingles[i].Count == 0) continue;
                ulong key = 14695981039346656037;
                for (var r = 0; r < Rows; r++) key = (key ^ signatures[i][band * Rows + r]) * 1099511628211;
                if (!buckets.TryGetValue(key, out var list)) buckets[key] = list = [];
                foreach (var j in list) candidates.Add((j, i));
                list.Add(i);
            }
        }
        return candidates.Select(c => new SimilarPair(texts[c.Item1].Id, texts[c.Item2].Id, Jaccard(shingles[c.Item1], shingles[c.Item2])))
            .Where(p => p.Jaccard >= threshold).OrderByDescending(p => p.Jaccard).ThenBy(p => p.A).ThenBy(p => p.B).ToList();
    }

    /// <summary>
    /// Runs of <paramref name="text"/> (positions in the original string) whose normalized characters also
    /// appear in <paramref name="other"/> as sequences of at least <paramref name="minLength"/> characters.
    /// </summary>
    public static IReadOnlyList<Passage> SharedPassages(string text, string other, int minLength = 8)
    {
        var (chars, positions) = Indexed(text);
        var theirs = Normalize(other);
        var grams = new HashSet<ulong>();
        for (var i = 0; i + minLength <= theirs.Length; i++) grams.Add(Hash(theirs.AsSpan(i, minLength)));
        var covered = new bool[chars.Length];
        for (var i = 0; i + minLength <= chars.Length; i++)
            if (grams.Contains(Hash(chars.AsSpan(i, minLength))))
                for (var k = i; k < i + minLength; k++) covered[k] = true;
        var passages = new List<Passage>();
        for (var i = 0; i < covered.Length; i++)
        {
            if (!covered[i]) continue;
            var j = i;
            while (j + 1 < covered.Length && covered[j + 1]) j++;
            var start = positions[i];
            var end = positions[j] + (char.IsHighSurrogate(text[positions[j]]) ? 2 : 1);
            passages.Add(new Passage(start, end - start));
            i = j;
        }
        return passages;
    }

    /// <summary>The normalized text and, for each of its characters, where it stands in the original.</summary>
    private static (string Chars, int[] Positions) Indexed(string text)
    {
        var sb = new StringBuilder(text.Length);
        var positions = new List<int>(text.Length);
        var index = 0;
        foreach (var r in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(r))
            {
                var s = Rune.ToLowerInvariant(r).ToString();
                sb.Append(s);
                for (var k = 0; k < s.Length; k++) positions.Add(index);
            }
            index += r.Utf16SequenceLength;
        }
        return (sb.ToString(), positions.ToArray());
    }

    private static ulong[] Signature(HashSet<ulong> shingles)
    {
        var sig = new ulong[Hashes];
        Array.Fill(sig, ulong.MaxValue);
        foreach (var s in shingles)
            for (var h = 0; h < Hashes; h++)
            {
                var v = Mix(s ^ (0x9E3779B97F4A7C15UL * (ulong)(h + 1)));
                if (v < sig[h]) sig[h] = v;
            }
        return sig;
    }

    private static ulong Hash(ReadOnlySpan<char> s)
    {
        ulong h = 14695981039346656037;
        foreach (var c in s) h = (h ^ c) * 1099511628211;
        return Mix(h);
    }

    /// <summary>SplitMix64's finalizer: spreads bits so min-hashes of related inputs are independent.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>
/// Before blind judging starts: a story that names its own author or the author's organization would tell
/// the judges who wrote it. The organizer sees each such passage and can ask for a redacted copy.
/// </summary>
public static class BlindLeaks
{
    private static readonly string[] OrganizationSuffixes = ["股份有限公司", "有限责任公司", "有限公司", "集团", "公司", "co., ltd.", "ltd.", "inc."];

    public static IReadOnlyList<(string Term, Passage Where)> Find(string text, string? realName, string? organization, IEnumerable<string>? identifying = null) =>
        Find(text, [realName], [organization], identifying);

    /// <summary>The same check for a team: every author's and instructor's name and organization.</summary>
    /// <param name="identifying">Answers to the entry's identifying custom fields (phone, ID number, school...), looked for like the name.</param>
    public static IReadOnlyList<(string Term, Passage Where)> Find(string text, IEnumerable<string?> names, IEnumerable<string?> organizations, IEnumerable<string>? identifying = null)
    {
        var terms = new List<string>();
        foreach (var realName in names)
            if (!string.IsNullOrWhiteSpace(realName) && realName.Trim().Length >= 2) terms.Add(realName.Trim());
        foreach (var organization in organizations)
        {
            if (string.IsNullOrWhiteSpace(organization)) continue;
            var org = organization.Trim();
            terms.Add(org);
            // People write "海川电器" for "海川电器股份有限公司".
            foreach (var suffix in OrganizationSuffixes)
                if (org.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && org.Length - suffix.Length >= 2)
                {
                    terms.Add(org[..^suffix.Length].Trim());
                    break;
                }
        }
        foreach (var answer in identifying ?? [])
            foreach (var line in answer.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (line.Length >= 2) terms.Add(line);
        var found = new List<(string, Passage)>();
        foreach (var term in terms.Distinct())
            for (var i = text.IndexOf(term, StringComparison.OrdinalIgnoreCase); i >= 0; i = text.IndexOf(term, i + term.Length, StringComparison.OrdinalIgnoreCase))
                found.Add((term, new Passage(i, term.Length)));
        // A longer term covers the shorter one found at the same place.
        return found.OrderBy(f => f.Item2.Start).ThenByDescending(f => f.Item2.Length)
            .Where((f, i) => !found.Any(g => g.Item2.Start <= f.Item2.Start && g.Item2.Start + g.Item2.Length >= f.Item2.Start + f.Item2.Length && g.Item2.Length > f.Item2.Length))
            .ToList();
    }
}
