using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace CqpJury.App.Extensions;

/// <summary>
/// The app's settings live in the repository root's appsettings.json (the client's layout). The
/// build copies that file next to the app's binaries (see CqpJury.App.csproj); this puts it in
/// the place of the default content-root appsettings.json source, so environment variables and
/// command-line arguments still override it.
/// </summary>
internal static class RootSettings
{
    public static void UseRootAppSettings(this ConfigurationManager configuration, IHostEnvironment environment)
    {
        var contentRootFile = Path.Combine(environment.ContentRootPath, "appsettings.json");
        var binaryFile = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (File.Exists(contentRootFile) || !File.Exists(binaryFile))
        {
            return;
        }

        var sources = configuration.Sources;
        var index = sources.ToList().FindIndex(s =>
            s is JsonConfigurationSource json && string.Equals(json.Path, "appsettings.json", StringComparison.OrdinalIgnoreCase));
        var source = new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            Path = "appsettings.json",
            Optional = false,
            ReloadOnChange = false,
        };
        if (index >= 0)
        {
            sources[index] = source;
        }
        else
        {
            sources.Insert(0, source);
        }
    }
}
