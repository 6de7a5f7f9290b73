using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Judging;

/// <summary>The judges of the contest's jury who score this category.</summary>
public sealed class SetPanelCommand : ICommand<Result<Result.Done>>
{
    public int CategoryId { get; set; }
    public List<string> JudgeIds { get; set; } = [];
}

public sealed class SetPanelHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<SetPanelCommand, Result<Result.Done>>
{
    public async ValueTask<Result<Result.Done>> Handle(SetPanelCommand cmd, CancellationToken ct)
    {
        var category = await db.ManagedCategoryAsync(user, cmd.CategoryId, ct);
        if (category is null) return Result.NotFound;
        // Only members of this contest's jury can sit on its panels.
        var pool = await db.ContestJudges.Where(j => j.ContestId == category.ContestId).Select(j => j.JudgeId).ToListAsync(ct);
        var wanted = cmd.JudgeIds.Distinct().Where(pool.Contains).ToHashSet();
        var current = await db.PanelMembers.Where(p => p.CategoryId == category.Id).ToListAsync(ct);
        db.PanelMembers.RemoveRange(current.Where(p => !wanted.Contains(p.JudgeId)));
        foreach (var id in wanted.Where(id => current.All(p => p.JudgeId != id)))
            db.PanelMembers.Add(new PanelMember { CategoryId = category.Id, JudgeId = id });
        db.Record(clock, user.RequiredId(), "SetPanel", "Category", category.Id,
            string.Join(",", current.Select(p => p.JudgeId).Order()), string.Join(",", wanted.Order()));
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
