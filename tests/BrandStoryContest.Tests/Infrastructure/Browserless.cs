using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BrandStoryContest.Tests.Infrastructure;

/// <summary>HTTP as a browser does it: cookies kept, forms posted with the antiforgery token of the page.</summary>
public sealed partial class Browserless(HttpClient client)
{
    public HttpClient Client { get; } = client;

    public static Browserless For(AppFactory app) =>
        new(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public async Task<string> GetHtmlAsync(string url)
    {
        var response = await Client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new HttpRequestException($"GET {url} gave {(int)response.StatusCode}: {html[..Math.Min(html.Length, 500)]}");
        return html;
    }

    /// <summary>Loads <paramref name="formPage"/>, takes its antiforgery token and posts the fields to <paramref name="action"/>.</summary>
    /// <summary>Opens a confirmation link (which only shows a button, so mail scanners confirm nothing) and presses it.</summary>
    public async Task<string> ConfirmEmailAsync(string pathAndQuery)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + pathAndQuery).Query);
        var response = await PostFormAsync(pathAndQuery, "/account/confirm", new Dictionary<string, string>
        {
            ["UserId"] = query["userId"].ToString(), ["Token"] = query["token"].ToString(),
        });
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, IDictionary<string, string> fields)
    {
        var token = AntiforgeryToken(await GetHtmlAsync(formPage));
        var all = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await Client.PostAsync(action, new FormUrlEncodedContent(all));
    }

    public static string AntiforgeryToken(string html) =>
        TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("No antiforgery token on the page.");

    public async Task SignInAsync(string email, string password)
    {
        var response = await PostFormAsync("/account/login", "/account/login", new Dictionary<string, string> { ["Email"] = email, ["Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in as {email} failed with {(int)response.StatusCode}.");
    }

    /// <summary>Signs in with a fresh client and gives back only the sign-in cookie ("bsc.auth=…"), to send by hand.</summary>
    public static async Task<string> SignInCookieAsync(AppFactory app, string email)
    {
        var signIn = await For(app).PostFormAsync("/account/login", "/account/login", new Dictionary<string, string> { ["Email"] = email, ["Password"] = AppFactory.TestPassword });
        if (signIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in as {email} failed with {(int)signIn.StatusCode}.");
        return signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("bsc.auth=", StringComparison.Ordinal));
    }

    /// <summary>A GET that sends exactly <paramref name="cookie"/> and follows no redirect.</summary>
    public static async Task<HttpResponseMessage> GetWithCookieAsync(AppFactory app, string url, string cookie)
    {
        using var raw = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return await raw.SendAsync(request);
    }

    public static bool ToSignIn(HttpResponseMessage r) =>
        r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.OriginalString.Contains("/account/login", StringComparison.Ordinal);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
