using System.Text.Json;
using IcfStudio.Tests.Infrastructure;

namespace IcfStudio.Tests.Quality;

public sealed class CheckCommandTests
{
    private static string NiaTemplate => SharedData.Require("templates", "nia-icf-template-v4.0.docx");

    [Fact]
    public async Task Check_NiaTemplateJson_ReportsElementsAndReadability()
    {
        using var data = new TempDirectory();

        var result = await CliRunner.RunAsync(data.Path, ["check", NiaTemplate, "--json"], TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.StdErr);
        var json = JsonDocument.Parse(result.StdOut).RootElement;
        var elements = json.GetProperty("elements").EnumerateArray().ToList();
        Assert.Equal(27, elements.Count);
        foreach (var element in elements)
        {
            Assert.False(string.IsNullOrEmpty(element.GetProperty("id").GetString()));
            Assert.False(string.IsNullOrEmpty(element.GetProperty("citation").GetString()));
            Assert.Contains(element.GetProperty("status").GetString(), new[] { "present", "missing", "notApplicable" });
            Assert.Equal(JsonValueKind.Array, element.GetProperty("evidence").ValueKind);
        }

        var status = elements.ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("status").GetString());

        // The template's example wording covers these elements.
        string[] expectedPresent =
        [
            "key_information", "research_purpose_duration_procedures", "risks", "benefits", "confidentiality", "contacts",
            "voluntary_participation", "future_use_of_data_and_specimens", "unforeseeable_risks", "new_findings",
            "commercial_profit", "whole_genome_sequencing", "hipaa_authorization", "signature",
        ];
        Assert.All(expectedPresent, id => Assert.Equal("present", status[id]));

        // Its ClinicalTrials.gov text says "search the web site", not the required "search this Web site".
        Assert.Equal("missing", status["clinicaltrials_gov_statement"]);

        var readability = json.GetProperty("readability");
        Assert.InRange(readability.GetProperty("fleschKincaidGrade").GetDouble(), 6, 16);
        Assert.InRange(readability.GetProperty("fleschReadingEase").GetDouble(), 10, 80);
        Assert.True(readability.GetProperty("smog").GetDouble() > 5);
        var sections = readability.GetProperty("sections").EnumerateArray().ToList();
        Assert.True(sections.Count > 10);
        Assert.All(sections, s => Assert.True(s.TryGetProperty("fleschKincaidGrade", out _) && s.TryGetProperty("smog", out _) && s.TryGetProperty("title", out _)));
    }

    [Fact]
    public async Task Check_NiaTemplateTable_PrintsReport()
    {
        using var data = new TempDirectory();

        var result = await CliRunner.RunAsync(data.Path, ["check", NiaTemplate], TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("Regulatory elements", result.StdOut);
        Assert.Contains("voluntary_participation", result.StdOut);
        Assert.Contains("Overall", result.StdOut);
    }

    [Fact]
    public async Task Check_MarkdownFormWithFactOverride_AppliesOverride()
    {
        using var data = new TempDirectory();
        var form = Path.Combine(data.Path, "form.md");
        await File.WriteAllTextAsync(form, "# Purpose\n\nThis research study tests a new pill.\n", TestContext.Current.CancellationToken);

        var result = await CliRunner.RunAsync(data.Path, ["check", form, "--json", "--fact", "randomized=false", "--fact", "fdaRegulated=true"], TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.StdErr);
        var json = JsonDocument.Parse(result.StdOut).RootElement;
        var random = json.GetProperty("elements").EnumerateArray().Single(e => e.GetProperty("id").GetString() == "random_assignment");
        Assert.Equal("notApplicable", random.GetProperty("status").GetString());
        Assert.True(json.GetProperty("facts").GetProperty("fdaRegulated").GetBoolean());
    }

    [Fact]
    public async Task Check_DraftId_ChecksDraftAgainstItsProtocol()
    {
        using var data = new TempDirectory();
        var ct = TestContext.Current.CancellationToken;
        var protocol = Path.Combine(RepoPaths.Samples, "cardio-protocol.md");
        var drafted = await CliRunner.RunAsync(data.Path, ["draft", protocol, "--provider", "offline", "--out", Path.Combine(data.Path, "draft")], ct);
        Assert.True(drafted.ExitCode == 0, drafted.StdErr);
        var drafts = await CliRunner.RunAsync(data.Path, ["drafts", "--json"], ct);
        var draftId = JsonDocument.Parse(drafts.StdOut).RootElement[0].GetProperty("draftId").GetString()!;

        var result = await CliRunner.RunAsync(data.Path, ["check", draftId, "--json"], ct);

        Assert.True(result.ExitCode == 0, result.StdErr);
        var json = JsonDocument.Parse(result.StdOut).RootElement;
        Assert.Equal(draftId, json.GetProperty("draftId").GetString());
        Assert.Equal("checked", json.GetProperty("factCheck").GetString());
        Assert.True(json.GetProperty("numbersChecked").GetInt32() > 0);
        Assert.Equal(17, json.GetProperty("readability").GetProperty("sections").GetArrayLength());
        var status = json.GetProperty("elements").EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("status").GetString());
        Assert.Equal("present", status["voluntary_participation"]);
        Assert.Equal("present", status["risks"]);
    }

    [Fact]
    public async Task Check_UnknownDraftId_ExitsThree()
    {
        using var data = new TempDirectory();

        var result = await CliRunner.RunAsync(data.Path, ["check", "D-0000000000"], TestContext.Current.CancellationToken);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("No draft", result.StdErr);
    }

    [Theory]
    [InlineData("missing-form.pdf")]
    [InlineData("notes.xyz")]
    public async Task Check_BadFile_ExitsThree(string name)
    {
        using var data = new TempDirectory();
        var path = Path.Combine(data.Path, name);
        if (name.EndsWith(".xyz", StringComparison.Ordinal))
        {
            await File.WriteAllTextAsync(path, "text", TestContext.Current.CancellationToken);
        }

        var result = await CliRunner.RunAsync(data.Path, ["check", path], TestContext.Current.CancellationToken);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("error:", result.StdErr);
    }

    [Fact]
    public async Task Check_UnknownFact_ExitsThree()
    {
        using var data = new TempDirectory();

        var form = Path.Combine(RepoPaths.Samples, "cardio-protocol.docx");

        var result = await CliRunner.RunAsync(data.Path, ["check", form, "--fact", "colour=blue"], TestContext.Current.CancellationToken);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("colour", result.StdErr, StringComparison.Ordinal);
    }
}
