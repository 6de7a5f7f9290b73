using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace BrandStoryContest.Web.Infrastructure.Web;

/// <summary>
/// A download written straight to the response as its rows are read (exports of a national call), instead of a byte
/// array built first. The handler's query is enumerated here, inside the request, while its DbContext is alive.
/// </summary>
public sealed class StreamedFile(string contentType, string fileName, Func<Stream, CancellationToken, Task> write) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.ContentType = contentType;
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers[HeaderNames.ContentDisposition] = disposition.ToString();
        await write(response.Body, context.HttpContext.RequestAborted);
    }
}
