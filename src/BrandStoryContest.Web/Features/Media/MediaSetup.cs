using BrandStoryContest.Web.Infrastructure.Media;

namespace BrandStoryContest.Web.Features.Media;

public static class MediaSetup
{
    /// <summary>ffprobe/ffmpeg, the media job queue and its worker (not for the maintenance command).</summary>
    public static IServiceCollection AddMedia(this IServiceCollection services, IConfiguration config, bool runWorkers)
    {
        services.AddSingleton<IMediaProbe, FfmpegMediaProbe>();
        services.AddSingleton<MediaQueue>();
        if (config.GetValue("Media:WorkerEnabled", true) && runWorkers) services.AddHostedService<MediaJobWorker>();
        return services;
    }
}
