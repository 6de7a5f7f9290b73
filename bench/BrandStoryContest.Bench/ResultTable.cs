using System.Text;

namespace BrandStoryContest.Bench;

/// <summary>One row per figure: what was measured, its baseline from the same run, the ratio, the goal and the verdict.</summary>
public sealed class ResultTable
{
    private readonly List<(string Figure, string Measured, string Baseline, string Ratio, string Goal, bool? Pass)> _rows = [];

    public void Add(string figure, string measured, string baseline, string ratio, string goal, bool? pass)
    {
        _rows.Add((figure, measured, baseline, ratio, goal, pass));
        Console.WriteLine($"  {figure}: {measured} (baseline {baseline}, ratio {ratio}) goal {goal} -> {Verdict(pass)}");
    }

    public void Failed(string figure, string goal, Exception e) => Add(figure, "error: " + e.Message.Split('\n')[0], "", "", goal, false);

    public bool AllPassed => _rows.All(r => r.Pass != false);

    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine("| figure | measured | baseline (same run) | ratio | goal | result |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach (var r in _rows)
            sb.AppendLine($"| {r.Figure} | {r.Measured} | {r.Baseline} | {r.Ratio} | {r.Goal} | {Verdict(r.Pass)} |");
        return sb.ToString();
    }

    private static string Verdict(bool? pass) => pass switch { true => "pass", false => "**FAIL**", null => "n/a" };

    public static string Ms(double ms) => ms >= 1000 ? $"{ms / 1000:0.00} s" : $"{ms:0.0} ms";
}
