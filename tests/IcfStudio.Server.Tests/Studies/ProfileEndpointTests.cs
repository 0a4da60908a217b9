using System.Net;
using System.Text;
using System.Text.Json;
using IcfStudio.Server.Tests.Infrastructure;

namespace IcfStudio.Server.Tests.Studies;

/// <summary>GET/PUT /api/studies/{id}/profile: the reviewed study profile with optimistic concurrency and an audit.</summary>
public sealed class ProfileEndpointTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task GetProfile_UploadedStudy_ListsItemsWithDetectionAndVersionETag()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = Api.Create(_data.Path, new StubChatClient(words: 20));
        using var client = factory.CreateClient();
        var studyId = await Api.UploadProtocolAsync(client, ct);

        using var response = await client.GetAsync(new Uri($"/api/studies/{studyId}/profile", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"0\"", response.Headers.ETag?.Tag);
        var json = await Api.ReadJsonAsync(response, ct);
        Assert.Equal(0, json.GetProperty("version").GetInt32());
        var number = Item(json, "identity.protocolNumber");
        Assert.Equal("identity", number.GetProperty("group").GetString());
        Assert.Equal("Protocol number", number.GetProperty("label").GetString());
        Assert.Equal("detected", number.GetProperty("state").GetString());
        Assert.Equal("TX-001", number.GetProperty("detectedValue").GetString());
        Assert.Equal("TX-001", number.GetProperty("effective").GetString());
        Assert.Equal(1, number.GetProperty("evidence").GetProperty("page").GetInt32());
        Assert.Contains("TX-001", number.GetProperty("evidence").GetProperty("quote").GetString(), StringComparison.Ordinal);
        Assert.Equal("rules", number.GetProperty("origin").GetString());
        var randomized = Item(json, "study.randomized");
        Assert.Equal("bool", randomized.GetProperty("type").GetString());
        Assert.Equal("missing", Item(json, "identity.funder").GetProperty("state").GetString());
    }

    [Fact]
    public async Task PutProfile_AcceptEditClear_StoredWithVersionAuditAndUsedByQuality()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = Api.Create(_data.Path, new StubChatClient(words: 40));
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Icf-User", "ana");
        var studyId = await Api.UploadProtocolAsync(client, ct);
        var draftId = await Api.CreateDraftAsync(client, studyId, ct);
        await SseClient.ReadAsync(client, $"/api/drafts/{draftId}/events", null, ct);
        var before = await Api.GetJsonAsync(client, $"/api/studies/{studyId}/profile", ct);
        Assert.Equal("false", Item(before, "study.randomized").GetProperty("effective").GetString());

        using var response = await PutAsync(client, studyId, "\"0\"", """
            [
              { "key": "identity.protocolNumber", "action": "accept" },
              { "key": "identity.acronym", "action": "edit", "value": "WALK-ON" },
              { "key": "identity.phase", "action": "clear" },
              { "key": "study.randomized", "action": "edit", "value": "yes" }
            ]
            """, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        var json = await Api.ReadJsonAsync(response, ct);
        Assert.Equal(1, json.GetProperty("version").GetInt32());
        Assert.Equal("accepted", Item(json, "identity.protocolNumber").GetProperty("state").GetString());
        Assert.Equal("TX-001", Item(json, "identity.protocolNumber").GetProperty("effective").GetString());
        var acronym = Item(json, "identity.acronym");
        Assert.Equal("edited", acronym.GetProperty("state").GetString());
        Assert.Equal("WALK-ON", acronym.GetProperty("effective").GetString());
        Assert.Equal("user:ana", acronym.GetProperty("origin").GetString());
        Assert.Equal("ana", acronym.GetProperty("reviewedBy").GetString());
        Assert.Equal("cleared", Item(json, "identity.phase").GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, Item(json, "identity.phase").GetProperty("effective").ValueKind);
        Assert.Equal("true", Item(json, "study.randomized").GetProperty("effective").GetString());

        // The yes/no items are the facts quality uses; the facts view shows the same review.
        var facts = await Api.GetJsonAsync(client, $"/api/studies/{studyId}/facts", ct);
        Assert.True(facts.GetProperty("facts").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "randomized").GetProperty("effective").GetBoolean());
        var quality = await Api.GetJsonAsync(client, $"/api/drafts/{draftId}/quality", ct);
        Assert.Equal("required", quality.GetProperty("elements").EnumerateArray()
            .Single(e => e.GetProperty("id").GetString() == "random_assignment").GetProperty("applicability").GetString());

        var audit = (await Api.GetJsonAsync(client, $"/api/studies/{studyId}/profile/audit", ct)).EnumerateArray().ToList();
        Assert.Equal(4, audit.Count);
        var edit = audit.Single(e => e.GetProperty("key").GetString() == "identity.acronym");
        Assert.Equal("ana", edit.GetProperty("actor").GetString());
        Assert.Equal("edit", edit.GetProperty("action").GetString());
        Assert.Equal("WALK-ON", edit.GetProperty("after").GetString());
        Assert.Equal(1, edit.GetProperty("version").GetInt32());
        Assert.True(edit.TryGetProperty("at", out _));
        var draftAudit = await Api.GetJsonAsync(client, $"/api/drafts/{draftId}/audit", ct);
        Assert.Contains(draftAudit.EnumerateArray(), e => e.GetProperty("action").GetString() == "profile_changed"
            && e.GetProperty("detail").GetString()!.Contains("identity.acronym:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PutProfile_StaleOrMissingIfMatch_Returns412Or428AndStoresNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = Api.Create(_data.Path, new StubChatClient(words: 20));
        using var client = factory.CreateClient();
        var studyId = await Api.UploadProtocolAsync(client, ct);
        const string Change = """[{ "key": "identity.acronym", "action": "edit", "value": "FIRST" }]""";
        using (var first = await PutAsync(client, studyId, "\"0\"", Change, ct))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using (var stale = await PutAsync(client, studyId, "\"0\"", """[{ "key": "identity.acronym", "action": "edit", "value": "SECOND" }]""", ct))
        {
            await Api.AssertProblemAsync(stale, HttpStatusCode.PreconditionFailed, ct);
            Assert.Equal("\"1\"", stale.Headers.ETag?.Tag);
        }

        using (var missing = await PutAsync(client, studyId, null, Change, ct))
        {
            Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        }

        var json = await Api.GetJsonAsync(client, $"/api/studies/{studyId}/profile", ct);
        Assert.Equal(1, json.GetProperty("version").GetInt32());
        Assert.Equal("FIRST", Item(json, "identity.acronym").GetProperty("effective").GetString());
    }

    [Theory]
    [InlineData("""[{ "key": "identity.acronym", "action": "edit", "value": "OK" }, { "key": "identity.coffee", "action": "edit", "value": "x" }]""")]
    [InlineData("""[{ "key": "identity.acronym", "action": "edit", "value": "OK" }, { "key": "study.randomized", "action": "edit", "value": "maybe" }]""")]
    [InlineData("""[{ "key": "identity.acronym", "action": "edit", "value": "OK" }, { "key": "audience.minAge", "action": "edit", "value": "twelve" }]""")]
    [InlineData("""[{ "key": "identity.acronym", "action": "edit", "value": "OK" }, { "key": "identity.funder", "action": "accept" }]""")]
    [InlineData("""[{ "key": "identity.acronym", "action": "approve" }]""")]
    [InlineData("""{ "identity.acronym": "OK" }""")]
    [InlineData("""[]""")]
    public async Task PutProfile_BadKeyOrValue_Returns400AndStoresNothing(string body)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = Api.Create(_data.Path, new StubChatClient(words: 20));
        using var client = factory.CreateClient();
        var studyId = await Api.UploadProtocolAsync(client, ct);

        using (var response = await PutAsync(client, studyId, "\"0\"", body, ct))
        {
            await Api.AssertProblemAsync(response, HttpStatusCode.BadRequest, ct);
        }

        var json = await Api.GetJsonAsync(client, $"/api/studies/{studyId}/profile", ct);
        Assert.Equal(0, json.GetProperty("version").GetInt32());
        Assert.All(json.GetProperty("items").EnumerateArray(), i => Assert.Equal(JsonValueKind.Null, i.GetProperty("reviewedBy").ValueKind));
        Assert.Empty((await Api.GetJsonAsync(client, $"/api/studies/{studyId}/profile/audit", ct)).EnumerateArray());
    }

    [Fact]
    public async Task Profile_UnknownStudy_Returns404()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = Api.Create(_data.Path, new StubChatClient(words: 20));
        using var client = factory.CreateClient();

        using var get = await client.GetAsync(new Uri("/api/studies/NOPE-1/profile", UriKind.Relative), ct);
        await Api.AssertProblemAsync(get, HttpStatusCode.NotFound, ct);
    }

    [Fact]
    public async Task OpenApi_DescribesProfileReview()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = Api.Create(_data.Path, new StubChatClient(words: 20));
        using var client = factory.CreateClient();

        var paths = (await Api.GetJsonAsync(client, "/openapi/v1.json", ct)).GetProperty("paths");

        var profile = paths.GetProperty("/api/studies/{studyId}/profile");
        Assert.True(profile.TryGetProperty("get", out _));
        var put = profile.GetProperty("put");
        Assert.Contains("If-Match", put.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(put.TryGetProperty("requestBody", out _));
        Assert.True(paths.TryGetProperty("/api/studies/{studyId}/profile/audit", out _));
    }

    private static JsonElement Item(JsonElement profile, string key) =>
        profile.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("key").GetString() == key);

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string studyId, string? ifMatch, string body, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/studies/{studyId}/profile", UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request, ct);
    }
}
