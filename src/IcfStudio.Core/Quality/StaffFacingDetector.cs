using System.Text.RegularExpressions;
using IcfStudio.Core.Drafting;

namespace IcfStudio.Core.Quality;

/// <summary>
/// Finds sentences written for the study team rather than the participant: instructions to investigators, site staff or the
/// sponsor ("results must be completed before…", "the screening process should occur within…"), their record keeping
/// (eCRF, source documents, monitors), committee logistics, and trial methodology a participant cannot act on.
/// Shared by the quality check and the offline drafter, which leaves such sentences out.
/// </summary>
/// <remarks>
/// Precision over recall: a sentence that speaks to "you" is only flagged for staff vocabulary, never for who acts in it,
/// so "You must not drive" and "The study doctor will check your blood pressure" stay.
/// </remarks>
internal static partial class StaffFacingDetector
{
    public const string StaffInstruction = "instruction to study staff";
    public const string StaffRecords = "study-team records or roles";
    public const string Committee = "committee logistics";
    public const string Methodology = "trial methodology";

    /// <summary>Why a sentence addresses the study team, or null when it is for the participant (or neutral).</summary>
    public static string? Reason(string sentence)
    {
        if (string.IsNullOrWhiteSpace(sentence))
        {
            return null;
        }

        // Staff vocabulary is never for the participant, even in a sentence that says "you".
        if (StaffTerm().IsMatch(sentence))
        {
            return StaffRecords;
        }

        if (StaffAddressedAsYou().IsMatch(sentence))
        {
            return StaffInstruction;
        }

        if (Committee_().IsMatch(sentence))
        {
            return Committee;
        }

        if (MethodologyTerm().IsMatch(sentence))
        {
            return Methodology;
        }

        var speaksToReader = SecondPerson().IsMatch(sentence);
        if (speaksToReader)
        {
            return null;
        }

        return StaffActor().IsMatch(sentence) || PassiveDuty().IsMatch(sentence) ? StaffInstruction : null;
    }

    /// <summary>The staff-facing sentences of a section, in order.</summary>
    public static IReadOnlyList<StaffFacingSentence> Find(DraftSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var found = new List<StaffFacingSentence>();
        foreach (var sentence in Readability.SplitSentences(Readability.Clean(section.Content)))
        {
            if (Reason(sentence) is { } reason)
            {
                found.Add(new StaffFacingSentence(section.SectionId, section.Title, sentence.Trim(), reason));
            }
        }

        return found;
    }

    [GeneratedRegex(@"\b(?:you|your|yours|yourself)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SecondPerson();

    // Record keeping, roles and protocol cross-references only the site and sponsor deal with.
    [GeneratedRegex(@"\be?CRFs?\b|\bcase report forms?\b|\bsource (?:documents?|records?|data)\b|\bper[ -]protocol\b|\b(?:study|site|clinical) monitors?\b|\bmonitoring visits?\b|\bprotocol deviations?\b|\bdrug accountability\b|\bstudy conduct\b|\bdesignee\b|\bICFs?\b|\bthe consent document\b|\bperson obtaining (?:the )?consent\b|\bIB\b|\binvestigator'?s brochure\b|\bas (?:described|specified|outlined|detailed) in (?:section )?\d", RegexOptions.IgnoreCase)]
    private static partial Regex StaffTerm();

    // Protocol instructions about informing the participant, restated with "you": written for whoever informs them.
    [GeneratedRegex(@"\byou (?:must|should|shall) (?:also )?be (?:informed|instructed|reconsented|re-consented|reminded)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StaffAddressedAsYou();

    // Safety boards' membership and meeting schedule: nothing the participant does or decides.
    [GeneratedRegex(@"\b(?:board|committee|DSMB|DMC|IDMC|DSMC)\b[^.]{0,80}?\b(?:chaired by|will (?:meet|convene)|meets|met|convenes)\b|\bchaired by\b", RegexOptions.IgnoreCase)]
    private static partial Regex Committee_();

    // Design, analysis and development history written for investigators and regulators.
    [GeneratedRegex(@"\bsample size\b|\bstatistical(?:ly)?\b|\bpost[- ]hoc\b|\bevaluable\b|\binterim analys[ie]s\b|\bPK analys[ie]s\b|\bcalculations will be\b|\b(?:stopping|discontinuation|dropout|drop-out) rate\b|\bhave been sought\b|\bthe compound\b|\b(?:can|may) be used (?:to screen|as a measure)|\bas a measurement of\b|\bspontaneity\b|\breplacement (?:should|will|may) not\b", RegexOptions.IgnoreCase)]
    private static partial Regex MethodologyTerm();

    // The study team as the one who must act (the study doctor only with a duty, since "the study doctor will check…" informs).
    [GeneratedRegex(@"\b(?:investigators?|site (?:staff|personnel)|study (?:staff|team|coordinators?)|clinical research unit staff)\s+(?:will|must|should|shall|(?:is|are) (?:responsible|required|needed|expected))\b|\bsponsor\s+(?:will\s+(?!(?:not\s+)?(?:pay|cover|reimburse|compensate|provide|give|offer)\b)|must|should|shall|(?:is|are) (?:responsible|required|needed|expected))\b|\b(?:the )?study doctors?\s+(?:must|should|shall|(?:is|are) (?:responsible|required|needed|expected))\b|\b(?:left to|at) the discretion of\b|\bmust ensure\b", RegexOptions.IgnoreCase)]
    private static partial Regex StaffActor();

    // Passive duties with no one named ("results must be completed", "the screening process should occur within 2 weeks",
    // "standards that are to be followed").
    [GeneratedRegex(@"\b(?:is|are) to be\b|\b(?:must|should|shall)\s+(?:not\s+)?(?:also\s+)?(?:be\s+)?(?:completed|performed|conducted|accomplished|documented|recorded|reported|obtained|available|reviewed|entered|submitted|scheduled|drawn|measured|started|notified|handled|followed|maintained|retained|archived|occur|take place|include)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PassiveDuty();
}
