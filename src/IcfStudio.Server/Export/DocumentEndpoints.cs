using System.Text;
using IcfStudio.Core.Export;
using IcfStudio.Server.Hosting;
using IcfStudio.Server.Quality;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IcfStudio.Server.Export;

/// <summary>The finished consent form of a draft as a file: PDF, DOCX or Markdown.</summary>
internal static class DocumentEndpoints
{
    /// <summary>Export warnings (e.g. characters the PDF fonts cannot draw), ASCII only as HTTP headers require.</summary>
    public const string WarningsHeader = "X-Export-Warnings";

    public static IEndpointRouteBuilder MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/drafts/{draftId}/document", GetDocumentAsync)
            .WithTags("Export")
            .WithSummary("Export the consent form as pdf, docx or md")
            .WithDescription(
                "Only approved sections go into the final document; with unapproved sections it answers 409 listing them, unless `draft=true` " +
                "(watermarked, with the unapproved sections listed on the first page). `annotated=true` keeps protocol citations as footnotes. " +
                "The file is named `{ACRONYM}_ICF_v{version}_{yyyy-MM-dd}.{ext}`. Study facts detected from the protocol can be set in the query, " +
                "as for the quality report: `adultsUnableToConsent=true` adds the legally authorized representative's signature block.");
        return app;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetDocumentAsync(
        string draftId,
        HttpContext httpContext,
        [FromServices] ConsentExportService exports,
        CancellationToken cancellationToken,
        [FromQuery] string? format = "pdf",
        [FromQuery] bool draft = false,
        [FromQuery] bool annotated = false,
        [FromQuery] string? version = null)
    {
        if (!Enum.TryParse<ExportFormat>(format, ignoreCase: true, out var exportFormat) || !Enum.IsDefined(exportFormat) || int.TryParse(format, out _))
        {
            return Problems.BadRequest("bad_format", "format must be pdf, docx or md.");
        }

        if (version is { Length: > 20 })
        {
            return Problems.BadRequest("bad_version", "version must be at most 20 characters.");
        }

        if (!FactOverrides.TryParse(httpContext.Request.Query, out var facts, out var badFact))
        {
            return Problems.BadRequest("bad_fact", FactOverrides.Problem(badFact!));
        }

        var exported = await exports.ExportAsync(
            draftId,
            new ExportRequest(exportFormat, draft, annotated, string.IsNullOrWhiteSpace(version) ? ExportRequest.DefaultVersion : version, facts),
            cancellationToken);
        if (exported.Warnings.Count > 0)
        {
            httpContext.Response.Headers[WarningsHeader] = Ascii(string.Join(" | ", exported.Warnings));
        }

        return TypedResults.File(exported.Content, exported.ContentType, exported.FileName);
    }

    /// <summary>Replaces non-ASCII characters by their U+XXXX code so a warning naming them survives as a header.</summary>
    private static string Ascii(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is >= 0x20 and < 0x7F)
            {
                builder.Append((char)rune.Value);
            }
            else if (rune.Value >= 0x7F)
            {
                builder.Append("U+").Append(rune.Value.ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
