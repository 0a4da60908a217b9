using System.Text.Json;
using IcfStudio.Core.Quality;
using IcfStudio.Tests.Infrastructure;

namespace IcfStudio.Tests.Quality;

public sealed class EvalCommandTests
{
    [Fact]
    public async Task Eval_ProtocolWithRealForm_WritesReportWithBothSides()
    {
        using var data = new TempDirectory();
        var input = Directory.CreateDirectory(Path.Combine(data.Path, "in")).FullName;
        var output = Path.Combine(data.Path, "out");
        File.Copy(Path.Combine(RepoPaths.Samples, "cardio-protocol.md"), Path.Combine(input, "cardio-protocol.md"));
        File.Copy(SharedData.Require("templates", "nia-icf-template-v4.0.docx"), Path.Combine(input, "cardio-protocol.icf.docx"));

        var result = await CliRunner.RunAsync(data.Path, ["eval", input, "--provider", "offline", "--out", output, "--json"], TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.StdErr);
        var row = Assert.Single(JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "eval.json"), TestContext.Current.CancellationToken)).RootElement.GetProperty("rows").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("error").ValueKind);
        Assert.Equal("offline", row.GetProperty("provider").GetString());
        Assert.True(row.GetProperty("metadataFields").GetInt32() > 3);
        Assert.Equal(17, row.GetProperty("sectionsDrafted").GetInt32());
        var draft = row.GetProperty("draft");
        Assert.True(draft.GetProperty("elementsPresent").GetInt32() >= 18, draft.ToString());
        Assert.InRange(draft.GetProperty("grade").GetDouble(), 2, 10);
        Assert.True(draft.GetProperty("numbersChecked").GetInt32() > 0);
        Assert.Equal("cardio-protocol.icf.docx", row.GetProperty("realForm").GetProperty("source").GetString());
        var markdown = await File.ReadAllTextAsync(Path.Combine(output, "eval.md"), TestContext.Current.CancellationToken);
        Assert.Contains("| cardio-protocol | draft (offline", markdown);
        Assert.Contains("real form (cardio-protocol.icf.docx)", markdown);
    }

    [Fact]
    public async Task Eval_MissingFolder_ExitsThree()
    {
        using var data = new TempDirectory();

        var result = await CliRunner.RunAsync(data.Path, ["eval", Path.Combine(data.Path, "nope")], TestContext.Current.CancellationToken);

        Assert.Equal(3, result.ExitCode);
    }

    [Fact]
    public void Group_PdfAndUsdmWithForm_FormOneStudyWithItsForm()
    {
        using var data = new TempDirectory();
        foreach (var name in new[] { "a.pdf", "a.usdm.json", "a.icf.docx", "b.docx", "notes.json", "readme.csv", "README.md" })
        {
            File.WriteAllText(Path.Combine(data.Path, name), "x");
        }

        var groups = EvalRunner.Group(data.Path);

        Assert.Equal(["a", "b"], groups.Select(g => g.Name));
        Assert.Equal(["a.pdf", "a.usdm.json"], groups[0].Files.Select(Path.GetFileName));
        Assert.Equal("a.icf.docx", Path.GetFileName(groups[0].Form));
        Assert.Null(groups[1].Form);
    }
}
