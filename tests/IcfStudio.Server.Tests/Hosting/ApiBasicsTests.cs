using System.Net;
using IcfStudio.Server.Studies;
using IcfStudio.Server.Tests.Infrastructure;

namespace IcfStudio.Server.Tests.Hosting;

public sealed class ApiBasicsTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task UnknownApiRoute_ProblemDetails404()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = Api.Create(_data.Path, new StubChatClient());
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/nothing/here", UriKind.Relative), ct);

        await Api.AssertProblemAsync(response, HttpStatusCode.NotFound, ct);
    }

    [Fact]
    public async Task OpenApiAndDocs_Served_DescribeTheEventStream()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = Api.Create(_data.Path, new StubChatClient());
        using var client = factory.CreateClient();

        var document = await Api.GetJsonAsync(client, "/openapi/v1.json", ct);
        var events = document.GetProperty("paths").GetProperty("/api/drafts/{draftId}/events").GetProperty("get");
        Assert.Contains("Last-Event-ID", events.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/studies", out _));

        using var docs = await client.GetAsync(new Uri("/docs", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Equal("text/html", docs.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Providers_ListsOfflineAndTheDefault()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = Api.Create(_data.Path, new StubChatClient(), new Dictionary<string, string?> { ["Drafting:Provider"] = "offline" });
        using var client = factory.CreateClient();

        var providers = await Api.GetJsonAsync(client, "/api/providers", ct);

        Assert.Equal("offline", providers.GetProperty("default").GetString());
        Assert.Contains(providers.GetProperty("providers").EnumerateArray(), p => p.GetProperty("name").GetString() == "offline" && p.GetProperty("offline").GetBoolean());
    }

    [Theory]
    [InlineData("protocol.pdf", "protocol.pdf")]
    [InlineData("C:\\Users\\me\\Desktop\\protocol v2.docx", "protocol v2.docx")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..", "upload")]
    [InlineData("a\u0000b<c>.txt", "abc.txt")]
    public void SafeFileNames_Clean_KeepsOnlyASafeLastSegment(string given, string expected) =>
        Assert.Equal(expected, SafeFileNames.Clean(given));

    [Fact]
    public void AuditCsv_Write_QuotesAndDefusesFormulas()
    {
        var csv = IcfStudio.Server.Audit.AuditCsv.Write(
        [
            new IcfStudio.Core.Drafting.AuditEntry(1, "D-1", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), "=cmd()", "edited", "risks", 2, "ab", "said \"hi\", then left"),
        ]);

        Assert.Equal(
            "sequence,at,actor,action,sectionId,version,contentSha256,detail\r\n1,2026-01-02T03:04:05.000Z,'=cmd(),edited,risks,2,ab,\"said \"\"hi\"\", then left\"\r\n",
            csv);
    }
}
