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

    /// <summary>
    /// Production without a mail host would write every confirmation and invitation to a table nobody reads:
    /// it is refused unless the operator says so with Mail:OutboxOnly=true.
    /// </summary>
    public static void RefuseProductionWithoutMail(IWebHostEnvironment env, IConfiguration config)
    {
        if (!env.IsProduction() || config.GetValue<bool>("Mail:OutboxOnly")) return;
        if (string.IsNullOrWhiteSpace(config["Mail:Host"]))
            throw new InvalidOperationException("Mail:Host is not set in Production: set the SMTP server, or Mail:OutboxOnly=true to keep mail in /admin/outbox only.");
    }
}
