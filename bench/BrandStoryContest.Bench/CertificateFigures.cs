using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Certificates;

namespace BrandStoryContest.Bench;

/// <summary>
/// Bulk certificates through the app's own renderer (<see cref="CertificatePdf"/> with the CJK font the app would pick):
/// 1,000 winners with Chinese names, titles and wording, rendered on every core at once. The baseline is the same
/// renderer on the same 1,000 certificates written in English with Latin names, so its font subset is small.
/// </summary>
public static class CertificateFigures
{
    public static void Run(ResultTable table)
    {
        const string label = "Certificates: 1,000 PDFs, Chinese names and titles (CertificatePdf, CJK font subset)";
        const string goal = "≥ 50/s on 2 cores, < 200 KiB each";
        Console.WriteLine($"==> certificates (BenchmarkDotNet, in-process, 1 warm-up + 3 measured runs of {CertificateBenchmarks.Winners:N0} each)");
        try
        {
            var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3).WithInvocationCount(1).WithUnrollFactor(1);
            var config = ManualConfig.CreateEmpty().AddJob(job).AddLogger(ConsoleLogger.Default)
                .AddColumnProvider(DefaultColumnProviders.Instance).WithArtifactsPath(Path.Combine(Path.GetTempPath(), "bsc-bdn"));
            var summary = BenchmarkRunner.Run<CertificateBenchmarks>(config);
            double chinese = PerSecond(summary, nameof(CertificateBenchmarks.Chinese)), latin = PerSecond(summary, nameof(CertificateBenchmarks.Latin));

            // CertificateJobWorker issues one certificate at a time, so a job on one app instance runs nearer this rate.
            var oneThread = CertificateBenchmarks.OneThreadPerSecond(CertificateBenchmarks.Certificates(english: false)[..200]);
            var (maxKiB, avgKiB) = CertificateBenchmarks.Sizes(CertificateBenchmarks.Certificates(english: false));
            var (latinMaxKiB, latinAvgKiB) = CertificateBenchmarks.Sizes(CertificateBenchmarks.Certificates(english: true));
            table.Add(label,
                $"{chinese:0} certificates/s on {Environment.ProcessorCount} threads ({oneThread:0}/s on 1); {maxKiB:0} KiB max, {avgKiB:0} KiB avg",
                $"{latin:0}/s; {latinMaxKiB:0} KiB max, {latinAvgKiB:0} KiB avg (same renderer, English wording and Latin names)",
                $"{chinese / latin:0.00}× of Latin", goal, chinese >= 50 && maxKiB < 200);
        }
        catch (Exception e) { table.Failed(label, goal, e); }
    }

    private static double PerSecond(Summary summary, string method)
    {
        var report = summary.Reports.Single(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method);
        var meanNs = (report.ResultStatistics ?? throw new InvalidOperationException($"{method} produced no measurement")).Mean;
        return CertificateBenchmarks.Winners / (meanNs / 1e9);
    }
}

public class CertificateBenchmarks
{
    public const int Winners = 1_000;
    private static readonly Lazy<CertificatePdf> Renderer = new(() => new CertificatePdf(
        CertificatePdf.FindCjkFont() ?? throw new InvalidOperationException("No CJK TrueType font: install fonts-wqy-microhei.")));
    private CertificateContent[] _chinese = [], _latin = [];

    [GlobalSetup]
    public void Setup() => (_chinese, _latin) = (Certificates(english: false), Certificates(english: true));

    // Parallel like a bulk issue would use the machine; the renderer keeps no state between calls.
    [Benchmark] public void Chinese() => Parallel.ForEach(_chinese, c => Renderer.Value.Render(c));
    [Benchmark] public void Latin() => Parallel.ForEach(_latin, c => Renderer.Value.Render(c));

    public static double OneThreadPerSecond(CertificateContent[] certificates)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var c in certificates) Renderer.Value.Render(c);
        return certificates.Length / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Largest and average file size in KiB.</summary>
    public static (double MaxKiB, double AvgKiB) Sizes(CertificateContent[] certificates)
    {
        var sizes = new ConcurrentBag<int>();
        Parallel.ForEach(certificates, c => sizes.Add(Renderer.Value.Render(c).Length));
        return (sizes.Max() / 1024.0, sizes.Average() / 1024.0);
    }

    /// <summary>
    /// One certificate per winner, worded the way <see cref="CertificateWriter"/> words them (the contest's default
    /// heading and sentence, the verification URL, no seal image). Fixed seed: the same glyphs every run.
    /// </summary>
    public static CertificateContent[] Certificates(bool english)
    {
        var random = new Random(2026);
        var contest = new Contest
        {
            TitleZh = "2026 年度品牌故事大赛", TitleEn = "Brand Story Contest 2026", OrganizerName = english ? "Brand Story Association" : "中国品牌故事协会",
        };
        var language = english ? Languages.English : Languages.Chinese;
        string[] tiersZh = ["一等奖", "二等奖", "三等奖", "优秀奖"], tiersEn = ["First Prize", "Second Prize", "Third Prize", "Honourable Mention"];
        return Enumerable.Range(0, Winners).Select(i =>
        {
            var winner = english ? LatinName(random) : ChineseName(random);
            var tier = (english ? tiersEn : tiersZh)[i % 4];
            var title = english ? LatinTitle(random) : ChineseTitle(random);
            var (heading, body) = contest.CertificateWording(language, winner, tier, title);
            var number = CertificateNumbers.New();
            return new CertificateContent(contest.Title(language), tier, title, [winner], contest.OrganizerName, new DateOnly(2026, 11, 25),
                number, "https://contest.example.org/certificates/verify/" + number, heading, body, null);
        }).ToArray();
    }

    // Many different characters across the 1,000 certificates, as real names and titles have: each PDF embeds the
    // subset of glyphs it uses, so more distinct characters per certificate means a bigger file.
    private const string Surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤欧阳";
    private const string Given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽";
    private const string TitleWords = "山河岁月老街灯火故乡味道匠心传承一碗面的温度茶香远方手艺人晨光里的工厂外婆的针线铺子江南春雨北方雪夜梦想起航少年与海青瓷之美丝路驼铃稻田守望者城市烟火";

    private static string ChineseName(Random r) =>
        $"{Surnames[r.Next(Surnames.Length)]}{Given[r.Next(Given.Length)]}{(r.Next(3) > 0 ? Given[r.Next(Given.Length)].ToString() : "")}";

    private static string ChineseTitle(Random r)
    {
        var length = r.Next(4, 11);
        return new string(Enumerable.Range(0, length).Select(_ => TitleWords[r.Next(TitleWords.Length)]).ToArray());
    }

    private static readonly string[] First = ["Emma", "Liam", "Olivia", "Noah", "Ava", "Lucas", "Mia", "Ethan", "Zoe", "Oscar"];
    private static readonly string[] Last = ["Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Walker", "Wright", "Hughes"];
    private static readonly string[] Words = ["River", "Light", "Old", "Street", "Home", "Taste", "Craft", "Morning", "Factory", "Tea", "Silk", "Road", "Harvest", "City"];

    private static string LatinName(Random r) => $"{First[r.Next(First.Length)]} {Last[r.Next(Last.Length)]}";

    private static string LatinTitle(Random r) => string.Join(' ', Enumerable.Range(0, r.Next(2, 6)).Select(_ => Words[r.Next(Words.Length)]));
}
