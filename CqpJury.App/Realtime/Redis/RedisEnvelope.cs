using System.Text.Json;
using System.Text.Json.Serialization;

namespace CqpJury.App.Realtime.Redis;

/// <summary>
/// What travels on the channel: a room event (ids only) or an instance's presence snapshot, with the
/// sending instance (origin, and run: one per process start) so that an instance ignores its own.
/// </summary>
internal sealed record RedisEnvelope(
    [property: JsonPropertyName("o")] string Origin,
    [property: JsonPropertyName("r")] Guid Run,
    [property: JsonPropertyName("t")] string Type,
    [property: JsonPropertyName("e")] RoomEvent? Event = null,
    [property: JsonPropertyName("n")] long Sequence = 0,
    [property: JsonPropertyName("p")] IReadOnlyList<PresencePair>? Presence = null)
{
    public const string EventType = "event";
    public const string PresenceType = "presence";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Null when the message is not one of ours (another program on the channel, a newer format).</summary>
    public static RedisEnvelope? TryParse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            var envelope = JsonSerializer.Deserialize<RedisEnvelope>(json, JsonOptions);
            return envelope is { Origin: not null } && (envelope.Type == EventType ? envelope.Event is not null : envelope.Type == PresenceType)
                ? envelope
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
