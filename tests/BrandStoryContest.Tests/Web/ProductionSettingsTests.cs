using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Web;

public sealed class ProductionSettingsTests
{
    private sealed class ProductionWithoutPublicUrl : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            // A real-looking account, so the storage guard passes and the public URL is what is missing.
            builder.UseSetting("Storage:ConnectionString",
                "DefaultEndpointsProtocol=https;AccountName=contestprod;AccountKey=" + Convert.ToBase64String(new byte[64]) + ";EndpointSuffix=core.windows.net");
        }
    }

    [Fact]
    public void Production_refuses_to_start_without_a_public_url()
    {
        using var app = new ProductionWithoutPublicUrl();
        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("App:PublicUrl", failure.ToString());
    }

    [Fact]
    public async Task A_forged_host_header_never_reaches_a_link_in_a_mail_when_the_public_url_is_set()
    {
        using var app = new AppFactory { Overrides = { ["App:PublicUrl"] = "https://contest.example.com" } };
        var web = Browserless.For(app);
        var token = Browserless.AntiforgeryToken(await web.GetHtmlAsync("/account/register"));
        var email = $"writer-{Guid.NewGuid():N}@test.local";
        var request = new HttpRequestMessage(HttpMethod.Post, "/account/register")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["Email"] = email, ["RealName"] = "张晓雨", ["Password"] = "Secret123",
                ["ConfirmPassword"] = "Secret123", ["PreferredLanguage"] = "zh-CN",
            }),
        };
        request.Headers.Host = "evil.example";
        Assert.Equal(HttpStatusCode.OK, (await web.Client.SendAsync(request)).StatusCode);
        var mail = await app.DbAsync(db => db.Outbox.SingleAsync(m => m.To == email));
        Assert.StartsWith("https://contest.example.com/account/confirm?", mail.Link);
        Assert.DoesNotContain("evil.example", mail.Text + mail.Html);
    }

    [Fact]
    public async Task Https_answers_carry_hsts_outside_development()
    {
        using var app = new AppFactory();
        var https = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://contest.example/"), AllowAutoRedirect = false });
        var hsts = (await https.GetAsync("/")).Headers.GetValues("Strict-Transport-Security").Single();
        Assert.Contains("max-age=31536000", hsts);
        Assert.False((await app.CreateClient().GetAsync("/")).Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task With_a_certificate_the_stored_keys_are_encrypted_and_a_second_instance_with_it_reads_the_cookie()
    {
        var folder = Directory.CreateTempSubdirectory("bsc-keys-").FullName;
        var pfx = Path.Combine(folder, "keys.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=BrandStoryContest test key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pfx, "test-pass"));
        }
        var settings = new Dictionary<string, string?> { ["DataProtection:CertificatePath"] = pfx, ["DataProtection:CertificatePassword"] = "test-pass" };
        var data = Directory.CreateTempSubdirectory("bsc-test-").FullName;
        var container = "media-" + Guid.NewGuid().ToString("N")[..12];

        string cookie;
        using (var first = new AppFactory { DataFolder = data, ContainerName = container, Overrides = new(settings), DeleteDataOnDispose = false })
        {
            var user = await first.CreateUserAsync(Roles.Entrant);
            var web = Browserless.For(first);
            var signIn = await web.PostFormAsync("/account/login", "/account/login",
                new Dictionary<string, string> { ["Email"] = user.Email!, ["Password"] = AppFactory.TestPassword });
            cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("bsc.auth=")).Split(';')[0];
            var keys = await first.DbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                Assert.Contains("EncryptedData", xml);
                Assert.DoesNotContain("<masterKey", xml);
            });
        }

        using var second = new AppFactory { DataFolder = data, ContainerName = container, Overrides = new(settings) };
        var client = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var profile = new HttpRequestMessage(HttpMethod.Get, "/account/profile");
        profile.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(profile)).StatusCode);
        Directory.Delete(folder, recursive: true);
    }
}
