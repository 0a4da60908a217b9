using IcfStudio.Core;
using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Storage;
using IcfStudio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IcfStudio.Tests.Drafting.Content;

/// <summary>Shares one <see cref="ProtocolFixture"/> between the test classes that need ingested protocols.</summary>
[CollectionDefinition(Name)]
public sealed class ProtocolCollection : ICollectionFixture<ProtocolFixture>
{
    public const string Name = "ingested protocols";
}

/// <summary>
/// The three ../shared protocols (PDF with its USDM file), ingested once into a SQLite store in a temp folder. Without the
/// shared folder nothing is ingested and every test that touches the fixture is skipped (failed under CI=true), through
/// <see cref="SharedData.Require"/>: a fixture that threw here would fail the whole collection instead.
/// </summary>
public sealed class ProtocolFixture : IAsyncLifetime
{
    public static readonly string[] Names = ["cdisc-pilot-lzzt", "lilly-nct03421379", "alexion-nct04573309"];

    private static readonly string[][] Files = [.. Names.SelectMany(n => new[] { new[] { "protocols", n + ".pdf" }, ["protocols", n + ".usdm.json"] })];

    private readonly TempDirectory _data = new();
    private readonly Dictionary<string, string> _studyIds = [];
    private IHost? _host;

    public IServiceProvider Services => Ingested()._host!.Services;

    public IReadOnlyDictionary<string, string> StudyIds => Ingested()._studyIds;

    public async ValueTask InitializeAsync()
    {
        if (!Files.All(f => SharedData.Has(f)))
        {
            return;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration["Storage:DataDirectory"] = _data.Path;
        builder.AddIcfCore();
        _host = builder.Build();

        var ingestion = Services.GetRequiredService<StudyIngestionService>();
        foreach (var name in Names)
        {
            var pdf = SharedData.Require("protocols", name + ".pdf");
            var usdm = SharedData.Require("protocols", name + ".usdm.json");
            var result = await ingestion.IngestAsync(
                [new IngestFile(Path.GetFileName(pdf), () => File.OpenRead(pdf)), new IngestFile(Path.GetFileName(usdm), () => File.OpenRead(usdm))],
                acronym: null,
                studyId: null,
                progress: null,
                CancellationToken.None);
            _studyIds[name] = result.StudyId;
        }
    }

    public async Task<StudyRecord> StudyAsync(string name) =>
        await Services.GetRequiredService<IStudyStore>().FindStudyAsync(StudyIds[name]) ?? throw new InvalidOperationException("study missing");

    /// <summary>This fixture, once every shared file it ingests is present; otherwise the calling test is skipped (failed in CI).</summary>
    private ProtocolFixture Ingested()
    {
        foreach (var file in Files)
        {
            SharedData.Require(file);
        }

        return this;
    }

    public ValueTask DisposeAsync()
    {
        _host?.Dispose();
        _data.Dispose();
        return ValueTask.CompletedTask;
    }
}
