using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Awards;

/// <summary>One holder of an award, with what every award mail needs: the entry's title, the entrant (no address: no mail) and the tier's name.</summary>
public sealed record Awardee(string Entry, string? Email, string EntrantId, string Language, Bilingual Award)
{
    public static Awardee Of(Entry entry, AwardTier tier) =>
        new(entry.Title, entry.Entrant.Email, entry.EntrantId, entry.Entrant.PreferredLanguage, new Bilingual(tier.NameZh, tier.NameEn));
}

/// <summary>
/// The one awardee-and-mail step of publishing results, opening the notice period and deciding objections: who holds
/// an award, and one mail to each of them that has an address, queued in the caller's SaveChanges.
/// </summary>
public static class Awardees
{
    /// <summary>Every award of the contest's categories (an entry with two awards appears twice: each award is told).</summary>
    public static Task<List<Awardee>> AwardeesAsync(this ContestDb db, Contest contest, CancellationToken ct)
    {
        var categoryIds = contest.Categories.Select(c => c.Id).ToList();
        return db.Awards.Where(a => categoryIds.Contains(a.CategoryId))
            .Select(a => new Awardee(a.Entry.Title, a.Entry.Entrant.Email, a.Entry.EntrantId, a.Entry.Entrant.PreferredLanguage,
                new Bilingual(a.Tier.NameZh, a.Tier.NameEn)))
            .ToListAsync(ct);
    }

    public static void Tell(this Outbox outbox, IEnumerable<Awardee> awardees, Contest contest, Func<Awardee, IMail> mail)
    {
        foreach (var a in awardees.Where(a => a.Email is not null))
            outbox.Queue(new MailRecipient(a.Email!, a.EntrantId, a.Language), mail(a), contest);
    }
}
