using IcfStudio.Core.Ingestion;

namespace IcfStudio.Tests.Ingestion;

public sealed class MetadataExtractionTests
{
    private static StudyMetadata Extract(params string[] pages) =>
        MetadataExtractor.Extract(new ParsedLayout(pages.Select((p, i) => new ProtocolPage(i + 1, p)).ToList(), [], pages, null));

    [Fact]
    public void Extract_LabelledTitlePage_ReadsEveryField()
    {
        var metadata = Extract(
            "Protocol Title: ACME-7: A Phase II/III Study of Examplumab in Adults\nwith Asthma\nProtocol Number: AC-2024-007\nVersion 3.1, 2 February 2024\nSponsor: Acme Biotech, Inc.\nClinicalTrials.gov: NCT01234567",
            "Synopsis\nApproximately 1,200 participants will be randomized.\nThe duration of participation is approximately 26 weeks.");

        Assert.Equal("ACME-7: A Phase II/III Study of Examplumab in Adults with Asthma", metadata.Title?.Value);
        Assert.Equal("ACME-7", metadata.Acronym?.Value);
        Assert.Equal("AC-2024-007", metadata.ProtocolNumber?.Value);
        Assert.Equal("3.1", metadata.Version?.Value);
        Assert.Equal("2 February 2024", metadata.VersionDate?.Value);
        Assert.Equal("Acme Biotech, Inc.", metadata.Sponsor?.Value);
        Assert.Equal("Phase 2/3", metadata.Phase?.Value);
        Assert.Equal(new MetadataField("NCT01234567", 1), metadata.NctId);
        Assert.Equal(new MetadataField("1200", 2), metadata.PlannedParticipants);
        Assert.Equal(new MetadataField("26 weeks", 2), metadata.Duration);
    }

    [Fact]
    public void Extract_TextWithoutFacts_LeavesFieldsEmpty()
    {
        var metadata = Extract("Some notes about a meeting.\nWe discussed the weather.");

        Assert.Equal(StudyMetadata.Empty, metadata);
    }

    [Theory]
    [InlineData("A Phase 3 Study", "Phase 3")]
    [InlineData("Phase III Trial", "Phase 3")]
    [InlineData("phase 1b dose escalation", "Phase 1b")]
    [InlineData("Phase II/III", "Phase 2/3")]
    public void NormalizePhase_Variants_AreArabic(string text, string expected) =>
        Assert.Equal(expected, MetadataExtractor.NormalizePhase(text));

    [Fact]
    public void Extract_TableTitlePage_ReadsLabelCellsWithoutColons()
    {
        var metadata = Extract(
            "CLINICAL STUDY PROTOCOL\nStudy identifier | 814207\nAbbreviated title | Examplumab Lung Imaging\nApproval date | 11 Mar 2024\n"
            + "Title | The HORIZON study: A phase 3b open label, single\narm study of examplumab on airway structure in\nsevere asthma\n"
            + "Compound number/Name | EX4410 (Examplumab)\nSponsor | Northwind Biologics Limited\n12 Harbour Street\n"
            + "Medical monitor name and contact information can be found in the study contact list.");

        Assert.Equal("The HORIZON study: A phase 3b open label, single arm study of examplumab on airway structure in severe asthma", metadata.Title?.Value);
        Assert.Equal("HORIZON", metadata.Acronym?.Value);
        Assert.Equal("Examplumab Lung Imaging", metadata.ShortTitle?.Value);
        Assert.Equal("814207", metadata.ProtocolNumber?.Value);
        Assert.Equal("11 Mar 2024", metadata.VersionDate?.Value);
        Assert.Equal("Northwind Biologics Limited", metadata.Sponsor?.Value);
        Assert.Equal("Phase 3b", metadata.Phase?.Value);
    }

    [Fact]
    public void Extract_CentredLabelCells_SponsorFromTheLineAbove_TitleSplitByTheLabelIsNone()
    {
        var metadata = Extract(
            "Clinical Study Protocol\nA Prospective Natural History\nTitle | Study of Example Neuropathy, Type 2\nRiverbend Therapeutics SPC\n"
            + "Study Sponsor | 400 Harbor Road\nSpringfield, IL 62701\nProtocol Version and Date | Version 2 (3-March2024)");

        // The title's first line sits above the label cell, so no run of the page's text quotes it whole: none, not a part.
        Assert.Null(metadata.Title);
        Assert.Equal("Riverbend Therapeutics SPC", metadata.Sponsor?.Value);
        Assert.Equal("2", metadata.Version?.Value);
        Assert.Equal("3-March2024", metadata.VersionDate?.Value);
    }

    [Fact]
    public void Extract_UnlabelledTitleAfterFieldBlock_TakesTheLongTitleLinesNotTheRevisionLine()
    {
        var metadata = Extract(
            "Protocol Number: XY123456\nDate: 02-Feb-2016\nRevised Date: 14-Jun-2019\nClinical Protocol XY123456\n"
            + "A Randomized, Double-blind Trial to Evaluate the Safety of\nExamplostat in Patients with Heart Failure\nRevised Protocol No.: 03\n"
            + "This document is the confidential and proprietary information of Westfield Pharma\nCompany and its affiliates.");

        Assert.Equal("A Randomized, Double-blind Trial to Evaluate the Safety of Examplostat in Patients with Heart Failure", metadata.Title?.Value);
        Assert.Equal("XY123456", metadata.ProtocolNumber?.Value);
        Assert.Equal("14-Jun-2019", metadata.VersionDate?.Value);
        Assert.Equal("Westfield Pharma Company", metadata.Sponsor?.Value);
    }

    [Fact]
    public void Extract_DocumentTypeHeading_IsNotTheTitle_AndRegistrationSuffixIsCut()
    {
        var metadata = Extract(
            "Clinical Trial Protocol for Medical Device\nProtocol No.: DEV-22ABC01/NCT01234567\n"
            + "A prospective, Multi-center, Randomized, Open-label,\nParallel-controlled Clinical Study of Pre-filled Example Syringes\n"
            + "Name of the investigational medical device: Example Syringes\nProtocol version No. and date: V1.0/ May 26, 2022");

        Assert.Equal("A prospective, Multi-center, Randomized, Open-label, Parallel-controlled Clinical Study of Pre-filled Example Syringes", metadata.Title?.Value);
        Assert.Equal("DEV-22ABC01", metadata.ProtocolNumber?.Value);
        Assert.Equal("1.0", metadata.Version?.Value);
        Assert.Equal("May 26, 2022", metadata.VersionDate?.Value);
    }

    [Fact]
    public void Extract_PlaceholdersAndJunkLabelValues_AreNotValues()
    {
        var metadata = Extract(
            "Project Name: Clinical Application of a Portable Example\nTraining and Evaluation System\nProject number: 2022017\n"
            + "Official Title: doctor\nProtocol No: TBD\nSponsor:\nSome City Hospital");

        Assert.Equal("Clinical Application of a Portable Example Training and Evaluation System", metadata.Title?.Value);
        Assert.Equal("2022017", metadata.ProtocolNumber?.Value);
    }

    [Fact]
    public void Extract_NoProtocolNumberButPlaceholder_LeavesItEmpty()
    {
        var metadata = Extract("A Prospective Study of Example Disease in Adults\nProtocol No: TBD\nVersion 1.0");

        Assert.Null(metadata.ProtocolNumber);
    }

    [Fact]
    public void Extract_VersionListRunningOntoNextPage_TakesTheLatestDate()
    {
        var metadata = Extract(
            "EXAMPLE: A PHASE 2 STUDY OF EXAMPLIB IN ADVANCED CANCER\nSponsor: Example University\nInitial version | v.1 28 Jul 2017\n1",
            "Amendments | v. 1.1 14 Aug 2017\nv. 2 22 Sept 2017\nv. 3 2 Dec 2021\nTable of Contents");

        Assert.Equal(new MetadataField("2 Dec 2021", 2), metadata.VersionDate);
    }

    [Fact]
    public void Extract_VersionDateBeatsABareFooterDate()
    {
        var metadata = Extract("A Prospective Study of Example Disease in Adults\nProtocol Version and Date | Version 1 (6-July2023)\nDate: 1 August 2023");

        Assert.Equal("6-July2023", metadata.VersionDate?.Value);
    }

    [Fact]
    public void Extract_VersionHistoryOnTitlePage_TakesTheLatestDate()
    {
        var metadata = Extract(
            "EXAMPLE: A PHASE 2 STUDY OF EXAMPLIB IN ADVANCED CANCER\nInitial version | v.1 28 Jul 2017\nAmendments | v. 1.1 14 Aug 2017\nv. 2 22 Sept 2017\nv. 3 2 Dec 2021");

        Assert.Equal("2 Dec 2021", metadata.VersionDate?.Value);
    }

    [Fact]
    public void Extract_RunningHeaderCutsTitle_TakesTheFullTitleBelow()
    {
        string[] pages = ["Oral example drug versus oral comparator for postpartum\nhypertension: A comparative pilot randomized\nNCT01234567\nVersion Date: 07/06/2022\n"
            + "Oral example drug versus oral comparator for\npostpartum hypertension: A comparative pilot randomized\ncontrolled trial\nStudy protocol"];
        var header = new MetadataField("Oral example drug versus oral comparator for postpartum hypertension: A comparative pilot randomized", 1);
        var metadata = MetadataExtractor.Extract(new ParsedLayout([new ProtocolPage(1, pages[0])], [], pages, header));

        Assert.Equal("Oral example drug versus oral comparator for postpartum hypertension: A comparative pilot randomized controlled trial", metadata.Title?.Value);
        Assert.Equal("07/06/2022", metadata.VersionDate?.Value);
    }

    [Fact]
    public void Extract_ShortTitleFollowedByConfidentialityNotice_StopsAtTheNotice()
    {
        var metadata = Extract(
            "A PHASE 3 STUDY OF EXAMPLE VACCINE IN HEALTHY ADULTS\nShort Title: A Phase 3 Study of Example Vaccine in\nHealthy Adults\n"
            + "This document and accompanying materials contain confidential information belonging to the sponsor.");

        Assert.Equal("A Phase 3 Study of Example Vaccine in Healthy Adults", metadata.ShortTitle?.Value);
    }

    [Fact]
    public void Extract_WrappedTableCell_KeepsItsLastLineBeforeTheNextRow()
    {
        var metadata = Extract(
            "CLINICAL PROTOCOL\nBrief Protocol Title: | A Phase 2 Study of EX-12 in Adults with Example\nKidney Disease\n"
            + "Full Protocol Title: | An Open-Label Phase 2 Study to Evaluate the Safety of EX-12 in\nAdults with Chronic Kidney Disease\nProtocol Number: | EX-12-201");

        Assert.Equal("A Phase 2 Study of EX-12 in Adults with Example Kidney Disease", metadata.ShortTitle?.Value);
        Assert.Equal("An Open-Label Phase 2 Study to Evaluate the Safety of EX-12 in Adults with Chronic Kidney Disease", metadata.Title?.Value);
    }

    [Theory]
    [InlineData("Seventy five patients may be enrolled in order to have at least 66 evaluable.", "75")]
    [InlineData("Seventy-five participants will be randomized.", "75")]
    [InlineData("Two hundred and ten children will be enrolled at 12 sites.", "210")]
    [InlineData("Being a pilot, this will be a study that will include 70 patients.", "70")]
    [InlineData("We plan to enroll up to 20 subjects into the study.", "20")]
    public void Extract_PlannedParticipants_DigitsAndWords(string sentence, string expected) =>
        Assert.Equal(expected, Extract("Synopsis\n" + sentence).PlannedParticipants?.Value);

    [Theory]
    [InlineData("In the previous trial, 400 patients were enrolled.")]
    [InlineData("Often patients will be enrolled through clinics.")]
    public void Extract_PlannedParticipants_OtherStudiesAndWordFragments_AreNone(string sentence) =>
        Assert.Null(Extract("Background\n" + sentence).PlannedParticipants);

    [Theory]
    [InlineData("For each participant enrolled, the duration will be approximately 65 Weeks which includes follow-up.", "65 Weeks")]
    [InlineData("Study duration for individual participants will be up to 22 weeks.", "22 weeks")]
    [InlineData("Each participant will be in this study for about 12 weeks.", "12 weeks")]
    public void Extract_Duration_PerParticipantPhrasings(string sentence, string expected) =>
        Assert.Equal(expected, Extract("Synopsis\n" + sentence).Duration?.Value);

    [Fact]
    public void Extract_OverallStudyDuration_IsNotParticipation() =>
        Assert.Null(Extract("Synopsis\nStudy Duration | 3.5 years\nThe study will enrol patients over two years.").Duration);

    [Fact]
    public void Extract_PhaseOfAnEarlierTrial_IsNotThisStudysPhase() =>
        Assert.Null(Extract("A Randomized Study of Examplumab in Adults with Asthma\nSponsor: Acme Biotech, Inc.\nIn a previous Phase 2 trial, examplumab reduced exacerbations.").Phase);

    [Fact]
    public void Extract_NctCitedInBackground_IsNotTheStudysOwn() =>
        Assert.Null(Extract("A Randomized Study of Examplumab in Adults with Asthma\nSponsor: Acme Biotech, Inc.", "Background\nAn earlier study (NCT09876543) showed a benefit.").NctId);

    [Theory]
    [InlineData("Study Phase: | 2", "Phase 2")]
    [InlineData("Phase: 4", "Phase 4")]
    [InlineData("Phase: Not applicable", "Not applicable")]
    [InlineData("Study Phase: N/A", "Not applicable")]
    public void Extract_PhaseField_Variants(string line, string expected) =>
        Assert.Equal(expected, Extract("A Prospective Study of an Example Device in Adults\n" + line).Phase?.Value);

    [Fact]
    public void Extract_SentenceOnTitlePage_IsNotTakenAsTitle() =>
        Assert.Null(Extract("Protocol Number: XY-1234\nThe trial will be conducted in compliance with the protocol\nand applicable regulatory requirements").Title);

    [Fact]
    public void Extract_ValueReadFromADroppedFooter_IsCitedWhereTheStoredTextStatesIt()
    {
        // The raw first page carries a running footer with the date; the stored pages (running lines dropped) state it on page 2.
        string[] raw = ["A PHASE 3 STUDY OF EXAMPLE VACCINE IN HEALTHY ADULTS\nProtocol Number: EX4591\nEXAMPLE CONFIDENTIAL 13 Sep 2021", "Document History\nProtocol amendment 13 Sep 2021\nEXAMPLE CONFIDENTIAL 13 Sep 2021"];
        ProtocolPage[] stored = [new(1, "A PHASE 3 STUDY OF EXAMPLE VACCINE IN HEALTHY ADULTS\nProtocol Number: EX4591"), new(2, "Document History\nProtocol amendment 13 Sep 2021")];

        var metadata = MetadataExtractor.Extract(new ParsedLayout(stored, [], raw, null));

        Assert.Equal(new MetadataField("13 Sep 2021", 2), metadata.VersionDate);
        Assert.Equal(new MetadataField("EX4591", 1), metadata.ProtocolNumber);
    }
}
