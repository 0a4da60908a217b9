using IcfStudio.Core.Drafting;
using IcfStudio.Core.Drafting.Offline;
using IcfStudio.Core.Drafting.Prompting;
using IcfStudio.Core.Drafting.Templates;
using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Quality;
using IcfStudio.Core.Storage;
using IcfStudio.Tests.Quality;

namespace IcfStudio.Tests.Drafting.Content;

/// <summary>The offline drafter's chance of each group (ICH E6 4.8.10(c)): stated from the protocol, never guessed.</summary>
public sealed class AssignmentChanceTests
{
    /// <summary>The sample facts without the words that say "randomized" (title, the visit activity "Patient randomised").</summary>
    private static FactSheet PlainFacts(params string[] arms) => new(
        ContentSamples.Facts.Metadata with { Title = new MetadataField("A Study of Cardiozan in Adults with Heart Failure", 1) },
        new UsdmFacts { Arms = arms, Interventions = ["Cardiozan"] });

    private static string Procedures(string passageText, FactSheet? facts = null, string path = "6 Study Procedures > 6.1 Study Design")
    {
        IReadOnlyList<Passage> passages = [new("P1", ContentSamples.Chunk(501, path, 20, passageText))];
        var context = ContentSamples.Context("procedures", passages) with { Facts = facts ?? PlainFacts("Cardiozan 10 mg", "Placebo") };
        var text = OfflineSectionWriter.Write(context);
        Assert.Empty(NumberCheck.Unsourced(text, context.Passages, context.Facts));
        return text;
    }

    private static ElementResult RandomAssignment(string procedures) =>
        CompletenessChecker.CheckSection(QualityTestData.Section("procedures", procedures), QualityTestData.AllApply, ["random_assignment"])
            .Single(e => e.Id == "random_assignment");

    [Fact]
    public void Write_OneToOneRatio_StatesOneInTwoAndCitesTheRatio()
    {
        var text = OfflineSectionWriter.Write(ContentSamples.Context("procedures", ContentSamples.ProcedurePassages));

        Assert.Contains("Your chance of being in each group is one in two [P1].", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1:1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_TwoToOneRatioWithNamedGroups_StatesEachGroupsChance()
    {
        var text = Procedures("Subjects will be randomized 2:1 to cardiozan 10 mg or placebo once daily.");

        Assert.Contains("Your chance of getting Cardiozan 10 mg is two in three.", text, StringComparison.Ordinal);
        Assert.Contains("Your chance of getting the dummy drug is one in three [P1].", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_RatioWithGroupsInTheOtherOrder_FollowsTheProtocolsOrder()
    {
        var text = Procedures("Subjects will be randomized in a 1:3 ratio to placebo or cardiozan 10 mg.");

        Assert.Contains("Your chance of getting the dummy drug is one in four.", text, StringComparison.Ordinal);
        Assert.Contains("Your chance of getting Cardiozan 10 mg is three in four [P1].", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_UnequalRatioWithoutNamedGroups_StatesTheSharesAndWhoKnowsWhichIsWhich()
    {
        var text = Procedures("Subjects will be randomized in a 3:1 ratio.", PlainFacts());

        Assert.Contains("Your chance is three in four or one in four, depending on the group.", text, StringComparison.Ordinal);
        Assert.Contains("which group is which [P1].", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Approximately 100 patients will be randomized to each of the 3 treatment groups.", "9 Statistics > 9.1 Sample Size")]
    [InlineData("Patients will be randomized equally to one of three treatment arms.", "6 Study Procedures > 6.1 Study Design")]
    [InlineData("Patients will be randomly assigned in a 1:1:1 ratio to placebo, low dose or high dose.", "6 Study Procedures > 6.1 Study Design")]
    public void Write_ThreeArmsWithEqualAllocation_StatesOneInThree(string passage, string path)
    {
        var text = Procedures(passage, PlainFacts("Placebo", "Cardiozan Low Dose", "Cardiozan High Dose"), path);

        Assert.Contains("Your chance of being in each group is one in three [P1].", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_EqualAllocationWithoutACount_TakesTheNumberOfGroupsFromTheStudyArms()
    {
        var text = Procedures("Patients will be randomized with equal allocation to the study arms.", PlainFacts("Placebo", "Cardiozan Low Dose", "Cardiozan High Dose"));

        Assert.Contains("Your chance of being in each group is one in three [P1].", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_RandomizedWithoutRatioOrEqualAllocation_SaysByChanceWithoutANumber()
    {
        var text = Procedures("Patients will be randomized to 1 of 3 treatment arms: placebo, low dose or high dose.", PlainFacts("Placebo", "Cardiozan Low Dose", "Cardiozan High Dose"));

        Assert.Contains("Which group you are in is picked by chance. The study team can tell you the odds for each group [P1].", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" in three", text, StringComparison.Ordinal);
        var result = RandomAssignment(text);
        Assert.Equal(ElementStatus.Missing, result.Status);
        Assert.Equal(["probability"], result.MissingParts);
    }

    [Fact]
    public void Write_EqualWordsAboutSomethingElse_AreNotTakenForEqualAllocation()
    {
        var text = Procedures("Patients will be randomized to cardiozan or placebo. Both blood tests have an equal chance of a false result.");

        Assert.Contains("The study team can tell you the odds for each group [P1].", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" in two", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_RandomizedCrossover_SaysTheOrderIsByChance()
    {
        var text = Procedures("Patients will be randomly assigned to a treatment sequence, cardiozan then placebo or the reverse.");

        Assert.Contains("The order in which you get the treatments is picked by chance.", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" in two", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("This is an open-label study. Blinding and randomization are not applicable. All participants receive cardiozan.")]
    [InlineData("This is an open-label study in which all participants receive cardiozan 10 mg once daily.")]
    public void Write_NotRandomized_HasNoChanceSentence(string passage)
    {
        var text = Procedures(passage, PlainFacts("Cardiozan 10 mg"));

        Assert.DoesNotContain("picked by chance", text, StringComparison.Ordinal);
        Assert.DoesNotContain("chance of", text, StringComparison.Ordinal);
    }

    [Fact]
    public void QualityCheck_OfflineProceduresWithRatio_FindsRandomAssignmentPresent()
    {
        var text = OfflineSectionWriter.Write(ContentSamples.Context("procedures", ContentSamples.ProcedurePassages));

        var result = RandomAssignment(text);

        Assert.Equal(ElementStatus.Present, result.Status);
        Assert.Contains(result.Evidence, e => e.Part == "probability" && e.Text.Contains("one in two", StringComparison.Ordinal));
    }

    [Fact]
    public void StatesAllocation_RecognisesRatiosEqualShareAndNotOtherRatios()
    {
        Assert.True(AssignmentChance.StatesAllocation("Subjects will be randomized in a 2:1 ratio."));
        Assert.True(AssignmentChance.StatesAllocation("Approximately 100 patients will be randomized to each of the 3 treatment groups."));
        Assert.False(AssignmentChance.StatesAllocation("The copper:molybdenum ratio in plasma is measured before randomization."));
        Assert.False(AssignmentChance.StatesAllocation("Dosing starts at 10:30 am after randomization."));
        Assert.False(AssignmentChance.StatesAllocation("Patients are randomized. The tests have an equal chance of error."));
    }

    [Fact]
    public async Task SectionContextBuilder_Procedures_BringsInThePassageThatStatesTheAllocation()
    {
        // Filler procedure chunks take every hit of the section's own queries; only the allocation lookup finds the sample size.
        var chunks = Enumerable.Range(1, 10)
            .Select(i => ContentSamples.Chunk(i, "6 Study Procedures > 6." + i + " Visit", 20 + i, $"Study procedures at visit {i}: treatment, randomization treatment assignment, dosing administration study drug, schedule of activities."))
            .Append(ContentSamples.Chunk(99, "9 Statistics > 9.1 Sample Size", 60, "Approximately 100 patients will be randomized to each of the 3 treatment groups."))
            .ToList();
        var builder = new SectionContextBuilder((_, query, k, filters, roles, _) =>
        {
            var words = query.ToLowerInvariant().Split(' ');
            IReadOnlyList<ChunkHit> hits = [.. chunks
                .Where(c => filters is null || filters.Any(f => c.SectionPath.Contains(f, StringComparison.OrdinalIgnoreCase)))
                .Where(c => roles is null || roles.Allows(c.Role))
                .Select(c => (Chunk: c, Score: words.Count(w => c.Text.Contains(w, StringComparison.OrdinalIgnoreCase))))
                .Where(x => x.Score > 0).OrderByDescending(x => x.Score).ThenBy(x => x.Chunk.ChunkId).Take(k).Select(x => x.Chunk)];
            return Task.FromResult(hits);
        });
        var sections = TemplateCatalog.Load(null).Sections;

        var procedures = await builder.BuildAsync("S-1", sections.Single(s => s.Id == "procedures"), ContentSamples.Facts, null, null, TestContext.Current.CancellationToken);
        var risks = await builder.BuildAsync("S-1", sections.Single(s => s.Id == "risks"), ContentSamples.Facts, null, null, TestContext.Current.CancellationToken);

        Assert.InRange(procedures.Passages.Count, 2, SectionContextBuilder.MaxPassages);
        Assert.Equal(99, procedures.Passages[^1].Chunk.ChunkId);
        Assert.Equal("P" + procedures.Passages.Count, procedures.Passages[^1].Key);
        Assert.DoesNotContain(risks.Passages, p => p.Chunk.ChunkId == 99);
    }
}
