using System.Net;
using IcfStudio.Server.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace IcfStudio.Server.Tests.Export;

/// <summary>GET /api/drafts/{id}/document with the real engine and store and a stub LLM.</summary>
public sealed class DocumentEndpointTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Document_FinalNeedsApprovals_DraftAndFormatsWork()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = Api.Create(_data.Path, new StubChatClient(words: 40), clock: new ShiftedClock(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero)));
        using var client = factory.CreateClient();
        var draftId = await Api.CreateFinishedDraftAsync(client, ct);

        using (var refused = await client.GetAsync(new Uri($"/api/drafts/{draftId}/document?format=pdf", UriKind.Relative), ct))
        {
            await Api.AssertProblemAsync(refused, HttpStatusCode.Conflict, ct);
            Assert.Contains("not", await refused.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }

        using (var draft = await client.GetAsync(new Uri($"/api/drafts/{draftId}/document?format=pdf&draft=true", UriKind.Relative), ct))
        {
            Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
            Assert.Equal("application/pdf", draft.Content.Headers.ContentType?.MediaType);
            Assert.Equal("TESTX_ICF_v1.0_2026-03-01.pdf", draft.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            using var pdf = PdfDocument.Open(await draft.Content.ReadAsByteArrayAsync(ct));
            Assert.Contains("not yet approved", string.Join(" ", pdf.GetPage(1).GetWords().Select(w => w.Text)), StringComparison.Ordinal);
        }

        foreach (var sectionId in Api.Sections)
        {
            using var approve = await client.PostAsync(new Uri($"/api/drafts/{draftId}/sections/{sectionId}/approve", UriKind.Relative), null, ct);
            Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        }

        using (var docx = await client.GetAsync(new Uri($"/api/drafts/{draftId}/document?format=docx&annotated=true", UriKind.Relative), ct))
        {
            Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx.Content.Headers.ContentType?.MediaType);
            Assert.Equal("TESTX_ICF_v1.0_2026-03-01.docx", docx.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        }

        using (var md = await client.GetAsync(new Uri($"/api/drafts/{draftId}/document?format=md&version=2.1", UriKind.Relative), ct))
        {
            Assert.Equal(HttpStatusCode.OK, md.StatusCode);
            Assert.Equal("TESTX_ICF_v2.1_2026-03-01.md", md.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            Assert.StartsWith("# Informed Consent Form", await md.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }

        using (var bad = await client.GetAsync(new Uri($"/api/drafts/{draftId}/document?format=xls", UriKind.Relative), ct))
        {
            await Api.AssertProblemAsync(bad, HttpStatusCode.BadRequest, ct);
        }

        using var missing = await client.GetAsync(new Uri("/api/drafts/nope/document", UriKind.Relative), ct);
        await Api.AssertProblemAsync(missing, HttpStatusCode.NotFound, ct);
    }

    [Fact]
    public async Task Document_FactSetInQuery_AddsRepresentativeBlockAndRejectsBadValues()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = Api.Create(_data.Path, new StubChatClient(words: 20));
        using var client = factory.CreateClient();
        var draftId = await Api.CreateFinishedDraftAsync(client, ct);

        async Task<string> MarkdownAsync(string query)
        {
            using var response = await client.GetAsync(new Uri($"/api/drafts/{draftId}/document?format=md&draft=true{query}", UriKind.Relative), ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync(ct);
        }

        Assert.DoesNotContain("Legally authorized representative", await MarkdownAsync(""), StringComparison.Ordinal);
        Assert.Contains("Legally authorized representative", await MarkdownAsync("&adultsUnableToConsent=true"), StringComparison.Ordinal);
        using var bad = await client.GetAsync(new Uri($"/api/drafts/{draftId}/document?format=md&draft=true&adultsUnableToConsent=maybe", UriKind.Relative), ct);
        await Api.AssertProblemAsync(bad, HttpStatusCode.BadRequest, ct);
    }
}
