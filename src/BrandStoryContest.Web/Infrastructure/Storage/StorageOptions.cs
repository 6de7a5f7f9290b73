namespace BrandStoryContest.Web.Infrastructure.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";
    /// <summary>The well-known Azurite development account; production sets a real connection string.</summary>
    public const string EmulatorConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;";

    public string ConnectionString { get; set; } = EmulatorConnectionString;
    public string MediaContainer { get; set; } = "media";
    public string MediaQueue { get; set; } = "media-jobs";
}
