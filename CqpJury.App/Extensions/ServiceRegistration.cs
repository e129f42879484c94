using System.Reflection;

namespace CqpJury.App.Extensions;

/// <summary>
/// Use-case services are registered by convention: every public class of the
/// <c>CqpJury.App.Services</c> namespaces whose name ends in "Service" is scoped (one per circuit
/// or request). Each opens its own DbContext per operation through the factory.
/// </summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddUseCaseServices(this IServiceCollection services)
    {
        var types = Assembly.GetExecutingAssembly().GetTypes().Where(t =>
            t is { IsClass: true, IsAbstract: false, IsPublic: true }
            && t.Namespace?.StartsWith("CqpJury.App.Services", StringComparison.Ordinal) == true
            && t.Name.EndsWith("Service", StringComparison.Ordinal));
        foreach (var type in types)
        {
            services.AddScoped(type);
        }

        return services;
    }
}
