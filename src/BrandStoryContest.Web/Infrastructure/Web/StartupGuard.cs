using BrandStoryContest.Web.Infrastructure.Storage;

namespace BrandStoryContest.Web.Infrastructure.Web;

public static class StartupGuard
{
    /// <summary>Production never runs with the demo accounts, the emulator's published key or links built from the Host header.</summary>
    public static void RefuseUnsafeProduction(IWebHostEnvironment env, IConfiguration config)
    {
        if (!env.IsProduction()) return;
        if (config.GetValue<bool>("App:SeedDemo"))
            throw new InvalidOperationException("App:SeedDemo is on in Production: the demo accounts have published passwords.");
        var storage = config[$"{StorageOptions.Section}:ConnectionString"];
        if (string.IsNullOrWhiteSpace(storage) || storage.Contains("devstoreaccount1") || storage.Contains("UseDevelopmentStorage"))
            throw new InvalidOperationException("Storage:ConnectionString is the emulator's default in Production: set a real storage account.");
        // Links in mail would otherwise take their origin from the request's Host header, which the sender picks.
        if (!Uri.TryCreate(config["App:PublicUrl"], UriKind.Absolute, out var publicUrl) || publicUrl.Scheme is not ("https" or "http"))
            throw new InvalidOperationException("App:PublicUrl is not set in Production: set the site's public origin (https://contest.example.com), used in every link the app mails.");
    }
}
