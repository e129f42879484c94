using CqpJury.App.Services.Room;
using CqpJury.App.Services.Room.Commands;

namespace CqpJury.App.Extensions;

/// <summary>
/// The live room, in one place: per circuit, who acts (<see cref="RoomAccess"/>), the command
/// pipeline and the queries (<see cref="RoomService"/>, the pages' entry point, is registered with the
/// use-case services); shared by the instance, the queue per deliberation and the shared readings.
/// </summary>
public static class RoomExtensions
{
    public static IServiceCollection AddRoom(this IServiceCollection services)
    {
        services.AddScoped<RoomAccess>();
        services.AddScoped<RoomCommandPipeline>();
        services.AddScoped<RoomQueries>();
        services.AddSingleton<DeliberationLocks>();
        services.AddSingleton<SharedDossierContents>();
        services.AddSingleton<RoomReads>();
        services.AddSingleton<RoomCommandStates>();
        return services;
    }
}
