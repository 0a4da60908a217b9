using IcfStudio.Core.Drafting;
using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Storage;

namespace IcfStudio.Tests.Export;

/// <summary>A hand-built study, template and fully written draft of a heart-failure trial's consent form.</summary>
internal static class SampleConsent
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 15, 0, 0, TimeSpan.Zero);

    public static StudyRecord Study(UsdmFacts? facts = null) => new(
        "CARDIO-61e508e1",
        new StudyMetadata
        {
            Acronym = new("CARDIO-HF", 1),
            Title = new("A Randomized, Double-Blind, Placebo-Controlled Study of Cardiozin in Adults with Chronic Heart Failure and Reduced Ejection Fraction", 1),
            ShortTitle = new("Cardiozin in heart failure", 1),
            ProtocolNumber = new("CZ-301", 1),
            Version = new("3.0", 1),
            VersionDate = new("12 March 2026", 1),
            Sponsor = new("Northwind Cardiology Inc.", 1),
            NctId = new("NCT09999999", 2),
            Phase = new("Phase 3", 1),
        },
        [],
        1,
        Now,
        Now,
        facts ?? new UsdmFacts { InclusionCriteria = ["Age ≥ 18 years at screening", "LVEF ≤ 40%"] });

    public static readonly (string Id, string Title, string Content)[] Sections =
    [
        ("summary", "Key Information About This Study",
            """
            You are being asked to take part in a research study. Taking part is **voluntary**. You can say no, or stop at any time, without losing any care you would normally get.

            - **Why is this study being done?** To learn whether a new medicine, cardiozin, helps people with heart failure stay out of the hospital [P3].
            - **How long will I be in the study?** About 52 weeks, with 9 clinic visits [P5].
            - **What are the main risks?** Dizziness, low blood pressure and changes in kidney blood tests [P12].
            - **Will I benefit?** You may or may not benefit. What we learn may help others.
            - **What else can I do?** You can keep your current treatment without joining this study.
            """),
        ("purpose", "Why Is This Study Being Done?",
            """
            Heart failure means the heart does not pump as well as it should. This study tests whether **cardiozin**, taken once a day by mouth, lowers the chance of going to the hospital for heart failure compared with a placebo (a pill with no medicine in it) [P3].

            About 1,200 people at 140 hospitals in 12 countries will take part [P4]. Cardiozin is experimental: it is not approved by the U.S. Food and Drug Administration (FDA).
            """),
        ("procedures", "What Will Happen During the Study?",
            """
            If you agree to take part, you will be randomly assigned (like flipping a coin) to one of two groups [P5]:

            | Group | What you take | Chance of being in the group |
            | --- | --- | --- |
            | A | Cardiozin 10 mg, one tablet a day | 1 in 2 |
            | B | Placebo, one tablet a day | 1 in 2 |

            Neither you nor the study doctor will know which group you are in. At each visit we will:

            1. Check your blood pressure, heart rate and weight.
            2. Take about 10 mL (2 teaspoons) of blood for safety tests [P6].
            3. Ask how you feel and about any medicines you take.

            ### Schedule of visits

            | Visit | When | What happens |
            | --- | --- | --- |
            | Screening | Up to 14 days before Day 1 | Consent, medical history, ECG, blood tests, echocardiogram |
            | Day 1 | Start of treatment | First dose in clinic, vital signs, blood tests |
            | Weeks 2, 4, 8 | Every 2–4 weeks | Vital signs, blood tests, side effects |
            | Weeks 16, 24, 36 | Every 8–12 weeks | Vital signs, blood tests, questionnaire |
            | Week 52 | End of treatment | ECG, echocardiogram, blood tests, questionnaire |
            | Follow-up call | 30 days after last dose | Phone call about your health |
            """),
        ("risks", "What Are the Risks and Discomforts?",
            """
            Every medicine can cause side effects. In earlier studies of cardiozin in 640 people, these were seen [P12]:

            - **Common** (≥ 1 in 10 people): dizziness, tiredness, low blood pressure when standing up.
            - **Less common** (1 in 100 to 1 in 10 people): higher potassium in the blood, changes in kidney tests (creatinine rise ≥ 0.3 mg/dL), headache.
            - **Rare** (fewer than 1 in 100 people): fainting, allergic reaction with rash or swelling.

            Blood draws may cause pain, bruising or, rarely, infection where the needle goes in. The echocardiogram gel may feel cold.

            There may be risks that are not known yet. If you are pregnant or breastfeeding you cannot take part, because cardiozin may harm an unborn baby [P14]. You must use an effective method of birth control during the study and for 30 days after the last dose.
            """),
        ("benefits", "What Are the Possible Benefits?",
            "You may or may not benefit from taking part. If cardiozin works, your heart failure symptoms may improve. What we learn may help people with heart failure in the future."),
        ("alternatives", "What Other Choices Do I Have?",
            "You do not have to join this study to get care for heart failure. Other choices include continuing your current medicines, approved heart-failure medicines such as sacubitril/valsartan or SGLT2 inhibitors, or a device if your doctor recommends one. Your study doctor can talk with you about these choices."),
        ("confidentiality", "How Will My Information Be Protected?",
            """
            We will keep your records private as far as the law allows. Your study records will be labelled with a code number, not your name. The following may look at your records to check the study is done correctly:

            - the sponsor, Northwind Cardiology Inc., and people working for it;
            - the Institutional Review Board (IRB) that oversees this study;
            - the U.S. FDA and health authorities in other countries.

            A description of this clinical trial will be available on https://www.ClinicalTrials.gov, as required by U.S. law. This website will not include information that can identify you.
            """),
        ("costs", "Costs and Payments",
            "The study medicine, study visits and study tests are free. You will receive $50 for each completed clinic visit to cover travel and time, up to $450 in total. Participants from Zürich and Montréal sites are paid in local currency (e.g. 45 CHF)."),
        ("injury", "What Happens If I Am Injured?",
            "If you are hurt because of this study, the study doctor will give you or arrange medical treatment. The sponsor will pay for reasonable costs of that treatment that are not covered by your insurance [P20]. No other payment is planned. You do not give up any legal rights by signing this form."),
        ("voluntary", "Taking Part Is Your Choice",
            "You can choose not to take part, or stop at any time. Your decision will not affect your regular medical care. If you stop, we will ask you to come for one last safety visit. The study doctor may take you out of the study if staying in it could harm you, or if the study is stopped."),
        ("contacts", "Whom Can I Contact?",
            """
            For questions about the study or if you think you were hurt by it, call the study doctor at the number on the first page, 24 hours a day.

            For questions about your rights as a research participant, call the IRB at 1-800-555-0199. A summary in other languages is available: 本研究の概要は日本語でもご覧いただけます。 研究摘要有中文版本。 한국어 요약본도 있습니다.
            """),
    ];

    public static DocumentTemplate Template(IReadOnlyList<string>? signatureLines = null) => new()
    {
        Id = "fda-general",
        Name = "General adult ICF",
        Sections = [.. Sections.Select((s, i) => new SectionTemplate { Id = s.Id, Title = s.Title, Order = (i + 1) * 10 })],
        SignatureLines = signatureLines ??
        [
            "Printed name of participant",
            "Signature of participant",
            "Date",
            "Printed name of parent or legal guardian",
            "Signature of parent or legal guardian",
            "Date",
            "Printed name of person obtaining consent",
            "Signature of person obtaining consent",
            "Date",
        ],
    };

    public static IReadOnlyList<Citation> Citations { get; } =
    [
        new("P3", 31, 12, 12, "2 Introduction > 2.1 Study Rationale"),
        new("P4", 32, 14, 14, "4 Study Design > 4.1 Overall Design"),
        new("P5", 33, 15, 16, "4 Study Design > 4.1 Overall Design"),
        new("P6", 34, 40, 40, "8 Study Assessments > 8.2 Safety Assessments"),
        new("P12", 40, 22, 23, "2 Introduction > 2.3 Benefit/Risk Assessment"),
        new("P14", 42, 25, 25, "5 Study Population > 5.2 Exclusion Criteria"),
        new("P20", 50, 88, 88, "10 Appendices > 10.1 Regulatory Considerations"),
    ];

    /// <summary>The draft with every section approved, except those listed.</summary>
    public static DraftRecord Draft(params string[] unapproved) => new(
        "d-0001",
        "CARDIO-61e508e1",
        "offline",
        null,
        "fda-general",
        Now,
        Now,
        [.. Sections.Select((s, i) => new DraftSection(
            s.Id,
            s.Title,
            (i + 1) * 10,
            unapproved.Contains(s.Id) ? SectionStatus.Ready : SectionStatus.Approved,
            s.Content.Trim(),
            s.Content.Split(' ').Length,
            Citations,
            unapproved.Contains(s.Id) ? 1 : 2))],
        true);
}
