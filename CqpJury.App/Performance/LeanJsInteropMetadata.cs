using System.Numerics;
using System.Reflection;
using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.JSInterop;

namespace CqpJury.App.Performance;

/// <summary>
/// Memory per connected member (Performance/README.md). Each circuit's JS runtime has its own <see cref="JsonSerializerOptions"/>
/// (its converters hold the runtime), so each circuit builds its own JSON metadata. The circuit's first interop call
/// (the renderer's attachment, arguments passed as objects) makes System.Text.Json look for a polymorphic ancestor of
/// each argument's type: it builds the metadata of every interface the type implements — about 30 for an
/// <see cref="int"/> (generic math, parsing, formatting), another ten for a string and the dictionaries — and keeps
/// it for the circuit's lifetime: about 40 KB per connected member that nothing ever serializes with (measured:
/// 78.6 → 36.9 KB of JSON metadata per circuit).
/// <para>
/// This filter answers "no contract" for those behaviour-only types of the base library (they declare no data: a
/// value declared as one of them would be written as <c>{}</c>), so the search skips them; every other type is
/// resolved as before. The change is applied only when the framework registers its own runtime as the JS runtime
/// and its options are still open; otherwise nothing changes.
/// </para>
/// </summary>
public static class LeanJsInteropMetadata
{
    private const string RemoteJsRuntime = "Microsoft.AspNetCore.Components.Server.Circuits.RemoteJSRuntime";

    private static readonly PropertyInfo? OptionsProperty =
        typeof(JSRuntime).GetProperty("JsonSerializerOptions", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);

    private static readonly HashSet<Type> BehaviourInterfaces =
    [
        typeof(IComparable), typeof(IComparable<>), typeof(IEquatable<>), typeof(IFormattable), typeof(ISpanFormattable),
        typeof(IUtf8SpanFormattable), typeof(IParsable<>), typeof(ISpanParsable<>), typeof(IUtf8SpanParsable<>),
        typeof(IConvertible), typeof(ICloneable), typeof(IDisposable), typeof(IAsyncDisposable), typeof(ISerializable),
        typeof(IDeserializationCallback),
    ];

    /// <summary>Replaces the framework's registration of the circuit's JS runtime by one that filters its metadata (after <c>AddInteractiveServerComponents</c>).</summary>
    public static IServiceCollection AddLeanJsInteropMetadata(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var descriptor = services.LastOrDefault(d => d.ServiceType == typeof(IJSRuntime)); // the one the container resolves
        if (descriptor is not { Lifetime: ServiceLifetime.Scoped, ImplementationType: { FullName: RemoteJsRuntime } implementation })
        {
            return services;
        }

        var create = ActivatorUtilities.CreateFactory(implementation, Type.EmptyTypes);
        // In its place (not Replace, which would swap the first registration of the type, not this one).
        services[services.IndexOf(descriptor)] = ServiceDescriptor.Scoped<IJSRuntime>(provider =>
        {
            var runtime = (IJSRuntime)create(provider, null);
            Apply(runtime);
            return runtime;
        });
        return services;
    }

    /// <summary>Filters the runtime's metadata if its options are still open; false when left as it was.</summary>
    public static bool Apply(IJSRuntime runtime)
    {
        if (runtime is not JSRuntime || OptionsProperty?.GetValue(runtime) is not JsonSerializerOptions { IsReadOnly: false } options)
        {
            return false;
        }

        options.TypeInfoResolver = new Filter(options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver());
        return true;
    }

    /// <summary>
    /// A type of the base library that declares behaviour, never data: the interfaces of generic math, comparison,
    /// parsing, formatting and disposal, and the abstract <see cref="ValueType"/> and <see cref="Enum"/> bases.
    /// </summary>
    public static bool IsBehaviourOnly(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type == typeof(ValueType) || type == typeof(Enum))
        {
            return true;
        }

        if (!type.IsInterface || type.Assembly != typeof(int).Assembly)
        {
            return false;
        }

        var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        return BehaviourInterfaces.Contains(definition)
            || definition.Namespace == typeof(INumber<>).Namespace
            || definition.Name == "IBinaryIntegerParseAndFormatInfo`1";
    }

    private sealed class Filter(IJsonTypeInfoResolver inner) : IJsonTypeInfoResolver
    {
        public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options) =>
            IsBehaviourOnly(type) ? null : inner.GetTypeInfo(type, options);
    }
}
