using System.Net;
using System.Text;
using System.Text.Json;
using IcfStudio.Server.Tests.Infrastructure;

namespace IcfStudio.Server.Tests.Studies;

/// <summary>GET /api/studies/{id}/citations/{chunkId}: the cited passage's supporting sentence, its page and its place on the page.</summary>
public sealed class CitationEndpointTests : IDisposable
{
    // A form feed starts page 2 in the middle of section 4, so its passage spans pages 1–2.
    private const string Protocol = "# TESTY: A Study of Evening Walks\n\n"
        + "## 1 Synopsis\nThis study tests whether evening walks help people sleep. About 60 participants will take part.\n\n"
        + "## 4 Study Visits\nParticipants come to the clinic for a screening visit up to 28 days before the first walk. "
        + "Each participant wears a step counter every day.\n\f"
        + "Participants who stop walking early return for a final visit 30 days later. Travel costs are paid back.\n\n"
        + "## 5 Benefits\nParticipants may sleep better.\n";

    private const string Supported = "Participants who stop walking early return for a final visit 30 days later.";

    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Citation_SentenceOnSecondPageOfPassage_ReturnsThatPageAndTheWholeSentenceRange()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = Api.Create(_data.Path, new StubChatClient(words: 20));
        using var client = factory.CreateClient();
        var (studyId, chunkId) = await UploadAsync(client, ct);

        var support = await Api.GetJsonAsync(
            client, $"/api/studies/{studyId}/citations/{chunkId}?sentence={Uri.EscapeDataString("If you stop early, you come back for a last visit 30 days later [P1].")}", ct);

        Assert.Equal(1, support.GetProperty("pageStart").GetInt32());
        Assert.Equal(2, support.GetProperty("pageEnd").GetInt32());
        Assert.Equal(2, support.GetProperty("page").GetInt32());
        Assert.Equal(Supported, Assert.Single(support.GetProperty("sentences").EnumerateArray()).GetString());
        var range = Assert.Single(support.GetProperty("highlights").EnumerateArray());
        Assert.Equal(2, range.GetProperty("page").GetInt32());
        var page = (await Api.GetJsonAsync(client, $"/api/studies/{studyId}/pages/2", ct)).GetProperty("text").GetString()!;
        Assert.Equal(Supported, page[range.GetProperty("start").GetInt32()..range.GetProperty("end").GetInt32()]);
    }

    [Fact]
    public async Task Citation_SentenceOnFirstPage_ReturnsFirstPage()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = Api.Create(_data.Path, new StubChatClient(words: 20));
        using var client = factory.CreateClient();
        var (studyId, chunkId) = await UploadAsync(client, ct);

        var support = await Api.GetJsonAsync(client, $"/api/studies/{studyId}/citations/{chunkId}?sentence={Uri.EscapeDataString("You will wear a step counter every day.")}", ct);

        Assert.Equal(1, support.GetProperty("page").GetInt32());
        Assert.Equal("Each participant wears a step counter every day.", Assert.Single(support.GetProperty("sentences").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Citation_UnknownChunkOrStudyOrLongSentence_IsProblem()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = Api.Create(_data.Path, new StubChatClient(words: 20));
        using var client = factory.CreateClient();
        var (studyId, chunkId) = await UploadAsync(client, ct);

        using var unknownChunk = await client.GetAsync(new Uri($"/api/studies/{studyId}/citations/999999", UriKind.Relative), ct);
        await Api.AssertProblemAsync(unknownChunk, HttpStatusCode.NotFound, ct);
        using var unknownStudy = await client.GetAsync(new Uri($"/api/studies/NOPE-00000000/citations/{chunkId}", UriKind.Relative), ct);
        await Api.AssertProblemAsync(unknownStudy, HttpStatusCode.NotFound, ct);
        using var tooLong = await client.GetAsync(new Uri($"/api/studies/{studyId}/citations/{chunkId}?sentence={new string('a', 2_001)}", UriKind.Relative), ct);
        await Api.AssertProblemAsync(tooLong, HttpStatusCode.BadRequest, ct);
    }

    private static async Task<(string StudyId, long ChunkId)> UploadAsync(HttpClient client, CancellationToken ct)
    {
        using var form = Api.Upload(("walks.md", Encoding.UTF8.GetBytes(Protocol)));
        using var response = await client.PostAsync(new Uri("/api/studies", UriKind.Relative), form, ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var studyId = (await Api.ReadJsonAsync(response, ct)).GetProperty("studyId").GetString()!;
        var hits = await Api.GetJsonAsync(client, $"/api/studies/{studyId}/search?q={Uri.EscapeDataString("final visit")}", ct);
        var chunk = hits.EnumerateArray().First(h => h.GetProperty("sectionPath").GetString()!.Contains("Study Visits", StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.Number, chunk.GetProperty("chunkId").ValueKind);
        return (studyId, chunk.GetProperty("chunkId").GetInt64());
    }
}
