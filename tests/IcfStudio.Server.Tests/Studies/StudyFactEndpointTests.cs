using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IcfStudio.Server.Tests.Infrastructure;

namespace IcfStudio.Server.Tests.Studies;

/// <summary>GET/PUT /api/studies/{id}/facts: stored overrides that the quality report and the export then use.</summary>
public sealed class StudyFactEndpointTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Facts_UploadedStudy_ListEveryFactWithDetectedValueAndReason()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = Api.Create(_data.Path, new StubChatClient(words: 20));
        using var client = factory.CreateClient();
        var studyId = await Api.UploadProtocolAsync(client, ct);

        var json = await Api.GetJsonAsync(client, $"/api/studies/{studyId}/facts", ct);

        Assert.Equal(studyId, json.GetProperty("studyId").GetString());
        var facts = json.GetProperty("facts").EnumerateArray().ToList();
        Assert.Equal(11, facts.Count);
        var specimens = facts.Single(f => f.GetProperty("name").GetString() == "biospecimens");
        Assert.True(specimens.GetProperty("detected").GetBoolean());
        Assert.Contains("blood sample", specimens.GetProperty("reason").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(JsonValueKind.Null, specimens.GetProperty("override").ValueKind);
        Assert.True(specimens.GetProperty("effective").GetBoolean());
    }

    [Fact]
    public async Task PutFacts_Randomized_QualityFollowsStoredOverrideAndRequestWins()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = Api.Create(_data.Path, new StubChatClient(words: 40));
        using var client = factory.CreateClient();
        var studyId = await Api.UploadProtocolAsync(client, ct);
        var draftId = await Api.CreateDraftAsync(client, studyId, ct);
        await SseClient.ReadAsync(client, $"/api/drafts/{draftId}/events", null, ct);

        async Task<string?> RandomAssignmentAsync(string query = "")
        {
            var quality = await Api.GetJsonAsync(client, $"/api/drafts/{draftId}/quality{query}", ct);
            return quality.GetProperty("elements").EnumerateArray()
                .Single(e => e.GetProperty("id").GetString() == "random_assignment").GetProperty("applicability").GetString();
        }

        var set = await PutAsync(client, studyId, """{ "randomized": true }""", ct);
        Assert.Equal("required", await RandomAssignmentAsync());
        Assert.True(Fact(set, "randomized").GetProperty("override").GetBoolean());

        var cleared = await PutAsync(client, studyId, """{ "randomized": false, "fdaRegulated": null }""", ct);
        Assert.False(Fact(cleared, "randomized").GetProperty("effective").GetBoolean());
        Assert.NotEqual("required", await RandomAssignmentAsync());
        Assert.Equal("required", await RandomAssignmentAsync("?randomized=true"));

        var quality = await Api.GetJsonAsync(client, $"/api/drafts/{draftId}/quality", ct);
        Assert.Equal("set by the user for this study (no)", quality.GetProperty("factReasons").GetProperty("randomized").GetString());

        var audit = await Api.GetJsonAsync(client, $"/api/drafts/{draftId}/audit", ct);
        // The facts are the study profile's yes/no items: the change is a profile review.
        var entry = audit.EnumerateArray().Last(e => e.GetProperty("action").GetString() == "profile_changed");
        var detail = entry.GetProperty("detail").GetString()!;
        Assert.StartsWith("study.randomized: true → false; facts.fdaRegulated: ", detail, StringComparison.Ordinal);

        var reset = await PutAsync(client, studyId, """{ "randomized": null }""", ct);
        Assert.Equal(JsonValueKind.Null, Fact(reset, "randomized").GetProperty("override").ValueKind);
    }

    [Fact]
    public async Task PutFacts_AdultsUnableToConsent_ExportAddsRepresentativeBlock()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = Api.Create(_data.Path, new StubChatClient(words: 20));
        using var client = factory.CreateClient();
        var draftId = await Api.CreateFinishedDraftAsync(client, ct);
        var studyId = (await Api.GetJsonAsync(client, $"/api/drafts/{draftId}", ct)).GetProperty("studyId").GetString()!;

        async Task<string> MarkdownAsync(string query = "")
        {
            using var response = await client.GetAsync(new Uri($"/api/drafts/{draftId}/document?format=md&draft=true{query}", UriKind.Relative), ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync(ct);
        }

        Assert.DoesNotContain("Legally authorized representative", await MarkdownAsync(), StringComparison.Ordinal);
        await PutAsync(client, studyId, """{ "adultsUnableToConsent": true }""", ct);
        Assert.Contains("Legally authorized representative", await MarkdownAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("Legally authorized representative", await MarkdownAsync("&adultsUnableToConsent=false"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "randomized": false, "coffee": true }""")]
    [InlineData("""{ "adultsUnableToConsent": true, "randomized": "maybe" }""")]
    [InlineData("""{ "randomized": 1 }""")]
    [InlineData("""[ "randomized" ]""")]
    public async Task PutFacts_BadNameOrValue_Returns400AndStoresNothing(string body)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = Api.Create(_data.Path, new StubChatClient(words: 20));
        using var client = factory.CreateClient();
        var studyId = await Api.UploadProtocolAsync(client, ct);

        using (var response = await SendAsync(client, studyId, body, ct))
        {
            await Api.AssertProblemAsync(response, HttpStatusCode.BadRequest, ct);
        }

        var facts = await Api.GetJsonAsync(client, $"/api/studies/{studyId}/facts", ct);
        Assert.All(facts.GetProperty("facts").EnumerateArray(), f => Assert.Equal(JsonValueKind.Null, f.GetProperty("override").ValueKind));
    }

    [Fact]
    public async Task Facts_UnknownStudy_Returns404()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = Api.Create(_data.Path, new StubChatClient(words: 20));
        using var client = factory.CreateClient();

        using (var get = await client.GetAsync(new Uri("/api/studies/NOPE-1/facts", UriKind.Relative), ct))
        {
            await Api.AssertProblemAsync(get, HttpStatusCode.NotFound, ct);
        }

        using var put = await SendAsync(client, "NOPE-1", """{ "randomized": true }""", ct);
        await Api.AssertProblemAsync(put, HttpStatusCode.NotFound, ct);
    }

    private static JsonElement Fact(JsonElement facts, string name) =>
        facts.GetProperty("facts").EnumerateArray().Single(f => f.GetProperty("name").GetString() == name);

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string studyId, string body, CancellationToken ct) =>
        client.PutAsync(new Uri($"/api/studies/{studyId}/facts", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"), ct);

    private static async Task<JsonElement> PutAsync(HttpClient client, string studyId, string body, CancellationToken ct)
    {
        using var response = await SendAsync(client, studyId, body, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Api.ReadJsonAsync(response, ct);
    }
}
