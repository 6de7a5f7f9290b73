namespace BrandStoryContest.Web.Domain;

/// <summary>
/// One resumable upload of a film. The chunks themselves live in blob storage as uncommitted blocks,
/// so resuming asks storage which blocks arrived rather than trusting any server memory.
/// </summary>
public sealed class FilmUpload
{
    public string Id { get; set; } = "";
    public int EntryId { get; set; }
    public string BlobName { get; set; } = "";
    public string FileName { get; set; } = "";
    /// <summary>Name, size and modification time as the browser reports them: the same file resumes the same upload.</summary>
    public string Fingerprint { get; set; } = "";
    public long TotalBytes { get; set; }
    public int ChunkBytes { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    public int ChunkCount => (int)((TotalBytes + ChunkBytes - 1) / ChunkBytes);

    public long ChunkLength(int index) =>
        index < ChunkCount - 1 ? ChunkBytes : TotalBytes - (long)ChunkBytes * (ChunkCount - 1);

    /// <summary>Block ids must all have the same length within a blob.</summary>
    public static string BlockId(int index) =>
        Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes($"chunk-{index:D6}"));
}
