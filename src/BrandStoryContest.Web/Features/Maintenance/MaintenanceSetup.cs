namespace BrandStoryContest.Web.Features.Maintenance;

public static class MaintenanceSetup
{
    /// <summary>The sweeper of blobs no row points to (not for the maintenance command itself).</summary>
    public static IServiceCollection AddMaintenance(this IServiceCollection services, IConfiguration config, bool runWorkers)
    {
        if (config.GetValue("Maintenance:SweeperEnabled", true) && runWorkers) services.AddHostedService<OrphanBlobSweeper>();
        return services;
    }
}
