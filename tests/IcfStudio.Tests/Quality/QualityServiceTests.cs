using System.Text.Json;
using IcfStudio.Core.Drafting;
using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Profile;
using IcfStudio.Core.Quality;
using IcfStudio.Core.Storage;
using IcfStudio.Tests.Profile;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static IcfStudio.Tests.Quality.QualityTestData;

namespace IcfStudio.Tests.Quality;

public sealed class QualityServiceTests
{
    private const string StudyId = "CARDIO-61e508e1";

    private static readonly string[] ProtocolPages =
    [
        "Protocol CARDIO-1. A Phase 3, randomized, double-blind, placebo-controlled study of the investigational drug under IND 12345 (FDA).",
        "Approximately 300 subjects will be randomized 1:1. Each subject attends 8 study visits over 24 weeks. Blood samples are collected at each visit.",
    ];

    private static QualityService Service(IElementJudge? judge = null, double targetGrade = 8, IDraftStore? drafts = null, QualityFacts? stored = null)
    {
        var study = new StudyRecord(StudyId, new StudyMetadata { Phase = new MetadataField("Phase 3", 1), PlannedParticipants = new MetadataField("300", 2) }, [], 0,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        var store = new FakeStudyStore(study, ProtocolPages);

        // A reviewer's edits of the study profile's yes/no items are the facts stored for the study.
        var decisions = QualityFacts.Names
            .Where(name => stored?.ValueOf(name) is not null)
            .Select(name => new ProfileDecision(ProfileFacts.KeyOf(name), ProfileAction.Edit, stored!.ValueOf(name) == true ? "true" : "false", "ana", DateTimeOffset.UnixEpoch))
            .ToArray();
        var profiles = new ProfileService(new FixedProfileSource(), new InMemoryProfileReviewStore(decisions), store, NullLogger<ProfileService>.Instance);
        return new QualityService(
            Options.Create(new QualityOptions { TargetGrade = targetGrade }),
            new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)),
            judge is null ? [] : [judge],
            NullLogger<QualityService>.Instance,
            store,
            drafts,
            profiles);
    }

    private static DraftRecord Draft(params DraftSection[] sections) =>
        new("d1", StudyId, "offline", null, "icf-default", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, sections, true);

    [Fact]
    public async Task EvaluateDraftAsync_DetectsFactsFromProtocol_AndChecksNumbers()
    {
        var draft = Draft(
            Section("key", "This research study tests a new heart drug. About 300 people will take part in this study.", 1, "Key information"),
            Section("visits", "You will have 8 study visits over 24 weeks. Each visit takes 4 hours.", 2, "What will happen"),
            Section("random", "You will be put in a group by chance, like flipping a coin. You have a 1 in 2 chance of getting the study drug.", 3, "Groups"));

        var quality = await Service().EvaluateDraftAsync(draft, TestContext.Current.CancellationToken);

        Assert.Equal("d1", quality.DraftId);
        Assert.True(quality.Facts.Randomized);
        Assert.True(quality.Facts.FdaRegulated);
        Assert.True(quality.Facts.ApplicableClinicalTrial);
        Assert.Equal("checked", quality.FactCheck);
        var unsupported = Assert.Single(quality.UnsupportedNumbers);
        Assert.Equal("4 hours", unsupported.Text);
        Assert.Equal(ElementStatus.Present, quality.Elements.Single(e => e.Id == "random_assignment").Status);
        Assert.Equal(Applicability.Required, quality.Elements.Single(e => e.Id == "clinicaltrials_gov_statement").Applicability);
        Assert.Equal(3, quality.Readability.Sections.Count);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), quality.ComputedAt);
    }

    [Fact]
    public async Task EvaluateDraftAsync_UserOverride_WinsOverDetectedFact()
    {
        var draft = Draft(Section("key", "This research study tests a new heart drug.", 1));

        var quality = await Service().EvaluateDraftAsync(draft, new QualityFacts { Randomized = false }, useJudge: false, TestContext.Current.CancellationToken);

        Assert.False(quality.Facts.Randomized);
        Assert.Equal(ElementStatus.NotApplicable, quality.Elements.Single(e => e.Id == "random_assignment").Status);
        Assert.Equal("set by the user (no)", quality.FactReasons["randomized"]);
    }

    [Fact]
    public async Task EvaluateDraftAsync_StoredOverride_WinsOverDetectedAndLosesToTheRequest()
    {
        var draft = Draft(Section("key", "This research study tests a new heart drug.", 1));
        var service = Service(stored: new QualityFacts { Randomized = false });

        var stored = await service.EvaluateDraftAsync(draft, TestContext.Current.CancellationToken);
        var requested = await service.EvaluateDraftAsync(draft, new QualityFacts { Randomized = true }, useJudge: false, TestContext.Current.CancellationToken);
        var section = await service.EvaluateSectionAsync(StudyId, draft.Sections[0], ["random_assignment"], null, TestContext.Current.CancellationToken);
        var facts = await service.GetStudyFactsAsync(StudyId, TestContext.Current.CancellationToken);

        Assert.Equal(ElementStatus.NotApplicable, stored.Elements.Single(e => e.Id == "random_assignment").Status);
        Assert.Equal("set by the user for this study (no)", stored.FactReasons["randomized"]);
        Assert.Equal(Applicability.Required, requested.Elements.Single(e => e.Id == "random_assignment").Applicability);
        Assert.Equal("set by the user (yes)", requested.FactReasons["randomized"]);
        Assert.DoesNotContain(section.Elements, e => e.Id == "random_assignment" && e.Applicability == Applicability.Required);
        Assert.True(facts.Detected.Facts.Randomized);
        Assert.False(facts.Effective.Randomized);
    }

    [Fact]
    public async Task EvaluateSectionAsync_ResultSerialisesForTheSectionQualityEvent()
    {
        var section = Section("risks", "The study drug may cause headaches in 10% of people. Adverse events will be monitored.", 1, "Risks") with { Version = 3 };

        var quality = await Service(targetGrade: 6).EvaluateSectionAsync(StudyId, section, ["risks", "unforeseeable_risks"], null, TestContext.Current.CancellationToken);
        var json = JsonDocument.Parse(QualityJson.Serialize(quality)).RootElement;

        Assert.Equal(3, json.GetProperty("version").GetInt32());
        Assert.Equal("risks", json.GetProperty("sectionId").GetString());
        var elements = json.GetProperty("elements").EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("status").GetString());
        Assert.Equal("present", elements["risks"]);
        Assert.Equal("missing", elements["unforeseeable_risks"]);
        Assert.True(json.GetProperty("readability").GetProperty("fleschKincaidGrade").GetDouble() > 0);
        Assert.Contains(json.GetProperty("readability").GetProperty("jargon").EnumerateArray(), j => j.GetProperty("term").GetString() == "adverse event");
        Assert.StartsWith("10%", json.GetProperty("unsupportedNumbers")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateSectionAsync_StaffSentence_IsListedInStaffFacing()
    {
        var section = Section("procedures", "The study doctor will check your blood pressure. The screening process should occur within 2 weeks of the first visit.", 1, "Procedures");

        var quality = await Service().EvaluateSectionAsync(StudyId, section, TestContext.Current.CancellationToken);
        var json = JsonDocument.Parse(QualityJson.Serialize(quality)).RootElement;

        var staff = Assert.Single(json.GetProperty("staffFacing").EnumerateArray());
        Assert.Equal("procedures", staff.GetProperty("sectionId").GetString());
        Assert.Equal("The screening process should occur within 2 weeks of the first visit.", staff.GetProperty("sentence").GetString());
        Assert.Equal("instruction to study staff", staff.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task EvaluateDraftAsync_StaffSentencesInTwoSections_AreCountedInTheSummary()
    {
        var draft = Draft(
            Section("key", "This research study tests a new heart drug. A safety board chaired by a cardiologist will meet twice a year.", 1, "Key information"),
            Section("visits", "You will have 8 study visits over 24 weeks. Results must be entered in the eCRF.", 2, "What will happen"),
            Section("rules", "You must not drive after a dose.", 3, "Rules"));

        var quality = await Service().EvaluateDraftAsync(draft, TestContext.Current.CancellationToken);

        Assert.Equal(2, quality.Summary.StaffFacingSentences);
        Assert.Equal(["key", "visits"], quality.StaffFacing!.Select(f => f.SectionId));
        var json = JsonDocument.Parse(QualityJson.Serialize(quality)).RootElement;
        Assert.Equal(2, json.GetProperty("summary").GetProperty("staffFacingSentences").GetInt32());
        Assert.Equal(2, json.GetProperty("staffFacing").GetArrayLength());
    }

    [Fact]
    public async Task EvaluateDraftAsync_SiteChecklistTemplate_ReportsNoStaffSentences()
    {
        // The site initiation checklist is written for the study team: its staff sentences are not findings.
        var draft = Draft(Section("safety_reporting", "Serious side effects must be reported within 24 hours. Results must be entered in the eCRF.", 1, "Safety"))
            with { Template = "site-initiation-checklist" };

        var quality = await Service().EvaluateDraftAsync(draft, TestContext.Current.CancellationToken);

        Assert.Equal(0, quality.Summary.StaffFacingSentences);
        Assert.Empty(quality.StaffFacing!);
    }

    [Fact]
    public async Task EvaluateAndStoreSectionAsync_StoresWithVersion_AndUsesTemplateElements()
    {
        var drafts = new RecordingDraftStore();
        var section = Section("risks", "The study drug may cause headaches.", 6, "Risks") with { Version = 2 };

        var evt = await Service(drafts: drafts).EvaluateAndStoreSectionAsync(Draft(section), section, TestContext.Current.CancellationToken);

        Assert.Equal("section_quality", evt.Name);
        Assert.Equal(2, evt.Version);
        var quality = Assert.IsType<SectionQuality>(evt.Quality);
        Assert.Equal(ElementStatus.Missing, quality.Elements.Single(e => e.Id == "unforeseeable_risks").Status); // promised by icf-default's "risks"
        var saved = Assert.Single(drafts.Saved);
        Assert.Equal(("d1", "risks", 2), (saved.DraftId, saved.SectionId, saved.Version));
        Assert.Equal("risks", JsonDocument.Parse(saved.Json).RootElement.GetProperty("sectionId").GetString());
    }

    [Fact]
    public async Task EvaluateDocumentAsync_WithoutStudy_SkipsFactCheck()
    {
        var quality = await Service().EvaluateDocumentAsync(null, "form.docx", [Section("s", "You will have 99 visits.")], null, false, TestContext.Current.CancellationToken);

        Assert.Empty(quality.UnsupportedNumbers);
        Assert.StartsWith("skipped", quality.FactCheck, StringComparison.Ordinal);
        Assert.Equal(1, quality.NumbersChecked);
    }

    [Fact]
    public async Task EvaluateDraftAsync_UnknownStudy_ThrowsNotFound()
    {
        var draft = Draft(Section("s", "Text.")) with { StudyId = "NOPE-00000000" };

        await Assert.ThrowsAsync<Core.NotFoundException>(() => Service().EvaluateDraftAsync(draft, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task EvaluateDraftAsync_WithLlmJudge_AddsSecondOpinionMarkedAsSuch()
    {
        var chat = new FakeChatClient("""
            Here is my review:
            ```json
            {"elements":[{"id":"risks","status":"present","evidence":"may cause headaches","reason":"Risks are described."},
                         {"id":"alternatives","status":"missing","evidence":"","reason":"No alternatives."},
                         {"id":"made_up","status":"present"}]}
            ```
            """);
        var judge = new LlmElementJudge(chat, "llm:fake-model", NullLogger<LlmElementJudge>.Instance);
        var draft = Draft(Section("risks", "The study drug may cause headaches.", 1, "Risks"));

        var quality = await Service(judge).EvaluateDraftAsync(draft, null, useJudge: true, TestContext.Current.CancellationToken);

        Assert.Equal("llm:fake-model", quality.Judge);
        var risks = quality.Elements.Single(e => e.Id == "risks");
        Assert.Equal(ElementStatus.Present, risks.Status);
        Assert.Equal(new JudgeOpinion(ElementStatus.Present, "may cause headaches", "Risks are described.", "llm:fake-model"), risks.SecondOpinion);
        Assert.Equal(ElementStatus.Missing, quality.Elements.Single(e => e.Id == "alternatives").SecondOpinion!.Status);
        Assert.Null(quality.Elements.Single(e => e.Id == "benefits").SecondOpinion);
        var prompt = Assert.Single(chat.Requests)[1].Text;
        Assert.Contains("The study drug may cause headaches.", prompt);
        Assert.Contains("21 CFR 50.25(a)(2)", prompt);
    }

    [Fact]
    public async Task EvaluateDraftAsync_JudgeAnswersNonsense_KeepsDeterministicResults()
    {
        var judge = new LlmElementJudge(new FakeChatClient("I cannot help with that."), "llm:fake", NullLogger<LlmElementJudge>.Instance);

        var quality = await Service(judge).EvaluateDraftAsync(Draft(Section("risks", "The drug may cause headaches.", 1)), null, useJudge: true, TestContext.Current.CancellationToken);

        Assert.All(quality.Elements, e => Assert.Null(e.SecondOpinion));
        Assert.Equal(ElementStatus.Present, quality.Elements.Single(e => e.Id == "risks").Status);
    }
}
