using IcfStudio.Core;
using IcfStudio.Core.Drafting;
using IcfStudio.Core.Storage;
using IcfStudio.Server.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IcfStudio.Server.Tests.Drafts;

public sealed class RestartTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Restart_SectionsLeftGenerating_MarkedInterruptedAndApprovedTextUntouched()
    {
        var ct = TestContext.Current.CancellationToken;
        string draftId;
        string approvedText;
        await using (var first = Api.Create(_data.Path, new StubChatClient(words: 5)))
        {
            using var client = first.CreateClient();
            draftId = await Api.CreateFinishedDraftAsync(client, ct);
            using var approve = await client.PostAsync(new Uri($"/api/drafts/{draftId}/sections/risks/approve", UriKind.Relative), null, ct);
            approve.EnsureSuccessStatusCode();
            approvedText = Api.Section(await Api.GetJsonAsync(client, $"/api/drafts/{draftId}", ct), "risks").GetProperty("content").GetString()!;
        }

        // The process dies while a section is being generated: nothing got the chance to mark it.
        using (var host = CoreHost())
        {
            await host.Services.GetRequiredService<IDraftStore>().SetSectionStatusAsync(draftId, "benefits", SectionStatus.Generating, cancellationToken: ct);
        }

        await using var second = Api.Create(_data.Path, new StubChatClient());
        using var restarted = second.CreateClient();
        var draft = await Api.GetJsonAsync(restarted, $"/api/drafts/{draftId}", ct);
        Assert.Equal("interrupted", Api.Section(draft, "benefits").GetProperty("status").GetString());
        Assert.Equal("approved", Api.Section(draft, "risks").GetProperty("status").GetString());
        Assert.Equal(approvedText, Api.Section(draft, "risks").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Shutdown_WhileGenerating_SectionsInterruptedAndRegeneratable()
    {
        var ct = TestContext.Current.CancellationToken;
        string draftId;
        await using (var first = Api.Create(_data.Path, new StubChatClient { Hang = true }))
        {
            using var client = first.CreateClient();
            draftId = await Api.CreateDraftAsync(client, await Api.UploadProtocolAsync(client, ct), ct);
            await SseClient.ReadAsync(client, $"/api/drafts/{draftId}/events", null, ct, items => items.Count(i => i.EventType == "token") >= 2);
        }

        await using var second = Api.Create(_data.Path, new StubChatClient(words: 3));
        using var restarted = second.CreateClient();
        var draft = await Api.GetJsonAsync(restarted, $"/api/drafts/{draftId}", ct);
        Assert.All(Api.Sections, id => Assert.Equal("interrupted", Api.Section(draft, id).GetProperty("status").GetString()));

        using var regenerate = await restarted.PostAsync(new Uri($"/api/drafts/{draftId}/sections/risks/regenerate", UriKind.Relative), null, ct);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, regenerate.StatusCode);
        var items = await SseClient.ReadAsync(restarted, $"/api/drafts/{draftId}/events", null, ct);
        Assert.Equal(["section_complete", "section_quality", "complete"], items.TakeLast(3).Select(i => i.EventType));
    }

    private IHost CoreHost()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Storage:DataDirectory"] = _data.Path;
        builder.AddIcfCore();
        return builder.Build();
    }
}
