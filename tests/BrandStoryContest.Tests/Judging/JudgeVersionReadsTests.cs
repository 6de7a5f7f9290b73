using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Judging;
using Microsoft.Extensions.DependencyInjection;

namespace BrandStoryContest.Tests.Judging;

/// <summary>
/// The judges' versions read over kept connections with the statement prepared (Features/Judging/JudgeVersionReads.cs)
/// reads the database on every call: the same key as the request's own connection, and a bump made elsewhere at once
/// (a kept connection that held its read open would still see the old version). That the pages show writes at once
/// through it is DataVersionTests.
/// </summary>
public sealed class JudgeVersionReadsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_kept_statement_reads_the_same_versions_as_the_request_and_a_bump_at_once()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 1, entries: 2, judgesPerEntry: 1);
        await JudgingScenes.OpenAsync(app, scene);
        var judge = scene.Judges[0];
        var reads = app.Services.GetRequiredService<JudgeVersionReads>();
        Task<(string Kept, string Plain)> BothAsync() =>
            app.DbAsync(async db => (await reads.ForJudgeAsync(db, judge.Id, default), await DataVersions.ForJudgeAsync(db, judge.Id, default)));

        var before = await BothAsync();
        Assert.Contains($"{scene.Contest.Id}/0:", before.Kept);
        Assert.Equal(before.Plain, before.Kept);
        Assert.Equal(before, await BothAsync());

        await app.DbAsync(async db =>
        {
            await DataVersions.BumpAsync(db, [(scene.Contest.Id, VersionKind.Judging)], default);
            return 0;
        });
        var after = await BothAsync();
        Assert.NotEqual(before.Kept, after.Kept);
        Assert.Equal(after.Plain, after.Kept);
    }
}
