namespace BrandStoryContest.Web.Features.Demo;

public static class DemoSetup
{
    /// <summary>
    /// The app's clock, and the demo seed when it is on: the demo seeds last year's edition on a clock set back for its
    /// own async flow (see DemoClock); otherwise the system clock.
    /// </summary>
    public static IServiceCollection AddClockAndDemo(this IServiceCollection services, bool seedDemo)
    {
        if (seedDemo) services.AddSingleton<DemoClock>().AddSingleton<TimeProvider>(sp => sp.GetRequiredService<DemoClock>());
        else services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new DemoSeedProgress { Enabled = seedDemo });
        if (seedDemo) services.AddSingleton<DemoSeeder>().AddHostedService(sp => sp.GetRequiredService<DemoSeeder>());
        return services;
    }
}
