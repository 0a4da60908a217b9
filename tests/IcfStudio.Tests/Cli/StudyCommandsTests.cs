using System.Text.Json;
using System.Text.RegularExpressions;
using IcfStudio.Tests.Infrastructure;

namespace IcfStudio.Tests.Cli;

/// <summary>The study commands through the real <c>icf</c> program: ingest, studies, study show/set/delete, search.</summary>
public sealed partial class StudyCommandsTests
{
    private const string Protocol = """
        # HEARTWAY: A Phase 2 Study of Vasolin in Adults with High Blood Pressure

        Acronym: HEARTWAY

        Protocol Number: HW-2026-02

        Sponsor: Example Vascular Research Ltd.

        NCT Number: NCT07654321

        # 1 Synopsis

        Phase: Phase 2

        Number of Participants: Approximately 120 participants will be enrolled.

        Duration of Participation: Each participant takes part for 16 weeks.

        # 2 Study Population

        ## 2.1 Inclusion Criteria

        Adults aged 18 to 75 years with high blood pressure who have taken the same medicines for at least 3 months.

        ## 2.2 Exclusion Criteria

        People with kidney failure, a heart attack in the last 6 months, or who are pregnant cannot take part.

        # 3 Schedule of Activities

        Visits take place at screening, week 0, week 4, week 8 and week 16. Blood pressure is measured at every visit.

        # 4 Safety

        ## 4.1 Adverse Events

        Adverse events are recorded from the signing of consent until 30 days after the last dose of vasolin.
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ingest_Json_PrintsStudyIdDocumentsAndEveryMetadataField()
    {
        using var data = new TempDirectory();
        var file = WriteProtocol(data);

        var result = await Icf(data, "ingest", file, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StdOut);
        var root = json.RootElement;
        Assert.Matches(StudyIdPattern(), root.GetProperty("studyId").GetString());
        Assert.StartsWith("HEARTWAY-", root.GetProperty("studyId").GetString(), StringComparison.Ordinal);
        var document = Assert.Single(root.GetProperty("documents").EnumerateArray().ToList());
        Assert.Equal("heartway.md", document.GetProperty("fileName").GetString());
        Assert.Equal("markdown", document.GetProperty("format").GetString());
        Assert.True(document.GetProperty("pageCount").GetInt32() >= 1);
        Assert.True(document.GetProperty("chunkCount").GetInt32() >= 1);
        Assert.Matches("^[0-9a-f]{64}$", document.GetProperty("sha256").GetString());
        Assert.False(document.GetProperty("alreadyIngested").GetBoolean());

        var metadata = root.GetProperty("metadata");
        string[] fields = ["acronym", "title", "shortTitle", "protocolNumber", "version", "sponsor", "phase", "nctId", "plannedParticipants", "duration"];
        Assert.All(fields, f => Assert.True(metadata.TryGetProperty(f, out var v) && v.ValueKind is JsonValueKind.String or JsonValueKind.Null, f));
        Assert.Equal("NCT07654321", metadata.GetProperty("nctId").GetString());
        Assert.Equal("Example Vascular Research Ltd.", metadata.GetProperty("sponsor").GetString());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("metadataPages").GetProperty("nctId").ValueKind);
    }

    [Fact]
    public async Task Ingest_SampleProtocolPdf_IndexesItAndFindsItsSections()
    {
        using var data = new TempDirectory();
        var pdf = Path.Combine(RepoPaths.Samples, "cardio-protocol.pdf");

        var result = await Icf(data, "ingest", pdf, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.StdOut);
        var studyId = json.RootElement.GetProperty("studyId").GetString()!;
        Assert.StartsWith("CARDIO-", studyId, StringComparison.Ordinal);
        var document = json.RootElement.GetProperty("documents")[0];
        Assert.Equal("pdf", document.GetProperty("format").GetString());
        Assert.InRange(document.GetProperty("pageCount").GetInt32(), 8, 15);
        Assert.Equal("NCT09912345", json.RootElement.GetProperty("metadata").GetProperty("nctId").GetString());

        using var hits = JsonDocument.Parse((await Icf(data, "search", studyId, "schedule of activities", "-k", "1", "--json")).StdOut);
        Assert.Contains("Schedule of Activities", hits.RootElement[0].GetProperty("sectionPath").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_Table_PrintsStudyIdAndMetadataWithPages()
    {
        using var data = new TempDirectory();
        var file = WriteProtocol(data);

        var result = await Icf(data, "ingest", file, "--acronym", "hw");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"Study HW-[0-9a-f]{8}", result.StdOut);
        Assert.Contains("heartway.md: Markdown", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("NCT07654321", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("Sponsor", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_SameFileAgain_SaysSoAndChangesNothing()
    {
        using var data = new TempDirectory();
        var file = WriteProtocol(data);
        Assert.Equal(0, (await Icf(data, "ingest", file)).ExitCode);
        var before = (await Icf(data, "studies", "--json")).StdOut;

        var again = await Icf(data, "ingest", file);
        var againJson = await Icf(data, "ingest", file, "--json");

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("heartway.md was already ingested (same SHA-256): nothing changed.", again.StdOut, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(againJson.StdOut);
        Assert.True(json.RootElement.GetProperty("documents")[0].GetProperty("alreadyIngested").GetBoolean());
        Assert.Equal(before, (await Icf(data, "studies", "--json")).StdOut);
    }

    [Fact]
    public async Task StudyCommands_ListShowSetSearchDelete_WorkOnOneStudy()
    {
        using var data = new TempDirectory();
        var file = WriteProtocol(data);
        var studyId = JsonDocument.Parse((await Icf(data, "ingest", file, "--json")).StdOut).RootElement.GetProperty("studyId").GetString()!;

        using (var studies = JsonDocument.Parse((await Icf(data, "studies", "--json")).StdOut))
        {
            var study = Assert.Single(studies.RootElement.EnumerateArray().ToList());
            Assert.Equal(studyId, study.GetProperty("studyId").GetString());
            Assert.Equal(1, study.GetProperty("documents").GetArrayLength());
        }

        var table = await Icf(data, "studies");
        Assert.Contains(studyId, table.StdOut, StringComparison.Ordinal);

        var set = await Icf(data, "study", "set", studyId, "--title", "Vasolin for high blood pressure", "--phase", "", "--json");
        Assert.Equal(0, set.ExitCode);
        using (var show = JsonDocument.Parse((await Icf(data, "study", "show", studyId, "--json")).StdOut))
        {
            var metadata = show.RootElement.GetProperty("metadata");
            Assert.Equal("Vasolin for high blood pressure", metadata.GetProperty("title").GetString());
            Assert.Equal(JsonValueKind.Null, metadata.GetProperty("phase").ValueKind);
            Assert.Equal("NCT07654321", metadata.GetProperty("nctId").GetString());
            Assert.Equal(JsonValueKind.Null, show.RootElement.GetProperty("metadataPages").GetProperty("title").ValueKind);
        }

        var shown = await Icf(data, "study", "show", studyId);
        Assert.Equal(0, shown.ExitCode);
        Assert.Contains("Study facts (used, then detected and why):", shown.StdOut, StringComparison.Ordinal);
        Assert.Contains("  adultsUnableToConsent: ", shown.StdOut, StringComparison.Ordinal);

        var search = await Icf(data, "search", studyId, "adverse events after the last dose", "-k", "2", "--json");
        Assert.Equal(0, search.ExitCode);
        using (var hits = JsonDocument.Parse(search.StdOut))
        {
            var list = hits.RootElement.EnumerateArray().ToList();
            Assert.InRange(list.Count, 1, 2);
            Assert.Contains("Adverse Events", list[0].GetProperty("sectionPath").GetString(), StringComparison.Ordinal);
            Assert.Contains("30 days", list[0].GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.True(list[0].GetProperty("pageStart").GetInt32() >= 1);
            Assert.True(list[0].GetProperty("pageEnd").GetInt32() >= list[0].GetProperty("pageStart").GetInt32());
            Assert.True(list[0].GetProperty("score").GetDouble() > 0);
        }

        var human = await Icf(data, "search", studyId, "inclusion criteria", "--section", "Population");
        Assert.Equal(0, human.ExitCode);
        Assert.Contains("2.1 Inclusion Criteria", human.StdOut, StringComparison.Ordinal);

        Assert.Equal(0, (await Icf(data, "study", "delete", studyId)).ExitCode);
        var gone = await Icf(data, "study", "show", studyId);
        Assert.Equal(3, gone.ExitCode);
        Assert.Contains("not found", gone.StdErr, StringComparison.Ordinal);
        Assert.Equal("[]", (await Icf(data, "studies", "--json")).StdOut.Trim());
    }

    [Fact]
    public async Task Commands_UnknownStudy_ExitWithBadInput()
    {
        using var data = new TempDirectory();

        foreach (var args in new[] { ["study", "show", "NOPE-00000000"], ["study", "delete", "NOPE-00000000"], ["study", "set", "NOPE-00000000", "--title", "x"], new[] { "search", "NOPE-00000000", "heart" } })
        {
            var result = await Icf(data, args);
            Assert.Equal(3, result.ExitCode);
            Assert.Contains("NOPE-00000000 not found", result.StdErr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Commands_BadInput_ExitWithThreeAndAClearMessage()
    {
        using var data = new TempDirectory();
        var empty = Path.Combine(data.Path, "empty.pdf");
        await File.WriteAllBytesAsync(empty, [], Ct);
        var studyId = JsonDocument.Parse((await Icf(data, "ingest", WriteProtocol(data), "--json")).StdOut).RootElement.GetProperty("studyId").GetString()!;
        var before = (await Icf(data, "studies", "--json")).StdOut;

        var cases = new (string[] Args, string Message)[]
        {
            (["ingest", Path.Combine(data.Path, "missing.pdf")], "no such file"),
            (["ingest", empty], "empty"),
            (["search", studyId, "\"*()"], "no words"),
            (["search", studyId, "heart", "-k", "0"], "-k must be"),
            (["study", "set", studyId], "at least one field"),
        };
        foreach (var (args, message) in cases)
        {
            var result = await Icf(data, args);
            Assert.Equal(3, result.ExitCode);
            Assert.Contains(message, result.StdErr, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(before, (await Icf(data, "studies", "--json")).StdOut);
    }

    [Fact]
    public async Task Commands_MissingArguments_ExitWithUsageError()
    {
        using var data = new TempDirectory();

        Assert.Equal(2, (await Icf(data, "search")).ExitCode);
        Assert.Equal(2, (await Icf(data, "ingest")).ExitCode);
        Assert.Equal(2, (await Icf(data, "study", "show")).ExitCode);
    }

    private static string WriteProtocol(TempDirectory data)
    {
        var path = Path.Combine(data.Path, "heartway.md");
        File.WriteAllText(path, Protocol);
        return path;
    }

    // Each test's database lives in its own folder inside the temp directory.
    private static Task<CliResult> Icf(TempDirectory data, params string[] args) =>
        CliRunner.RunAsync(Path.Combine(data.Path, "db"), args, Ct);

    [GeneratedRegex("^[A-Z0-9]+-[0-9a-f]{8}$")]
    private static partial Regex StudyIdPattern();
}
