using System.Text.Encodings.Web;
using System.Text.Json;
using IcfStudio.Core.Storage;

namespace IcfStudio.Cli.Ingestion;

/// <summary>Writes command results as JSON on stdout, in the web API's shape (camelCase, explicit nulls), indented for people.</summary>
internal static class CliJson
{
    private static readonly JsonSerializerOptions Options = new(StudyJson.SerializerOptions)
    {
        WriteIndented = true,
        // stdout is not HTML: keep accents and typographic quotes readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Options));
}
