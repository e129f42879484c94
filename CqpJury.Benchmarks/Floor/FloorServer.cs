using CqpJury.Benchmarks.Browser;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CqpJury.Benchmarks.Floor;

/// <summary>
/// Figure 11g's server: <see cref="FloorPage"/> on Blazor Server, in a process of its own (<c>CqpJury.Benchmarks
/// --floor-server</c>, so that its CPU is read apart from the load client's), with the app's SignalR settings
/// (RealtimeExtensions) and its runtime settings (CqpJury.App.csproj: workstation concurrent GC, ConserveMemory 9, the
/// thread pool's workers sleeping at once) — the framework's cost of a vote without the room's work.
/// </summary>
public static class FloorServer
{
    public const string Argument = "--floor-server";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddSingleton<FloorGroups>();
        builder.Services.AddSignalR(options =>
        {
            options.MaximumReceiveMessageSize = 64 * 1024;
            options.KeepAliveInterval = TimeSpan.FromSeconds(5);
            options.ClientTimeoutInterval = TimeSpan.FromSeconds(15);
            options.MaximumParallelInvocationsPerClient = 1;
        });
        var app = builder.Build();
        app.UseAntiforgery();
        app.MapRazorComponents<FloorDocument>().AddInteractiveServerRenderMode(o => o.DisableWebSocketCompression = true); // as the app
        await app.RunAsync();
        return 0;
    }

    /// <summary>Starts the floor server on <paramref name="port"/> and waits until its page answers.</summary>
    public static Task<AppProcess> StartAsync(int port)
    {
        var url = $"http://127.0.0.1:{port}";
        // The runner's dll, or its copy beside the tests (with its runtimeconfig).
        var info = AppProcess.WebProcess(typeof(FloorServer).Assembly.Location, [Argument], url);
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["DOTNET_gcConcurrent"] = "1";
        info.Environment["DOTNET_GCConserveMemory"] = "9";
        info.Environment["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0";
        return AppProcess.StartAsync(info, url, FloorPage.Path);
    }
}
