using System.Numerics;
using System.Reflection;
using System.Text.Json;
using CqpJury.App.Performance;
using CqpJury.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace CqpJury.Tests.Integration.Circuits;

/// <summary>
/// Memory per connected member: the circuit's JS runtime skips the JSON metadata of behaviour-only base types (generic math, parsing,
/// formatting…) that its first interop call would otherwise build and keep for each connected member.
/// </summary>
public sealed class LeanJsInteropMetadataTests
{
    private static JsonSerializerOptions OptionsOf(IJSRuntime runtime) =>
        (JsonSerializerOptions)typeof(JSRuntime)
            .GetProperty("JsonSerializerOptions", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)!
            .GetValue(runtime)!;

    public static TheoryData<Type> BehaviourOnly =>
    [
        typeof(INumber<int>), typeof(IBinaryInteger<int>), typeof(IAdditionOperators<int, int, int>), typeof(IComparable),
        typeof(IComparable<string>), typeof(IEquatable<int>), typeof(ISpanFormattable), typeof(IUtf8SpanParsable<int>),
        typeof(IConvertible), typeof(ICloneable), typeof(IDisposable), typeof(ValueType), typeof(Enum),
    ];

    public static TheoryData<Type> Data =>
    [
        typeof(int), typeof(string), typeof(object), typeof(object[]), typeof(IEnumerable<char>), typeof(IEnumerable<string>),
        typeof(IReadOnlyDictionary<string, List<string>>), typeof(System.Collections.IDictionary), typeof(Dictionary<string, int>),
        typeof(DayOfWeek), typeof(Microsoft.JSInterop.Infrastructure.IJSVoidResult),
    ];

    [Theory]
    [MemberData(nameof(BehaviourOnly))]
    public void A_behaviour_only_base_type_gets_no_metadata(Type type) => Assert.True(LeanJsInteropMetadata.IsBehaviourOnly(type));

    [Theory]
    [MemberData(nameof(Data))]
    public void A_type_that_can_carry_data_keeps_its_metadata(Type type) => Assert.False(LeanJsInteropMetadata.IsBehaviourOnly(type));

    [Fact]
    public void Every_interface_of_int_but_the_collection_ones_is_behaviour_only()
    {
        var interfaces = typeof(int).GetInterfaces();

        Assert.True(interfaces.Length > 25);
        Assert.All(interfaces, i => Assert.True(LeanJsInteropMetadata.IsBehaviourOnly(i), i.ToString()));
    }

    [Fact]
    public void The_apps_circuit_runtime_filters_the_metadata_and_writes_interop_arguments_as_before()
    {
        using var factory = new CqpJuryAppFactory();
        using var scope = factory.Services.CreateScope();

        var runtime = scope.ServiceProvider.GetRequiredService<IJSRuntime>();
        var options = OptionsOf(runtime);

        // Still the framework's own circuit runtime (the circuit factory casts to it).
        Assert.Equal("Microsoft.AspNetCore.Components.Server.Circuits.RemoteJSRuntime", runtime.GetType().FullName);
        Assert.Null(options.TypeInfoResolver!.GetTypeInfo(typeof(INumber<int>), options));
        Assert.NotNull(options.TypeInfoResolver.GetTypeInfo(typeof(IReadOnlyDictionary<string, List<string>>), options));

        // Arguments are passed as objects, like the renderer's first call; the same JSON as without the filter
        // (camel case from the runtime's own options).
        object?[] args = [7, "salle", new Dictionary<string, List<string>> { ["a"] = ["b"] }, new { MemberName = "Alice" }, DayOfWeek.Friday];
        Assert.Equal("""[7,"salle",{"a":["b"]},{"memberName":"Alice"},5]""", JsonSerializer.Serialize(args, options));

        // Each scope (circuit) has its own runtime, each filtered.
        using var other = factory.Services.CreateScope();
        var second = other.ServiceProvider.GetRequiredService<IJSRuntime>();
        Assert.NotSame(runtime, second);
        Assert.Null(OptionsOf(second).TypeInfoResolver!.GetTypeInfo(typeof(IComparable<int>), OptionsOf(second)));
    }

    [Fact]
    public void Only_the_circuit_runtime_registration_is_swapped_the_others_stay_in_place()
    {
        var services = new ServiceCollection();
        services.AddRazorComponents().AddInteractiveServerComponents();
        var before = services.Where(d => d.ServiceType == typeof(IJSRuntime)).ToList();

        services.AddLeanJsInteropMetadata();

        var after = services.Where(d => d.ServiceType == typeof(IJSRuntime)).ToList();
        Assert.Equal(before.Count, after.Count);
        Assert.Equal(before[..^1], after[..^1]);
        Assert.NotNull(after[^1].ImplementationFactory);
    }

    [Fact]
    public void Another_js_runtime_registration_is_left_as_it_is()
    {
        var services = new ServiceCollection();
        services.AddScoped<IJSRuntime, StubRuntime>();

        services.AddLeanJsInteropMetadata();

        Assert.Equal(typeof(StubRuntime), Assert.Single(services, d => d.ServiceType == typeof(IJSRuntime)).ImplementationType);
    }

    [Fact]
    public void Options_already_in_use_are_left_as_they_are()
    {
        var runtime = new StubRuntime();
        JsonSerializer.Serialize(1, OptionsOf(runtime)); // locks the options, as a first interop call does

        Assert.False(LeanJsInteropMetadata.Apply(runtime));
        Assert.True(LeanJsInteropMetadata.Apply(new StubRuntime()));
    }

    private sealed class StubRuntime : JSRuntime
    {
        protected override void BeginInvokeJS(long taskId, string identifier, string? argsJson, JSCallResultType resultType, long targetInstanceId)
        {
        }

        protected override void EndInvokeDotNet(Microsoft.JSInterop.Infrastructure.DotNetInvocationInfo invocationInfo, in Microsoft.JSInterop.Infrastructure.DotNetInvocationResult invocationResult)
        {
        }
    }
}
