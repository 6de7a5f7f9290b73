namespace BrandStoryContest.Web.Features.Reminders;

public static class RemindersSetup
{
    /// <summary>Reminder mails with their opt-out links, and the worker that sends the due ones (not for the maintenance command).</summary>
    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration config, bool runWorkers)
    {
        services.AddSingleton<OptOutTokens>();
        services.AddScoped<ReminderOutbox>();
        if (config.GetValue("Reminders:Enabled", true) && runWorkers) services.AddHostedService<ReminderWorker>();
        return services;
    }
}
