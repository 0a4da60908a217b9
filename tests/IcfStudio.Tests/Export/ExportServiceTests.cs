using IcfStudio.Core;
using IcfStudio.Core.Drafting;
using IcfStudio.Core.Export;
using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Quality;
using IcfStudio.Core.Storage;
using IcfStudio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using UglyToad.PdfPig;

namespace IcfStudio.Tests.Export;

/// <summary>Export and approval against real SQLite stores, through the service and through the <c>icf</c> program.</summary>
public sealed class ExportServiceTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    private IHost BuildHost()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.DataDirectory)}"] = _data.Path;
        builder.AddIcfCore();
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(SampleConsent.Now));
        return builder.Build();
    }

    /// <summary>Stores the sample study and a draft of it (default template) whose sections are all ready, none approved.</summary>
    private static async Task<string> SeedAsync(IServiceProvider services, CancellationToken ct, string protocolText = "Protocol CZ-301")
    {
        var study = SampleConsent.Study();
        var document = new ProtocolDocument("cz-301.txt", ProtocolFormat.Text, [new ProtocolPage(1, protocolText)], [new DocumentBlock(BlockKind.Paragraph, protocolText, 1)], study.Metadata);
        await services.GetRequiredService<IStudyStore>().AddDocumentAsync(
            new NewDocument(study.StudyId, document, [new DocumentChunk(0, protocolText, "1 Synopsis", 1, 1)], new string('a', 64), study.Metadata), ct);
        var drafts = services.GetRequiredService<IDraftStore>();
        var draft = SampleConsent.Draft() with
        {
            Template = "icf-default",
            Sections = [.. SampleConsent.Draft().Sections.Select(s => s with { Status = SectionStatus.Pending, Content = "", Version = 0 })],
        };
        await drafts.CreateDraftAsync(draft, "test", ct);
        foreach (var (id, _, content) in SampleConsent.Sections)
        {
            await drafts.SaveSectionVersionAsync(draft.DraftId, id, content, SampleConsent.Citations, SectionStatus.Ready, VersionReason.Generated, "test", cancellationToken: ct);
        }

        return draft.DraftId;
    }

    [Fact]
    public async Task ExportAsync_UnapprovedSections_RefusesFinalButExportsDraft()
    {
        var ct = TestContext.Current.CancellationToken;
        using var host = BuildHost();
        var draftId = await SeedAsync(host.Services, ct);
        var service = host.Services.GetRequiredService<ConsentExportService>();

        var refused = await Assert.ThrowsAsync<InvalidStateException>(() => service.ExportAsync(draftId, new ExportRequest(ExportFormat.Pdf), ct));
        Assert.Contains("Key Information About This Study (summary, ready)", refused.Message);

        var draft = await service.ExportAsync(draftId, new ExportRequest(ExportFormat.Pdf, Draft: true), ct);
        Assert.Equal("CARDIO-HF_ICF_v1.0_2026-11-28.pdf", draft.FileName);
        Assert.Equal("application/pdf", draft.ContentType);
        using var pdf = PdfDocument.Open(draft.Content);
        Assert.Contains($"{SampleConsent.Sections.Length} section(s) are not yet approved:", PdfExportTests.PageText(pdf.GetPage(1)));
    }

    [Fact]
    public async Task ApproveAsync_OneThenAll_AllowsTheFinalExport()
    {
        var ct = TestContext.Current.CancellationToken;
        using var host = BuildHost();
        var draftId = await SeedAsync(host.Services, ct);
        var service = host.Services.GetRequiredService<ConsentExportService>();

        var one = Assert.Single(await service.ApproveAsync(draftId, "risks", "reviewer", ct));
        Assert.Equal(ApprovalOutcome.Approved, one.Outcome);
        Assert.Equal(2, one.Version);
        var all = await service.ApproveAsync(draftId, null, "reviewer", ct);
        Assert.Equal(ApprovalOutcome.AlreadyApproved, all.Single(a => a.SectionId == "risks").Outcome);
        Assert.All(all.Where(a => a.SectionId != "risks"), a => Assert.Equal(ApprovalOutcome.Approved, a.Outcome));
        var versions = await host.Services.GetRequiredService<IDraftStore>().GetSectionVersionsAsync(draftId, "risks", ct);
        Assert.Equal(VersionReason.Approved, versions[^1].Reason);
        Assert.Equal("reviewer", versions[^1].Actor);

        var final = await service.ExportAsync(draftId, new ExportRequest(ExportFormat.Docx), ct);
        Assert.Equal("CARDIO-HF_ICF_v1.0_2026-11-28.docx", final.FileName);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", final.ContentType);
    }

    [Theory]
    [InlineData("Protocol CZ-301", null, false)]
    [InlineData("Protocol CZ-301. Participants must be able to provide informed consent.", null, false)]
    [InlineData("Protocol CZ-301. If a patient is unable to provide informed consent, a legally authorized representative will sign.", null, true)]
    [InlineData("Protocol CZ-301", true, true)]
    [InlineData("Protocol CZ-301. If a patient is unable to provide informed consent, a legally authorized representative will sign.", false, false)]
    public async Task ExportAsync_AdultsUnableToConsent_DetectedFromProtocolOrSetByUser(string protocolText, bool? userFact, bool expectBlock)
    {
        var ct = TestContext.Current.CancellationToken;
        using var host = BuildHost();
        var draftId = await SeedAsync(host.Services, ct, protocolText);
        var service = host.Services.GetRequiredService<ConsentExportService>();

        var facts = userFact is null ? null : new QualityFacts { AdultsUnableToConsent = userFact };
        var exported = await service.ExportAsync(draftId, new ExportRequest(ExportFormat.Md, Draft: true, Facts: facts), ct);

        var markdown = System.Text.Encoding.UTF8.GetString(exported.Content);
        Assert.Equal(expectBlock, markdown.Contains("### Legally authorized representative", StringComparison.Ordinal));
        Assert.Equal(expectBlock, markdown.Contains("Signature of legally authorized representative: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApproveAsync_UnknownDraftOrSection_IsNotFound()
    {
        var ct = TestContext.Current.CancellationToken;
        using var host = BuildHost();
        var draftId = await SeedAsync(host.Services, ct);
        var service = host.Services.GetRequiredService<ConsentExportService>();

        await Assert.ThrowsAsync<NotFoundException>(() => service.ApproveAsync("nope", null, "r", ct));
        await Assert.ThrowsAsync<NotFoundException>(() => service.ApproveAsync(draftId, "nope", "r", ct));
        await Assert.ThrowsAsync<NotFoundException>(() => service.ExportAsync("nope", new ExportRequest(ExportFormat.Md), ct));
    }

    [Fact]
    public async Task Cli_ApproveAllThenExport_WritesTheNamedFile()
    {
        var ct = TestContext.Current.CancellationToken;
        string draftId;
        using (var host = BuildHost())
        {
            draftId = await SeedAsync(host.Services, ct);
        }

        var refused = await CliRunner.RunAsync(_data.Path, ["export", draftId, "--format", "pdf", "--out", Path.Combine(_data.Path, "x.pdf")], ct);
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("needs every section approved", refused.StdErr);

        var usage = await CliRunner.RunAsync(_data.Path, ["approve", draftId], ct);
        Assert.Equal(2, usage.ExitCode);

        var approved = await CliRunner.RunAsync(_data.Path, ["approve", draftId, "--all"], ct);
        Assert.True(approved.ExitCode == 0, approved.StdErr);
        Assert.Contains("approved", approved.StdOut);

        var target = Path.Combine(_data.Path, "form.md");
        var exported = await CliRunner.RunAsync(_data.Path, ["export", draftId, "--format", "md", "--annotated", "--out", target], ct);
        Assert.True(exported.ExitCode == 0, exported.StdErr);
        Assert.Equal(target, exported.StdOut.Trim());
        var markdown = await File.ReadAllTextAsync(target, ct);
        Assert.Contains("## Key Information About This Study", markdown);
        Assert.Contains("[^1]: Protocol p. 12", markdown);
        Assert.DoesNotContain("Legally authorized representative", markdown);

        var withRepresentative = await CliRunner.RunAsync(_data.Path, ["export", draftId, "--format", "md", "--fact", "adultsUnableToConsent=true", "--out", target], ct);
        Assert.True(withRepresentative.ExitCode == 0, withRepresentative.StdErr);
        Assert.Contains("### Legally authorized representative", await File.ReadAllTextAsync(target, ct));
    }

    [Fact]
    public async Task Cli_ExportOutExistingFolder_WritesTheDefaultFileNameIntoIt()
    {
        var ct = TestContext.Current.CancellationToken;
        string draftId;
        using (var host = BuildHost())
        {
            draftId = await SeedAsync(host.Services, ct);
        }

        var folder = Directory.CreateDirectory(Path.Combine(_data.Path, "forms")).FullName;

        var exported = await CliRunner.RunAsync(_data.Path, ["export", draftId, "--format", "md", "--draft", "--out", folder], ct);

        Assert.True(exported.ExitCode == 0, exported.StdErr);
        var written = exported.StdOut.Trim();
        Assert.Equal(folder, Path.GetDirectoryName(written));
        Assert.Matches(@"_ICF_v[^_]+_\d{4}-\d{2}-\d{2}\.md$", Path.GetFileName(written));
        Assert.Contains("## Key Information About This Study", await File.ReadAllTextAsync(written, ct));
        Assert.Equal([written], Directory.GetFiles(folder));
    }

    [Fact]
    public async Task Cli_ExportOutMissingFolderWithTrailingSlash_ExitsThreeAndWritesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        string draftId;
        using (var host = BuildHost())
        {
            draftId = await SeedAsync(host.Services, ct);
        }

        var missing = Path.Combine(_data.Path, "nope") + Path.DirectorySeparatorChar;

        var exported = await CliRunner.RunAsync(_data.Path, ["export", draftId, "--format", "md", "--draft", "--out", missing], ct);

        Assert.Equal(3, exported.ExitCode);
        Assert.Contains("does not exist", exported.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(missing));
    }
}
