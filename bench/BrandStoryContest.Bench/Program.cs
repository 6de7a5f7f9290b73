using BrandStoryContest.Bench;

// bench/run.sh builds this in Release and runs it once: every figure side by side with its baseline, measured now.
//   dotnet BrandStoryContest.Bench.dll --work DIR --storage CONNECTION_STRING [--film-gib 1|4] [--out results.md]
//   [--only algorithms,media,upload,pages,organizer,memory,processing,certificates,mail,surge,surge-sqlite,surge-pg,surge-crash,divisions] [--small]
var options = BenchOptions.Parse(args);
Directory.CreateDirectory(options.Work);
var table = new ResultTable();

if (options.Runs("algorithms")) AlgorithmFigures.Run(table);
if (options.Runs("media")) await MediaFigures.RunAsync(options, table);
if (options.Runs("upload") || options.Runs("pages"))
{
    // The media worker is on because the demo seed waits for it to process last year's films; the upload's film goes
    // to the open call, which the seed makes last.
    await using var app = await AppUnderTest.StartAsync(options, new Dictionary<string, string> { ["Media__WorkerEnabled"] = "true" });
    await ProcessingFigures.DemoSettledAsync(app);
    if (options.Runs("upload")) await UploadFigures.RunAsync(options, app, table);
    if (options.Runs("pages")) await PageFigures.RunAsync(options, app, table);
}
if (options.Runs("organizer"))
{
    // Its own app and database: the 20,000 entries it seeds (then 100,000 for the export) must not disturb the other parts.
    // The demo is seeded in the background after start-up and waits for the media worker to process its films: without
    // the worker and the wait, the part looked for the demo contest before it existed.
    await using var app = await AppUnderTest.StartAsync(options, new Dictionary<string, string> { ["Media__WorkerEnabled"] = "true" });
    await ProcessingFigures.DemoSettledAsync(app);
    await OrganizerFigures.RunAsync(app, table);
}
if (options.Runs("memory") || options.Only.Contains("memory-upload")) await MemoryFigures.RunAsync(options, table);
if (options.Runs("processing")) await ProcessingFigures.RunAsync(options, table);
if (options.Runs("certificates")) CertificateFigures.Run(table);
if (options.Runs("mail")) await MailFigures.RunAsync(options, table);
if (options.Runs("surge") || options.Runs("surge-sqlite") || options.Runs("surge-pg") || options.Runs("surge-crash")) await SurgeFigures.RunAsync(options, table);
if (options.Runs("divisions")) await DivisionFigures.RunAsync(options, table);

var markdown = table.ToMarkdown();
Console.WriteLine();
Console.WriteLine(markdown);
if (options.Out is not null) await File.WriteAllTextAsync(options.Out, markdown);
return table.AllPassed ? 0 : 1;
