using System.Globalization;
using BrandStoryContest.Web.Infrastructure.Web;

namespace BrandStoryContest.Web.Features.Judging;

public static class ScoresCsv
{
    /// <summary>The ranking with each judge's total, written to <paramref name="output"/> a row at a time.</summary>
    public static Task WriteAsync(RoundRankingView view, Stream output, CancellationToken ct)
    {
        var judges = view.Judges.Select(j => j.JudgeId).ToList();
        // A hybrid round's "score" is the combined one; its parts follow so the formula can be checked by hand.
        bool hybrid = view.Round.IsHybrid;
        var header = new[] { "rank", "number", "title", "entrant", "score", "tied_with_previous", "outliers" }
            .Concat(hybrid ? ["jury_score", "jury_0_100", "votes", "public_score"] : [])
            .Concat(view.Judges.Select(j => j.Name));
        return Csv.WriteAsync(output, header, Lines(), ct);

        async IAsyncEnumerable<IEnumerable<string?>> Lines()
        {
            foreach (var r in view.Rows)
            {
                var cells = new List<string?>
                {
                    r.Ranked.Rank.ToString(CultureInfo.InvariantCulture), r.Number, r.Title, r.EntrantName,
                    r.Ranked.Score.ToString("0.####", CultureInfo.InvariantCulture), r.Ranked.TiedWithPrevious ? "yes" : "",
                    string.Join(' ', r.Ranked.OutlierJudgeIds.Select(id => view.JudgeNames.GetValueOrDefault(id, id))),
                };
                if (hybrid)
                    cells.AddRange([r.Hybrid?.JuryScore.ToString("0.####", CultureInfo.InvariantCulture), r.Hybrid?.JuryOn100.ToString("0.####", CultureInfo.InvariantCulture),
                        r.Hybrid?.Votes.ToString(CultureInfo.InvariantCulture), r.Hybrid?.PublicScore.ToString("0.####", CultureInfo.InvariantCulture)]);
                cells.AddRange(judges.Select(j => r.Ranked.Scores.FirstOrDefault(s => s.JudgeId == j)?.WeightedTotal.ToString("0.##", CultureInfo.InvariantCulture)));
                yield return cells;
            }
            await Task.CompletedTask;
        }
    }
}
