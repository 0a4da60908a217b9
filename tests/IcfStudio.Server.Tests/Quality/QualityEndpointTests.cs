using System.Net;
using System.Text.Json;
using IcfStudio.Server.Tests.Infrastructure;

namespace IcfStudio.Server.Tests.Quality;

/// <summary>GET /api/drafts/{id}/quality with the real engine and store and a stub LLM.</summary>
public sealed class QualityEndpointTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Quality_DraftedStudy_ReturnsElementsReadabilityAndFacts()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = Api.Create(_data.Path, new StubChatClient(words: 40));
        using var client = factory.CreateClient();
        var draftId = await Api.CreateFinishedDraftAsync(client, ct);

        using var response = await client.GetAsync(new Uri($"/api/drafts/{draftId}/quality?randomized=false", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement;
        Assert.Equal(draftId, json.GetProperty("draftId").GetString());
        Assert.Equal(27, json.GetProperty("elements").GetArrayLength());
        var random = json.GetProperty("elements").EnumerateArray().Single(e => e.GetProperty("id").GetString() == "random_assignment");
        Assert.Equal("notApplicable", random.GetProperty("status").GetString());
        Assert.False(json.GetProperty("facts").GetProperty("randomized").GetBoolean());
        Assert.True(json.GetProperty("readability").GetProperty("sections").GetArrayLength() > 0);
        Assert.True(json.GetProperty("readability").TryGetProperty("fleschKincaidGrade", out _));
        Assert.Equal("checked", json.GetProperty("factCheck").GetString());
    }

    [Fact]
    public async Task Quality_UnknownDraftOrBadFact_ReturnsProblems()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = Api.Create(_data.Path, new StubChatClient(words: 40));
        using var client = factory.CreateClient();

        using (var missing = await client.GetAsync(new Uri("/api/drafts/nope/quality", UriKind.Relative), ct))
        {
            await Api.AssertProblemAsync(missing, HttpStatusCode.NotFound, ct);
        }

        var studyId = await Api.UploadProtocolAsync(client, ct);
        var draftId = await Api.CreateDraftAsync(client, studyId, ct);
        using var bad = await client.GetAsync(new Uri($"/api/drafts/{draftId}/quality?randomized=maybe", UriKind.Relative), ct);
        await Api.AssertProblemAsync(bad, HttpStatusCode.BadRequest, ct);
    }
}
