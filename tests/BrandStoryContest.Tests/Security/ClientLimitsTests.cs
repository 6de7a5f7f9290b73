using System.Net;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BrandStoryContest.Tests.Security;

/// <summary>
/// The app as it sees clients on the network: a test-only middleware in front of everything sets the TCP peer's
/// address from <see cref="PeerHeader"/>, the way Kestrel would from the socket. One proxy is configured as known.
/// </summary>
public sealed class NetworkApp : AppFactory
{
    public const string PeerHeader = "X-Test-Peer", Proxy = "10.9.0.1";
    public const int AccountsPerMinute = 8, UploadsPerMinute = 3;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["ForwardedHeaders:KnownProxies"] = Proxy,
        ["RateLimits:AccountsPerMinute"] = AccountsPerMinute.ToString(),
        ["RateLimits:UploadStartsPerMinute"] = UploadsPerMinute.ToString(),
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<IStartupFilter, PeerFromHeader>());
    }

    private sealed class PeerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, then) =>
            {
                if (http.Request.Headers.TryGetValue(PeerHeader, out var peer)) http.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                return then(http);
            });
            next(app);
        };
    }

    /// <summary>A browser at <paramref name="peer"/>; with <paramref name="forwardedFor"/>, behind that peer as a proxy.</summary>
    public Browserless From(string peer, string? forwardedFor = null)
    {
        var web = Browserless.For(this);
        web.Client.DefaultRequestHeaders.Add(PeerHeader, peer);
        if (forwardedFor is not null) web.Client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return web;
    }

    /// <summary>A fresh address in 198.18.0.0/15 (benchmarking range) for each test, so tests never share a limit.</summary>
    public static string NewAddress() => $"198.18.{Random.Shared.Next(0, 256)}.{Random.Shared.Next(1, 255)}";
}

public sealed class ClientLimitsTests(NetworkApp app) : IClassFixture<NetworkApp>
{
    private static Dictionary<string, string> Login(string email, string password) => new() { ["Email"] = email, ["Password"] = password };

    [Fact]
    public async Task Wrong_passwords_from_one_address_throttle_that_address_while_the_judge_signs_in_from_another()
    {
        var judge = await app.CreateUserAsync(Roles.Judge);
        var attacker = app.From(NetworkApp.NewAddress());
        for (var i = 0; i < 5; i++)
        {
            var wrong = await attacker.PostFormAsync("/account/login", "/account/login", Login(judge.Email!, "guess-number" + i));
            Assert.Contains("邮箱或密码不正确", await wrong.Content.ReadAsStringAsync());
        }
        // From the attacker's address even the right password is refused now ...
        var refused = await attacker.PostFormAsync("/account/login", "/account/login", Login(judge.Email!, AppFactory.TestPassword));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var throttledPage = await refused.Content.ReadAsStringAsync();
        Assert.Contains("登录失败次数过多", throttledPage);
        Assert.DoesNotContain(refused.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("bsc.auth=")));

        // ... while the judge, from home, signs in at once, and the account itself was never locked.
        var home = app.From(NetworkApp.NewAddress());
        await home.SignInAsync(judge.Email!, AppFactory.TestPassword);
        Assert.Equal(HttpStatusCode.OK, (await home.Client.GetAsync("/judging")).StatusCode);
        var stored = await app.DbAsync(db => db.Users.SingleAsync(u => u.Id == judge.Id));
        Assert.Null(stored.LockoutEnd);

        // An email without an account is throttled the same way: the answer never tells whether it exists.
        var nobody = $"nobody-{Guid.NewGuid():N}@test.local";
        var prober = app.From(NetworkApp.NewAddress());
        for (var i = 0; i < 5; i++) await prober.PostFormAsync("/account/login", "/account/login", Login(nobody, "guess-number" + i));
        var unknownThrottled = await prober.PostFormAsync("/account/login", "/account/login", Login(nobody, "guess"));
        Assert.Contains("登录失败次数过多", await unknownThrottled.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Sign_in_limits_count_per_client_address_and_forwarded_headers_only_from_the_known_proxy()
    {
        // Directly connected clients: each address has its own budget.
        var first = app.From(NetworkApp.NewAddress());
        Assert.Equal(NetworkApp.AccountsPerMinute, await PostsBeforeLimitAsync(first));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await LoginAsync(app.From(NetworkApp.NewAddress()))).StatusCode);

        // A client that is not the known proxy cannot choose its address by sending X-Forwarded-For.
        var spoofer = NetworkApp.NewAddress();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i <= NetworkApp.AccountsPerMinute; i++)
            answers.Add((await LoginAsync(app.From(spoofer, forwardedFor: NetworkApp.NewAddress()))).StatusCode);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, answers[..^1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);

        // Through the known proxy the forwarded client address counts: one client's limit leaves the next alone.
        var behindProxy = app.From(NetworkApp.Proxy, forwardedFor: NetworkApp.NewAddress());
        Assert.Equal(NetworkApp.AccountsPerMinute, await PostsBeforeLimitAsync(behindProxy));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await LoginAsync(app.From(NetworkApp.Proxy, forwardedFor: NetworkApp.NewAddress()))).StatusCode);
    }

    [Fact]
    public async Task Upload_limits_count_per_signed_in_account_not_per_address()
    {
        var address = NetworkApp.NewAddress();
        var one = app.From(address);
        var other = app.From(address);
        await one.SignInAsync((await app.CreateUserAsync(Roles.Entrant)).Email!, AppFactory.TestPassword);
        await other.SignInAsync((await app.CreateUserAsync(Roles.Entrant)).Email!, AppFactory.TestPassword);
        var token = Browserless.AntiforgeryToken(await one.GetHtmlAsync("/entries"));
        var otherToken = Browserless.AntiforgeryToken(await other.GetHtmlAsync("/entries"));

        async Task<HttpStatusCode> StartAsync(Browserless web, string t)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/entries/999999/film/uploads")
            { Content = new StringContent("""{"fileName":"a.mp4","totalBytes":1000}""", System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("RequestVerificationToken", t);
            return (await web.Client.SendAsync(request)).StatusCode;
        }
        for (var i = 0; i < NetworkApp.UploadsPerMinute; i++) Assert.NotEqual(HttpStatusCode.TooManyRequests, await StartAsync(one, token));
        Assert.Equal(HttpStatusCode.TooManyRequests, await StartAsync(one, token));
        // Same address, another account: its own budget.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, await StartAsync(other, otherToken));
    }

    private static async Task<HttpResponseMessage> LoginAsync(Browserless web) =>
        await web.PostFormAsync("/account/login", "/account/login", Login($"nobody-{Guid.NewGuid():N}@test.local", "whatever1"));

    private static async Task<int> PostsBeforeLimitAsync(Browserless web)
    {
        for (var sent = 0; sent <= NetworkApp.AccountsPerMinute; sent++)
            if ((await LoginAsync(web)).StatusCode == HttpStatusCode.TooManyRequests) return sent;
        return int.MaxValue;
    }
}
