using System.Globalization;
using System.Text;
using BrandStoryContest.Web.Infrastructure.Web;

namespace BrandStoryContest.Web.Features.Judging;

public static class ScoresCsv
{
    /// <summary>The ranking with each judge's total.</summary>
    public static byte[] Write(RoundRankingView view)
    {
        var judges = view.Judges.Select(j => j.JudgeId).ToList();
        var sb = new StringBuilder();
        sb.AppendLine(Csv.Line(new[] { "rank", "number", "title", "entrant", "score", "tied_with_previous", "outliers" }
            .Concat(view.Judges.Select(j => j.Name))));
        foreach (var r in view.Rows)
        {
            var cells = new List<string?>
            {
                r.Ranked.Rank.ToString(CultureInfo.InvariantCulture), r.Number, r.Title, r.EntrantName,
                r.Ranked.Score.ToString("0.####", CultureInfo.InvariantCulture), r.Ranked.TiedWithPrevious ? "yes" : "",
                string.Join(' ', r.Ranked.OutlierJudgeIds.Select(id => view.JudgeNames.GetValueOrDefault(id, id))),
            };
            cells.AddRange(judges.Select(j => r.Ranked.Scores.FirstOrDefault(s => s.JudgeId == j)?.WeightedTotal.ToString("0.##", CultureInfo.InvariantCulture)));
            sb.AppendLine(Csv.Line(cells));
        }
        return Csv.Utf8WithBom(sb);
    }
}
