using System.Text;
using System.Text.RegularExpressions;
using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Profile;
using IcfStudio.Core.Quality;
using IcfStudio.Core.Storage;
using IcfStudio.Tests.Infrastructure;

namespace IcfStudio.Tests.Profile;

public sealed class ProfileExtractorTests
{
    /// <summary>A protocol written for these tests (pages separated by form feeds), parsed and chunked as ingestion does.</summary>
    private static (StudyProfile Profile, IReadOnlyList<StoredPage> Pages) ExtractFrom(params string[] pages)
    {
        var document = ProtocolParser.Parse(Encoding.UTF8.GetBytes(string.Join('\f', pages)), "protocol.md", cancellationToken: TestContext.Current.CancellationToken);
        return ExtractFrom(document);
    }

    private static (StudyProfile Profile, IReadOnlyList<StoredPage> Pages) ExtractFrom(ProtocolDocument document)
    {
        var stored = document.Pages.Select(p => new StoredPage("S", "D", document.FileName, p.Number, p.Text)).ToList();
        var chunks = ProtocolChunker.Chunk(document.Blocks).Select(c => new ChunkHit(c.Ordinal, "D", c.Text, c.SectionPath, c.PageStart, c.PageEnd, 0)).ToList();
        var study = new StudyRecord("S", document.Metadata, [new DocumentRecord("D", document.FileName, document.Format, stored.Count, chunks.Count, "x", DateTimeOffset.UnixEpoch)], 0, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        return (ProfileExtractor.Extract(study, stored, chunks), stored);
    }

    private const string TitlePage = """
        # Therapeutic Cooling After Childhood Stroke (COOLKID)

        Protocol Number: CK-2025-01

        Sponsor Name and Address: Northwind Children's Research Network, 1 Main Street, Springfield

        ClinicalTrials.gov Identifier: NCT09876543

        Phase: 3
        """;

    private const string Background = """
        # 2 Background

        An earlier pilot trial (NCT01112223) was a phase 2 study in 40 children that was completed in 2019.
        """;

    private const string Design = """
        # 3 Study Design

        This is a randomized, double-blind, placebo-controlled trial. Participants will be randomized in a 1:1 ratio to coolumab or placebo. The placebo looks the same as coolumab but has no active medicine in it. Approximately 300 participants will be enrolled at 20 sites. Participants will be in the study for up to 12 months. There will be 6 clinic visits and 2 telephone calls. Participants stay overnight in the hospital after the first dose.

        # 4 Eligibility

        ## 4.1 Inclusion Criteria

        Children aged 2 to 17 years with an acute ischemic stroke. Assent will be obtained from children aged 7 years and older. Females who are pregnant or breastfeeding are excluded.
        """;

    private const string Treatment = """
        # 5 Study Treatment

        Coolumab (CK-101) 10 mg/kg will be given intravenously every 2 weeks for 12 weeks. Coolumab is investigational and not approved for this use. Coolumab doses are weighed before each infusion.

        # 6 Procedures

        A blood sample of 5 mL will be drawn at each visit. An MRI of the brain is done at baseline and week 12. Parents complete a questionnaire at each visit.

        # 7 Risks

        Coolumab may cause headache (common, about 1 in 10 children) and low blood pressure. Blood draws may cause bruising.

        Participants who can become pregnant must use birth control during the study.

        # 8 Benefits and Alternatives

        Your child may not benefit from taking part. The alternative treatment is standard stroke care.

        # 9 Samples and Costs

        Left-over blood samples will be stored for future research for up to 10 years if parents agree in an optional consent. Genetic testing will be done on stored DNA. If a participant withdraws, data already collected will be kept. There is no cost to take part and families receive $50 for each visit.
        """;

    [Fact]
    public void Extract_RealisticProtocol_FindsEveryItemTypeWithQuotesOnTheirPages()
    {
        var (profile, pages) = ExtractFrom(TitlePage, Background, Design, Treatment);

        Assert.Equal("NCT09876543", profile.Value("identity.nctId"));
        Assert.Equal("COOLKID", profile.Value("identity.acronym"));
        Assert.Equal("Phase 3", profile.Value("identity.phase"));
        Assert.Equal("300", profile.Value("study.plannedParticipants"));
        Assert.Equal("12 months", profile.Value("participation.duration"));
        Assert.Equal("2 to 17 years", profile.Value("audience.ageRange"));
        Assert.Equal("true", profile.Value("audience.enrollsMinors"));
        Assert.Equal("7", profile.Value("audience.assentFromAge"));
        Assert.Equal("true", profile.Value("study.randomized"));
        Assert.Equal("1:1", profile.Value("study.allocationRatio"));
        Assert.Equal("double-blind", profile.Value("study.blinding"));
        Assert.Equal("placebo", profile.Value("comparator.kind"));
        Assert.Equal("Coolumab", profile.Value("intervention[0].name"));
        Assert.Equal("CK-101", profile.Value("intervention[0].otherNames"));
        Assert.Equal("intravenously", profile.Value("intervention[0].route"));
        Assert.Contains(profile.Items, i => i.Key.StartsWith("procedure[", StringComparison.Ordinal) && i.Value == "blood draw");
        Assert.Contains(profile.Items, i => i.Key.StartsWith("procedure[", StringComparison.Ordinal) && i.Value == "MRI");
        Assert.Contains(profile.Items, i => i.Key.StartsWith("risk[", StringComparison.Ordinal) && i.Value == "headache");
        Assert.Contains(profile.Items, i => i.Key.StartsWith("risk[", StringComparison.Ordinal) && i.Value == "low blood pressure");
        Assert.Contains(profile.Items, i => i.Key.StartsWith("risk[", StringComparison.Ordinal) && i.Key.EndsWith(".frequency", StringComparison.Ordinal));
        foreach (var key in new[] { "risks.reproductive", "benefits.statement", "alternatives.statement", "storage.samples", "storage.genetic", "storage.optional", "storage.onWithdrawal", "costs.statement", "payment.statement", "participation.calls", "participation.hospitalStay", "audience.pregnancy", "audience.breastfeeding" })
        {
            Assert.True(profile.Find(key) is not null, $"{key} was not found");
        }

        Assert.All(profile.Items.Where(i => i.Origin == ProfileOrigins.Rules && i.Evidence is not null), i =>
            Assert.True(ProfileText.IsOnPage(pages.Single(p => p.Number == i.Evidence!.Page).Text, i.Evidence!.Quote), $"{i.Key}: quote not on page {i.Evidence.Page}"));
        Assert.Equal(4, profile.Find("risk[0].name")!.Evidence!.Page);
    }

    [Fact]
    public void Extract_NctCitedInBackgroundOnly_IsNotTheStudysOwn()
    {
        var (profile, _) = ExtractFrom("# A Study of Coolumab in Children\n\nSponsor: Northwind Research Inc.", Background);

        Assert.Null(profile.Value("identity.nctId"));
        Assert.Null(profile.Value("identity.phase"));
    }

    [Fact]
    public void Extract_OwnNctBesideACitedOne_PicksTheRegisteredOne()
    {
        var (profile, _) = ExtractFrom(TitlePage, Background);

        var nct = profile.Find("identity.nctId")!;
        Assert.Equal("NCT09876543", nct.Value);
        Assert.Equal(1, nct.Evidence!.Page);
        Assert.Contains("NCT09876543", nct.Evidence.Quote, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_SponsorLabelWithAddressWords_ReadsTheOrganisationNotTheLabel()
    {
        var (profile, _) = ExtractFrom(TitlePage);

        Assert.Equal("Northwind Children's Research Network", profile.Value("identity.sponsor"));
    }

    [Theory]
    [InlineData("Study Sponsor 12643 Main Road\nSponsor Contact Jane Doe, CEO", null)]
    [InlineData("LY900023\nNorthwind Pharmaceuticals Inc.", "Northwind Pharmaceuticals Inc.")]
    public void Extract_SponsorLines_NeverAnAddressOrAnotherLine(string page, string? expected)
    {
        var metadata = MetadataExtractor.Extract(new ParsedLayout([new ProtocolPage(1, page)], [], [page], null));

        Assert.Equal(expected, metadata.Sponsor?.Value);
    }

    [Theory]
    [InlineData("Hypothermia After Pediatric Cardiac Arrest (HAPCA) Trial", "HAPCA")]
    [InlineData("The BRIGHT study: a trial of light therapy in adults", "BRIGHT")]
    [InlineData("Safety of the Transdermal Therapeutic System (TTS) in Patients with Disease", null)]
    [InlineData("A Study of Examplumab (ABC1234) in Adults", null)]
    public void Extract_TitlePageAcronym_OnlyTheStudysName(string title, string? expected)
    {
        var metadata = MetadataExtractor.Extract(new ParsedLayout([new ProtocolPage(1, title)], [], [title], new MetadataField(title, 1)));

        Assert.Equal(expected, metadata.Acronym?.Value);
    }

    [Fact]
    public void Extract_PhaseOfAnOlderTrial_IsNotThisStudysPhase()
    {
        var page = "Protocol Title: Examplumab for Severe Asthma\nSponsor: Acme Biotech Inc.\n\nA previous phase 2 study of examplumab enrolled 60 patients.";
        var metadata = MetadataExtractor.Extract(new ParsedLayout([new ProtocolPage(1, page)], [], [page], null));

        Assert.Null(metadata.Phase);
    }

    [Theory]
    [InlineData("The study will enroll up to 1095 children at 40 sites.", "1095")]
    [InlineData("The sample size will be approximately 84 patients.", "84")]
    [InlineData("Approximately 300 participants will be randomized to one of two groups.", "300")]
    public void Extract_PlannedParticipants_Variants(string sentence, string expected)
    {
        var metadata = MetadataExtractor.Extract(new ParsedLayout([new ProtocolPage(1, sentence)], [], [sentence], null));

        Assert.Equal(expected, metadata.PlannedParticipants?.Value);
    }

    [Theory]
    [InlineData("Children from birth to 18 years may join.", 0, 18)]
    [InlineData("Participants aged ≥18 at the time of signing the ICF.", 18, null)]
    [InlineData("Men and women 18 years of age or older.", 18, null)]
    [InlineData("Healthy adults 18 through 55 years of age.", 18, 55)]
    public void AgeRange_EligibilityWordings_ReadMinAndMax(string text, int? min, int? max)
    {
        var ages = ProfileRules.AgeRange(text);

        Assert.NotNull(ages);
        Assert.Equal(min, ages.Value.Min);
        Assert.Equal(max, ages.Value.Max);
    }

    public static TheoryData<string> FactsFiles()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { RepoPaths.SharedProtocols, Path.Combine(RepoPaths.SharedProtocols, "dev") })
        {
            foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.facts.json").Order(StringComparer.Ordinal).ToArray() : [])
            {
                data.Add(Path.GetRelativePath(RepoPaths.SharedProtocols, file));
            }
        }

        if (data.Count == 0)
        {
            data.Add("alexion-nct04573309.facts.json");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FactsFiles))]
    public void Extract_SharedProtocol_OwnNctIdOrNoneAndEveryQuoteOnItsPage(string factsFile)
    {
        var facts = SharedData.Require("protocols", factsFile);
        var pdf = facts[..^".facts.json".Length] + ".pdf";
        var document = ProtocolParser.Parse(File.ReadAllBytes(pdf), Path.GetFileName(pdf), cancellationToken: TestContext.Current.CancellationToken);

        var (profile, pages) = ExtractFrom(document);

        // The file name carries the study's registered number: the profile names it or none, never another trial's.
        if (Regex.Match(Path.GetFileName(pdf), @"nct\d{8}") is { Success: true } own && pages.Any(p => p.Text.Contains(own.Value.ToUpperInvariant(), StringComparison.Ordinal)))
        {
            Assert.Equal(own.Value.ToUpperInvariant(), profile.Value("identity.nctId"));
        }
        else
        {
            Assert.True(profile.Value("identity.nctId") is null || Path.GetFileName(pdf).Contains(profile.Value("identity.nctId")!, StringComparison.OrdinalIgnoreCase));
        }

        Assert.All(profile.Items.Where(i => i.Evidence is not null), i =>
            Assert.True(ProfileText.IsOnPage(pages.Single(p => p.Number == i.Evidence!.Page).Text, i.Evidence!.Quote), $"{i.Key}: quote not on page {i.Evidence.Page}"));
    }
}
