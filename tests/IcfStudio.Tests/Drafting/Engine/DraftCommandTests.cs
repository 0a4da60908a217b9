using System.Text.Json;
using IcfStudio.Tests.Drafting.Providers;
using IcfStudio.Tests.Infrastructure;

namespace IcfStudio.Tests.Drafting.Engine;

/// <summary>The README's main job: <c>icf draft protocol.pdf</c>, offline, as a child process.</summary>
public sealed class DraftCommandTests
{
    [Fact]
    public async Task Draft_SamplePdfOffline_ProceduresSectionHasTheVisitTable()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        var output = Path.Combine(data.Path, "out");

        var result = await CliRunner.RunAsync(data.Path, ["draft", Path.Combine(RepoPaths.Samples, "cardio-protocol.pdf"), "--provider", "offline", "--sections", "procedures", "--out", output], ct);

        Assert.True(result.ExitCode == 0, result.StdErr);
        var markdown = await File.ReadAllTextAsync(Path.Combine(output, "draft.md"), ct);
        Assert.Contains("| Visit | When | About how long | What happens | Research only? |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Screening | See the visit name. | Ask the study team. | Sign the consent form.", markdown, StringComparison.Ordinal);
        Assert.Contains("| Week 52 |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Draft_ProtocolFileWithJsonEvents_StreamsNdjsonAndWritesTheDraft()
    {
        var ct = TestContext.Current.CancellationToken;
        var protocol = SharedData.Require("protocols", "cdisc-pilot-lzzt.pdf");
        using var data = new TempDirectory();
        var output = Path.Combine(data.Path, "out");

        var result = await CliRunner.RunAsync(data.Path, ["draft", protocol, "--json-events", "--sections", "participants,risks,procedures", "--out", output], ct);

        Assert.True(result.ExitCode == 0, result.StdErr);
        var lines = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var events = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(events, e => Assert.Equal(["event", "data"], e.EnumerateObject().Select(p => p.Name)));
        var tokens = events.Where(e => e.GetProperty("event").GetString() == "token").ToList();
        Assert.NotEmpty(tokens);
        Assert.All(tokens, t => Assert.Equal(["sectionId", "content"], t.GetProperty("data").EnumerateObject().Select(p => p.Name)));
        foreach (var complete in events.Where(e => e.GetProperty("event").GetString() == "section_complete"))
        {
            var sectionId = complete.GetProperty("data").GetProperty("sectionId").GetString();
            var streamed = string.Concat(tokens.Where(t => t.GetProperty("data").GetProperty("sectionId").GetString() == sectionId)
                .Select(t => t.GetProperty("data").GetProperty("content").GetString()));
            Assert.Equal(complete.GetProperty("data").GetProperty("content").GetString(), streamed);
        }

        var last = events[^1];
        Assert.Equal("complete", last.GetProperty("event").GetString());
        var draftId = last.GetProperty("data").GetProperty("draftId").GetString();
        Assert.Equal(3, last.GetProperty("data").GetProperty("completed").GetInt32());

        var markdown = await File.ReadAllTextAsync(Path.Combine(output, "draft.md"), ct);
        Assert.Contains("## Risks", markdown, StringComparison.Ordinal);
        Assert.Contains("Sources:", markdown, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "draft.json"), ct));
        Assert.Equal(draftId, json.RootElement.GetProperty("draftId").GetString());
        Assert.True(json.RootElement.GetProperty("offline").GetBoolean());
        Assert.Equal(3, json.RootElement.GetProperty("sections").GetArrayLength());

        var listed = await CliRunner.RunAsync(data.Path, ["drafts", "--json"], ct);
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains(draftId!, listed.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Draft_SomeSectionsFail_ExitsFourSavesTheDraftAndNamesTheFailedSectionsLast()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        var output = Path.Combine(data.Path, "out");
        // A local OpenAI-compatible server that refuses "risks" (400: not retried) and writes the others.
        await using var server = new WireServer(Wire.OpenAI, (section, _) => section == "risks" ? new StatusReply(400) : new StreamReply($"The {section} section in plain words."));
        var environment = new Dictionary<string, string>
        {
            ["ICF_Drafting__Provider"] = "openai",
            ["ICF_Drafting__OpenAI__BaseUrl"] = server.BaseUrl,
            ["ICF_Drafting__OpenAI__ApiKey"] = "test-key",
            ["ICF_Drafting__OpenAI__Model"] = "test-model",
        };

        var result = await CliRunner.RunAsync(
            data.Path, ["draft", Path.Combine(RepoPaths.Samples, "cardio-protocol.md"), "--sections", "participants,risks,procedures", "--out", output], ct, environment);

        Assert.True(result.ExitCode == 4, $"exit {result.ExitCode}: {result.StdErr}");
        Assert.Equal("Sections failed: risks (the draft is saved; regenerate them in the web app, icf serve)", result.StdErr.TrimEnd().Split('\n')[^1]);
        Assert.Contains("(1 section(s) failed)", result.StdOut, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "draft.json"), ct));
        Assert.Equal(json.RootElement.GetProperty("draftId").GetString(), result.StdOut.TrimEnd().Split('\n')[^1]);
        var statuses = json.RootElement.GetProperty("sections").EnumerateArray().ToDictionary(s => s.GetProperty("sectionId").GetString()!, s => s.GetProperty("status").GetString());
        Assert.Equal("failed", statuses["risks"]);
        Assert.Equal("ready", statuses["participants"]);
        Assert.Equal("ready", statuses["procedures"]);
    }

    [Fact]
    public async Task Draft_UnknownProvider_ExitsWithBadInput()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();

        var result = await CliRunner.RunAsync(data.Path, ["draft", "NOPE-00000000", "--provider", "nope"], ct);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Unknown provider 'nope'", result.StdErr, StringComparison.Ordinal);
    }
}
