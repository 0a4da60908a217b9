using IcfStudio.Core;
using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Retrieval;
using IcfStudio.Core.Storage;
using IcfStudio.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IcfStudio.Tests.Retrieval;

public sealed class RetrievalRegistrationTests
{
    [Fact]
    public void AddIcfCore_NoEmbeddingsConfigured_SearchIsBm25OnlyOnTheConfiguredDataFolder()
    {
        using var data = new TempDirectory();
        using var host = Build(data, []);

        Assert.False(host.Services.GetRequiredService<StudySearch>().IsHybrid);
        Assert.Same(host.Services.GetRequiredService<IStudyStore>(), host.Services.GetRequiredService<IStudyStore>());
        Assert.Equal(Path.Combine(data.Path, "icf.db"), host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.DatabasePath);
    }

    [Theory]
    [InlineData("ollama", "http://127.0.0.1:1")]
    [InlineData("openai", "http://127.0.0.1:1/v1")]
    public void AddIcfCore_EmbeddingProviderConfigured_SearchIsHybrid(string provider, string baseUrl)
    {
        using var data = new TempDirectory();
        using var host = Build(data, new()
        {
            ["Retrieval:Embeddings:Provider"] = provider,
            ["Retrieval:Embeddings:BaseUrl"] = baseUrl,
            ["Retrieval:Embeddings:Model"] = "test-embed",
            ["Retrieval:Embeddings:ApiKey"] = "k",
        });

        Assert.True(host.Services.GetRequiredService<StudySearch>().IsHybrid);
    }

    [Theory]
    [InlineData("openai", "/v1", "/v1/embeddings")]
    [InlineData("ollama", "", "/api/embed")]
    public async Task SearchAsync_ConfiguredProviderOverTheWire_FusesDenseHits(string provider, string basePath, string expectedPath)
    {
        await using var server = new EmbeddingWireServer();
        using var data = new TempDirectory();
        using var host = Build(data, new()
        {
            ["Retrieval:Embeddings:Provider"] = provider,
            ["Retrieval:Embeddings:BaseUrl"] = server.BaseUrl + basePath,
            ["Retrieval:Embeddings:Model"] = "concepts",
            ["Retrieval:Embeddings:ApiKey"] = "test-key",
        });
        var store = host.Services.GetRequiredService<IStudyStore>();
        await store.AddDocumentAsync(
            new NewDocument(
                "WIRE-00000001",
                Storage.SampleProtocol.Document(),
                [new(0, "Participants with renal impairment cannot take part.", "5 Exclusion", 3, 3), new(1, "Blood pressure is measured.", "6 Visits", 4, 4)],
                "w1",
                StudyMetadata.Empty),
            TestContext.Current.CancellationToken);

        var hits = await host.Services.GetRequiredService<StudySearch>().SearchAsync("WIRE-00000001", "kidney", 1, cancellationToken: TestContext.Current.CancellationToken);

        // BM25 alone finds nothing for "kidney": the hit comes from the embeddings the server returned.
        Assert.Equal("Participants with renal impairment cannot take part.", Assert.Single(hits).Text);
        Assert.All(server.Paths, p => Assert.Equal(expectedPath, p));
        Assert.NotEmpty(server.Paths);
    }

    [Theory]
    [InlineData("bogus", "m")]
    [InlineData("ollama", "")]
    public async Task Start_InvalidEmbeddingOptions_FailsValidation(string provider, string model)
    {
        using var data = new TempDirectory();
        using var host = Build(data, new() { ["Retrieval:Embeddings:Provider"] = provider, ["Retrieval:Embeddings:Model"] = model });

        await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
    }

    private static IHost Build(TempDirectory data, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration["Storage:DataDirectory"] = data.Path;
        builder.AddIcfCore();
        return builder.Build();
    }
}
