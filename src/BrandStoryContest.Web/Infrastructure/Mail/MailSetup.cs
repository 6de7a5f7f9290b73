namespace BrandStoryContest.Web.Infrastructure.Mail;

public static class MailSetup
{
    public static IServiceCollection AddContestMail(this IServiceCollection services, IConfiguration config, bool runDispatcher)
    {
        services.Configure<MailOptions>(config.GetSection(MailOptions.Section));
        services.AddSingleton<MailTemplates>();
        services.AddScoped<Outbox>();
        services.AddSingleton<IMailSender, SmtpMailSender>();
        services.AddSingleton<MailDispatcher>();
        // Without a host (outbox-only mode, or development without a catcher) rows stay pending for /admin/outbox.
        var mail = config.GetSection(MailOptions.Section).Get<MailOptions>() ?? new MailOptions();
        if (runDispatcher && mail.Delivers && config.GetValue("Mail:DispatcherEnabled", true))
            services.AddHostedService<MailDispatcherService>();
        return services;
    }
}
