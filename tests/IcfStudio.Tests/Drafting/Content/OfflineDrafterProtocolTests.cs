using System.Text;
using IcfStudio.Core.Drafting;
using IcfStudio.Core.Drafting.Offline;
using IcfStudio.Core.Drafting.Prompting;
using IcfStudio.Core.Drafting.Templates;
using IcfStudio.Core.Quality;
using Microsoft.Extensions.DependencyInjection;

namespace IcfStudio.Tests.Drafting.Content;

/// <summary>The offline drafter on the three real ../shared protocols, every section of the default ICF template.</summary>
[Collection(ProtocolCollection.Name)]
public sealed class OfflineDrafterProtocolTests(ProtocolFixture fixture)
{
    public static TheoryData<string> Protocols => new(ProtocolFixture.Names);

    private async Task<IReadOnlyList<(SectionContext Context, string Text)>> DraftAllAsync(string protocol)
    {
        var study = await fixture.StudyAsync(protocol);
        var facts = FactSheetBuilder.Build(study);
        var builder = fixture.Services.GetRequiredService<SectionContextBuilder>();
        using var client = new OfflineChatClient();
        var result = new List<(SectionContext, string)>();
        foreach (var section in TemplateCatalog.Load(null).Sections)
        {
            var context = await builder.BuildAsync(study.StudyId, section, facts, null, null, TestContext.Current.CancellationToken);
            var (messages, options) = SectionPrompt.Build(context);
            var text = new StringBuilder();
            await foreach (var update in client.GetStreamingResponseAsync(messages, options, TestContext.Current.CancellationToken))
            {
                text.Append(update.Text);
            }

            result.Add((context, text.ToString()));
        }

        return result;
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task OfflineDraft_EveryNumber_AppearsInACitedPassageOrTheFactSheet(string protocol)
    {
        foreach (var (context, text) in await DraftAllAsync(protocol))
        {
            var unsourced = NumberCheck.Unsourced(text, context.Passages, context.Facts);
            Assert.True(unsourced.Count == 0, $"{protocol}/{context.Section.Id}: unsourced numbers {string.Join(", ", unsourced)}");
        }
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task OfflineDraft_EverySection_ReadsAtGradeEightOrBelow(string protocol)
    {
        foreach (var (context, text) in await DraftAllAsync(protocol))
        {
            var grade = Readability.FleschKincaidGrade(text);
            Assert.True(grade <= 8.0, $"{protocol}/{context.Section.Id}: Flesch-Kincaid grade {grade}");
            Assert.False(string.IsNullOrWhiteSpace(text), $"{protocol}/{context.Section.Id} is empty");
        }
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task OfflineDraft_CoreSections_CitePassagesAndProceduresHaveTheVisitTable(string protocol)
    {
        var drafts = await DraftAllAsync(protocol);

        foreach (var id in new[] { "summary", "participants", "procedures" })
        {
            var (context, text) = drafts.Single(d => d.Context.Section.Id == id);
            Assert.NotEmpty(CitationParser.Parse(text, context.Passages));
        }

        var procedures = drafts.Single(d => d.Context.Section.Id == "procedures").Text;
        Assert.Contains("| Visit | When | About how long | What happens | Research only? |", procedures, StringComparison.Ordinal);
        var participants = drafts.Single(d => d.Context.Section.Id == "participants");
        Assert.Contains($"About {participants.Context.Facts.Metadata.PlannedParticipants!.Value} people", participants.Text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task OfflineDraft_EverySection_HasNoSentenceForTheStudyTeam(string protocol)
    {
        foreach (var (context, text) in await DraftAllAsync(protocol))
        {
            var section = new DraftSection(context.Section.Id, context.Section.Title, context.Section.Order, SectionStatus.Ready, text, PlainLanguage.WordCount(text), [], 1);
            var staff = StaffFacingDetector.Find(section);
            Assert.True(staff.Count == 0, $"{protocol}/{context.Section.Id}: {string.Join(" | ", staff.Select(s => s.Sentence))}");
        }
    }

    [Fact]
    public async Task OfflineDraft_Lzzt_SummaryAndAlternativesKeepTheParticipantFactsWithoutTheStaffOnes()
    {
        var drafts = await DraftAllAsync("cdisc-pilot-lzzt");
        var summary = drafts.Single(d => d.Context.Section.Id == "summary").Text;
        var alternatives = drafts.Single(d => d.Context.Section.Id == "alternatives").Text;

        // Staff sentences of the protocol that earlier drafts restated (closing note of the quality issue).
        Assert.DoesNotContain("should occur within 2 weeks", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("must be completed and available", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Data Safety Monitoring Board", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("stopping rate", alternatives, StringComparison.Ordinal);
        Assert.DoesNotContain("MMSE", alternatives, StringComparison.Ordinal);

        // What the participant needs stays: the groups, assignment by chance, and how long the visits go on (the schedule
        // ends at Week 26; the protocol's metadata gives no duration).
        Assert.Contains("assigned by chance to 1 of 3 treatment groups", summary, StringComparison.Ordinal);
        Assert.Contains("Your study visits go on until Week 26, about 26 weeks after Week 1.", summary, StringComparison.Ordinal);
        Assert.Contains("You do not have to be in this study to get care.", alternatives, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfflineDraft_Lzzt_StatesTheOneInThreeChanceFromTheSampleSizeAndTheCheckerFindsIt()
    {
        // LZZT: "Approximately 100 patients will be randomized to each of the 3 treatment groups" (3.4.4 Sample Size).
        var (context, text) = (await DraftAllAsync("cdisc-pilot-lzzt")).Single(d => d.Context.Section.Id == "procedures");

        var citation = Assert.Single(CitationParser.Parse(text, context.Passages), c => text.Contains($"Your chance of being in each group is one in three [{c.Key}]", StringComparison.Ordinal));
        Assert.Contains("Sample Size", citation.SectionPath, StringComparison.Ordinal);
        var section = new DraftSection("procedures", context.Section.Title, context.Section.Order, SectionStatus.Ready, text, PlainLanguage.WordCount(text), [], 1);
        var result = CompletenessChecker.CheckSection(section, new QualityFacts { Randomized = true }, context.Section.ElementIds).Single(e => e.Id == "random_assignment");
        Assert.Equal(ElementStatus.Present, result.Status);
    }

    [Fact]
    public async Task OfflineDraft_LillyAndAlexion_GiveNoNumberTheProtocolDoesNotState()
    {
        // Lilly: a crossover "randomly assigned to a treatment sequence", no ratio or equal allocation stated.
        var lilly = (await DraftAllAsync("lilly-nct03421379")).Single(d => d.Context.Section.Id == "procedures").Text;
        Assert.Contains("The order in which you get the treatments is picked by chance.", lilly, StringComparison.Ordinal);
        Assert.DoesNotContain(" in two", lilly, StringComparison.Ordinal);

        // Alexion: "Blinding and randomization are not applicable": open-label, everyone gets ALXN1840.
        var alexion = (await DraftAllAsync("alexion-nct04573309")).Single(d => d.Context.Section.Id == "procedures").Text;
        Assert.DoesNotContain("picked by chance", alexion, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SectionContextBuilder_Lzzt_FindsTheSampleSizeAndSafetyParts()
    {
        var study = await fixture.StudyAsync("cdisc-pilot-lzzt");
        var facts = FactSheetBuilder.Build(study);
        var builder = fixture.Services.GetRequiredService<SectionContextBuilder>();
        var sections = TemplateCatalog.Load(null).Sections;

        var participants = await builder.BuildAsync(study.StudyId, sections.Single(s => s.Id == "participants"), facts, null, null, TestContext.Current.CancellationToken);
        var risks = await builder.BuildAsync(study.StudyId, sections.Single(s => s.Id == "risks"), facts, null, null, TestContext.Current.CancellationToken);

        Assert.Contains(participants.Passages.Take(3), p => p.Chunk.SectionPath.Contains("Sample Size", StringComparison.OrdinalIgnoreCase) || p.Chunk.SectionPath.Contains("Study Population", StringComparison.OrdinalIgnoreCase));
        Assert.All(risks.Passages.Take(3), p => Assert.Contains("Safety", p.Chunk.SectionPath, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(risks.Passages.Count, risks.Passages.Select(p => p.Chunk.ChunkId).Distinct().Count());
    }
}
