namespace BrandStoryContest.Web.Infrastructure.Web;

/// <summary>Absolute links for messages that leave the app (confirmation mail, invitations, QR codes).</summary>
public sealed class AppLinks(IHttpContextAccessor http, IConfiguration config)
{
    public string Absolute(string pathAndQuery)
    {
        var configured = config["App:PublicUrl"];
        var request = http.HttpContext?.Request;
        var origin = !string.IsNullOrWhiteSpace(configured)
            ? configured.TrimEnd('/')
            : request is null ? "http://127.0.0.1:5080" : $"{request.Scheme}://{request.Host}{request.PathBase}";
        return origin + pathAndQuery;
    }
}
