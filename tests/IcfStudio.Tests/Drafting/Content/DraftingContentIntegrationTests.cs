using IcfStudio.Core.Drafting;
using Microsoft.Extensions.DependencyInjection;

namespace IcfStudio.Tests.Drafting.Content;

/// <summary>The content pipeline plugged into the real DraftService: offline provider, SQLite store, a real protocol.</summary>
[Collection(ProtocolCollection.Name)]
public sealed class DraftingContentIntegrationTests(ProtocolFixture fixture)
{
    [Fact]
    public async Task GenerateAsync_OfflineDefault_DraftsEverySectionWithCitationsAndMarksTheDraftOffline()
    {
        var service = fixture.Services.GetRequiredService<DraftService>();
        var ct = TestContext.Current.CancellationToken;

        var draft = await service.CreateAsync(fixture.StudyIds["lilly-nct03421379"], new DraftOptions(Provider: "offline"), "tester", ct);
        var events = new List<DraftEvent>();
        await foreach (var e in service.GenerateAsync(draft.DraftId, "tester", ct))
        {
            events.Add(e.Event);
        }

        Assert.True(draft.Offline);
        var completed = events.OfType<SectionCompleted>().ToList();
        Assert.Equal(draft.Sections.Count, completed.Count);
        Assert.Empty(events.OfType<SectionFailed>());
        Assert.All(completed, c => Assert.Equal("offline", c.Provider));
        var procedures = completed.Single(c => c.SectionId == "procedures");
        Assert.NotEmpty(procedures.Citations);
        Assert.All(procedures.Citations, c => Assert.True(c.PageStart > 0 && c.ChunkId > 0));
        Assert.Equal(procedures.Content, string.Concat(events.OfType<TokenDelta>().Where(t => t.SectionId == "procedures").Select(t => t.Content)));
    }

    [Fact]
    public async Task RegenerateAsync_WithFeedback_RevisesTheSectionVisibly()
    {
        var service = fixture.Services.GetRequiredService<DraftService>();
        var ct = TestContext.Current.CancellationToken;
        var draft = await service.CreateAsync(fixture.StudyIds["cdisc-pilot-lzzt"], new DraftOptions(Provider: "offline", Sections: ["risks"]), "tester", ct);
        var first = await LastCompletedAsync(service.GenerateAsync(draft.DraftId, "tester", ct));

        var revised = await LastCompletedAsync(service.RegenerateAsync(draft.DraftId, "risks", "Please make it shorter.", "tester", ct));

        Assert.True(revised.WordCount < first.WordCount, $"{revised.WordCount} words after 'shorter', {first.WordCount} before");
    }

    private static async Task<SectionCompleted> LastCompletedAsync(IAsyncEnumerable<SequencedDraftEvent> events)
    {
        SectionCompleted? last = null;
        await foreach (var e in events)
        {
            last = e.Event as SectionCompleted ?? last;
        }

        return last ?? throw new InvalidOperationException("no section completed");
    }
}
