using System.Text.Json;
using System.Text.RegularExpressions;
using IcfStudio.Core.Ingestion;
using IcfStudio.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace IcfStudio.Tests.Ingestion;

/// <summary>Text cleaning on the real protocols of ../shared: artefacts gone, pages where they were.</summary>
public sealed partial class SharedCleaningTests
{
    public static TheoryData<string> Protocols => new()
    {
        "alexion-nct04573309.pdf", "cdisc-pilot-lzzt.pdf", "lilly-nct03421379.pdf",
        "dev/augustus-apixaban.pdf", "dev/bd-flush-syringe-nct05763147.pdf", "dev/bnt162b2-nct04816669.pdf",
        "dev/campfire-pediatric-nct05999994.pdf", "dev/cmt4j-natural-history-nct06151600.pdf", "dev/gsk-depemokimab-asthma.pdf",
        "dev/isokinetic-nct06153992.pdf", "dev/lutronic-ems-nct06152900.pdf", "dev/maze-mze829-apol1.pdf",
        "dev/parpvax-nct03404960.pdf", "dev/postpartum-htn-nct05049616.pdf",
    };

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Parse_SharedProtocol_NoArtefactsAndPagesKept(string relative)
    {
        var path = SharedData.Require(["protocols", .. relative.Split('/')]);
        var document = ProtocolParser.Parse(File.ReadAllBytes(path), Path.GetFileName(path), cancellationToken: TestContext.Current.CancellationToken);
        var chunks = ProtocolChunker.Chunk(document.Blocks);
        using (var pdf = PdfDocument.Open(path))
        {
            Assert.Equal(pdf.NumberOfPages, document.Pages.Count);
        }

        Assert.Equal(Enumerable.Range(1, document.Pages.Count), document.Pages.Select(p => p.Number));
        var texts = document.Pages.Select(p => p.Text).Concat(document.Blocks.Select(b => b.Text)).Concat(chunks.Select(c => c.Text));
        Assert.All(texts, text => Assert.DoesNotMatch("[\uFB00-\uFB06\u00AD]", text));
        Assert.All(document.Pages, page => Assert.DoesNotMatch(SplitAroundLineNumber(), page.Text));
        Assert.DoesNotContain(chunks, c => BoilerplateDetector.IsBoilerplate(c.Text));
        Assert.All(chunks, c => Assert.InRange(c.PageStart, 1, document.Pages.Count));
    }

    /// <summary>The facts read by hand from each protocol quote the page they are on: cleaning keeps them there.</summary>
    [Theory]
    [MemberData(nameof(Protocols))]
    public void Parse_SharedProtocol_HandReadQuotesStayOnTheirPages(string relative)
    {
        var path = SharedData.Require(["protocols", .. relative.Split('/')]);
        var factsPath = Path.ChangeExtension(path, ".facts.json");
        if (!File.Exists(factsPath))
        {
            return;
        }

        var document = ProtocolParser.Parse(File.ReadAllBytes(path), Path.GetFileName(path), cancellationToken: TestContext.Current.CancellationToken);
        using var facts = JsonDocument.Parse(File.ReadAllText(factsPath));
        var quoted = facts.RootElement.GetProperty("facts").EnumerateArray()
            .Where(f => f.TryGetProperty("quote", out var q) && q.GetString() is { Length: > 0 } && f.TryGetProperty("page", out var p) && p.ValueKind == JsonValueKind.Number)
            .Select(f => (Page: f.GetProperty("page").GetInt32(), Quote: Comparable(f.GetProperty("quote").GetString()!)))
            .ToList();
        var found = quoted.Count(f => f.Page <= document.Pages.Count && Comparable(document.Pages[f.Page - 1].Text).Contains(f.Quote, StringComparison.Ordinal));

        // A few hand-read quotes span a table or a page break and are not found verbatim, with or without cleaning.
        Assert.True(found >= quoted.Count * 0.9, $"{found} of {quoted.Count} quotes found on their page");
    }

    private static string Comparable(string text) => NotWord().Replace(text.ToLowerInvariant(), " ").Trim();

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NotWord();

    /// <summary>"distri-" / "86 bution": a split word with a margin line number starting the next line.</summary>
    [GeneratedRegex(@"\p{Ll}-\n\d{1,4} \p{Ll}{2,}")]
    private static partial Regex SplitAroundLineNumber();
}
