using System.Globalization;
using System.Text;
using IcfStudio.Core.Drafting;
using IcfStudio.Core.Storage;
using IcfStudio.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IcfStudio.Server.Audit;

internal static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/drafts/{draftId}/audit", GetAsync)
            .WithTags("Audit")
            .WithSummary("The draft's append-only audit log, as JSON (default) or CSV (?format=csv)")
            .WithDescription("Every change: actor, time, action, section, version and the SHA-256 of the content.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, FileContentHttpResult, ProblemHttpResult>> GetAsync(
        string draftId,
        [FromQuery] string? format,
        [FromServices] IDraftStore drafts,
        CancellationToken cancellationToken)
    {
        var kind = string.IsNullOrEmpty(format) ? "json" : format.ToLowerInvariant();
        if (kind is not ("json" or "csv"))
        {
            return Problems.BadRequest("bad_format", "format is json or csv.");
        }

        if (await drafts.FindDraftAsync(draftId, cancellationToken) is null)
        {
            return Problems.NotFound($"Draft '{draftId}' was not found.");
        }

        var entries = await drafts.ReadAuditAsync(draftId, cancellationToken);
        return kind == "json"
            ? TypedResults.Ok(entries)
            : TypedResults.File(Encoding.UTF8.GetBytes(AuditCsv.Write(entries)), "text/csv; charset=utf-8", $"audit-{draftId}.csv");
    }
}

/// <summary>RFC 4180 CSV of audit entries.</summary>
internal static class AuditCsv
{
    public static string Write(IReadOnlyList<AuditEntry> entries)
    {
        var csv = new StringBuilder("sequence,at,actor,action,sectionId,version,contentSha256,detail\r\n");
        foreach (var entry in entries)
        {
            csv.Append(entry.Sequence.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(entry.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)).Append(',')
                .Append(Field(entry.Actor)).Append(',')
                .Append(Field(entry.Action)).Append(',')
                .Append(Field(entry.SectionId)).Append(',')
                .Append(entry.Version?.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Field(entry.ContentSha256)).Append(',')
                .Append(Field(entry.Detail)).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        // A cell starting with = + - @ would run as a formula in a spreadsheet: prefix it so it stays text.
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
