using System.Security.Cryptography;
using System.Text;
using IcfStudio.Core;
using IcfStudio.Core.Drafting;
using IcfStudio.Core.Storage;
using Microsoft.Data.Sqlite;

namespace IcfStudio.Tests.Storage;

public sealed class SqliteDraftStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Citation[] Citations = [new("P1", 7, 3, 4, "5 Study Population > 5.1 Inclusion Criteria")];

    [Fact]
    public async Task CreateDraftAsync_SectionsStartPendingAtVersionZero()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        var created = await storage.CreateDraftAsync("CARDIO-00000001", "d1", Ct);

        var draft = await storage.Drafts.FindDraftAsync("d1", Ct);

        Assert.NotNull(draft);
        Assert.Equal(created with { Sections = [] }, draft with { Sections = [] });
        Assert.Equal(["purpose", "procedures", "risks"], draft.Sections.Select(s => s.SectionId));
        Assert.All(draft.Sections, s => Assert.Equal((SectionStatus.Pending, 0, "", 0), (s.Status, s.Version, s.Content, s.Citations.Count)));
        Assert.Equal(1, (await storage.Studies.FindStudyAsync("CARDIO-00000001", Ct))!.DraftCount);
        Assert.Equal("draft_created", Assert.Single(await storage.Drafts.ReadAuditAsync("d1", Ct)).Action);
    }

    [Fact]
    public async Task CreateDraftAsync_UnknownStudy_ThrowsNotFound()
    {
        using var storage = new TestStorage();
        await Assert.ThrowsAsync<NotFoundException>(() => storage.CreateDraftAsync("NOPE-1", "d1", Ct));
    }

    [Fact]
    public async Task ListDraftsAsync_NewestFirst_FilteredByStudy()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync("A-00000001", "a", Ct);
        await storage.AddSampleStudyAsync("B-00000002", "b", Ct);
        await storage.CreateDraftAsync("A-00000001", "old", Ct);
        storage.Clock.Advance(TimeSpan.FromMinutes(1));
        await storage.CreateDraftAsync("A-00000001", "new", Ct);
        await storage.CreateDraftAsync("B-00000002", "other", Ct);

        Assert.Equal(["new", "old"], (await storage.Drafts.ListDraftsAsync("A-00000001", Ct)).Select(d => d.DraftId));
        Assert.Equal(3, (await storage.Drafts.ListDraftsAsync(null, Ct)).Count);
    }

    [Fact]
    public async Task SaveSectionVersionAsync_KeepsEveryVersionWithWhoWhenWhy()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        await storage.CreateDraftAsync("CARDIO-00000001", "d1", Ct);

        var v1 = await storage.Drafts.SaveSectionVersionAsync("d1", "purpose", "You are invited [P1].", Citations, SectionStatus.Ready, VersionReason.Generated, "offline", cancellationToken: Ct);
        storage.Clock.Advance(TimeSpan.FromSeconds(30));
        var v2 = await storage.Drafts.SaveSectionVersionAsync("d1", "purpose", "You are asked to join.", [], SectionStatus.Ready, VersionReason.Regenerated, "offline", feedback: "simpler words", expectedVersion: 1, cancellationToken: Ct);
        var v3 = await storage.Drafts.SaveSectionVersionAsync("d1", "purpose", "You are asked to join.", [], SectionStatus.Approved, VersionReason.Approved, "alice", expectedVersion: 2, cancellationToken: Ct);

        Assert.Equal((1, 2, 3), (v1, v2, v3));
        var versions = await storage.Drafts.GetSectionVersionsAsync("d1", "purpose", Ct);
        Assert.Equal(3, versions.Count);
        Assert.Equal(new SectionVersion("purpose", 1, "You are invited [P1].", Citations, VersionReason.Generated, "offline", storage.Clock.GetUtcNow().AddSeconds(-30), null, SectionStatus.Ready), versions[0] with { Citations = Citations });
        Assert.Equal(Citations, versions[0].Citations);
        Assert.Equal(("simpler words", VersionReason.Regenerated), (versions[1].Feedback, versions[1].Reason));
        Assert.Equal(("alice", SectionStatus.Approved), (versions[2].Actor, versions[2].Status));

        var section = (await storage.Drafts.FindDraftAsync("d1", Ct))!.Sections.Single(s => s.SectionId == "purpose");
        Assert.Equal((3, SectionStatus.Approved, "You are asked to join.", 5), (section.Version, section.Status, section.Content, section.WordCount));
    }

    [Fact]
    public async Task SaveSectionVersionAsync_GeneratedThenEdited_KeepsAuthorBesideTheActor()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        await storage.CreateDraftAsync("CARDIO-00000001", "d1", Ct);

        await storage.Drafts.SaveSectionVersionAsync("d1", "purpose", "Text.", [], SectionStatus.Ready, VersionReason.Generated, "alice", author: "anthropic:claude-test", cancellationToken: Ct);
        await storage.Drafts.SaveSectionVersionAsync("d1", "purpose", "Edited.", [], SectionStatus.Ready, VersionReason.Edited, "bob", cancellationToken: Ct);

        var versions = await storage.Drafts.GetSectionVersionsAsync("d1", "purpose", Ct);
        Assert.Equal([("alice", "anthropic:claude-test"), ("bob", null)], versions.Select(v => (v.Actor, v.Author)));
    }

    [Fact]
    public async Task Open_VersionsStoredBeforeAuthorsWereKept_GeneratedOnesGetTheirDraftsProviderAndModel()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        await storage.CreateDraftAsync("CARDIO-00000001", "offline-draft", Ct);
        var now = storage.Clock.GetUtcNow();
        await storage.Drafts.CreateDraftAsync(
            new DraftRecord("claude-draft", "CARDIO-00000001", "anthropic", "claude-test", "us-common-rule", now, now, [new DraftSection("purpose", "Purpose", 1, SectionStatus.Pending, "", 0, [], 0)], Offline: false),
            "tester",
            Ct);
        await storage.Drafts.SaveSectionVersionAsync("claude-draft", "purpose", "Text.", [], SectionStatus.Ready, VersionReason.Generated, "alice", cancellationToken: Ct);
        await storage.Drafts.SaveSectionVersionAsync("claude-draft", "purpose", "Edited.", [], SectionStatus.Ready, VersionReason.Edited, "bob", cancellationToken: Ct);
        await storage.Drafts.SaveSectionVersionAsync("offline-draft", "purpose", "Text.", [], SectionStatus.Ready, VersionReason.Regenerated, "alice", cancellationToken: Ct);
        storage.Database.Dispose();
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(storage.DataDirectory, "icf.db")};Pooling=False"))
        {
            connection.Open();
            Sql.Execute(connection, null, MigrationRollback.To(2));
        }

        using var reopened = storage.Open();
        var drafts = new SqliteDraftStore(reopened, storage.Clock);

        Assert.Equal(["anthropic:claude-test", null], (await drafts.GetSectionVersionsAsync("claude-draft", "purpose", Ct)).Select(v => v.Author));
        Assert.Equal("offline", Assert.Single(await drafts.GetSectionVersionsAsync("offline-draft", "purpose", Ct)).Author);
    }

    [Fact]
    public async Task SaveSectionVersionAsync_StaleExpectedVersion_ThrowsConflictAndStoresNothing()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        await storage.CreateDraftAsync("CARDIO-00000001", "d1", Ct);
        await storage.Drafts.SaveSectionVersionAsync("d1", "risks", "First.", [], SectionStatus.Ready, VersionReason.Generated, "offline", cancellationToken: Ct);
        await storage.Drafts.SaveSectionVersionAsync("d1", "risks", "Second.", [], SectionStatus.Ready, VersionReason.Edited, "bob", expectedVersion: 1, cancellationToken: Ct);

        var conflict = await Assert.ThrowsAsync<VersionConflictException>(() =>
            storage.Drafts.SaveSectionVersionAsync("d1", "risks", "Stale edit.", [], SectionStatus.Ready, VersionReason.Edited, "carol", expectedVersion: 1, cancellationToken: Ct));

        Assert.Equal(2, conflict.CurrentVersion);
        Assert.Equal(2, (await storage.Drafts.GetSectionVersionsAsync("d1", "risks", Ct)).Count);
        Assert.Equal("Second.", (await storage.Drafts.FindDraftAsync("d1", Ct))!.Sections.Single(s => s.SectionId == "risks").Content);
    }

    [Fact]
    public async Task SaveSectionVersionAsync_UnknownSection_ThrowsNotFound()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        await storage.CreateDraftAsync("CARDIO-00000001", "d1", Ct);

        await Assert.ThrowsAsync<NotFoundException>(() => storage.Drafts.SaveSectionVersionAsync("d1", "nope", "x", [], SectionStatus.Ready, VersionReason.Edited, "bob", cancellationToken: Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => storage.Drafts.SetSectionStatusAsync("d9", "purpose", SectionStatus.Generating, cancellationToken: Ct));
    }

    [Fact]
    public async Task SetSectionStatusAsync_ChangesStatusAndErrorWithoutAVersion()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        await storage.CreateDraftAsync("CARDIO-00000001", "d1", Ct);

        await storage.Drafts.SetSectionStatusAsync("d1", "risks", SectionStatus.Failed, "provider overloaded", Ct);

        var section = (await storage.Drafts.FindDraftAsync("d1", Ct))!.Sections.Single(s => s.SectionId == "risks");
        Assert.Equal((SectionStatus.Failed, "provider overloaded", 0), (section.Status, section.Error, section.Version));
        Assert.Empty(await storage.Drafts.GetSectionVersionsAsync("d1", "risks", Ct));
    }

    [Fact]
    public async Task AppendEventsAsync_ReadsBackAfterASequence()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        await storage.CreateDraftAsync("CARDIO-00000001", "d1", Ct);
        Assert.Equal(0, await storage.Drafts.GetLastEventSequenceAsync("d1", Ct));

        await storage.Drafts.AppendEventsAsync("d1", [new(1, "section_start", "{\"sectionId\":\"purpose\"}"), new(2, "token", "{\"content\":\"You\"}")], Ct);
        await storage.Drafts.AppendEventsAsync("d1", [new(3, "token", "{\"content\":\" are\"}")], Ct);

        Assert.Equal(3, await storage.Drafts.GetLastEventSequenceAsync("d1", Ct));
        Assert.Equal([1L, 2L, 3L], (await storage.Drafts.ReadEventsAsync("d1", 0, Ct)).Select(e => e.Sequence));
        var after = await storage.Drafts.ReadEventsAsync("d1", 2, Ct);
        Assert.Equal(new StoredDraftEvent(3, "token", "{\"content\":\" are\"}"), Assert.Single(after));
        Assert.Empty(await storage.Drafts.ReadEventsAsync("d1", 3, Ct));
    }

    [Theory]
    [InlineData(1L, 2L)]
    [InlineData(3L, 3L)]
    [InlineData(3L, 2L)]
    public async Task AppendEventsAsync_RepeatOrStepBack_ThrowsAndStoresNothing(long first, long second)
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        await storage.CreateDraftAsync("CARDIO-00000001", "d1", Ct);
        await storage.Drafts.AppendEventsAsync("d1", [new(1, "token", "{}")], Ct);

        await Assert.ThrowsAsync<InvalidStateException>(() => storage.Drafts.AppendEventsAsync("d1", [new(first, "token", "{}"), new(second, "token", "{}")], Ct));

        Assert.Equal(1, await storage.Drafts.GetLastEventSequenceAsync("d1", Ct));
    }

    [Fact]
    public async Task AppendEventsAsync_AfterALostBatch_StoresLaterEvents()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        await storage.CreateDraftAsync("CARDIO-00000001", "d1", Ct);
        await storage.Drafts.AppendEventsAsync("d1", [new(1, "token", "{}")], Ct);

        await storage.Drafts.AppendEventsAsync("d1", [new(4, "token", "{}")], Ct);

        Assert.Equal([1L, 4L], (await storage.Drafts.ReadEventsAsync("d1", 0, Ct)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task AppendEventsAsync_SeveralDrafts_StoresEachDraftsEventsInOrder()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        await storage.CreateDraftAsync("CARDIO-00000001", "d1", Ct);
        await storage.CreateDraftAsync("CARDIO-00000001", "d2", Ct);
        await storage.Drafts.AppendEventsAsync("d2", [new(1, "token", "{}")], Ct);

        await storage.Drafts.AppendEventsAsync(
            [new DraftEventBatch("d1", [new(1, "token", "{\"content\":\"a\"}"), new(2, "token", "{}")]), new DraftEventBatch("d2", [new(2, "token", "{\"content\":\"b\"}")])],
            Ct);

        Assert.Equal([1L, 2L], (await storage.Drafts.ReadEventsAsync("d1", 0, Ct)).Select(e => e.Sequence));
        Assert.Equal(new StoredDraftEvent(2, "token", "{\"content\":\"b\"}"), (await storage.Drafts.ReadEventsAsync("d2", 1, Ct)).Single());
    }

    [Fact]
    public async Task AppendEventsAsync_SeveralDraftsOneRefused_StoresNothing()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        await storage.CreateDraftAsync("CARDIO-00000001", "d1", Ct);
        await storage.CreateDraftAsync("CARDIO-00000001", "d2", Ct);
        await storage.Drafts.AppendEventsAsync("d2", [new(5, "token", "{}")], Ct);

        await Assert.ThrowsAsync<InvalidStateException>(() => storage.Drafts.AppendEventsAsync(
            [new DraftEventBatch("d1", [new(1, "token", "{}")]), new DraftEventBatch("d2", [new(3, "token", "{}")])],
            Ct));

        Assert.Equal(0, await storage.Drafts.GetLastEventSequenceAsync("d1", Ct));
        Assert.Equal(5, await storage.Drafts.GetLastEventSequenceAsync("d2", Ct));
    }

    [Fact]
    public async Task AppendAuditAsync_RecordsContentHashInOrder()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        await storage.CreateDraftAsync("CARDIO-00000001", "d1", Ct);
        await storage.Drafts.SaveSectionVersionAsync("d1", "purpose", "Approved text.", [], SectionStatus.Approved, VersionReason.Approved, "alice", cancellationToken: Ct);
        await storage.Drafts.AppendAuditAsync("d1", "alice", "exported", null, null, null, "format=pdf", Ct);

        var audit = await storage.Drafts.ReadAuditAsync("d1", Ct);

        Assert.Equal(["draft_created", "approved", "exported"], audit.Select(a => a.Action));
        Assert.True(audit[0].Sequence < audit[1].Sequence && audit[1].Sequence < audit[2].Sequence);
        var approved = audit[1];
        Assert.Equal(("alice", "purpose", 1), (approved.Actor, approved.SectionId, approved.Version));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("Approved text."))), approved.ContentSha256);
        Assert.Equal(storage.Clock.GetUtcNow(), approved.At);
        Assert.Equal(("format=pdf", null), (audit[2].Detail, audit[2].ContentSha256));
    }

    [Fact]
    public async Task AuditLog_IsAppendOnly()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        await storage.CreateDraftAsync("CARDIO-00000001", "d1", Ct);

        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => storage.Database.WriteAsync(
            (c, t, _) => Task.FromResult(Sql.Execute(c, t, "UPDATE audit_log SET actor = 'mallory'")),
            Ct));

        Assert.Equal("tester", Assert.Single(await storage.Drafts.ReadAuditAsync("d1", Ct)).Actor);
    }

    [Fact]
    public async Task MarkUnfinishedSectionsInterruptedAsync_InterruptsGeneratingAndPending_LeavesApprovedAlone()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        await storage.CreateDraftAsync("CARDIO-00000001", "d1", Ct);
        await storage.Drafts.SaveSectionVersionAsync("d1", "purpose", "Approved.", [], SectionStatus.Approved, VersionReason.Approved, "alice", cancellationToken: Ct);
        await storage.Drafts.SetSectionStatusAsync("d1", "procedures", SectionStatus.Generating, cancellationToken: Ct);

        var count = await storage.Drafts.MarkUnfinishedSectionsInterruptedAsync(Ct);

        Assert.Equal(2, count);
        var sections = (await storage.Drafts.FindDraftAsync("d1", Ct))!.Sections.ToDictionary(s => s.SectionId);
        Assert.Equal((SectionStatus.Approved, "Approved."), (sections["purpose"].Status, sections["purpose"].Content));
        Assert.Equal(SectionStatus.Interrupted, sections["procedures"].Status);
        Assert.Equal(SectionStatus.Interrupted, sections["risks"].Status);
        Assert.Equal(0, await storage.Drafts.MarkUnfinishedSectionsInterruptedAsync(Ct));
        Assert.Equal(2, (await storage.Drafts.ReadAuditAsync("d1", Ct)).Count(a => a.Action == "interrupted"));
    }

    [Fact]
    public async Task SaveQualityAsync_GetQualityReturnsLatestVersionPerSection()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        await storage.CreateDraftAsync("CARDIO-00000001", "d1", Ct);
        await storage.Drafts.SaveQualityAsync("d1", "purpose", 1, "{\"grade\":9}", Ct);
        await storage.Drafts.SaveQualityAsync("d1", "purpose", 2, "{\"grade\":7}", Ct);
        await storage.Drafts.SaveQualityAsync("d1", "risks", 1, "{\"grade\":6}", Ct);

        var quality = await storage.Drafts.GetQualityAsync("d1", Ct);

        Assert.Equal("{\"grade\":7}", quality["purpose"]);
        Assert.Equal("{\"grade\":6}", quality["risks"]);
        Assert.Equal(2, quality.Count);
    }

    [Fact]
    public async Task ConcurrentWriters_FiftyDraftsStreamingAtOnce_LoseNothing()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        const int drafts = 50;
        const int batches = 20;
        const int batchSize = 5;
        for (var d = 0; d < drafts; d++)
        {
            await storage.CreateDraftAsync("CARDIO-00000001", $"d{d}", Ct);
        }

        // Every draft appends its batches while others write versions and everyone reads.
        var writers = Enumerable.Range(0, drafts).Select(d => Task.Run(
            async () =>
            {
                var draftId = $"d{d}";
                for (var b = 0; b < batches; b++)
                {
                    var events = Enumerable.Range(1, batchSize)
                        .Select(i => new StoredDraftEvent((b * batchSize) + i, "token", $"{{\"n\":{(b * batchSize) + i}}}"))
                        .ToList();
                    await storage.Drafts.AppendEventsAsync(draftId, events, Ct);
                    if (b % 5 == 0)
                    {
                        await storage.Drafts.SaveSectionVersionAsync(draftId, "purpose", $"text {b}", [], SectionStatus.Generating, VersionReason.Generated, "offline", cancellationToken: Ct);
                    }

                    await storage.Drafts.ReadEventsAsync(draftId, 0, Ct);
                }
            },
            Ct));
        await Task.WhenAll(writers);

        for (var d = 0; d < drafts; d++)
        {
            var events = await storage.Drafts.ReadEventsAsync($"d{d}", 0, Ct);
            Assert.Equal(Enumerable.Range(1, batches * batchSize).Select(i => (long)i), events.Select(e => e.Sequence));
            Assert.Equal(batches / 5, (await storage.Drafts.GetSectionVersionsAsync($"d{d}", "purpose", Ct)).Count);
        }
    }

    [Fact]
    public async Task TwoDatabaseInstancesOnOneFile_WritingAtOnce_WaitForEachOtherAndLoseNothing()
    {
        // Two instances stand for two processes (the server and the CLI): only SQLite's busy timeout orders their writers.
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        await storage.CreateDraftAsync("CARDIO-00000001", "server", Ct);
        await storage.CreateDraftAsync("CARDIO-00000001", "cli", Ct);
        using var otherDatabase = storage.Open();
        var other = new SqliteDraftStore(otherDatabase, storage.Clock);

        async Task AppendAsync(IDraftStore store, string draftId)
        {
            for (var i = 1; i <= 100; i++)
            {
                await store.AppendEventsAsync(draftId, [new(i, "token", "{}")], Ct);
            }
        }

        await Task.WhenAll(Task.Run(() => AppendAsync(storage.Drafts, "server"), Ct), Task.Run(() => AppendAsync(other, "cli"), Ct));

        Assert.Equal(100, await storage.Drafts.GetLastEventSequenceAsync("cli", Ct));
        Assert.Equal(100, await other.GetLastEventSequenceAsync("server", Ct));
    }

    [Fact]
    public async Task SaveSectionVersionAsync_StoresTheWordCountOfTheSharedRule()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        await storage.CreateDraftAsync("CARDIO-00000001", "d1", Ct);
        const string content = "- You will visit the clinic 4 times [P1, P2].\n- Blood tests [P3] are done.";

        await storage.Drafts.SaveSectionVersionAsync("d1", "purpose", content, Citations, SectionStatus.Ready, VersionReason.Generated, "offline", cancellationToken: Ct);

        var section = (await storage.Drafts.FindDraftAsync("d1", Ct))!.Sections.Single(s => s.SectionId == "purpose");
        Assert.Equal(11, section.WordCount);
    }
}
