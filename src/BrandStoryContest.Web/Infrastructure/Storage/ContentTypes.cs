namespace BrandStoryContest.Web.Infrastructure.Storage;

/// <summary>The Content-Type of a stored file, by the extension the app gave its blob or download name.</summary>
public static class ContentTypes
{
    public const string Pdf = "application/pdf";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Unknown = "application/octet-stream";

    public static string Of(string name) => Path.GetExtension(name) switch
    {
        ".jpg" => "image/jpeg", ".pdf" => Pdf, ".docx" => Docx, ".vtt" => "text/vtt", ".srt" => "text/plain", ".mp4" => "video/mp4",
        _ => Unknown,
    };
}
