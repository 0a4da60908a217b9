using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using IcfStudio.Server.Drafts;
using IcfStudio.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IcfStudio.Server.Tests.Quality;

/// <summary>Quality results on the event stream and at GET /quality, after generation and after an edit.</summary>
public sealed class SectionQualityStreamTests : IDisposable
{
    private const string CtGovStatement =
        "A description of this clinical trial will be available on http://www.ClinicalTrials.gov, as required by U.S. Law. "
        + "This Web site will not include information that can identify you. At most, the Web site will include a summary of the results. "
        + "You can search this Web site at any time.";

    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Events_DraftCompletesThenSectionEdited_SectionQualityFollowsEachVersionAndReportReflectsEdit()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = Api.Create(_data.Path, new StubChatClient(words: 40));
        using var client = factory.CreateClient();
        var draftId = await Api.CreateDraftAsync(client, await Api.UploadProtocolAsync(client, ct), ct);
        await factory.Services.GetRequiredService<DraftRunner>().WhenIdleAsync(ct);

        // Replayed from storage: each section's quality comes after its completion and before the draft's end.
        var items = await SseClient.ReadAsync(client, $"/api/drafts/{draftId}/events", null, ct);
        Assert.Equal("complete", items[^1].EventType);
        foreach (var sectionId in Api.Sections)
        {
            var completed = items.FindIndex(e => e.EventType == "section_complete" && SectionOf(e) == sectionId);
            var quality = items.FindIndex(e => e.EventType == "section_quality" && SectionOf(e) == sectionId);
            Assert.InRange(completed, 0, items.Count - 1);
            Assert.InRange(quality, completed + 1, items.Count - 2);
            using var data = JsonDocument.Parse(items[quality].Data);
            Assert.Equal(1, data.RootElement.GetProperty("version").GetInt32());
            var body = data.RootElement.GetProperty("quality");
            Assert.Equal(1, body.GetProperty("version").GetInt32());
            Assert.True(body.GetProperty("readability").GetProperty("words").GetInt32() > 30);
        }

        const string Query = "?applicableClinicalTrial=true&fdaRegulated=true";
        var before = await Api.GetJsonAsync(client, $"/api/drafts/{draftId}/quality{Query}", ct);
        Assert.Equal("missing", CtGovElement(before).GetProperty("status").GetString());

        // An edit: its quality is appended to the same event log, right after what the client has seen.
        var lastId = SseClient.Id(items[^1]);
        using (var edit = await PutAsync(client, draftId, "benefits", $"You may walk farther. {CtGovStatement}", "\"1\"", ct))
        {
            Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        }

        var more = await SseClient.ReadAsync(client, $"/api/drafts/{draftId}/events", lastId.ToString(CultureInfo.InvariantCulture), ct);
        var edited = Assert.Single(more);
        Assert.Equal(("section_quality", lastId + 1), (edited.EventType, SseClient.Id(edited)));
        using (var data = JsonDocument.Parse(edited.Data))
        {
            Assert.Equal("benefits", data.RootElement.GetProperty("sectionId").GetString());
            Assert.Equal(2, data.RootElement.GetProperty("version").GetInt32());
            Assert.Equal(2, data.RootElement.GetProperty("quality").GetProperty("version").GetInt32());
        }

        var after = await Api.GetJsonAsync(client, $"/api/drafts/{draftId}/quality{Query}", ct);
        var element = CtGovElement(after);
        Assert.Equal("present", element.GetProperty("status").GetString());
        Assert.Contains(element.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("sectionId").GetString() == "benefits");
        var benefits = after.GetProperty("readability").GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("sectionId").GetString() == "benefits");
        Assert.True(benefits.GetProperty("words").GetInt32() < 70);

        // The whole log replays without gaps, the edit's quality included.
        var all = await SseClient.ReadAsync(client, $"/api/drafts/{draftId}/events", null, ct);
        Assert.Equal(SseClient.Id(edited), SseClient.Id(all[^1]));
    }

    private static string? SectionOf(SseItem<string> item)
    {
        using var data = JsonDocument.Parse(item.Data);
        return data.RootElement.TryGetProperty("sectionId", out var id) ? id.GetString() : null;
    }

    private static JsonElement CtGovElement(JsonElement report) =>
        report.GetProperty("elements").EnumerateArray().Single(e => e.GetProperty("id").GetString() == "clinicaltrials_gov_statement");

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string draftId, string sectionId, string content, string ifMatch, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/drafts/{draftId}/sections/{sectionId}", UriKind.Relative))
        {
            Content = new StringContent(JsonSerializer.Serialize(new { content }), Encoding.UTF8, "application/json"),
        };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        return await client.SendAsync(request, cancellationToken);
    }
}
