using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Data;
using Microsoft.EntityFrameworkCore;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Scaffolding;
using Microsoft.Extensions.DependencyInjection;

namespace BrandStoryContest.Tests.Data;

/// <summary>
/// The app runs on the compiled models in Data/CompiledModels (one per provider, see DatabaseSetup.AddContestDb), not on
/// a model built from Data/Configurations at start-up. A model change that is not followed by
/// <c>dotnet ef dbcontext optimize</c> (README, "Database changes") would leave the app on the old model without a word:
/// these tests regenerate the compiled model in memory, the way the command does, from the model the configurations
/// build now, and compare it with the committed files. The files that differ are named, and the generated ones written to a temporary folder to diff.
/// </summary>
public sealed partial class CompiledModelTests
{
    private static readonly string Folder = Path.Combine(RepoRoot.Path, "src", "BrandStoryContest.Web", "Data", "CompiledModels");

    public static TheoryData<string> Providers => [DatabaseSetup.Sqlite, DatabaseSetup.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_context_runs_on_the_compiled_model(string provider)
    {
        using var db = Context(provider);
        Assert.IsType(CompiledModelType(provider), db.Model);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_compiled_model_is_what_dbcontext_optimize_generates_now(string provider)
    {
        using var db = Context(provider);
        // What the tool assembles, through public API only: the provider's design-time services first (they add their
        // annotation code generators before the defaults), then EF Core's, then the context's.
        var services = new ServiceCollection();
        var providerAssembly = Assembly.Load(db.Database.ProviderName!);
        var designTime = providerAssembly.GetCustomAttribute<DesignTimeProviderServicesAttribute>()!;
        ((IDesignTimeServices)Activator.CreateInstance(providerAssembly.GetType(designTime.TypeName, throwOnError: true)!)!).ConfigureDesignTimeServices(services);
        services.AddEntityFrameworkDesignTimeServices().AddDbContextDesignTimeServices(db);
        var options = new CompiledModelCodeGenerationOptions
        {
            ContextType = db.GetType(),
            ModelNamespace = $"{typeof(ContestDb).Namespace}.CompiledModels.{provider}",
            Language = "C#",
            UseNullableReferenceTypes = true,
        };
        var generated = services.BuildServiceProvider().GetRequiredService<ICompiledModelCodeGeneratorSelector>().Select(options)
            .GenerateModel(db.GetService<IDesignTimeModel>().Model, options)
            .ToDictionary(f => f.Path, f => Normalized(f.Code));
        var committed = Directory.EnumerateFiles(Path.Combine(Folder, provider), "*.cs")
            .ToDictionary(f => Path.GetFileName(f), f => Normalized(File.ReadAllText(f)));

        var wrong = generated.Keys.Union(committed.Keys).Order()
            .Where(name => !generated.TryGetValue(name, out var now) || !committed.TryGetValue(name, out var was) || now != was)
            .Select(name => !committed.ContainsKey(name) ? $"{name}: missing" : !generated.ContainsKey(name) ? $"{name}: no longer generated" : $"{name}: differs")
            .ToList();
        if (wrong.Count > 0)
        {
            // What the command would write, to diff against the committed folder.
            var now = Directory.CreateTempSubdirectory($"bsc-compiled-model-{provider}-").FullName;
            foreach (var (name, code) in generated) File.WriteAllText(Path.Combine(now, name), code);
            wrong.Add($"generated now: {now}");
        }
        Assert.True(wrong.Count == 0, Stale(provider, string.Join("\n", wrong)));
    }

    private static DbContext Context(string provider) => provider == DatabaseSetup.Postgres
        ? new PostgresContestDbDesignTime().CreateDbContext([])
        : new SqliteContestDbDesignTime().CreateDbContext([]);

    private static Type CompiledModelType(string provider) => provider == DatabaseSetup.Postgres
        ? typeof(BrandStoryContest.Web.Data.CompiledModels.Postgres.PostgresContestDbModel)
        : typeof(BrandStoryContest.Web.Data.CompiledModels.Sqlite.ContestDbModel);

    /// <summary>Without the byte order mark and line endings, and the model's id, which is new on every generation.</summary>
    private static string Normalized(string code) =>
        ModelId().Replace(code.TrimStart('\uFEFF').ReplaceLineEndings("\n"), "modelId: new Guid(\"…\")");

    [GeneratedRegex("""modelId: new Guid\("[0-9a-f-]{36}"\)""")]
    private static partial Regex ModelId();

    private static string Stale(string provider, string what) =>
        $"Data/CompiledModels/{provider} is out of date with Data/Configurations; regenerate it (README, \"Database changes\"):\n" +
        $"dotnet ef dbcontext optimize --project src/BrandStoryContest.Web --context {(provider == DatabaseSetup.Postgres ? "PostgresContestDb" : "ContestDb")} " +
        $"--output-dir Data/CompiledModels/{provider} --namespace BrandStoryContest.Web.Data.CompiledModels.{provider}\n{what}";
}
