using System.Globalization;
using System.Text.RegularExpressions;
using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Quality;
using IcfStudio.Core.Storage;

namespace IcfStudio.Core.Profile;

/// <summary>
/// The rules-based study profile ("consent facts"): offline and deterministic, from a study's stored pages and chunks. Every
/// item cites the physical page and a quote that is on that page (<see cref="ProfileText.IsOnPage"/>). The identity part is
/// the study's metadata (extracted once, at ingestion, by <see cref="MetadataExtractor"/>); a USDM document fills the items
/// its structure holds (origin "usdm").
/// </summary>
public sealed partial class ProfileExtractor(IStudyStore store) : IProfileSource
{
    /// <summary>The detected profile of a stored study (no reviewer decisions applied).</summary>
    /// <exception cref="NotFoundException">No such study.</exception>
    public async Task<StudyProfile> ExtractAsync(string studyId, CancellationToken cancellationToken)
    {
        var study = await store.FindStudyAsync(studyId, cancellationToken) ?? throw new NotFoundException($"Study '{studyId}' does not exist.");
        var pages = await store.GetPagesAsync(studyId, cancellationToken);
        var chunks = await store.GetChunksAsync(studyId, cancellationToken);
        return Extract(study, pages, chunks);
    }

    internal static StudyProfile Extract(StudyRecord study, IReadOnlyList<StoredPage> pages, IReadOnlyList<ChunkHit> chunks)
    {
        var usdmDocuments = study.Documents.Where(d => d.Format == ProtocolFormat.UsdmJson).Select(d => d.DocumentId).ToHashSet(StringComparer.Ordinal);
        var textPages = pages.Where(p => !usdmDocuments.Contains(p.DocumentId)).ToList();
        var usdmPages = pages.Where(p => usdmDocuments.Contains(p.DocumentId)).ToList();
        var builder = new ProfileBuilder();

        Identity(builder, study.Metadata, textPages, usdmPages);
        var sentences = Sentences(textPages, chunks.Where(c => !usdmDocuments.Contains(c.DocumentId)).ToList());
        ProfileRules.Apply(builder, study, sentences, textPages);
        if (study.Facts is { } facts)
        {
            Usdm(builder, facts, usdmPages);
        }

        return new StudyProfile(builder.Items);
    }

    /// <summary>The metadata fields as identity items: a field with a page came from the rules, one without from USDM (or an edit).</summary>
    private static void Identity(ProfileBuilder builder, StudyMetadata metadata, IReadOnlyList<StoredPage> textPages, IReadOnlyList<StoredPage> usdmPages)
    {
        var fields = new (string Key, MetadataField? Field)[]
        {
            ("identity.acronym", metadata.Acronym), ("identity.title", metadata.Title), ("identity.shortTitle", metadata.ShortTitle),
            ("identity.protocolNumber", metadata.ProtocolNumber), ("identity.version", metadata.Version), ("identity.versionDate", metadata.VersionDate),
            ("identity.sponsor", metadata.Sponsor), ("identity.phase", metadata.Phase), ("identity.nctId", metadata.NctId),
            ("study.plannedParticipants", metadata.PlannedParticipants), ("participation.duration", metadata.Duration),
        };
        foreach (var (key, field) in fields)
        {
            if (field is null || string.IsNullOrWhiteSpace(field.Value))
            {
                continue;
            }

            if (field.Page is int page)
            {
                var evidence = Locate(textPages.Where(p => p.Number == page), field.Value, key) ?? Locate(textPages, field.Value, key);
                builder.Add(key, field.Value, evidence, evidence is null ? 0.5 : 0.9, ProfileOrigins.Rules);
            }
            else if (usdmPages.Count > 0)
            {
                builder.Add(key, field.Value, Locate(usdmPages, field.Value, key), 1.0, ProfileOrigins.Usdm);
            }
            else
            {
                builder.Add(key, field.Value, null, 1.0, ProfileOrigins.User("metadata"));
            }
        }
    }

    /// <summary>The line of a page that states a value (or the value itself when it runs over lines), as a quote on that page.</summary>
    internal static ProfileEvidence? Locate(IEnumerable<StoredPage> pages, string value, string? key = null)
    {
        var wanted = ProfileText.Normalize(value);
        foreach (var page in pages)
        {
            foreach (var raw in page.Text.Split('\n'))
            {
                var line = ProfileText.Normalize(raw);
                if (line.Length > 0 && (line.Contains(wanted, StringComparison.OrdinalIgnoreCase) || (key == "identity.phase" && MetadataExtractor.NormalizePhase(line) == value)))
                {
                    return new ProfileEvidence(page.Number, Trim(line), page.DocumentId);
                }
            }

            var text = ProfileText.Normalize(page.Text);
            var at = text.IndexOf(wanted, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                return new ProfileEvidence(page.Number, text.Substring(at, wanted.Length), page.DocumentId);
            }
        }

        return null;
    }

    /// <summary>At most 500 characters: a prefix of a quote is still on its page.</summary>
    internal static string Trim(string quote) => quote.Length <= 500 ? quote : quote[..500];

    /// <summary>
    /// The sentences of the protocol text with their page and section: from the chunks (which keep paragraphs and their
    /// heading path), each placed on the page of its chunk that holds it; pages without chunks give their lines.
    /// </summary>
    internal static IReadOnlyList<ProfileSentence> Sentences(IReadOnlyList<StoredPage> pages, IReadOnlyList<ChunkHit> chunks)
    {
        var normalized = pages.ToDictionary(p => (p.DocumentId, p.Number), p => ProfileText.Normalize(p.Text));
        var seen = new HashSet<(string, int, string)>();
        var result = new List<ProfileSentence>();
        foreach (var chunk in chunks.OrderBy(c => c.DocumentId, StringComparer.Ordinal).ThenBy(c => c.ChunkId))
        {
            foreach (var block in Paragraphs(chunk.Text))
            {
                foreach (var sentence in ProfileText.SplitSentences(block))
                {
                    var text = Trim(ProfileText.Normalize(sentence));
                    if (text.Length < 12)
                    {
                        continue;
                    }

                    var placed = false;
                    for (var number = chunk.PageStart; number <= chunk.PageEnd && !placed; number++)
                    {
                        if (normalized.TryGetValue((chunk.DocumentId, number), out var page) && page.Contains(text, StringComparison.Ordinal))
                        {
                            if (seen.Add((chunk.DocumentId, number, text)))
                            {
                                result.Add(new ProfileSentence(chunk.DocumentId, number, text, chunk.SectionPath));
                            }

                            placed = true;
                        }
                    }

                    // A sentence that runs over a page break: each part on its own page, so every quote stays on its page.
                    for (var number = chunk.PageStart; number < chunk.PageEnd && !placed; number++)
                    {
                        if (normalized.TryGetValue((chunk.DocumentId, number), out var before) && normalized.TryGetValue((chunk.DocumentId, number + 1), out var after)
                            && SplitAtPageBreak(text, before, after) is var (head, tail))
                        {
                            foreach (var (part, on) in new[] { (head, number), (tail, number + 1) })
                            {
                                if (part.Length >= 12 && seen.Add((chunk.DocumentId, on, part)))
                                {
                                    result.Add(new ProfileSentence(chunk.DocumentId, on, part, chunk.SectionPath));
                                }
                            }

                            placed = true;
                        }
                    }
                }
            }
        }

        var chunked = chunks.SelectMany(c => Enumerable.Range(c.PageStart, Math.Max(1, c.PageEnd - c.PageStart + 1)).Select(n => (c.DocumentId, n))).ToHashSet();
        foreach (var page in pages.Where(p => !chunked.Contains((p.DocumentId, p.Number))))
        {
            foreach (var line in page.Text.Split('\n'))
            {
                foreach (var sentence in ProfileText.SplitSentences(line))
                {
                    var text = Trim(ProfileText.Normalize(sentence));
                    if (text.Length >= 12 && seen.Add((page.DocumentId, page.Number, text)))
                    {
                        result.Add(new ProfileSentence(page.DocumentId, page.Number, text, string.Empty));
                    }
                }
            }
        }

        return result;
    }

    /// <summary>Room for a page number or footer left after the break.</summary>
    private const int PageMargin = 40;

    /// <summary>
    /// The sentence cut where one page ends and the next begins: the longest head (at a word boundary) that ends the first
    /// page's text, with the rest at the start of the next page's text (allowing a page number or footer between them).
    /// </summary>
    internal static (string Head, string Tail)? SplitAtPageBreak(string sentence, string before, string after)
    {
        // Only the end of the first page and the start of the next can hold the parts: search there, not the whole pages.
        var ending = before[Math.Max(0, before.Length - sentence.Length - PageMargin)..];
        var opening = after[..Math.Min(after.Length, sentence.Length + PageMargin)];
        for (var at = sentence.LastIndexOf(' '); at > 0; at = sentence.LastIndexOf(' ', at - 1))
        {
            var head = sentence[..at];
            var end = ending.LastIndexOf(head, StringComparison.Ordinal);
            if (end >= 0 && ending.Length - end - head.Length <= PageMargin)
            {
                var tail = sentence[(at + 1)..];
                var start = opening.IndexOf(tail, StringComparison.Ordinal);
                return start is >= 0 and <= PageMargin ? (head, tail) : null;
            }
        }

        return null;
    }

    /// <summary>
    /// The chunk's blocks, with a line that a PDF broke mid-sentence joined to the next one: no closing punctuation and the next
    /// line starting in lower case, or the line ending on a comma or a word that cannot end a sentence ("of", "the", "and").
    /// </summary>
    private static IEnumerable<string> Paragraphs(string text)
    {
        string? open = null;
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (open is not null && trimmed.Length > 0 && (((char.IsLower(trimmed[0]) || char.IsDigit(trimmed[0])) && !".!?:;".Contains(open[^1], StringComparison.Ordinal)) || OpenEnd().IsMatch(open)))
            {
                open = open + " " + trimmed;
                continue;
            }

            if (open is not null)
            {
                yield return open;
            }

            open = trimmed.Length > 0 ? trimmed : null;
        }

        if (open is not null)
        {
            yield return open;
        }
    }

    [GeneratedRegex(@"(?:,|\b(?:of|the|and|or|in|with|to|for|by|a|an|on|at|from|than|as|who|which|that|their|its|is|are|was|were|be|will)\s*)$", RegexOptions.IgnoreCase)]
    private static partial Regex OpenEnd();

    /// <summary>What a USDM document's structure holds: arms, interventions, objectives, eligibility ages and visits.</summary>
    private static void Usdm(ProfileBuilder builder, UsdmFacts facts, IReadOnlyList<StoredPage> usdmPages)
    {
        ProfileEvidence? At(string value) => Locate(usdmPages, value);

        foreach (var arm in facts.Arms)
        {
            var i = builder.Next("arm");
            builder.Add($"arm[{i}].name", arm, At(arm), 1.0, ProfileOrigins.Usdm);
        }

        foreach (var intervention in facts.Interventions)
        {
            var i = builder.Next("intervention");
            builder.Add($"intervention[{i}].name", intervention, At(intervention), 1.0, ProfileOrigins.Usdm);
        }

        if (facts.Objectives.Count > 0)
        {
            builder.Add("study.purpose", facts.Objectives[0], At(facts.Objectives[0]), 0.9, ProfileOrigins.Usdm);
        }

        foreach (var criterion in facts.InclusionCriteria)
        {
            if (ProfileRules.AgeRange(criterion) is { } ages)
            {
                builder.Add("audience.ageRange", ages.Text, At(criterion), 0.9, ProfileOrigins.Usdm);
                break;
            }
        }

        if (facts.Visits.Count > 0)
        {
            var value = string.Create(CultureInfo.InvariantCulture, $"{facts.Visits.Count} visits: ") + string.Join("; ", facts.Visits.Take(12).Select(v => v.Timing is null ? v.Name : $"{v.Name} ({v.Timing})"));
            builder.Add("participation.visits", value, At(facts.Visits[0].Name), 0.9, ProfileOrigins.Usdm);
        }
    }
}

/// <summary>Collects items: a key is added once (the first finding wins), repeated groups get the next free index.</summary>
internal sealed class ProfileBuilder
{
    private readonly List<ProfileItem> _items = [];
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public IReadOnlyList<ProfileItem> Items => _items;

    public bool Has(string key) => _keys.Contains(key);

    public int Count(string group) => _counts.GetValueOrDefault(group);

    /// <summary>The next index of a repeated group (intervention → 0, 1, 2…).</summary>
    public int Next(string group)
    {
        var next = _counts.GetValueOrDefault(group);
        _counts[group] = next + 1;
        return next;
    }

    public void Add(string key, string value, ProfileEvidence? evidence, double confidence, string origin)
    {
        if (!string.IsNullOrWhiteSpace(value) && _keys.Add(key))
        {
            _items.Add(new ProfileItem(key, value.Trim(), evidence, confidence, origin));
        }
    }
}
