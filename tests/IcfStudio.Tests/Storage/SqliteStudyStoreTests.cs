using IcfStudio.Core;
using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Storage;
using Microsoft.Data.Sqlite;

namespace IcfStudio.Tests.Storage;

public sealed class SqliteStudyStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddDocumentAsync_NewStudy_RoundTripsStudyDocumentPagesAndChunks()
    {
        using var storage = new TestStorage();
        var document = await storage.AddSampleStudyAsync(sha: "ABCDEF", cancellationToken: Ct);

        var study = await storage.Studies.FindStudyAsync("CARDIO-00000001", Ct);
        Assert.NotNull(study);
        Assert.Equal(SampleProtocol.Metadata, study.Metadata);
        Assert.Equal(2, study.Metadata.Phase?.Page);
        Assert.Equal(storage.Clock.GetUtcNow(), study.CreatedAt);
        var stored = Assert.Single(study.Documents);
        Assert.Equal(document, stored);
        Assert.Equal("abcdef", stored.Sha256);
        Assert.Equal(8, stored.PageCount);
        Assert.Equal(SampleProtocol.Chunks.Count, stored.ChunkCount);
        Assert.Equal(ProtocolFormat.Text, stored.Format);

        var pages = await storage.Studies.GetPagesAsync(study.StudyId, Ct);
        Assert.Equal(Enumerable.Range(1, 8), pages.Select(p => p.Number));
        var chunks = await storage.Studies.GetChunksAsync(study.StudyId, Ct);
        Assert.Equal(SampleProtocol.Chunks.Select(c => (c.Text, c.SectionPath, c.PageStart, c.PageEnd)), chunks.Select(c => (c.Text, c.SectionPath, c.PageStart, c.PageEnd)));
        Assert.All(chunks, c => Assert.Equal(document.DocumentId, c.DocumentId));
    }

    [Fact]
    public async Task Open_Twice_AppliesMigrationsOnceAndKeepsData()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);

        using (var reopened = storage.Open())
        {
            var store = new SqliteStudyStore(reopened, storage.Clock);
            Assert.Single(await store.ListStudiesAsync(Ct));
            Assert.Equal(SqliteSchema.Migrations.Count, reopened.Read(c => Convert.ToInt32(Sql.Scalar(c, null, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal("wal", reopened.Read(c => (string)Sql.Scalar(c, null, "PRAGMA journal_mode")!));
        }

        Assert.Single(await storage.Studies.ListStudiesAsync(Ct));
    }

    [Fact]
    public async Task Open_MissingDataFolder_CreatesIt()
    {
        using var storage = new TestStorage();
        Assert.Empty(await storage.Studies.ListStudiesAsync(Ct));
        Assert.True(File.Exists(Path.Combine(storage.DataDirectory, "icf.db")));
    }

    [Fact]
    public async Task AddDocumentAsync_FailsHalfway_LeavesDatabaseUnchanged()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        var before = storage.CountRows();

        // Two pages numbered 1: the page insert fails after the study and document rows were written.
        var broken = SampleProtocol.NewDocument("OTHER-00000002", "bb02") is var d
            ? d with { Document = d.Document with { Pages = [new ProtocolPage(1, "a"), new ProtocolPage(1, "b")] } }
            : null!;
        await Assert.ThrowsAsync<SqliteException>(() => storage.Studies.AddDocumentAsync(broken, Ct));

        Assert.Equal(before, storage.CountRows());
        Assert.Null(await storage.Studies.FindStudyAsync("OTHER-00000002", Ct));
        Assert.Empty(await storage.Studies.SearchAsync("OTHER-00000002", "heart", 5, cancellationToken: Ct));
    }

    [Fact]
    public async Task AddDocumentAsync_SameHashInSameStudy_ThrowsAndChangesNothing()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        var before = storage.CountRows();

        await Assert.ThrowsAsync<InvalidStateException>(() => storage.AddSampleStudyAsync(cancellationToken: Ct));

        Assert.Equal(before, storage.CountRows());
    }

    [Fact]
    public async Task AddDocumentAsync_SecondDocument_AddsToStudyAndKeepsItsMetadata()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        storage.Clock.Advance(TimeSpan.FromMinutes(5));
        var amendment = SampleProtocol.NewDocument("CARDIO-00000001", "cc03", "amendment.txt") with { Metadata = StudyMetadata.Empty };

        await storage.Studies.AddDocumentAsync(amendment, Ct);

        var study = await storage.Studies.FindStudyAsync("CARDIO-00000001", Ct);
        Assert.NotNull(study);
        Assert.Equal(["cardio-protocol.txt", "amendment.txt"], study.Documents.Select(x => x.FileName));
        Assert.Equal(SampleProtocol.Metadata, study.Metadata);
        Assert.Equal(storage.Clock.GetUtcNow(), study.UpdatedAt);
        Assert.Equal(2 * SampleProtocol.Chunks.Count, (await storage.Studies.GetChunksAsync(study.StudyId, Ct)).Count);
    }

    [Fact]
    public async Task FindDocumentByHashAsync_FindsInAnyOrGivenStudy()
    {
        using var storage = new TestStorage();
        var document = await storage.AddSampleStudyAsync(sha: "dd04", cancellationToken: Ct);

        var anywhere = await storage.Studies.FindDocumentByHashAsync(null, "DD04", Ct);
        Assert.Equal(("CARDIO-00000001", document), anywhere);
        Assert.NotNull(await storage.Studies.FindDocumentByHashAsync("CARDIO-00000001", "dd04", Ct));
        Assert.Null(await storage.Studies.FindDocumentByHashAsync("OTHER-1", "dd04", Ct));
        Assert.Null(await storage.Studies.FindDocumentByHashAsync(null, "ee05", Ct));
    }

    [Fact]
    public async Task UpdateMetadataAsync_ReplacesMetadata_UnknownStudyThrowsNotFound()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        var edited = SampleProtocol.Metadata with { Title = new MetadataField("Edited title"), Phase = null };

        var study = await storage.Studies.UpdateMetadataAsync("CARDIO-00000001", edited, Ct);

        Assert.Equal(edited, study.Metadata);
        Assert.Equal(edited, (await storage.Studies.FindStudyAsync("CARDIO-00000001", Ct))!.Metadata);
        await Assert.ThrowsAsync<NotFoundException>(() => storage.Studies.UpdateMetadataAsync("NOPE-1", edited, Ct));
    }

    [Fact]
    public async Task DeleteStudyAsync_RemovesEverythingOfTheStudyOnly()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync("KEEP-00000001", "k1", Ct);
        await storage.CreateDraftAsync("KEEP-00000001", "draft-keep", Ct);
        var keptCounts = storage.CountRows();
        await storage.AddSampleStudyAsync("GONE-00000002", "g1", Ct);
        await storage.CreateDraftAsync("GONE-00000002", "draft-gone", Ct);
        await storage.Drafts.SaveSectionVersionAsync("draft-gone", "purpose", "Text", [], Core.Drafting.SectionStatus.Ready, Core.Drafting.VersionReason.Generated, "tester", cancellationToken: Ct);
        await storage.Drafts.AppendEventsAsync("draft-gone", [new(1, "token", "{}")], Ct);
        await storage.Drafts.SaveQualityAsync("draft-gone", "purpose", 1, "{}", Ct);

        Assert.True(await storage.Studies.DeleteStudyAsync("GONE-00000002", Ct));

        Assert.Equal(keptCounts, storage.CountRows());
        Assert.Null(await storage.Studies.FindStudyAsync("GONE-00000002", Ct));
        Assert.Null(await storage.Drafts.FindDraftAsync("draft-gone", Ct));
        Assert.Empty(await storage.Drafts.ReadAuditAsync("draft-gone", Ct));
        Assert.Empty(await storage.Studies.SearchAsync("GONE-00000002", "heart failure", 5, cancellationToken: Ct));
        Assert.NotEmpty(await storage.Studies.SearchAsync("KEEP-00000001", "heart failure", 5, cancellationToken: Ct));
        Assert.False(await storage.Studies.DeleteStudyAsync("GONE-00000002", Ct));
    }

    [Fact]
    public async Task SearchAsync_AfterAnotherDocumentIsAdded_FindsItsPassagesToo()
    {
        using var storage = new TestStorage();
        var first = await storage.AddSampleStudyAsync(cancellationToken: Ct);
        var before = await storage.Studies.SearchAsync("CARDIO-00000001", "heart failure", 10, cancellationToken: Ct);
        Assert.Equal(before, await storage.Studies.SearchAsync("CARDIO-00000001", "heart failure", 10, cancellationToken: Ct));

        var second = await storage.AddSampleStudyAsync(sha: "aa02", cancellationToken: Ct);
        var after = await storage.Studies.SearchAsync("CARDIO-00000001", "heart failure", 10, cancellationToken: Ct);

        Assert.All(before, h => Assert.Equal(first.DocumentId, h.DocumentId));
        Assert.Equal(2 * before.Count, after.Count);
        Assert.Contains(after, h => h.DocumentId == second.DocumentId);
    }

    [Fact]
    public async Task SearchAsync_RanksTheMatchingSectionFirst_WithHigherScoresFirst()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);

        var hits = await storage.Studies.SearchAsync("CARDIO-00000001", "serious adverse events reported", 3, cancellationToken: Ct);

        Assert.NotEmpty(hits);
        Assert.Equal("8 Safety > 8.1 Adverse Events", hits[0].SectionPath);
        Assert.Equal((7, 8), (hits[0].PageStart, hits[0].PageEnd));
        Assert.True(hits[0].Score > 0);
        Assert.Equal(hits.OrderByDescending(h => h.Score).Select(h => h.ChunkId), hits.Select(h => h.ChunkId));
    }

    [Fact]
    public async Task SearchAsync_Stemming_MatchesOtherWordForms()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);

        var hits = await storage.Studies.SearchAsync("CARDIO-00000001", "visiting", 1, cancellationToken: Ct);

        Assert.Equal("6 Schedule of Activities", Assert.Single(hits).SectionPath);
    }

    [Fact]
    public async Task SearchAsync_SectionFilter_RestrictsToMatchingSectionPaths()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);

        var hits = await storage.Studies.SearchAsync("CARDIO-00000001", "heart failure participants", 10, ["INCLUSION", "exclusion criteria"], Ct);

        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Contains("Criteria", h.SectionPath, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SearchAsync_OtherStudysChunks_AreNotReturned()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync("ONE-00000001", "s1", Ct);
        await storage.AddSampleStudyAsync("TWO-00000002", "s2", Ct);
        var one = (await storage.Studies.FindStudyAsync("ONE-00000001", Ct))!.Documents[0].DocumentId;

        var hits = await storage.Studies.SearchAsync("ONE-00000001", "heart", 20, cancellationToken: Ct);

        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Equal(one, h.DocumentId));
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("heart AND(")]
    [InlineData("\"unbalanced quote heart")]
    [InlineData("NEAR(heart failure, 2)")]
    [InlineData("heart* OR -kidney")]
    [InlineData("column:heart ^start {a b} [x] (y")]
    [InlineData("NOT")]
    [InlineData("'; DROP TABLE chunks; --")]
    public async Task SearchAsync_FtsSyntaxInUserText_IsSearchedAsWords(string query)
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);

        var hits = await storage.Studies.SearchAsync("CARDIO-00000001", query, 5, cancellationToken: Ct);

        Assert.NotNull(hits);
        Assert.Equal(SampleProtocol.Chunks.Count, (await storage.Studies.GetChunksAsync("CARDIO-00000001", Ct)).Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"*()^:")]
    public async Task SearchAsync_NoWords_ReturnsNothing(string query)
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);

        Assert.Empty(await storage.Studies.SearchAsync("CARDIO-00000001", query, 5, cancellationToken: Ct));
    }

    [Fact]
    public void FtsQuery_Build_QuotesTermsAndDropsStopWords()
    {
        Assert.Equal("\"heart\" OR \"failure\" OR \"near\"", FtsQuery.Build("the Heart AND( failure \"and\" NEAR*"));
        Assert.Equal("\"heart\" OR \"failure\"", FtsQuery.Build("the heart, failure"));
        Assert.Equal("\"the\"", FtsQuery.Build("the"));
        Assert.Null(FtsQuery.Build("\"(*)\""));
    }

    [Fact]
    public async Task GetPageAsync_ReturnsThePageOfTheFirstDocumentOrTheGivenOne()
    {
        using var storage = new TestStorage();
        var first = await storage.AddSampleStudyAsync(cancellationToken: Ct);
        var second = await storage.Studies.AddDocumentAsync(SampleProtocol.NewDocument("CARDIO-00000001", "ff06", "amendment.txt"), Ct);

        var page = await storage.Studies.GetPageAsync("CARDIO-00000001", 3, cancellationToken: Ct);
        Assert.Equal(new StoredPage("CARDIO-00000001", first.DocumentId, "cardio-protocol.txt", 3, "Page 3 text of the CARDIO protocol."), page);
        Assert.Equal(second.DocumentId, (await storage.Studies.GetPageAsync("CARDIO-00000001", 3, second.DocumentId, Ct))?.DocumentId);
        Assert.Null(await storage.Studies.GetPageAsync("CARDIO-00000001", 99, cancellationToken: Ct));
    }

    [Fact]
    public async Task ListStudiesAsync_DraftCreatedEditedApproved_LastActivityFollowsWhileUpdatedAtStays()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        var added = storage.Clock.GetUtcNow();
        async Task<StudyRecord> StudyAsync() => Assert.Single(await storage.Studies.ListStudiesAsync(Ct));
        Assert.Equal((added, added), ((await StudyAsync()).UpdatedAt, (await StudyAsync()).LastActivityAt));

        storage.Clock.Advance(TimeSpan.FromMinutes(5));
        await storage.CreateDraftAsync("CARDIO-00000001", "d1", Ct);
        Assert.Equal(storage.Clock.GetUtcNow(), (await StudyAsync()).LastActivityAt);

        storage.Clock.Advance(TimeSpan.FromMinutes(5));
        await storage.Drafts.SaveSectionVersionAsync("d1", "purpose", "Edited.", [], Core.Drafting.SectionStatus.Ready, Core.Drafting.VersionReason.Edited, "bob", cancellationToken: Ct);
        Assert.Equal(storage.Clock.GetUtcNow(), (await StudyAsync()).LastActivityAt);

        storage.Clock.Advance(TimeSpan.FromMinutes(5));
        await storage.Drafts.SaveSectionVersionAsync("d1", "purpose", "Edited.", [], Core.Drafting.SectionStatus.Approved, Core.Drafting.VersionReason.Approved, "bob", cancellationToken: Ct);
        var study = await StudyAsync();
        Assert.Equal(storage.Clock.GetUtcNow(), study.LastActivityAt);
        Assert.Equal(storage.Clock.GetUtcNow(), (await storage.Studies.FindStudyAsync("CARDIO-00000001", Ct))!.LastActivityAt);
        Assert.Equal(added, study.UpdatedAt);

        storage.Clock.Advance(TimeSpan.FromMinutes(5));
        await storage.Studies.UpdateMetadataAsync("CARDIO-00000001", study.Metadata, Ct);
        Assert.Equal(storage.Clock.GetUtcNow(), (await StudyAsync()).LastActivityAt);
    }

    [Fact]
    public async Task FindChunkAsync_ChunkOfTheStudy_ReturnsItAndNullForAnotherStudysChunk()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        await storage.AddSampleStudyAsync("OTHER-00000002", "bb02", Ct);
        var chunk = (await storage.Studies.GetChunksAsync("CARDIO-00000001", Ct))[1];
        var other = (await storage.Studies.GetChunksAsync("OTHER-00000002", Ct))[0];

        Assert.Equal(chunk, await storage.Studies.FindChunkAsync("CARDIO-00000001", chunk.ChunkId, Ct));
        Assert.Null(await storage.Studies.FindChunkAsync("CARDIO-00000001", other.ChunkId, Ct));
    }
}
