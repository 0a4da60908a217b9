using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IcfStudio.Server.Drafts;
using IcfStudio.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IcfStudio.Server.Tests.Drafts;

/// <summary>The whole API path with the real engine and store and a stub LLM.</summary>
public sealed class DraftWorkflowTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Workflow_UploadDraftStreamApproveEditRegenerate_VersionsAndAuditRecordEverything()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = Api.Create(_data.Path, new StubChatClient(words: 40));
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Icf-User", "alice");

        var studyId = await Api.UploadProtocolAsync(client, ct);
        Assert.StartsWith("TESTX-", studyId, StringComparison.Ordinal);
        var draftId = await Api.CreateDraftAsync(client, studyId, ct);

        // The stream from the start: every event, then it ends after the draft's last one.
        var items = await SseClient.ReadAsync(client, $"/api/drafts/{draftId}/events", null, ct);
        Assert.Equal("complete", items[^1].EventType);
        var ids = items.Select(SseClient.Id).ToList();
        Assert.Equal(1, ids[0]);
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var shown = Api.ShownTexts(items);
        var draft = await Api.GetJsonAsync(client, $"/api/drafts/{draftId}", ct);
        foreach (var sectionId in Api.Sections)
        {
            var section = Api.Section(draft, sectionId);
            Assert.Equal("ready", section.GetProperty("status").GetString());
            Assert.Equal(1, section.GetProperty("version").GetInt32());
            Assert.Equal(section.GetProperty("content").GetString(), shown[sectionId]);
        }

        // Approve one section; approving it again is not allowed.
        using (var approve = await client.PostAsync(new Uri($"/api/drafts/{draftId}/sections/risks/approve", UriKind.Relative), null, ct))
        {
            Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
            Assert.Equal("\"2\"", approve.Headers.ETag?.ToString());
            Assert.Equal("approved", (await Api.ReadJsonAsync(approve, ct)).GetProperty("status").GetString());
        }

        using (var again = await client.PostAsync(new Uri($"/api/drafts/{draftId}/sections/risks/approve", UriKind.Relative), null, ct))
        {
            await Api.AssertProblemAsync(again, HttpStatusCode.Conflict, ct);
        }

        // An edit with a stale version gets 412; with the current one it is stored.
        using (var stale = await Put(client, draftId, "benefits", "Edited text.", "\"0\"", ct))
        {
            await Api.AssertProblemAsync(stale, HttpStatusCode.PreconditionFailed, ct);
            Assert.Equal("\"1\"", stale.Headers.ETag?.ToString());
        }

        using (var edit = await Put(client, draftId, "benefits", "You may walk farther.", "\"1\"", ct))
        {
            Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
            Assert.Equal("You may walk farther.", (await Api.ReadJsonAsync(edit, ct)).GetProperty("content").GetString());
        }

        // Regenerate with feedback: the new tokens arrive on the same stream, which ends again afterwards.
        var lastId = SseClient.Id(items[^1]);
        using (var regenerate = await client.PostAsJsonAsync($"/api/drafts/{draftId}/sections/benefits/regenerate", new { feedback = "Shorter, please." }, ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, regenerate.StatusCode);
        }

        var more = await SseClient.ReadAsync(client, $"/api/drafts/{draftId}/events", lastId.ToString(CultureInfo.InvariantCulture), ct);
        Assert.Equal("section_start", more[0].EventType);
        Assert.True(SseClient.Id(more[0]) == lastId + 1);
        Assert.Contains(more, e => e.EventType == "section_complete");
        await factory.Services.GetRequiredService<DraftRunner>().WhenIdleAsync(ct);
        draft = await Api.GetJsonAsync(client, $"/api/drafts/{draftId}", ct);
        Assert.Equal(Api.Section(draft, "benefits").GetProperty("content").GetString(), Api.ShownTexts(more)["benefits"]);

        // Versions: who, when and why.
        var versions = await Api.GetJsonAsync(client, $"/api/drafts/{draftId}/sections/benefits/versions", ct);
        Assert.Equal(["generated", "edited", "regenerated"], versions.EnumerateArray().Select(v => v.GetProperty("reason").GetString()));
        Assert.Equal("alice", versions[1].GetProperty("actor").GetString());
        Assert.Equal("Shorter, please.", versions[2].GetProperty("feedback").GetString());
        var one = await Api.GetJsonAsync(client, $"/api/drafts/{draftId}/sections/benefits/versions/2", ct);
        Assert.Equal("You may walk farther.", one.GetProperty("content").GetString());
        using (var missing = await client.GetAsync(new Uri($"/api/drafts/{draftId}/sections/benefits/versions/9", UriKind.Relative), ct))
        {
            await Api.AssertProblemAsync(missing, HttpStatusCode.NotFound, ct);
        }

        var riskVersions = await Api.GetJsonAsync(client, $"/api/drafts/{draftId}/sections/risks/versions", ct);
        Assert.Equal(["generated", "approved"], riskVersions.EnumerateArray().Select(v => v.GetProperty("reason").GetString()));

        // The audit log, as JSON and CSV.
        var audit = await Api.GetJsonAsync(client, $"/api/drafts/{draftId}/audit", ct);
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("actor").GetString() == "alice" && e.GetProperty("sectionId").GetString() == "risks");
        using var csv = await client.GetAsync(new Uri($"/api/drafts/{draftId}/audit?format=csv", UriKind.Relative), ct);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync(ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("sequence,at,actor,action,sectionId,version,contentSha256,detail", lines[0]);
        Assert.Equal(audit.GetArrayLength() + 1, lines.Length);
    }

    [Fact]
    public async Task Events_ReconnectWithLastEventIdMidStreamAndAfterEnd_TokensEqualStoredText()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = Api.Create(_data.Path, new StubChatClient(words: 150, delayPerWord: TimeSpan.FromMilliseconds(2)));
        using var client = factory.CreateClient();
        var draftId = await Api.CreateDraftAsync(client, await Api.UploadProtocolAsync(client, ct), ct);

        var first = await SseClient.ReadAsync(client, $"/api/drafts/{draftId}/events", null, ct, items => items.Count(i => i.EventType == "token") >= 20);
        var lastSeen = SseClient.Id(first[^1]).ToString(CultureInfo.InvariantCulture);
        var rest = await SseClient.ReadAsync(client, $"/api/drafts/{draftId}/events", lastSeen, ct);
        await factory.Services.GetRequiredService<DraftRunner>().WhenIdleAsync(ct);
        var afterEnd = await SseClient.ReadAsync(client, $"/api/drafts/{draftId}/events", lastSeen, ct);

        var draft = await Api.GetJsonAsync(client, $"/api/drafts/{draftId}", ct);
        foreach (var combined in new[] { first.Concat(rest).ToList(), first.Concat(afterEnd).ToList() })
        {
            var ids = combined.Select(SseClient.Id).ToList();
            Assert.Equal(ids.Order(), ids);
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.Equal("complete", combined[^1].EventType);
            var shown = Api.ShownTexts(combined);
            foreach (var sectionId in Api.Sections)
            {
                Assert.Equal(Api.Section(draft, sectionId).GetProperty("content").GetString(), shown[sectionId]);
            }
        }
    }

    [Fact]
    public async Task Generation_ClientDisconnects_GenerationGoesOn()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = Api.Create(_data.Path, new StubChatClient(words: 100, delayPerWord: TimeSpan.FromMilliseconds(1)));
        using var client = factory.CreateClient();
        var draftId = await Api.CreateDraftAsync(client, await Api.UploadProtocolAsync(client, ct), ct);

        var seen = await SseClient.ReadAsync(client, $"/api/drafts/{draftId}/events", null, ct, items => items.Count >= 3);
        Assert.Equal(3, seen.Count);
        await factory.Services.GetRequiredService<DraftRunner>().WhenIdleAsync(ct);

        var draft = await Api.GetJsonAsync(client, $"/api/drafts/{draftId}", ct);
        Assert.All(Api.Sections, id => Assert.Equal("ready", Api.Section(draft, id).GetProperty("status").GetString()));
        Assert.All(Api.Sections, id => Assert.Contains("word99", Api.Section(draft, id).GetProperty("content").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sections_ActionsOnUnknownOrBusySections_ProblemDetails()
    {
        var ct = TestContext.Current.CancellationToken;
        var stub = new StubChatClient { Hang = true };
        await using var factory = Api.Create(_data.Path, stub);
        using var client = factory.CreateClient();
        var studyId = await Api.UploadProtocolAsync(client, ct);
        var draftId = await Api.CreateDraftAsync(client, studyId, ct);

        using (var edit = await Put(client, draftId, "risks", "Text", null, ct))
        {
            await Api.AssertProblemAsync(edit, HttpStatusCode.PreconditionRequired, ct);
        }

        using (var regenerate = await client.PostAsJsonAsync($"/api/drafts/{draftId}/sections/risks/regenerate", new { feedback = new string('x', 2001) }, ct))
        {
            await Api.AssertProblemAsync(regenerate, HttpStatusCode.BadRequest, ct);
        }

        using (var unknown = await client.PostAsync(new Uri($"/api/drafts/{draftId}/sections/nope/approve", UriKind.Relative), null, ct))
        {
            await Api.AssertProblemAsync(unknown, HttpStatusCode.NotFound, ct);
        }

        using (var noDraft = await client.GetAsync(new Uri("/api/drafts/D-0000000000", UriKind.Relative), ct))
        {
            await Api.AssertProblemAsync(noDraft, HttpStatusCode.NotFound, ct);
        }

        using (var badProvider = await client.PostAsJsonAsync($"/api/studies/{studyId}/drafts", new { provider = "nope" }, ct))
        {
            await Api.AssertProblemAsync(badProvider, HttpStatusCode.BadRequest, ct);
        }

        using (var busy = await client.DeleteAsync(new Uri($"/api/studies/{studyId}", UriKind.Relative), ct))
        {
            await Api.AssertProblemAsync(busy, HttpStatusCode.Conflict, ct);
        }
    }

    private static async Task<HttpResponseMessage> Put(HttpClient client, string draftId, string sectionId, string content, string? ifMatch, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/drafts/{draftId}/sections/{sectionId}")
        {
            Content = JsonContent.Create(new { content }),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request, ct);
    }
}
