using System.Text.Json;
using IcfStudio.Core.Ingestion;
using IcfStudio.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace IcfStudio.Tests.Ingestion;

/// <summary>Real protocols in ../shared/protocols, each checked against its paired USDM file (skipped without the shared folder, failed under CI=true).</summary>
public sealed class SharedProtocolTests
{
    public static TheoryData<string> Protocols => new()
    {
        "cdisc-pilot-lzzt",
        "lilly-nct03421379",
        "alexion-nct04573309",
    };

    private static string PathOf(string name, string extension) => SharedData.Require("protocols", name + extension);

    [Theory]
    [MemberData(nameof(Protocols))]
    public void ParsePdf_SharedProtocol_MatchesPdfPagesAndUsdmFacts(string name)
    {
        var pdfPath = PathOf(name, ".pdf");
        var document = ProtocolParser.Parse(File.ReadAllBytes(pdfPath), Path.GetFileName(pdfPath), cancellationToken: TestContext.Current.CancellationToken);
        var usdm = ProtocolParser.Parse(File.ReadAllBytes(PathOf(name, ".usdm.json")), name + ".usdm.json", cancellationToken: TestContext.Current.CancellationToken).Metadata;
        using var pdf = PdfDocument.Open(pdfPath);

        Assert.Equal(pdf.NumberOfPages, document.Pages.Count);

        // Running headers and footers are gone: no line survives on half of the pages, and no "Page 3 of 40".
        var pagesPerLine = document.Pages
            .SelectMany(p => p.Text.Split('\n').Where(l => l.Trim().Length > 0).Select(l => l.Trim()).Distinct().Select(l => (Line: l, p.Number)))
            .GroupBy(x => x.Line)
            .Select(g => (Line: g.Key, Pages: g.Count()))
            .MaxBy(x => x.Pages);
        Assert.True(pagesPerLine.Pages < document.Pages.Count / 2, $"'{pagesPerLine.Line}' is on {pagesPerLine.Pages} pages");
        Assert.DoesNotContain(document.Pages, p => System.Text.RegularExpressions.Regex.IsMatch(p.Text, @"(?m)^Page \d+ of \d+$"));
        Assert.Equal(Normalize(usdm.Title!.Value), Normalize(document.Metadata.Title?.Value));
        AssertSameSponsor(usdm.Sponsor!.Value, document.Metadata.Sponsor?.Value);
        Assert.StartsWith(usdm.ProtocolNumber!.Value, document.Metadata.ProtocolNumber?.Value, StringComparison.Ordinal);

        // The PDF states the phase and NCT id only when it states them: then they must agree; never invented.
        var allText = string.Join('\n', document.Pages.Select(p => p.Text));
        if (document.Metadata.Phase is { } phase)
        {
            Assert.Equal(usdm.Phase?.Value, phase.Value);
        }
        else
        {
            Assert.DoesNotMatch(@"\bPhase\s+(?:[1-4]|I{1,3}|IV)\b", allText);
        }

        if (allText.Contains(usdm.NctId!.Value, StringComparison.Ordinal))
        {
            Assert.Equal(usdm.NctId.Value, document.Metadata.NctId?.Value);
        }
        else
        {
            Assert.Null(document.Metadata.NctId);
        }

        var chunks = ProtocolChunker.Chunk(document.Blocks);
        Assert.NotEmpty(chunks);
        Assert.Contains(chunks, c => c.SectionPath.Contains("Inclusion Criteria", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void ParseUsdm_SharedStudy_MapsStructure(string name)
    {
        var path = PathOf(name, ".usdm.json");
        var document = ProtocolParser.Parse(File.ReadAllBytes(path), Path.GetFileName(path), cancellationToken: TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var version = json.RootElement.GetProperty("study").GetProperty("versions")[0];
        var design = version.GetProperty("studyDesigns")[0];

        Assert.Equal(ProtocolFormat.UsdmJson, document.Format);
        Assert.NotNull(document.Facts);
        Assert.Equal(design.GetProperty("encounters").GetArrayLength(), document.Facts.Visits.Count);
        Assert.Contains(document.Facts.Visits, v => v.Activities.Count > 0);
        Assert.Equal(design.GetProperty("arms").GetArrayLength(), document.Facts.Arms.Count);
        Assert.NotEmpty(document.Facts.InclusionCriteria);
        Assert.NotEmpty(document.Facts.ExclusionCriteria);
        Assert.NotEmpty(document.Facts.Objectives);
        Assert.Matches(@"^NCT\d{8}$", document.Metadata.NctId?.Value);
        Assert.StartsWith("Phase ", document.Metadata.Phase?.Value, StringComparison.Ordinal);
        Assert.NotNull(document.Metadata.Title);
        Assert.NotNull(document.Metadata.Sponsor);
        Assert.Equal(
            design.GetProperty("population").GetProperty("plannedEnrollmentNumber").GetProperty("value").GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture),
            document.Metadata.PlannedParticipants?.Value);

        var chunks = ProtocolChunker.Chunk(document.Blocks);
        Assert.Contains(chunks, c => c.SectionPath == "Eligibility Criteria > Inclusion Criteria");
        Assert.Contains(chunks, c => c.SectionPath == "Schedule of Activities");
        Assert.Contains(chunks, c => c.SectionPath == "Objectives and Endpoints");
    }

    /// <summary>Letters and digits only, lower case: typography (’ vs ', line breaks) does not count.</summary>
    private static string Normalize(string? text) =>
        new((text ?? string.Empty).Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>The sponsors agree when a distinctive word of the USDM name ("Lilly" of "Eli Lilly Japan K.K") is in the extracted one.</summary>
    private static void AssertSameSponsor(string usdmSponsor, string? extracted)
    {
        Assert.NotNull(extracted);
        var words = usdmSponsor.Split([' ', ',', '.'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 4).Select(Normalize).ToList();
        Assert.True(words.Any(w => Normalize(extracted).Contains(w, StringComparison.Ordinal)), $"sponsor '{extracted}' does not match USDM '{usdmSponsor}'");
    }
}
