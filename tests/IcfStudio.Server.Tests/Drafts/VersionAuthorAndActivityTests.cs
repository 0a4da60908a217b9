using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IcfStudio.Server.Tests.Infrastructure;

namespace IcfStudio.Server.Tests.Drafts;

/// <summary>Who wrote each version (the model, or the person), and the study list's last activity.</summary>
public sealed class VersionAuthorAndActivityTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Versions_GeneratedEditedApproved_GeneratedNameProviderAndModelOthersOnlyThePerson()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = Api.Create(_data.Path, new StubChatClient(words: 20));
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Icf-User", "alice");
        var draftId = await Api.CreateFinishedDraftAsync(client, ct);

        using (var edit = await SendAsync(client, HttpMethod.Put, $"/api/drafts/{draftId}/sections/benefits", new { content = "You may walk farther." }, "\"1\"", ct))
        {
            Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        }

        using (var approve = await SendAsync(client, HttpMethod.Post, $"/api/drafts/{draftId}/sections/benefits/approve", null, null, ct))
        {
            Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        }

        var versions = (await Api.GetJsonAsync(client, $"/api/drafts/{draftId}/sections/benefits/versions", ct)).EnumerateArray().ToList();
        Assert.Equal(
            [("generated", "alice", "stub:stub-1"), ("edited", "alice", null), ("approved", "alice", null)],
            versions.Select(v => (v.GetProperty("reason").GetString(), v.GetProperty("actor").GetString(), Author(v))));
    }

    [Fact]
    public async Task Studies_DraftCreatedEditedApproved_LastActivityIsTheLatestDraftChange()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = Api.Create(_data.Path, new StubChatClient(words: 20));
        using var client = factory.CreateClient();
        var studyId = await Api.UploadProtocolAsync(client, ct);
        var uploaded = await StudyAsync(client, studyId, ct);
        Assert.Equal(uploaded.GetProperty("updatedAt").GetDateTimeOffset(), uploaded.GetProperty("lastActivityAt").GetDateTimeOffset());

        var draftId = await Api.CreateDraftAsync(client, studyId, ct);
        await SseClient.ReadAsync(client, $"/api/drafts/{draftId}/events", null, ct);
        await AssertLastActivityIsDraftChangeAsync();

        using (var edit = await SendAsync(client, HttpMethod.Put, $"/api/drafts/{draftId}/sections/risks", new { content = "Walking may make you sore." }, "\"1\"", ct))
        {
            Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        }

        await AssertLastActivityIsDraftChangeAsync();
        using (var approve = await SendAsync(client, HttpMethod.Post, $"/api/drafts/{draftId}/sections/risks/approve", null, null, ct))
        {
            Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        }

        await AssertLastActivityIsDraftChangeAsync();

        async Task AssertLastActivityIsDraftChangeAsync()
        {
            var draftChanged = (await Api.GetJsonAsync(client, $"/api/drafts/{draftId}", ct)).GetProperty("updatedAt").GetDateTimeOffset();
            var listed = (await Api.GetJsonAsync(client, "/api/studies", ct)).EnumerateArray().Single(s => s.GetProperty("studyId").GetString() == studyId);
            Assert.Equal(draftChanged, listed.GetProperty("lastActivityAt").GetDateTimeOffset());
            Assert.Equal(uploaded.GetProperty("updatedAt").GetDateTimeOffset(), listed.GetProperty("updatedAt").GetDateTimeOffset());
        }
    }

    private static string? Author(JsonElement version) =>
        version.TryGetProperty("author", out var author) && author.ValueKind == JsonValueKind.String ? author.GetString() : null;

    private static Task<JsonElement> StudyAsync(HttpClient client, string studyId, CancellationToken ct) => Api.GetJsonAsync(client, $"/api/studies/{studyId}", ct);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object? body, string? ifMatch, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request, ct);
    }
}
