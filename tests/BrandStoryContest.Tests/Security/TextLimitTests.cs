using System.Reflection;
using BrandStoryContest.Tests.Infrastructure;
using FluentValidation;
using FluentValidation.Validators;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace BrandStoryContest.Tests.Security;

/// <summary>
/// Every text a use case takes has a server-side length limit: found by reflection over every command and
/// query, each string property (or list of strings) must have a MaximumLength/Length rule in its validator,
/// or be named below with the limit that holds it instead.
/// </summary>
public sealed class TextLimitTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>Texts limited elsewhere, and why that is enough.</summary>
    private static readonly Dictionary<string, string> LimitedElsewhere = new()
    {
        // Looked up, never stored: an unknown value finds nothing and is answered "not found" or refused.
        ["AcceptInvitationCommand.Token"] = "looked up by its hash; an unknown token is refused",
        ["AddAssignmentCommand.JudgeId"] = "must be a judge on the category's panel before anything is stored",
        ["ConfirmEmailCommand.Token"] = "checked by Identity; never stored", ["ConfirmEmailCommand.UserId"] = "looked up by id; never stored",
        ["CompleteFilmUploadCommand.UploadId"] = "looked up among the entrant's uploads", ["UploadFilmChunkCommand.UploadId"] = "looked up among the entrant's uploads",
        ["ReadCertificateQuery.Number"] = "looked up", ["VerifyCertificateQuery.Number"] = "looked up",
        ["ReadOrganizationCertificateQuery.Number"] = "looked up", ["VerifyOrganizationCertificateQuery.Number"] = "looked up", ["RevokeCertificateCommand.Number"] = "looked up among the organizer's certificates",
        ["SetPanelCommand.JudgeIds"] = "only ids of the contest's judges are kept", ["SetRoleCommand.UserId"] = "looked up by id",
        ["SetRoleCommand.Role"] = "must be one of Roles.All", ["ScoreSheetQuery.Language"] = "chooses zh or en names, never stored",
        ["SetPreferredLanguageCommand.Language"] = "Languages.Normalize in the controller: zh-CN or en",
        ["RegisterCommand.PreferredLanguage"] = "must be one of Languages.All", ["EditProfileCommand.PreferredLanguage"] = "must be one of Languages.All",
        ["RegisterCommand.ConfirmPassword"] = "must equal Password, which is limited",
        ["EditProfileCommand.Email"] = "shown on the profile form, never saved from it",
        ["SaveContestCommand.TimeZoneId"] = "must be a known IANA zone (ContestTime.IsKnownZone)",
        ["SetPublicVoteCommand.TimeZoneId"] = "shown on the form; the contest's zone is used", ["SetPublicVoteCommand.RoundName"] = "shown on the form, never saved from it",
        // Not from the request.
        ["CastRoundVoteCommand.IpAddress"] = "the connection's address, not request input",
        ["ProcessFilmCommand.BlobName"] = "from the app's own queue message",
        // Query filters: bounded by the server's request-line limit, used only to filter a list.
        ["ListUsersQuery.Search"] = "GET filter", ["ReadOutboxQuery.To"] = "GET filter",
        ["JudgingSetupQuery.EntrySearch"] = "GET filter", ["ObjectionsPageQuery.Search"] = "GET filter", ["PublicVoteReviewQuery.Search"] = "GET filter",
        ["ListUsersQuery.Role"] = "GET filter: only a name in Roles.All is used", ["ReadInvitationQuery.Token"] = "looked up; an unknown token is not found", ["DemoSignInCommand.Email"] = "must be one of the demo logins (DemoContest.Logins)",
        ["SaveContestCommand.ReminderHours"] = "validator: ReminderHours.Parse takes at most six short numbers",
        ["OptOutCommand.Token"] = "its signature is checked; never stored", ["ReadOptOutQuery.Token"] = "its signature is checked; never stored",
        ["PreviewBroadcastQuery.Subject"] = "validator: 1 to 200 characters", ["PreviewBroadcastQuery.Body"] = "validator: 1 to 20000 characters",
        ["SendBroadcastCommand.Subject"] = "validator: 1 to 200 characters", ["SendBroadcastCommand.Body"] = "validator: 1 to 20000 characters",
        // Limits in a Must rule or in the handler, as domain refusals next to the other rules of the same field.
        ["DecideObjectionCommand.Decision"] = "validator: 1 to 1000 characters", ["VoidVotesCommand.Reason"] = "validator: 1 to 500 characters",
        ["FileObjectionCommand.Reason"] = "validator: at most Objection.MaxReasonLength", ["FileObjectionCommand.EvidenceFileName"] = "FileNames.Sanitize: at most 100 characters",
        ["AttachFileCommand.FileName"] = "FileNames.Sanitize: at most 100 characters", ["AttachFieldFileCommand.FileName"] = "FileNames.Sanitize: at most 100 characters", ["AddJudgeNoteCommand.Text"] = "handler: 1 to 500 characters",
        ["RedactStoryCommand.Text"] = "handler: at most SaveEntryHandler.MaxBodyChars", ["ScoreEntryCommand.Comment"] = "handler: at most 4000 characters",
        ["SaveEntryCommand.Title"] = "handler: at most 200", ["SaveEntryCommand.Body"] = "handler: at most SaveEntryHandler.MaxBodyChars",
        ["SaveEntryCommand.Synopsis"] = "handler: at most 2000", ["SaveEntryCommand.Credits"] = "handler: at most 2000", ["SaveEntryCommand.Director"] = "handler: at most 100",
        ["SaveEntryCommand.BrandFeatured"] = "handler: at most 200", ["AdvanceEntriesCommand.NextRoundName"] = "handler: at most 100 (its page re-shows a preview, not the form)",
    };

    [Fact]
    public void Every_text_a_use_case_takes_has_a_length_limit()
    {
        var messages = typeof(Program).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IMessage).IsAssignableFrom(t));
        using var scope = app.Services.CreateScope();
        var missing = new List<string>();
        var seen = new HashSet<string>();
        foreach (var type in messages)
        {
            var texts = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.PropertyType == typeof(string) || typeof(IEnumerable<string>).IsAssignableFrom(p.PropertyType)).ToList();
            if (texts.Count == 0) continue;
            var validators = scope.ServiceProvider.GetServices(typeof(IValidator<>).MakeGenericType(type)).Cast<IValidator>().ToList();
            foreach (var p in texts)
            {
                var key = $"{type.Name}.{p.Name}";
                seen.Add(key);
                if (LimitedElsewhere.ContainsKey(key)) continue;
                var limited = validators.Any(v => v.CreateDescriptor().GetRulesForMember(p.Name)
                    .SelectMany(r => r.Components).Any(c => c.Validator is ILengthValidator { Max: > 0 }
                        || c.Validator.GetType().Name.StartsWith("ChildValidatorAdaptor")));
                if (!limited) missing.Add(key);
            }
        }
        Assert.True(missing.Count == 0, "Texts without a length limit:\n" + string.Join("\n", missing.Order()));
        Assert.Empty(LimitedElsewhere.Keys.Except(seen));
    }
}
