using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Routing;

namespace BrandStoryContest.Tests.Security;

/// <summary>
/// Every controller action, found by reflection, must have a row here saying who may call it. A new action
/// without a row fails the first test; the others call every route as each kind of caller.
/// </summary>
public sealed partial class AuthorizationMatrixTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Anyone = "anyone", SignedIn = "signed-in";

    /// <summary>Who may reach each action: anyone, any signed-in person, or the named policies (all of them).</summary>
    internal static readonly Dictionary<string, string> Expected = new Dictionary<string, string>
    {
        ["Accounts.Register GET"] = Anyone, ["Accounts.Register POST"] = Anyone, ["Accounts.Confirm GET"] = Anyone, ["Accounts.Confirm POST"] = Anyone,
        ["Accounts.Login GET"] = Anyone, ["Accounts.Login POST"] = Anyone, ["Accounts.Logout POST"] = SignedIn,
        ["Accounts.Profile GET"] = SignedIn, ["Accounts.Profile POST"] = SignedIn, ["Accounts.Denied GET"] = Anyone, ["Accounts.Language POST"] = Anyone, ["Accounts.LanguageForVisitor GET"] = Anyone,
        ["Admin.Users GET"] = "Organizer+Admin", ["Admin.SetRole POST"] = "Organizer+Admin", ["Admin.Outbox GET"] = "Organizer", ["Admin.Resend POST"] = "Organizer",
        ["Contests.Index GET"] = Anyone, ["Contests.Details GET"] = Anyone, ["Contests.Cover GET"] = Anyone,
        ["Contests.Manage GET"] = "Organizer", ["Contests.ContestForm GET"] = "Organizer", ["Contests.ContestForm POST"] = "Organizer",
        ["Contests.Cover POST"] = "Organizer", ["Contests.CategoryForm GET"] = "Organizer", ["Contests.CategoryForm POST"] = "Organizer",
        ["Contests.Contest GET"] = "Organizer", ["Contests.Dashboard GET"] = "Organizer", ["Integrity.Index GET"] = "Organizer", ["Integrity.Redact POST"] = "Organizer", ["Contests.ExportEntries GET"] = "Organizer", ["Contests.Disqualify POST"] = "Organizer",
        // Custom entry fields: the organizer policy; the handler checks the category or entry is of a contest they run.
        ["Contests.NewField GET"] = "Organizer", ["Contests.FieldForm GET"] = "Organizer", ["Contests.FieldForm POST"] = "Organizer",
        ["Contests.MoveField POST"] = "Organizer", ["Contests.RemoveField POST"] = "Organizer", ["Contests.EntryAnswers GET"] = "Organizer",
        ["Entries.FieldFile POST"] = "Entrant",
        // A custom field's file: the handler answers only the entrant and the contest's organizer, never a judge.
        ["Media.FieldFile GET"] = SignedIn,
        ["Entries.Index GET"] = "Entrant", ["Entries.New POST"] = "Entrant", ["Entries.Edit GET"] = "Entrant", ["Entries.Edit POST"] = "Entrant",
        ["Entries.Receipt GET"] = "Entrant", ["Entries.Withdraw POST"] = "Entrant", ["Entries.AttachFile POST"] = "Entrant",
        ["Entries.StartFilmUpload POST"] = "Entrant", ["Entries.UploadFilmChunk PUT"] = "Entrant", ["Entries.CompleteFilmUpload POST"] = "Entrant",
        ["Entries.FilmStatus GET"] = "Entrant",
        // The entry's team: the entrant's; the co-author's confirm link: any signed-in account, the handler checks it is the linked one.
        ["Entries.AddAuthor POST"] = "Entrant", ["Entries.RemoveAuthor POST"] = "Entrant", ["Entries.MoveAuthor POST"] = "Entrant",
        ["Entries.ConfirmCoAuthor GET"] = SignedIn, ["Entries.ConfirmCoAuthorPost POST"] = SignedIn, ["Awards.CertificateMode POST"] = "Organizer",
        // The demo's start page and one-click sign-in: 404 for everyone unless the demo seed is on (never in production).
        ["Demo.Index GET"] = Anyone, ["Demo.SignIn POST"] = Anyone,
        ["Home.Index GET"] = Anyone, ["Home.Error ANY"] = Anyone, ["Home.Status ANY"] = Anyone,
        ["JudgeInvitations.Invite POST"] = "Organizer", ["JudgeInvitations.Accept GET"] = SignedIn, ["JudgeInvitations.Accept POST"] = SignedIn,
        ["Judging.Index GET"] = "Judge", ["Judging.Sheet GET"] = "Judge", ["Judging.Sheet POST"] = "Judge", ["Judging.Viewing POST"] = "Judge", ["Judging.AddNote POST"] = "Judge", ["Judging.DeleteNote POST"] = "Judge", ["Judging.DeclareConflict POST"] = "Judge",
        // Anyone may ask; the handler answers only for public works or for the entrant, organizer or assigned judge.
        ["Media.Entry GET"] = Anyone,
        ["Awards.Index GET"] = "Organizer", ["Awards.DefaultTiers POST"] = "Organizer", ["Awards.SaveTier POST"] = "Organizer", ["Awards.Propose POST"] = "Organizer",
        ["Awards.ResolveTie POST"] = "Organizer", ["Awards.Adjust POST"] = "Organizer", ["Awards.Special POST"] = "Organizer",
        ["Awards.Settings POST"] = "Organizer", ["Awards.Seal POST"] = "Organizer", ["Awards.Publish POST"] = "Organizer",
        ["Awards.Issue POST"] = "Organizer", ["Awards.Progress GET"] = "Organizer", ["Awards.Zip GET"] = "Organizer", ["Awards.Revoke POST"] = "Organizer",
        ["Certificates.Download GET"] = SignedIn, ["Certificates.Verify GET"] = Anyone,
        ["Objections.OpenNotice POST"] = "Organizer", ["Objections.Index GET"] = "Organizer", ["Objections.Decide POST"] = "Organizer",
        ["Objections.Evidence GET"] = "Organizer", ["Objections.Notice GET"] = Anyone, ["Objections.Object POST"] = SignedIn,
        ["Results.Results GET"] = Anyone, ["Results.Gallery GET"] = Anyone, ["Results.Work GET"] = Anyone, ["Results.Vote POST"] = SignedIn,
        ["Judging.Setup GET"] = "Organizer", ["Judging.Panel POST"] = "Organizer", ["Judging.AddConflict POST"] = "Organizer",
        ["Judging.RemoveConflict POST"] = "Organizer", ["Judging.RoundForm GET"] = "Organizer", ["Judging.RoundForm POST"] = "Organizer",
        ["Judging.Round GET"] = "Organizer", ["Judging.Assign POST"] = "Organizer", ["Judging.State POST"] = "Organizer",
        ["Judging.AddAssignment POST"] = "Organizer", ["Judging.RemoveAssignment POST"] = "Organizer", ["Judging.Release POST"] = "Organizer",
        ["Judging.ExportScores GET"] = "Organizer", ["Judging.Advance POST"] = "Organizer",
        // Public voting in a round: any signed-in person; which rounds and entries is the handler's business.
        ["PublicVote.Page GET"] = SignedIn, ["PublicVote.Entry GET"] = SignedIn, ["PublicVote.Cast POST"] = SignedIn,
        ["PublicVote.Review GET"] = "Organizer", ["PublicVote.Settings GET"] = "Organizer", ["PublicVote.Settings POST"] = "Organizer",
        ["PublicVote.Void POST"] = "Organizer", ["PublicVote.Export GET"] = "Organizer",
        // Broadcasts: the organizer policy; which contest is the handler's business (another organizer's id is "not found").
        ["Broadcasts.Broadcast GET"] = "Organizer", ["Broadcasts.Preview POST"] = "Organizer", ["Broadcasts.Send POST"] = "Organizer",
        // The opt-out link works without signing in: the signed token names the account; GET only shows, POST (antiforgery) acts.
        ["Reminders.OptOut GET"] = Anyone, ["Reminders.OptOutPost POST"] = Anyone,
        // Declaration documents and the signed copies: the contest's organizer (the handlers check the contest); judges never.
        ["Declarations.Index GET"] = "Organizer", ["Declarations.Publish POST"] = "Organizer", ["Declarations.Version GET"] = "Organizer",
        ["Declarations.EntryPdf GET"] = "Organizer", ["Declarations.Zip GET"] = "Organizer",
        ["Contests.Copy GET"] = "Organizer", ["Contests.Copy POST"] = "Organizer",
        // A final's divisions: the organizer policy; the handlers decide which final (its organizer) or division (its own organizer only).
        ["Divisions.Dashboard GET"] = "Organizer", ["Divisions.Create GET"] = "Organizer", ["Divisions.Create POST"] = "Organizer",
        ["Divisions.Quotas POST"] = "Organizer", ["Divisions.Recommendations GET"] = "Organizer", ["Divisions.FromRanking POST"] = "Organizer",
        ["Divisions.Recommend POST"] = "Organizer", ["Divisions.Withdraw POST"] = "Organizer",
        // Screening: a screener holds no site-wide role, so any signed-in person; ScreeningAccess in each handler decides
        // (the contest's organizer or a screener named for it; anyone else gets "not found"). Naming screeners is the organizer's.
        ["Screening.Index GET"] = SignedIn, ["Screening.Contest GET"] = SignedIn, ["Screening.Return POST"] = SignedIn,
        ["Screening.NameScreener POST"] = "Organizer", ["Screening.RemoveScreener POST"] = "Organizer",
    }.Concat(OrganizationRules).ToDictionary();

    private sealed record Action(string Key, string Verb, string Route, string Rule);

    private static IReadOnlyList<Action> Actions()
    {
        var controllers = typeof(Program).Assembly.GetTypes().Where(t => typeof(Controller).IsAssignableFrom(t) && !t.IsAbstract);
        var list = new List<Action>();
        foreach (var c in controllers)
        {
            var prefix = c.GetCustomAttribute<RouteAttribute>()?.Template ?? "";
            foreach (var m in c.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(m => !m.IsSpecialName && !m.IsStatic))
            {
                var verbs = m.GetCustomAttributes<HttpMethodAttribute>().ToList();
                var route = m.GetCustomAttribute<RouteAttribute>();
                if (verbs.Count == 0 && route is null) continue;
                var template = verbs.FirstOrDefault()?.Template ?? route?.Template ?? "";
                var path = template.StartsWith('/') ? template : "/" + string.Join('/', new[] { prefix, template }.Where(s => s.Length > 0));
                var verb = verbs.Count == 0 ? "ANY" : verbs[0].HttpMethods.Single();
                var key = $"{c.Name.Replace("Controller", "")}.{m.Name} {verb}";
                list.Add(new Action(key, verb, path, Rule(c, m)));
            }
        }
        return list.DistinctBy(a => a.Key).ToList();
    }

    private static string Rule(Type controller, MethodInfo method)
    {
        if (method.GetCustomAttribute<AllowAnonymousAttribute>() is not null) return Anyone;
        var all = controller.GetCustomAttributes<AuthorizeAttribute>().Concat(method.GetCustomAttributes<AuthorizeAttribute>()).ToList();
        if (all.Count == 0) return Anyone;
        var policies = all.Where(a => a.Policy is not null).Select(a => a.Policy!).ToList();
        return policies.Count == 0 ? SignedIn : string.Join('+', policies);
    }

    [Fact]
    public void Every_action_has_a_rule_and_its_attributes_match_it()
    {
        var actions = Actions();
        var missing = actions.Where(a => !Expected.ContainsKey(a.Key)).Select(a => a.Key).ToList();
        Assert.True(missing.Count == 0, "Actions without a rule in the matrix:\n" + string.Join("\n", missing));
        var wrong = actions.Where(a => Expected[a.Key] != a.Rule).Select(a => $"{a.Key}: expected {Expected[a.Key]}, found {a.Rule}").ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Empty(Expected.Keys.Except(actions.Select(a => a.Key)));
    }

    /// <summary>Real requests: an anonymous caller is sent to sign in for every protected route, and never gets a 2xx from a write.</summary>
    [Fact]
    public async Task Anonymous_callers_reach_only_public_routes()
    {
        var web = Browserless.For(app);
        foreach (var a in Actions())
        {
            var response = await Call(web, a);
            if (a.Rule == Anyone)
            {
                Assert.True((int)response.StatusCode < 500, $"{a.Key} {a.Route} → {(int)response.StatusCode}");
                continue;
            }
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/login"),
                $"{a.Key} {a.Route} → {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    /// <summary>Each role against every route guarded by a policy it lacks: access denied, never the page.</summary>
    [Theory]
    [InlineData(Roles.Entrant)]
    [InlineData(Roles.Judge)]
    [InlineData(Roles.Organizer)]
    public async Task Signed_in_callers_without_the_role_are_denied(string role)
    {
        var user = await app.CreateUserAsync(role);
        var web = Browserless.For(app);
        await web.SignInAsync(user.Email!, AppFactory.TestPassword);
        var token = Browserless.AntiforgeryToken(await web.GetHtmlAsync("/"));
        foreach (var a in Actions().Where(a => a.Rule is not Anyone and not SignedIn))
        {
            var policies = a.Rule.Split('+');
            if (policies.All(p => Allows(p, role))) continue;
            var response = await Call(web, a, token);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/denied"),
                $"{role} → {a.Key} {a.Route} → {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    private static bool Allows(string policy, string role) => policy switch
    {
        "Entrant" => role is Roles.Entrant or Roles.Admin,
        "Judge" => role is Roles.Judge,
        "Organizer" => role is Roles.Organizer or Roles.Admin,
        "Admin" => role is Roles.Admin,
        _ => false,
    };

    private static async Task<HttpResponseMessage> Call(Browserless web, Action a, string? token = null)
    {
        var path = RouteParameter().Replace(a.Route, m => m.Groups[1].Value switch
        {
            "kind" => "Poster", "uploadId" => "nope", "code" => "404", "format" => "csv", "number" => "BSC-NOPE-NOPE-NOPE", _ => "1",
        });
        var method = a.Verb == "ANY" ? HttpMethod.Get : new HttpMethod(a.Verb);
        var request = new HttpRequestMessage(method, path);
        if (method != HttpMethod.Get)
            request.Content = new FormUrlEncodedContent(token is null ? [] : new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        return await web.Client.SendAsync(request);
    }

    [GeneratedRegex(@"\{(\w+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
