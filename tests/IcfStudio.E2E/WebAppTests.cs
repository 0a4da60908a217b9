using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using IcfStudio.E2E.Infrastructure;
using Microsoft.Playwright;
using UglyToad.PdfPig;
using static Microsoft.Playwright.Assertions;

namespace IcfStudio.E2E;

/// <summary>
/// The web app in Chromium against the real server: upload, metadata review, live parallel drafting (cards and
/// outline), reload mid-stream, citations by keyboard, regeneration with a diff, Approve all and the PDF; a study profile
/// item corrected on the study page and used by a regenerated section. Screenshots go to artifacts/screenshots.
/// </summary>
public sealed partial class WebAppTests(LiveServer server, BrowserFixture browser) : IClassFixture<LiveServer>, IClassFixture<BrowserFixture>
{
    private static readonly string SampleProtocol = Path.Combine(E2EPaths.Samples, "cardio-protocol.pdf");

    [Fact]
    public async Task Upload_SampleProtocol_ShowsMetadataWithSourcePages()
    {
        var page = await browser.NewPageAsync(server.BaseAddress);
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Studies", Exact = true })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "01-studies");
        await BrowserFixture.AssertAccessibleAsync(page, "studies");

        await page.GetByTestId("file-input").SetInputFilesAsync(SampleProtocol);
        var review = page.GetByRole(AriaRole.Dialog);
        await Expect(review).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Expect(review).ToContainTextAsync("Review the extracted metadata");
        Assert.False(string.IsNullOrWhiteSpace(await review.GetByLabel("Acronym", new() { Exact = true }).InputValueAsync()));
        Assert.False(string.IsNullOrWhiteSpace(await review.GetByLabel("Title", new() { Exact = true }).InputValueAsync()));
        await Expect(review.GetByText(FromPage()).First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "02-metadata-review");
        await BrowserFixture.AssertAccessibleAsync(page, "metadata review");

        await review.GetByRole(AriaRole.Button, new() { Name = "Save and open study" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(StudyUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Metadata" })).ToBeVisibleAsync();
        await Expect(page.GetByText("cardio-protocol.pdf")).ToBeVisibleAsync();
        var profile = page.GetByRole(AriaRole.Region, new() { Name = "Identity" });
        await Expect(profile.GetByRole(AriaRole.Listitem, new() { Name = "Acronym", Exact = true })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "03-study");
        await BrowserFixture.AssertAccessibleAsync(page, "study");

        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("cardio", new() { IgnoreCase = true });
        await BrowserFixture.ScreenshotAsync(page, "01-studies-list");
    }

    [Fact]
    public async Task Draft_StreamsInParallel_ResumesAfterReload_RegeneratesApprovesAndDownloads()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var studyId = await UploadAsync(http, ct);

        var page = await browser.NewPageAsync(server.BaseAddress);
        await page.GotoAsync($"/studies/{Uri.EscapeDataString(studyId)}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start drafting" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(DraftUrl());
        var draftId = page.Url.Split('/').Last();

        // At least three sections grow between two samples taken while they generate.
        var cards = page.Locator("article.section-card");
        await Expect(cards.GetByText("Generating", new() { Exact = true }).Nth(2)).ToBeVisibleAsync();
        // The outline beside the cards shows every section, several of them writing at once, without scrolling.
        var outline = page.GetByRole(AriaRole.Navigation, new() { Name = "Section outline" });
        await Expect(outline.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(await cards.CountAsync());
        await Expect(outline.GetByText("Writing", new() { Exact = true }).Nth(2)).ToBeVisibleAsync();
        await Expect(outline).ToBeInViewportAsync();
        var first = await SectionLengthsAsync(page);
        await page.WaitForTimeoutAsync(700);
        var second = await SectionLengthsAsync(page);
        var grew = first.Count(kv => second.TryGetValue(kv.Key, out var later) && later > kv.Value);
        Assert.True(grew >= 3, $"expected at least 3 sections to grow at once, saw {grew}: {Describe(first)} → {Describe(second)}");
        await BrowserFixture.ScreenshotAsync(page, "04-draft-generating");

        // Reload mid-stream: the page resumes the live view and sections keep growing.
        Assert.True(await cards.GetByText("Generating", new() { Exact = true }).CountAsync() > 0, "generation finished before the reload");
        await page.ReloadAsync();
        await Expect(cards.GetByText("Generating", new() { Exact = true }).First).ToBeVisibleAsync();
        var afterReload = await SectionLengthsAsync(page);
        await page.WaitForTimeoutAsync(700);
        var later = await SectionLengthsAsync(page);
        Assert.True(
            afterReload.Any(kv => later.TryGetValue(kv.Key, out var n) && n > kv.Value),
            $"no section grew after the reload: {Describe(afterReload)} → {Describe(later)}");
        await BrowserFixture.AssertAccessibleAsync(page, "draft workspace while generating");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "All sections written" })).ToBeVisibleAsync(new() { Timeout = 180_000 });
        await Expect(page.GetByTestId("announcer")).ToContainTextAsync(" written.");

        // Word counts shown as the stream ended are the counts after a reload, in the cards and in the outline.
        var streamedWords = await WordCountsAsync(page);
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "All sections written" })).ToBeVisibleAsync();
        Assert.Equal(streamedWords, await WordCountsAsync(page));
        Assert.Equal(streamedWords.Values.ToArray(), await outline.GetByTestId("outline-words").EvaluateAllAsync<int[]>("els => els.map(e => parseInt(e.textContent.replace(/,/g, ''), 10))"));

        // What the page shows after the reload is exactly the stored text of every section.
        var draft = await http.GetFromJsonAsync<JsonElement>($"/api/drafts/{draftId}", ct);
        var shown = await SectionTextsAsync(page);
        var titles = new List<string>();
        var ids = new List<string>();
        foreach (var section in draft.GetProperty("sections").EnumerateArray())
        {
            var id = section.GetProperty("sectionId").GetString()!;
            ids.Add(id);
            titles.Add(section.GetProperty("title").GetString()!);
            Assert.Equal("ready", section.GetProperty("status").GetString());
            Assert.Equal(WithoutMarkers(section), shown[id]);
        }

        // Quality: for the whole draft beside the sections, and per section on demand.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Quality of the whole draft" })).ToBeVisibleAsync();
        var firstCard = page.Locator("article.section-card").First;
        await firstCard.GetByRole(AriaRole.Button, new() { Name = "Quality" }).ClickAsync();
        await Expect(firstCard.Locator(".quality").GetByText("Reading grade")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "05-draft-ready");
        await BrowserFixture.AssertAccessibleAsync(page, "draft workspace when ready");

        // A citation chip opens the protocol page with the passage highlighted; Esc closes it and focus returns to the chip.
        var citedCard = cards.Filter(new() { Has = page.Locator(".cite-chip") }).First;
        var chip = citedCard.Locator(".cite-chip").First;
        await chip.ClickAsync();
        var panel = page.Locator("aside.side-panel");
        await Expect(panel.Locator(".page-text")).ToBeVisibleAsync();
        await Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Close protocol page" })).ToBeFocusedAsync();
        await BrowserFixture.ScreenshotAsync(page, "06-citation");
        await BrowserFixture.AssertAccessibleAsync(page, "citation panel");
        await page.Keyboard.PressAsync("Escape");
        await Expect(panel).ToHaveCountAsync(0);
        await Expect(chip).ToBeFocusedAsync();

        // The section's chips are one Tab stop; the arrow keys move between them.
        Assert.Equal(1, await citedCard.Locator(".cite-chip[tabindex='0']").CountAsync());
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(citedCard.Locator(".cite-chip").Nth(1)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Home");
        await Expect(chip).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        Assert.False(await page.EvaluateAsync<bool>("() => document.activeElement.classList.contains('cite-chip')"), "Tab should leave the section's chips");

        // Every per-section button names its section.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true })).ToHaveCountAsync(0);
        foreach (var title in titles)
        {
            foreach (var action in new[] { "Approve", "Edit", "Regenerate", "History of" })
            {
                await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"{action} {title}", Exact = true })).ToHaveCountAsync(1);
            }
        }

        // Regenerate one section with feedback: the new text streams in as a new version, with a diff.
        var card = cards.Nth(1);
        var versionBefore = await VersionOfAsync(card);
        await card.GetByRole(AriaRole.Button, new() { Name = $"Regenerate {titles[1]}", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("What should change?").FillAsync("Use shorter sentences and explain any medical words.");
        await Expect(dialog).ToContainTextAsync("52 / 2,000 characters");
        await BrowserFixture.ScreenshotAsync(page, "07-regenerate");
        await BrowserFixture.AssertAccessibleAsync(page, "regenerate dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Regenerate" }).ClickAsync();
        await Expect(card.GetByText("Generating", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(card.GetByText("Ready for review", new() { Exact = true })).ToBeVisibleAsync(new() { Timeout = 120_000 });
        Assert.True(await VersionOfAsync(card) > versionBefore);

        await card.GetByRole(AriaRole.Button, new() { Name = $"History of {titles[1]}", Exact = true }).ClickAsync();
        var history = page.GetByRole(AriaRole.Dialog);
        await Expect(history.GetByTestId("diff")).ToBeVisibleAsync();
        await Expect(history).ToContainTextAsync("Regenerated");
        await Expect(history).ToContainTextAsync("Use shorter sentences");
        await BrowserFixture.ScreenshotAsync(page, "08-version-history");
        await BrowserFixture.AssertAccessibleAsync(page, "version history");
        await history.GetByRole(AriaRole.Button, new() { Name = "Close" }).Last.ClickAsync();

        // The outline jumps to a card and moves focus there.
        await outline.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^" + Regex.Escape(titles[^1]) + " ") }).ClickAsync();
        await Expect(page.Locator($"#section-{ids[^1]}")).ToBeFocusedAsync();

        // Approve one section on its card, then the rest with Approve all: the confirmation lists what it approves.
        await page.GetByRole(AriaRole.Button, new() { Name = $"Approve {titles[0]}", Exact = true }).ClickAsync();
        await Expect(page.Locator($"#section-{ids[0]}").GetByText("Approved", new() { Exact = true })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Approve all", Exact = true }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = "Approve all sections" });
        var listed = confirm.GetByRole(AriaRole.List, new() { Name = "Sections to approve" }).GetByRole(AriaRole.Listitem);
        await Expect(listed).ToHaveTextAsync(titles.Skip(1).ToArray());
        await Expect(confirm).ToContainTextAsync($"Already approved, skipped: {titles[0]}.");
        await BrowserFixture.ScreenshotAsync(page, "09-approve-all");
        await BrowserFixture.AssertAccessibleAsync(page, "approve all confirmation");
        await confirm.GetByRole(AriaRole.Button, new() { Name = $"Approve {titles.Count - 1} sections", Exact = true }).ClickAsync();
        await Expect(confirm).ToHaveCountAsync(0);
        await Expect(page.GetByText($"{titles.Count - 1} sections approved.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Approve all", Exact = true })).ToBeFocusedAsync();
        await Expect(cards.GetByText("Approved", new() { Exact = true })).ToHaveCountAsync(titles.Count);
        var approvedDraft = await http.GetFromJsonAsync<JsonElement>($"/api/drafts/{draftId}", ct);
        Assert.All(approvedDraft.GetProperty("sections").EnumerateArray(), s => Assert.Equal("approved", s.GetProperty("status").GetString()));
        await BrowserFixture.ScreenshotAsync(page, "09-draft-approved");
        await BrowserFixture.AssertAccessibleAsync(page, "draft workspace when approved");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Final document as PDF" }).ClickAsync());
        var pdfPath = Path.Combine(Directory.CreateTempSubdirectory("icf-e2e-pdf-").FullName, download.SuggestedFilename);
        await download.SaveAsAsync(pdfPath);
        var bytes = await File.ReadAllBytesAsync(pdfPath, ct);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        using var pdf = PdfDocument.Open(bytes);
        var text = Squash(string.Join(" ", pdf.GetPages().Select(p => p.Text)));
        foreach (var title in titles)
        {
            Assert.Contains(Squash(title), text, StringComparison.OrdinalIgnoreCase);
        }

        // The outline's last link leads to the downloads.
        await outline.GetByRole(AriaRole.Link, new() { Name = "Go to downloads" }).ClickAsync();
        await Expect(page.Locator("#downloads")).ToBeFocusedAsync();

        // Tablet width: the workspace still fits; the outline folds behind a button above the cards.
        await page.SetViewportSizeAsync(768, 1024);
        var showList = outline.GetByRole(AriaRole.Button, new() { Name = "Show list" });
        await Expect(showList).ToBeVisibleAsync();
        await Expect(outline.GetByRole(AriaRole.List)).ToBeHiddenAsync();
        await showList.ClickAsync();
        await Expect(outline.GetByRole(AriaRole.List)).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "10-draft-tablet");
        await BrowserFixture.AssertAccessibleAsync(page, "draft workspace at tablet width");
    }

    [Fact]
    public async Task UnknownApiPath_IsProblemDetails_WhileAppRoutesServeTheApp()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        var api = await http.GetAsync("/api/no-such-thing", ct);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);

        var deepLink = await http.GetAsync("/drafts/some-draft", ct);
        Assert.Equal(HttpStatusCode.OK, deepLink.StatusCode);
        Assert.Contains("<div id=\"root\">", await deepLink.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StudyProfile_CorrectedOnThePanel_PersistsAfterReloadAndARegeneratedSectionUsesIt()
    {
        const string Sponsor = "Lakeside Heart Research Foundation";
        var ct = TestContext.Current.CancellationToken;
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var studyId = await UploadAsync(http, ct);
        var created = await http.PostAsJsonAsync($"/api/studies/{Uri.EscapeDataString(studyId)}/drafts", new { provider = "offline", sections = new[] { "summary" } }, ct);
        Assert.True(created.IsSuccessStatusCode, $"draft creation failed: {(int)created.StatusCode}");
        var draftId = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("draftId").GetString()!;

        // Correct the sponsor on the study page's profile panel, with the keyboard.
        var page = await browser.NewPageAsync(server.BaseAddress);
        await page.GotoAsync($"/studies/{Uri.EscapeDataString(studyId)}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit Sponsor", Exact = true }).ClickAsync();
        var field = page.GetByLabel("New value for Sponsor", new() { Exact = true });
        await field.FillAsync(Sponsor);
        await field.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Sponsor: saved." })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "11-study-profile-edited");
        await BrowserFixture.AssertAccessibleAsync(page, "study profile");

        // Stored with the study: still there after a reload.
        await page.ReloadAsync();
        var sponsor = page.GetByRole(AriaRole.Listitem, new() { Name = "Sponsor", Exact = true });
        await Expect(sponsor).ToContainTextAsync(Sponsor);
        await Expect(sponsor).ToContainTextAsync("Edited");

        // Regenerating the summary writes it from the reviewed profile.
        await page.GotoAsync($"/drafts/{Uri.EscapeDataString(draftId)}");
        var card = page.Locator("article.section-card").First;
        await Expect(card.GetByText("Ready for review", new() { Exact = true })).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await card.GetByRole(AriaRole.Button, new() { Name = "Regenerate" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Regenerate" }).ClickAsync();
        await Expect(card.Locator(".section-text")).ToContainTextAsync(Sponsor, new() { Timeout = 120_000 });
        await Expect(card.GetByText("Ready for review", new() { Exact = true })).ToBeVisibleAsync(new() { Timeout = 120_000 });
        var draft = await http.GetFromJsonAsync<JsonElement>($"/api/drafts/{draftId}", ct);
        Assert.Equal(1, draft.GetProperty("profileVersion").GetInt32());
    }

    private static async Task<string> UploadAsync(HttpClient http, CancellationToken ct)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(SampleProtocol, ct));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "files", "cardio-protocol.pdf");
        var response = await http.PostAsync("/api/studies", form, ct);
        Assert.True(response.IsSuccessStatusCode, $"upload failed: {(int)response.StatusCode}");
        var study = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        return study.GetProperty("studyId").GetString()!;
    }

    /// <summary>Each card's shown word count.</summary>
    private static async Task<Dictionary<string, int>> WordCountsAsync(IPage page) =>
        await page.EvaluateAsync<Dictionary<string, int>>(
            "() => Object.fromEntries([...document.querySelectorAll('article.section-card')].map(a => [a.dataset.sectionId, parseInt(a.querySelector('[data-testid=word-count]').textContent.replace(/,/g, ''), 10)]))");

    private static async Task<Dictionary<string, int>> SectionLengthsAsync(IPage page) =>
        await page.EvaluateAsync<Dictionary<string, int>>(
            "() => Object.fromEntries([...document.querySelectorAll('article.section-card')].map(a => [a.dataset.sectionId, (a.querySelector('.section-text')?.textContent ?? '').length]))");

    /// <summary>Each section's shown lines (bullets and subheadings without their markup), citation chips left out.</summary>
    private static async Task<Dictionary<string, string>> SectionTextsAsync(IPage page) =>
        await page.EvaluateAsync<Dictionary<string, string>>(
            """
            () => Object.fromEntries([...document.querySelectorAll('article.section-card')].map(a => {
              const text = a.querySelector('.section-text')?.cloneNode(true);
              text?.querySelectorAll('.cite-chip, .cursor').forEach(n => n.remove());
              const lines = [...(text?.children ?? [])].map(line => line.textContent).filter(line => line.trim() !== '');
              return [a.dataset.sectionId, lines.join('\n')];
            }))
            """);

    /// <summary>The stored text as the page shows it: cited markers out, bullet and heading markup off, blank lines dropped.</summary>
    private static string WithoutMarkers(JsonElement section)
    {
        var content = section.GetProperty("content").GetString() ?? "";
        var keys = section.GetProperty("citations").EnumerateArray().Select(c => c.GetProperty("key").GetString()).ToHashSet();
        var text = Marker().Replace(content, m => keys.Contains(m.Groups[1].Value) ? "" : m.Value);
        return string.Join('\n', text.Split('\n').Where(line => line.Trim().Length > 0).Select(line => LineMarkup().Replace(line, "")));
    }

    private static async Task<int> VersionOfAsync(ILocator card)
    {
        var meta = await card.Locator(".section-meta").InnerTextAsync();
        return int.Parse(VersionNumber().Match(meta).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Describe(Dictionary<string, int> lengths) => string.Join(", ", lengths.Select(kv => $"{kv.Key}={kv.Value}"));

    private static string Squash(string text) => Whitespace().Replace(text, "");

    [GeneratedRegex(@"\[([A-Za-z]{0,3}\d+)\]")]
    private static partial Regex Marker();

    [GeneratedRegex(@"^\s*(?:[-*•]|#{1,6})\s+")]
    private static partial Regex LineMarkup();

    [GeneratedRegex(@"Version (\d+)")]
    private static partial Regex VersionNumber();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("From page \\d+")]
    private static partial Regex FromPage();

    [GeneratedRegex("/studies/[^/]+$")]
    private static partial Regex StudyUrl();

    [GeneratedRegex("/drafts/[^/]+$")]
    private static partial Regex DraftUrl();

    [Fact]
    public async Task Citation_OpensThePageOfTheSupportingSentence_HighlightsItWhole()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var studyId = await UploadAsync(http, ct);
        using var created = await http.PostAsJsonAsync($"/api/studies/{Uri.EscapeDataString(studyId)}/drafts", new { sections = new[] { "summary", "procedures" } }, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var draftId = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("draftId").GetString()!;

        var page = await browser.NewPageAsync(server.BaseAddress);
        await page.GotoAsync($"/drafts/{Uri.EscapeDataString(draftId)}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "All sections written" })).ToBeVisibleAsync(new() { Timeout = 180_000 });

        // The chip sends the draft sentence it closes; the server answers with the passage's supporting sentence and its page.
        var chip = page.Locator(".section-text .cite-chip").First;
        var response = await page.RunAndWaitForResponseAsync(() => chip.ClickAsync(), r => r.Url.Contains("/citations/", StringComparison.Ordinal));
        Assert.Equal(200, response.Status);
        var sent = System.Web.HttpUtility.ParseQueryString(new Uri(response.Url).Query)["sentence"];
        Assert.False(string.IsNullOrWhiteSpace(sent), "the chip sent no draft sentence");
        Assert.DoesNotMatch(Marker(), sent!);
        var support = (await response.JsonAsync())!.Value;
        var pageNumber = support.GetProperty("page").GetInt32();
        var sentences = support.GetProperty("sentences").EnumerateArray().Select(e => Squash(e.GetString()!)).ToList();
        var overPageBreak = support.GetProperty("highlights").GetArrayLength() > sentences.Count;

        // The panel shows that page with the supporting sentences marked: whole words, each from its start to its end.
        var panel = page.Locator("aside.side-panel");
        var region = panel.GetByRole(AriaRole.Region, new() { Name = $"Text of protocol page {pageNumber}" });
        await Expect(region).ToBeVisibleAsync();
        await Expect(region.Locator("mark").First).ToBeVisibleAsync();
        var stored = await http.GetFromJsonAsync<JsonElement>(
            $"/api/studies/{Uri.EscapeDataString(studyId)}/pages/{pageNumber}?documentId={Uri.EscapeDataString(support.GetProperty("documentId").GetString()!)}", ct);
        var text = stored.GetProperty("text").GetString()!;
        foreach (var marked in await region.Locator("mark").AllTextContentsAsync())
        {
            var start = text.IndexOf(marked, StringComparison.Ordinal);
            Assert.True(start >= 0, $"the mark is not text of page {pageNumber}");
            var end = start + marked.Length;
            Assert.True(start == 0 || !char.IsLetterOrDigit(text[start - 1]), $"the mark starts inside a word: …{text[Math.Max(0, start - 10)..start]}|{marked}");
            Assert.True(end == text.Length || !char.IsLetterOrDigit(text[end]), $"the mark ends inside a word: {marked}|{text[end..Math.Min(text.Length, end + 10)]}…");
            if (overPageBreak)
            {
                Assert.Contains(sentences, s => s.Contains(Squash(marked), StringComparison.Ordinal));
            }
            else
            {
                Assert.Contains(Squash(marked), sentences);
                Assert.Matches(SentenceEnd(), marked);
            }
        }

        if (await panel.GetByRole(AriaRole.Group, new() { Name = "Cited pages" }).CountAsync() > 0)
        {
            await Expect(panel.GetByRole(AriaRole.Button, new() { Name = $"Page {pageNumber}" })).ToHaveAttributeAsync("aria-pressed", "true");
        }

        await BrowserFixture.ScreenshotAsync(page, "11-citation-sentence");
        await BrowserFixture.AssertAccessibleAsync(page, "citation panel with the supporting sentence");
    }

    [GeneratedRegex(@"[.!?:;)""”’]$")]
    private static partial Regex SentenceEnd();
}
