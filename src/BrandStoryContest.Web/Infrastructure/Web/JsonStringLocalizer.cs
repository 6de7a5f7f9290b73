using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Infrastructure.Web;

/// <summary>Marker type for the one shared set of UI strings.</summary>
public sealed class SharedResource;

/// <summary>
/// English text is the key; Resources/zh-CN.json maps it to Chinese. One flat file is easier to keep
/// complete than a resx per view, and a test checks that every key used in the views is translated.
/// </summary>
public sealed class JsonStringLocalizer(FrozenDictionary<string, FrozenDictionary<string, string>> byCulture) : IStringLocalizer
{
    public LocalizedString this[string name] => Find(name);

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var s = Find(name);
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, s.Value, arguments), s.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        Table()?.Select(kv => new LocalizedString(kv.Key, kv.Value)) ?? [];

    private LocalizedString Find(string name) =>
        Table() is { } t && t.TryGetValue(name, out var value)
            ? new LocalizedString(name, value)
            : new LocalizedString(name, name, resourceNotFound: true);

    private FrozenDictionary<string, string>? Table()
    {
        for (var c = CultureInfo.CurrentUICulture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
            if (byCulture.TryGetValue(c.Name, out var t)) return t;
        return null;
    }
}

public sealed class JsonStringLocalizerFactory : IStringLocalizerFactory
{
    private readonly JsonStringLocalizer localizer;

    public JsonStringLocalizerFactory(IWebHostEnvironment env)
    {
        var folder = Path.Combine(env.ContentRootPath, "Resources");
        var tables = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.json").ToDictionary(
                f => Path.GetFileNameWithoutExtension(f),
                f => JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(f))!.ToFrozenDictionary())
            : [];
        localizer = new JsonStringLocalizer(tables.ToFrozenDictionary());
    }

    public IStringLocalizer Create(Type resourceSource) => localizer;
    public IStringLocalizer Create(string baseName, string location) => localizer;
}
