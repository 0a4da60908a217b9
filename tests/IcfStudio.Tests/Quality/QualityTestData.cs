using IcfStudio.Core.Drafting;
using IcfStudio.Core.Quality;

namespace IcfStudio.Tests.Quality;

internal static class QualityTestData
{
    public static DraftSection Section(string id, string content, int order = 1, string? title = null) =>
        new(id, title ?? id, order, SectionStatus.Ready, content, content.Split(' ').Length, [], 1);

    /// <summary>Every condition true, so every element applies.</summary>
    public static QualityFacts AllApply { get; } = new()
    {
        FdaRegulated = true,
        ApplicableClinicalTrial = true,
        MoreThanMinimalRisk = true,
        Biospecimens = true,
        IdentifiableData = true,
        Randomized = true,
        ParticipantsPaid = true,
        CertificateOfConfidentiality = true,
        UsesPhi = true,
        WrittenConsent = true,
    };

    public const string CtGovStatement =
        "A description of this clinical trial will be available on http://www.ClinicalTrials.gov, as required by U.S. Law. " +
        "This Web site will not include information that can identify you. At most, the Web site will include a summary of the results. " +
        "You can search this Web site at any time.";
}
