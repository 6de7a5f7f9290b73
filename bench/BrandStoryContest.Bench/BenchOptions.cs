namespace BrandStoryContest.Bench;

public sealed record BenchOptions(string Work, string? Storage, int FilmGiB, string? Out, IReadOnlySet<string> Only, string RepoRoot)
{
    /// <summary>--small: the quick version of the long parts (the surge: 200 entrants and 10 small films instead of 2,000 and 50 of 100 MB; the divisions: 4 instead of 32).</summary>
    public bool Small { get; init; }

    /// <summary>
    /// --arrivals R: the surge's entrants arrive at R a second, evenly spaced, at most 100 in flight (an open model), instead
    /// of 100 clients each starting its next entrant at once (the closed loop that measures the capacity).
    /// </summary>
    public double? Arrivals { get; init; }

    public bool Runs(string part) => Only.Count == 0 || Only.Contains(part);

    public static BenchOptions Parse(string[] args)
    {
        string work = Path.Combine(Path.GetTempPath(), "bsc-bench"), root = FindRepoRoot();
        string? storage = null, output = null;
        int gib = 1;
        var small = false;
        double? arrivals = null;
        var only = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--work": work = Path.GetFullPath(Value()); break;
                case "--storage": storage = Value(); break;
                case "--film-gib": gib = int.Parse(Value()); break;
                case "--out": output = Path.GetFullPath(Value()); break;
                case "--small": small = true; break;
                case "--arrivals": arrivals = double.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture); break;
                case "--only": only.UnionWith(Value().Split(',', StringSplitOptions.RemoveEmptyEntries)); break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        if (gib is < 1 or > 8) throw new ArgumentException("--film-gib must be 1..8");
        if (arrivals is <= 0 or > 1000) throw new ArgumentException("--arrivals must be a rate between 0 and 1000 entrants a second");
        return new BenchOptions(work, storage, gib, output, only, root) { Small = small, Arrivals = arrivals };
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BrandStoryContest.sln"))) return dir.FullName;
        throw new InvalidOperationException("BrandStoryContest.sln not found above the bench binaries.");
    }
}
