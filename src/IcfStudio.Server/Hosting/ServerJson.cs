using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcfStudio.Server.Hosting;

internal static class ServerJson
{
    /// <summary>Applies the API's JSON conventions: camelCase names, enums as camelCase strings.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    }

    /// <summary>
    /// For event data written by the server itself (coalesced tokens). Relaxed escaping keeps non-ASCII text as UTF-8:
    /// the data goes into an event stream, never into HTML.
    /// </summary>
    public static JsonSerializerOptions Wire { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
