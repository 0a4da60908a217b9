using IcfStudio.Core;
using IcfStudio.Core.Drafting;
using IcfStudio.Core.Drafting.Providers;
using IcfStudio.Core.Quality;
using IcfStudio.Core.Storage;
using IcfStudio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static IcfStudio.Tests.Quality.QualityTestData;

namespace IcfStudio.Tests.Quality;

public sealed class DefaultProviderJudgeTests
{
    private static IHost Build(string data, string provider, FakeChatClient client)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.DataDirectory)}"] = data;
        builder.Configuration["Drafting:Provider"] = provider;
        builder.AddIcfCore();
        builder.Services.AddSingleton(new ChatProviderRegistration(ProviderNames.Ollama, _ => client, DefaultModel: "fake-model"));
        return builder.Build();
    }

    [Fact]
    public async Task EvaluateDocumentAsync_ConfiguredProviderAndJudgeAsked_AddsSecondOpinion()
    {
        using var data = new TempDirectory();
        var client = new FakeChatClient("""{"elements":[{"id":"risks","status":"present","evidence":"headaches","reason":"ok"}]}""");
        using var host = Build(data.Path, ProviderNames.Ollama, client);
        var quality = host.Services.GetRequiredService<QualityService>();

        var result = await quality.EvaluateDocumentAsync(null, "form", [Section("risks", "The drug may cause headaches.")], null, useJudge: true, TestContext.Current.CancellationToken);

        Assert.Equal("llm:ollama/fake-model", result.Judge);
        Assert.Equal(ElementStatus.Present, result.Elements.Single(e => e.Id == "risks").SecondOpinion!.Status);
        Assert.Single(client.Requests);
    }

    [Fact]
    public async Task EvaluateDocumentAsync_JudgeNotAsked_CallsNoModel()
    {
        using var data = new TempDirectory();
        var client = new FakeChatClient("{}");
        using var host = Build(data.Path, ProviderNames.Ollama, client);

        var result = await host.Services.GetRequiredService<QualityService>()
            .EvaluateDocumentAsync(null, "form", [Section("risks", "The drug may cause headaches.")], null, useJudge: false, TestContext.Current.CancellationToken);

        Assert.Null(result.Judge);
        Assert.Empty(client.Requests);
    }

    [Fact]
    public async Task EvaluateDocumentAsync_OfflineProvider_HasNoJudge()
    {
        using var data = new TempDirectory();
        var client = new FakeChatClient("{}");
        using var host = Build(data.Path, ProviderNames.Offline, client);

        var result = await host.Services.GetRequiredService<QualityService>()
            .EvaluateDocumentAsync(null, "form", [Section("risks", "The drug may cause headaches.")], null, useJudge: true, TestContext.Current.CancellationToken);

        Assert.Null(result.Judge);
        Assert.All(result.Elements, e => Assert.Null(e.SecondOpinion));
        Assert.Empty(client.Requests);
    }
}
