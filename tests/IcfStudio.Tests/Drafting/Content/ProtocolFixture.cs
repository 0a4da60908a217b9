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

/// <summary>The three ../shared protocols (PDF with its USDM file), ingested once into a SQLite store in a temp folder.</summary>
public sealed class ProtocolFixture : IAsyncLifetime
{
    public static readonly string[] Names = ["cdisc-pilot-lzzt", "lilly-nct03421379", "alexion-nct04573309"];

    private readonly TempDirectory _data = new();
    private IHost? _host;

    public IServiceProvider Services => _host!.Services;

    public Dictionary<string, string> StudyIds { get; } = [];

    public async ValueTask InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration["Storage:DataDirectory"] = _data.Path;
        builder.AddIcfCore();
        _host = builder.Build();

        var ingestion = Services.GetRequiredService<StudyIngestionService>();
        foreach (var name in Names)
        {
            var pdf = Path.Combine(RepoPaths.SharedProtocols, name + ".pdf");
            var usdm = Path.Combine(RepoPaths.SharedProtocols, name + ".usdm.json");
            var result = await ingestion.IngestAsync(
                [new IngestFile(Path.GetFileName(pdf), () => File.OpenRead(pdf)), new IngestFile(Path.GetFileName(usdm), () => File.OpenRead(usdm))],
                acronym: null,
                studyId: null,
                progress: null,
                CancellationToken.None);
            StudyIds[name] = result.StudyId;
        }
    }

    public async Task<StudyRecord> StudyAsync(string name) =>
        await Services.GetRequiredService<IStudyStore>().FindStudyAsync(StudyIds[name]) ?? throw new InvalidOperationException("study missing");

    public ValueTask DisposeAsync()
    {
        _host?.Dispose();
        _data.Dispose();
        return ValueTask.CompletedTask;
    }
}
