using BrandStoryContest.Web.Infrastructure.Storage;

namespace BrandStoryContest.Web.Infrastructure.Web;

public static class StartupGuard
{
    /// <summary>Production never runs with the demo accounts or the emulator's published key.</summary>
    public static void RefuseUnsafeProduction(IWebHostEnvironment env, IConfiguration config)
    {
        if (!env.IsProduction()) return;
        if (config.GetValue<bool>("App:SeedDemo"))
            throw new InvalidOperationException("App:SeedDemo is on in Production: the demo accounts have published passwords.");
        var storage = config[$"{StorageOptions.Section}:ConnectionString"];
        if (string.IsNullOrWhiteSpace(storage) || storage.Contains("devstoreaccount1") || storage.Contains("UseDevelopmentStorage"))
            throw new InvalidOperationException("Storage:ConnectionString is the emulator's default in Production: set a real storage account.");
    }
}
