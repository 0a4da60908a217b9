using System.Text.Json;
using IcfStudio.Tests.Infrastructure;

namespace IcfStudio.Tests.Cli;

/// <summary><c>icf study profile</c> through the real program: show, review with --set/--accept/--reset, and bad input.</summary>
public sealed class ProfileCommandTests
{
    private const string Protocol = """
        # HEARTWAY: A Phase 2 Study of Vasolin in Adults with High Blood Pressure

        Acronym: HEARTWAY

        Protocol Number: HW-2026-02

        Sponsor: Example Vascular Research Ltd.

        # 1 Synopsis

        Participants are randomized 1:1 to vasolin or placebo. Blood samples are taken at every visit.
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StudyProfile_SetAcceptAndReset_StoresReviewAndPrintsIt()
    {
        using var data = new TempDirectory();
        var studyId = await IngestAsync(data);

        var shown = await Icf(data, "study", "profile", studyId, "--json");
        Assert.Equal(0, shown.ExitCode);
        using (var json = JsonDocument.Parse(shown.StdOut))
        {
            Assert.Equal(0, json.RootElement.GetProperty("version").GetInt32());
            Assert.Equal("HW-2026-02", Item(json.RootElement, "identity.protocolNumber").GetProperty("detectedValue").GetString());
        }

        var reviewed = await Icf(data, "study", "profile", studyId, "--set", "identity.acronym=HW-2", "--set", "identity.phase=", "--accept", "identity.protocolNumber", "--json");
        Assert.Equal(0, reviewed.ExitCode);
        using (var json = JsonDocument.Parse(reviewed.StdOut))
        {
            Assert.Equal(1, json.RootElement.GetProperty("version").GetInt32());
            Assert.Equal("HW-2", Item(json.RootElement, "identity.acronym").GetProperty("effective").GetString());
            Assert.Equal("edited", Item(json.RootElement, "identity.acronym").GetProperty("state").GetString());
            Assert.Equal("cleared", Item(json.RootElement, "identity.phase").GetProperty("state").GetString());
            Assert.Equal("accepted", Item(json.RootElement, "identity.protocolNumber").GetProperty("state").GetString());
        }

        var table = await Icf(data, "study", "profile", studyId, "--reset", "identity.acronym");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("version 2", table.StdOut, StringComparison.Ordinal);
        Assert.Contains("HEARTWAY", table.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StudyProfile_BadKeyValueOrSyntax_ExitsWithBadInputAndStoresNothing()
    {
        using var data = new TempDirectory();
        var studyId = await IngestAsync(data);

        string[][] cases =
        [
            ["study", "profile", studyId, "--set", "identity.acronym=OK", "--set", "identity.coffee=1"],
            ["study", "profile", studyId, "--set", "study.randomized=perhaps"],
            ["study", "profile", studyId, "--set", "no-equals-sign"],
            ["study", "profile", "NOPE-1"],
        ];
        foreach (var args in cases)
        {
            var result = await Icf(data, args);
            Assert.Equal(3, result.ExitCode);
            Assert.StartsWith("error:", result.StdErr, StringComparison.Ordinal);
        }

        using var json = JsonDocument.Parse((await Icf(data, "study", "profile", studyId, "--json")).StdOut);
        Assert.Equal(0, json.RootElement.GetProperty("version").GetInt32());
    }

    private static async Task<string> IngestAsync(TempDirectory data)
    {
        var path = Path.Combine(data.Path, "heartway.md");
        await File.WriteAllTextAsync(path, Protocol, Ct);
        var result = await Icf(data, "ingest", path, "--json");
        Assert.Equal(0, result.ExitCode);
        return JsonDocument.Parse(result.StdOut).RootElement.GetProperty("studyId").GetString()!;
    }

    private static JsonElement Item(JsonElement profile, string key) =>
        profile.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("key").GetString() == key);

    private static Task<CliResult> Icf(TempDirectory data, params string[] args) =>
        CliRunner.RunAsync(Path.Combine(data.Path, "db"), args, Ct);
}
