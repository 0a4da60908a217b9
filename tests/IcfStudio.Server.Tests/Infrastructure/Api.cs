using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using IcfStudio.Core.Drafting.Providers;
using Microsoft.Extensions.DependencyInjection;

namespace IcfStudio.Server.Tests.Infrastructure;

/// <summary>Helpers shared by the API tests: a server with a stub LLM, a protocol to upload, and JSON reading.</summary>
internal static class Api
{
    public static readonly string[] Sections = ["risks", "benefits"];

    public static ServerFactory Create(string dataDirectory, StubChatClient stub, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null) =>
        new(dataDirectory, settings, services =>
        {
            services.AddSingleton(new ChatProviderRegistration(StubChatClient.Provider, _ => stub, DefaultModel: "stub-1"));
            if (clock is not null)
            {
                services.AddSingleton(clock);
            }
        });

    /// <summary>A small protocol in Markdown, written for these tests.</summary>
    public const string Protocol = """
        # TESTX: A Study of Walking After Heart Surgery

        Protocol number: TX-001. Sponsor: Example Heart Institute. Phase 2.

        ## 1 Synopsis
        This study tests whether a daily walking plan helps people recover after heart surgery. About 120 participants will take part.

        ## 2 Objectives
        The main objective is to compare the distance walked in six minutes after 12 weeks.

        ## 3 Study Procedures
        Participants visit the clinic four times over 12 weeks. At each visit we measure blood pressure and take a blood sample.

        ## 4 Risks
        Walking may cause muscle soreness. Blood draws may cause bruising. Adverse events will be recorded at every visit.

        ## 5 Benefits
        Participants may walk farther. Others may benefit from what is learned.
        """;

    public static MultipartFormDataContent Upload(params (string FileName, byte[] Content)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (fileName, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", fileName);
        }

        return form;
    }

    public static async Task<string> UploadProtocolAsync(HttpClient client, CancellationToken cancellationToken, string? uploadId = null)
    {
        using var form = Upload(("protocol.md", Encoding.UTF8.GetBytes(Protocol)));
        form.Add(new StringContent("TESTX"), "acronym");
        using var response = await client.PostAsync(new Uri(uploadId is null ? "/api/studies" : $"/api/studies?uploadId={uploadId}", UriKind.Relative), form, cancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await ReadJsonAsync(response, cancellationToken)).GetProperty("studyId").GetString()!;
    }

    public static async Task<string> CreateDraftAsync(HttpClient client, string studyId, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync($"/api/studies/{studyId}/drafts", new { provider = StubChatClient.Provider, sections = Sections }, cancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await ReadJsonAsync(response, cancellationToken)).GetProperty("draftId").GetString()!;
    }

    /// <summary>Uploads the test protocol, drafts it, and reads its event stream until the draft has finished.</summary>
    public static async Task<string> CreateFinishedDraftAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var draftId = await CreateDraftAsync(client, await UploadProtocolAsync(client, cancellationToken), cancellationToken);
        await SseClient.ReadAsync(client, $"/api/drafts/{draftId}/events", null, cancellationToken);
        return draftId;
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response, cancellationToken);
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return document.RootElement.Clone();
    }

    public static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, CancellationToken cancellationToken)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ReadJsonAsync(response, cancellationToken);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
    }

    public static JsonElement Section(JsonElement draft, string sectionId) =>
        draft.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("sectionId").GetString() == sectionId);

    /// <summary>
    /// The text a client shows for each section: its tokens after the section's last <c>section_start</c>
    /// (a retried or regenerated section starts again).
    /// </summary>
    public static Dictionary<string, string> ShownTexts(IReadOnlyList<SseItem<string>> items)
    {
        var texts = new Dictionary<string, StringBuilder>();
        foreach (var item in items)
        {
            if (item.EventType is not ("section_start" or "token"))
            {
                continue;
            }

            using var data = JsonDocument.Parse(item.Data);
            var sectionId = data.RootElement.GetProperty("sectionId").GetString()!;
            if (item.EventType == "section_start")
            {
                texts[sectionId] = new StringBuilder();
            }
            else
            {
                texts[sectionId].Append(data.RootElement.GetProperty("content").GetString());
            }
        }

        return texts.ToDictionary(t => t.Key, t => t.Value.ToString());
    }
}
