using System.Globalization;
using System.Text.RegularExpressions;
using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Profile;
using IcfStudio.Core.Storage;

namespace IcfStudio.Core.Quality;

/// <summary>
/// The study profile against a protocol's hand-read facts. Recall: a fact is found when some item's value or quote states it
/// (<see cref="ConsentFact.IsStatedIn"/>) and that item cites the fact's page. Precision: of the items the rules produced, the
/// share whose quote is on the cited page and whose value the quote supports (the value is in the quote, or every number of
/// the value is; yes/no items count as supported by their quote), and which agree with the USDM file or the facts file where
/// those state the same thing (identity fields, enrols minors).
/// </summary>
public sealed record ProfileScore(int Facts, int FactsFound, IReadOnlyList<string> FactsMissed, int Items, int ItemsSupported, IReadOnlyList<string> ItemsUnsupported);

/// <summary>Metadata extracted from the protocol text against the USDM file of the same study: per field, expected (USDM has it), extracted, correct.</summary>
public sealed record MetadataScore(int Expected, int Extracted, int Correct, IReadOnlyList<string> Wrong, IReadOnlyList<string> Missing);

internal static partial class ProfileEval
{
    /// <summary>The identity fields compared with USDM, by profile key and metadata field.</summary>
    private static readonly (string Key, Func<StudyMetadata, MetadataField?> Field)[] Compared =
    [
        ("identity.title", m => m.Title), ("identity.acronym", m => m.Acronym), ("identity.sponsor", m => m.Sponsor),
        ("identity.phase", m => m.Phase), ("identity.nctId", m => m.NctId), ("identity.protocolNumber", m => m.ProtocolNumber),
        ("study.plannedParticipants", m => m.PlannedParticipants),
    ];

    public static ProfileScore Score(StudyProfile profile, ConsentFactsFile? facts, StudyMetadata? usdm, IReadOnlyList<StoredPage> pages, string? documentId)
    {
        var cited = profile.Items.Where(i => i.Evidence is { } e && (documentId is null || e.DocumentId is null || e.DocumentId == documentId)).ToList();
        var found = new List<string>();
        var missed = new List<string>();
        foreach (var fact in facts?.Facts ?? [])
        {
            var hit = cited.Any(i => i.Evidence!.Page == fact.Page && (fact.IsStatedIn(i.Value) || fact.IsStatedIn(i.Evidence.Quote)));
            (hit ? found : missed).Add(fact.Id);
        }

        var pageText = pages.Where(p => documentId is null || p.DocumentId == documentId).GroupBy(p => p.Number).ToDictionary(g => g.Key, g => g.First().Text);
        var rules = profile.Items.Where(i => i.Origin == ProfileOrigins.Rules).ToList();
        var unsupported = rules.Where(i => !Supported(i, pageText, facts, usdm)).Select(i => i.Key).ToList();
        return new ProfileScore(facts?.Facts.Count ?? 0, found.Count, missed, rules.Count, rules.Count - unsupported.Count, unsupported);
    }

    private static bool Supported(ProfileItem item, IReadOnlyDictionary<int, string> pages, ConsentFactsFile? facts, StudyMetadata? usdm)
    {
        if (item.Evidence is not { } evidence || !pages.TryGetValue(evidence.Page, out var page) || !ProfileText.IsOnPage(page, evidence.Quote))
        {
            return false;
        }

        if (usdm is not null && Compared.FirstOrDefault(c => c.Key == item.Key) is { Field: { } field } && field(usdm) is { } expected && !Same(item.Key, expected.Value, item.Value))
        {
            return false;
        }

        if (item.Key == "audience.enrollsMinors" && facts?.Audience is { } audience && audience.Pediatric != (item.Value == "true"))
        {
            return false;
        }

        // Yes/no items, labels from the vocabulary (a procedure's kind, what a mention is about) and normalised values (the
        // phase) are supported by a quote on the page; the others must be in it.
        if (item.Value is "true" or "false" || item.Key is "identity.phase" or "comparator.kind" || item.Key.EndsWith("].about", StringComparison.Ordinal)
            || (item.Key.StartsWith("procedure[", StringComparison.Ordinal) && item.Key.EndsWith("].name", StringComparison.Ordinal)))
        {
            return true;
        }

        var value = Letters(item.Value);
        var quote = Letters(evidence.Quote);
        if (quote.Contains(value, StringComparison.Ordinal))
        {
            return true;
        }

        var numbers = Numbers().Matches(item.Value).Select(m => m.Value).ToList();
        return numbers.Count > 0 && numbers.All(n => evidence.Quote.Contains(n, StringComparison.Ordinal));
    }

    /// <summary>Metadata from the protocol text against USDM (fields USDM states).</summary>
    public static MetadataScore CompareMetadata(StudyMetadata extracted, StudyMetadata usdm)
    {
        int expected = 0, got = 0, correct = 0;
        var wrong = new List<string>();
        var missing = new List<string>();
        foreach (var (key, field) in Compared)
        {
            var truth = field(usdm)?.Value;
            var value = field(extracted)?.Value;
            if (string.IsNullOrWhiteSpace(truth))
            {
                continue;
            }

            expected++;
            if (string.IsNullOrWhiteSpace(value))
            {
                missing.Add(key);
                continue;
            }

            got++;
            if (Same(key, truth, value))
            {
                correct++;
            }
            else
            {
                wrong.Add($"{key}: '{value}' (USDM '{truth}')");
            }
        }

        return new MetadataScore(expected, got, correct, wrong, missing);
    }

    /// <summary>
    /// Normalised comparison: letters and digits only, case-insensitive; a sponsor matches when one name holds the other's
    /// first word ("Eli Lilly and Company" / "Lilly"); a protocol number when one starts with the other (amendment suffixes);
    /// a count as a number.
    /// </summary>
    internal static bool Same(string key, string truth, string value)
    {
        var a = Letters(truth);
        var b = Letters(value);
        return key switch
        {
            "identity.sponsor" => a.Contains(b, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal)
                || (FirstWord(truth) is { Length: >= 4 } word && b.Contains(word, StringComparison.Ordinal))
                || (FirstWord(value) is { Length: >= 4 } word2 && a.Contains(word2, StringComparison.Ordinal)),
            "identity.protocolNumber" => a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal),
            "study.plannedParticipants" => double.TryParse(truth, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var y) && Math.Abs(x - y) < 0.5,
            _ => a == b,
        };

        static string? FirstWord(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Letters).FirstOrDefault(w => w.Length >= 4);
    }

    private static string Letters(string text) => new(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    [GeneratedRegex(@"\d+")]
    private static partial Regex Numbers();
}
