using System.Net;
using System.Net.Http.Json;
using System.Text;
using IcfStudio.Server.Tests.Infrastructure;

namespace IcfStudio.Server.Tests.Studies;

public sealed class UploadTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    public static TheoryData<string, int> BadUploads => new()
    {
        { "empty", 400 },
        { "binary", 415 },
        { "no-files", 400 },
        { "wrong-field", 400 },
        { "too-many", 413 },
        { "too-large", 413 },
        { "not-multipart", 415 },
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task Upload_BadInput_ProblemDetailsAndNothingStored(string kind, int status)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = Api.Create(_data.Path, new StubChatClient(), new Dictionary<string, string?>
        {
            ["Uploads:MaxFiles"] = "2",
            ["Ingestion:MaxFileBytes"] = "4096",
        });
        using var client = factory.CreateClient();
        var text = Encoding.UTF8.GetBytes("# Protocol\n\nSome text.\n");
        HttpContent content = kind switch
        {
            "empty" => Api.Upload(("empty.pdf", [])),
            "binary" => Api.Upload(("protocol.pdf", [0x00, 0x01, 0x02, 0xFF, 0xFE, 0x00, 0x10, 0x80, 0x81, 0x00])),
            "no-files" => new MultipartFormDataContent { { new StringContent("X"), "acronym" } },
            "wrong-field" => new MultipartFormDataContent { { new ByteArrayContent(text), "file", "protocol.md" } },
            "too-many" => Api.Upload(("a.md", text), ("b.md", text), ("c.md", text)),
            "too-large" => Api.Upload(("big.md", Encoding.UTF8.GetBytes(new string('a', 5000)))),
            _ => JsonContent.Create(new { files = "protocol.md" }),
        };

        using (content)
        {
            using var response = await client.PostAsync(new Uri("/api/studies", UriKind.Relative), content, ct);
            await Api.AssertProblemAsync(response, (HttpStatusCode)status, ct);
        }

        var studies = await Api.GetJsonAsync(client, "/api/studies", ct);
        Assert.Equal(0, studies.GetArrayLength());
    }

    [Fact]
    public async Task Upload_WithUploadId_ProgressStreamEndsWithStudyId()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = Api.Create(_data.Path, new StubChatClient());
        using var client = factory.CreateClient();

        var studyId = await Api.UploadProtocolAsync(client, ct, uploadId: "up-1");
        var events = await SseClient.ReadAsync(client, "/api/uploads/up-1/events", null, ct);

        Assert.Contains(events, e => e.EventType == "progress");
        Assert.Equal("complete", events[^1].EventType);
        Assert.Contains(studyId, events[^1].Data, StringComparison.Ordinal);

        // The same file again changes nothing and says so.
        using var form = Api.Upload(("protocol.md", Encoding.UTF8.GetBytes(Api.Protocol)));
        form.Add(new StringContent(studyId), "studyId");
        using var again = await client.PostAsync(new Uri("/api/studies", UriKind.Relative), form, ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await Api.ReadJsonAsync(again, ct);
        Assert.True(body.GetProperty("documents")[0].GetProperty("alreadyIngested").GetBoolean());
    }

    [Fact]
    public async Task Studies_ReadPatchSearchPageDelete_Work()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = Api.Create(_data.Path, new StubChatClient());
        using var client = factory.CreateClient();
        var studyId = await Api.UploadProtocolAsync(client, ct);

        var study = await Api.GetJsonAsync(client, $"/api/studies/{studyId}", ct);
        Assert.Equal("protocol.md", study.GetProperty("documents")[0].GetProperty("fileName").GetString());

        using (var patch = await client.PatchAsJsonAsync($"/api/studies/{studyId}", new { title = "A New Title", sponsor = "" }, ct))
        {
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
            var metadata = (await Api.ReadJsonAsync(patch, ct)).GetProperty("metadata");
            Assert.Equal("A New Title", metadata.GetProperty("title").GetString());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, metadata.GetProperty("sponsor").ValueKind);
        }

        var hits = await Api.GetJsonAsync(client, $"/api/studies/{studyId}/search?q=blood%20sample&k=2", ct);
        Assert.InRange(hits.GetArrayLength(), 1, 2);
        Assert.Contains("blood", hits[0].GetProperty("text").GetString()!, StringComparison.OrdinalIgnoreCase);

        var page = await Api.GetJsonAsync(client, $"/api/studies/{studyId}/pages/1", ct);
        Assert.Contains("walking", page.GetProperty("text").GetString()!, StringComparison.OrdinalIgnoreCase);

        using (var noQuery = await client.GetAsync(new Uri($"/api/studies/{studyId}/search", UriKind.Relative), ct))
        {
            await Api.AssertProblemAsync(noQuery, HttpStatusCode.BadRequest, ct);
        }

        using (var delete = await client.DeleteAsync(new Uri($"/api/studies/{studyId}", UriKind.Relative), ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        using var gone = await client.GetAsync(new Uri($"/api/studies/{studyId}", UriKind.Relative), ct);
        await Api.AssertProblemAsync(gone, HttpStatusCode.NotFound, ct);
    }
}
