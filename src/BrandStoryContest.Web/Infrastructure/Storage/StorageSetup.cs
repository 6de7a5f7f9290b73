using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace BrandStoryContest.Web.Infrastructure.Storage;

public static class StorageSetup
{
    public static IServiceCollection AddContestStorage(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<StorageOptions>(config.GetSection(StorageOptions.Section));
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new BlobServiceClient(o.ConnectionString).GetBlobContainerClient(o.MediaContainer);
        });
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new QueueServiceClient(o.ConnectionString).GetQueueClient(o.MediaQueue);
        });
        services.AddSingleton<IBlobStore, AzureBlobStore>();
        return services;
    }

    /// <summary>The container stays private: no public access level, ever.</summary>
    public static async Task CreateContainersAsync(IServiceProvider services, CancellationToken ct)
    {
        await services.GetRequiredService<BlobContainerClient>().CreateIfNotExistsAsync(cancellationToken: ct);
        await services.GetRequiredService<QueueClient>().CreateIfNotExistsAsync(cancellationToken: ct);
    }
}
