using BrandStoryContest.Web.Infrastructure.Certificates;

namespace BrandStoryContest.Web.Features.Awards;

public static class CertificatesSetup
{
    /// <summary>The PDF renderer, the writer and the worker that issues queued certificates (not for the maintenance command).</summary>
    public static IServiceCollection AddCertificates(this IServiceCollection services, IConfiguration config, bool runWorkers)
    {
        // Made on first use, so a machine without the CJK font still starts; certificates then fail with a clear message.
        services.AddSingleton(_ => new CertificatePdf(config["Certificates:FontPath"] is { Length: > 0 } font ? font
            : CertificatePdf.FindCjkFont() ?? throw new InvalidOperationException("No CJK TrueType font for certificates: install fonts-wqy-microhei or set Certificates:FontPath.")));
        // The signed declarations (Features/Declarations) use the same font.
        services.AddSingleton(_ => new DeclarationPdf(config["Certificates:FontPath"] is { Length: > 0 } font ? font
            : CertificatePdf.FindCjkFont() ?? throw new InvalidOperationException("No CJK TrueType font for declarations: install fonts-wqy-microhei or set Certificates:FontPath.")));
        services.AddScoped<CertificateWriter>();
        if (config.GetValue("Certificates:WorkerEnabled", true) && runWorkers) services.AddHostedService<CertificateJobWorker>();
        return services;
    }
}
