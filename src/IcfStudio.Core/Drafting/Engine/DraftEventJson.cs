using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace IcfStudio.Core.Drafting.Engine;

/// <summary>
/// The JSON data of each draft event (camelCase, always with sectionId where there is one), shared by the event log,
/// the CLI's NDJSON and the SSE stream. Written by hand with a reused buffer: it runs once per token.
/// </summary>
public static class DraftEventJson
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static string Serialize(DraftEvent draftEvent)
    {
        ArgumentNullException.ThrowIfNull(draftEvent);
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, WriterOptions);
        writer.Reset(buffer);
        Write(writer, draftEvent);
        writer.Flush();
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the event's data object.</summary>
    public static void Write(Utf8JsonWriter writer, DraftEvent draftEvent)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        switch (draftEvent)
        {
            case TokenDelta token:
                writer.WriteString("sectionId", token.SectionId);
                writer.WriteString("content", token.Content);
                break;
            case SectionStarted start:
                writer.WriteString("sectionId", start.SectionId);
                writer.WriteString("title", start.Title);
                writer.WriteNumber("version", start.Version);
                break;
            case SectionCompleted complete:
                writer.WriteString("sectionId", complete.SectionId);
                writer.WriteString("content", complete.Content);
                writer.WriteNumber("wordCount", complete.WordCount);
                writer.WritePropertyName("citations");
                WriteCitations(writer, complete.Citations);
                writer.WriteNumber("version", complete.Version);
                writer.WriteString("provider", complete.Provider);
                if (complete.Model is not null)
                {
                    writer.WriteString("model", complete.Model);
                }
                break;
            case SectionFailed failed:
                writer.WriteString("sectionId", failed.SectionId);
                writer.WriteString("message", failed.Message);
                writer.WriteBoolean("willRetry", failed.WillRetry);
                break;
            case SectionQualityComputed quality:
                writer.WriteString("sectionId", quality.SectionId);
                writer.WriteNumber("version", quality.Version);
                writer.WritePropertyName("quality");
                JsonSerializer.Serialize(writer, quality.Quality, quality.Quality.GetType(), Web);
                break;
            case DraftCompleted done:
                writer.WriteString("draftId", done.DraftId);
                writer.WriteNumber("completed", done.Completed);
                writer.WriteNumber("failed", done.Failed);
                writer.WriteNumber("durationMs", done.DurationMs);
                writer.WriteStartObject("sectionDurationsMs");
                foreach (var (sectionId, ms) in done.SectionDurationsMs)
                {
                    writer.WriteNumber(sectionId, ms);
                }

                writer.WriteEndObject();
                break;
            case DraftFailed error:
                writer.WriteString("message", error.Message);
                break;
            default:
                throw new ArgumentException($"Unknown draft event {draftEvent.GetType().Name}.", nameof(draftEvent));
        }

        writer.WriteEndObject();
    }

    public static void WriteCitations(Utf8JsonWriter writer, IReadOnlyList<Citation> citations)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(citations);
        writer.WriteStartArray();
        foreach (var citation in citations)
        {
            writer.WriteStartObject();
            writer.WriteString("key", citation.Key);
            writer.WriteNumber("chunkId", citation.ChunkId);
            writer.WriteNumber("pageStart", citation.PageStart);
            writer.WriteNumber("pageEnd", citation.PageEnd);
            writer.WriteString("sectionPath", citation.SectionPath);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // The data goes to NDJSON and SSE, never into HTML, so non-ASCII text stays as it is (fewer bytes on the wire).
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
