using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace IcfStudio.Core.Ingestion;

/// <summary>
/// CDISC USDM v4 JSON: maps study.versions[0] (titles, phase, sponsor, identifiers, design arms, interventions, population,
/// objectives, eligibility, encounters and activities) into metadata and <see cref="UsdmFacts"/>, and renders it as readable
/// pages of headed blocks so that it can be chunked and searched like a document.
/// </summary>
internal static partial class UsdmProtocolParser
{
    public static (ParsedLayout Layout, StudyMetadata Metadata, UsdmFacts Facts) Parse(byte[] content)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(content, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });
        }
        catch (JsonException ex)
        {
            throw new BadInputException(
                "malformed_usdm",
                $"The USDM file is not valid JSON at {ex.Path ?? "$"} (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).",
                422);
        }

        using (json)
        {
            var root = new Node(json.RootElement, "$");
            root.RequireObject();
            var study = root.Required("study");
            study.RequireObject();
            var versions = study.Required("versions").RequireArray();
            if (versions.Count == 0)
            {
                throw Malformed(study.Path + ".versions", "expected at least one study version");
            }

            var version = versions[0];
            version.RequireObject();
            return Map(version);
        }
    }

    private static (ParsedLayout, StudyMetadata, UsdmFacts) Map(Node version)
    {
        var titles = version.Required("titles").RequireArray();
        string? official = null, brief = null, acronym = null;
        foreach (var title in titles)
        {
            var text = title.Required("text").RequireString();
            var type = title.Optional("type")?.Optional("decode")?.StringOrNull() ?? string.Empty;
            if (type.Contains("Official", StringComparison.OrdinalIgnoreCase))
            {
                official ??= text;
            }
            else if (type.Contains("Brief", StringComparison.OrdinalIgnoreCase) || type.Contains("Short", StringComparison.OrdinalIgnoreCase))
            {
                brief ??= text;
            }
            else if (type.Contains("Acronym", StringComparison.OrdinalIgnoreCase))
            {
                acronym ??= text;
            }
        }

        var organizations = version.Optional("organizations")?.RequireArray() ?? [];
        Node? sponsor = organizations.FirstOrDefault(o =>
            (o.Optional("type")?.Optional("decode")?.StringOrNull() ?? string.Empty).Contains("Sponsor", StringComparison.OrdinalIgnoreCase));
        var sponsorName = sponsor is null ? null : NonEmpty(sponsor.Optional("label")?.StringOrNull()) ?? NonEmpty(sponsor.Optional("name")?.StringOrNull());
        var sponsorId = sponsor?.Optional("id")?.StringOrNull();

        string? protocolNumber = null, nctId = null;
        foreach (var identifier in version.Optional("studyIdentifiers")?.RequireArray() ?? [])
        {
            var text = identifier.Required("text").RequireString();
            if (NctPattern().IsMatch(text))
            {
                nctId ??= NctPattern().Match(text).Value;
            }
            else if (sponsorId is not null && identifier.Optional("scopeId")?.StringOrNull() == sponsorId)
            {
                protocolNumber ??= text;
            }
        }

        var designs = version.Optional("studyDesigns")?.RequireArray() ?? [];
        var design = designs.Count > 0 ? designs[0] : null;
        design?.RequireObject();
        var phase = NormalizePhase(
            version.Optional("studyPhase")?.Optional("standardCode")?.Optional("decode")?.StringOrNull()
            ?? design?.Optional("studyPhase")?.Optional("standardCode")?.Optional("decode")?.StringOrNull());

        string? versionDate = null;
        foreach (var date in version.Optional("dateValues")?.RequireArray() ?? [])
        {
            var type = date.Optional("type")?.Optional("decode")?.StringOrNull() ?? string.Empty;
            if (type.Contains("Approval", StringComparison.OrdinalIgnoreCase) || type.Contains("Effective", StringComparison.OrdinalIgnoreCase) || versionDate is null)
            {
                versionDate = date.Optional("dateValue")?.StringOrNull() ?? versionDate;
            }
        }

        var arms = new List<string>();
        var interventions = new List<string>();
        var objectives = new List<string>();
        var inclusion = new List<string>();
        var exclusion = new List<string>();
        var visits = new List<ScheduledVisit>();
        string? planned = null;
        if (design is not null)
        {
            foreach (var arm in design.Optional("arms")?.RequireArray() ?? [])
            {
                var name = Describe(arm);
                if (name is not null)
                {
                    arms.Add(name);
                }
            }

            planned = PlannedEnrollment(design.Optional("population"));
            foreach (var objective in design.Optional("objectives")?.RequireArray() ?? [])
            {
                var text = CleanText(objective.Optional("text")?.StringOrNull());
                if (text.Length == 0)
                {
                    continue;
                }

                var level = objective.Optional("level")?.Optional("decode")?.StringOrNull();
                var endpoints = (objective.Optional("endpoints")?.RequireArray() ?? [])
                    .Select(e => CleanText(e.Optional("text")?.StringOrNull()))
                    .Where(e => e.Length > 0)
                    .ToList();
                var line = level is null ? text : $"{level}: {text}";
                if (endpoints.Count > 0)
                {
                    line += " Endpoint: " + string.Join(" Endpoint: ", endpoints);
                }

                objectives.Add(line);
            }

            MapEligibility(version, design, inclusion, exclusion);
            MapVisits(design, visits);
        }

        foreach (var intervention in version.Optional("studyInterventions")?.RequireArray() ?? [])
        {
            var name = Describe(intervention);
            if (name is not null)
            {
                interventions.Add(name);
            }
        }

        var metadata = new StudyMetadata
        {
            Acronym = Field(acronym),
            Title = Field(official),
            ShortTitle = Field(brief),
            ProtocolNumber = Field(protocolNumber),
            Version = Field(version.Optional("versionIdentifier")?.StringOrNull()),
            VersionDate = Field(versionDate),
            Sponsor = Field(sponsorName),
            Phase = Field(phase),
            NctId = Field(nctId),
            PlannedParticipants = Field(planned),
        };
        var facts = new UsdmFacts
        {
            Arms = arms,
            Interventions = interventions,
            Objectives = objectives,
            InclusionCriteria = inclusion,
            ExclusionCriteria = exclusion,
            Visits = visits,
        };
        return (Render(metadata, facts), metadata, facts);
    }

    private static void MapEligibility(Node version, Node design, List<string> inclusion, List<string> exclusion)
    {
        var items = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in version.Optional("eligibilityCriterionItems")?.RequireArray() ?? [])
        {
            if (item.Optional("id")?.StringOrNull() is { } id)
            {
                items[id] = CleanText(item.Optional("text")?.StringOrNull());
            }
        }

        foreach (var criterion in design.Optional("eligibilityCriteria")?.RequireArray() ?? [])
        {
            var category = criterion.Optional("category")?.Optional("decode")?.StringOrNull() ?? string.Empty;
            var itemId = criterion.Optional("criterionItemId")?.StringOrNull();
            var text = itemId is not null && items.TryGetValue(itemId, out var fromItem) ? fromItem : CleanText(criterion.Optional("text")?.StringOrNull());
            if (text.Length == 0)
            {
                continue;
            }

            var identifier = criterion.Optional("identifier")?.StringOrNull();
            var line = identifier is null ? text : $"{identifier}. {text}";
            (category.Contains("Exclusion", StringComparison.OrdinalIgnoreCase) ? exclusion : inclusion).Add(line);
        }
    }

    private static void MapVisits(Node design, List<ScheduledVisit> visits)
    {
        var activities = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var activity in design.Optional("activities")?.RequireArray() ?? [])
        {
            if (activity.Optional("id")?.StringOrNull() is { } id && Describe(activity, preferLabel: true) is { } name)
            {
                activities[id] = name;
            }
        }

        var encounterActivities = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var encounterTiming = new Dictionary<string, string>(StringComparer.Ordinal);
        var timelines = design.Optional("scheduleTimelines")?.RequireArray() ?? [];
        // The main timeline first: its instances define the visits' activities.
        foreach (var timeline in timelines.OrderByDescending(t => t.Optional("mainTimeline")?.Element.ValueKind == JsonValueKind.True))
        {
            var timingByInstance = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var timing in timeline.Optional("timings")?.RequireArray() ?? [])
            {
                var from = timing.Optional("relativeFromScheduledInstanceId")?.StringOrNull();
                var label = NonEmpty(timing.Optional("label")?.StringOrNull()) ?? NonEmpty(timing.Optional("valueLabel")?.StringOrNull());
                if (from is not null && label is not null)
                {
                    timingByInstance.TryAdd(from, label);
                }
            }

            foreach (var instance in timeline.Optional("instances")?.RequireArray() ?? [])
            {
                var encounterId = instance.Optional("encounterId")?.StringOrNull();
                if (encounterId is null)
                {
                    continue;
                }

                var list = encounterActivities.TryGetValue(encounterId, out var existing) ? existing : encounterActivities[encounterId] = [];
                foreach (var activityId in instance.Optional("activityIds")?.RequireArray() ?? [])
                {
                    if (activityId.StringOrNull() is { } id && activities.TryGetValue(id, out var activityName) && !list.Contains(activityName))
                    {
                        list.Add(activityName);
                    }
                }

                if (instance.Optional("id")?.StringOrNull() is { } instanceId && timingByInstance.TryGetValue(instanceId, out var when))
                {
                    encounterTiming.TryAdd(encounterId, when);
                }
            }
        }

        foreach (var encounter in design.Optional("encounters")?.RequireArray() ?? [])
        {
            var id = encounter.Optional("id")?.StringOrNull();
            var name = Describe(encounter, preferLabel: true);
            if (id is null || name is null)
            {
                continue;
            }

            visits.Add(new ScheduledVisit(
                name,
                encounterTiming.GetValueOrDefault(id),
                encounterActivities.TryGetValue(id, out var list) ? list : []));
        }
    }

    private static string? PlannedEnrollment(Node? population)
    {
        var planned = population?.Optional("plannedEnrollmentNumber");
        if (planned is null)
        {
            return null;
        }

        static string? Number(Node? node) =>
            node?.Element.ValueKind == JsonValueKind.Number ? node.Element.GetDouble().ToString("0.##", CultureInfo.InvariantCulture) : null;

        return planned.Element.ValueKind == JsonValueKind.Number
            ? Number(planned)
            : Number(planned.Optional("value"))
                ?? (Number(planned.Optional("minValue")?.Optional("value") ?? planned.Optional("minValue")) is { } min
                    && Number(planned.Optional("maxValue")?.Optional("value") ?? planned.Optional("maxValue")) is { } max
                        ? $"{min}-{max}"
                        : null);
    }

    /// <summary>"Phase III Trial" → "Phase 3"; "Phase II/III Trial" → "Phase 2/3". Unknown shapes are kept as given.</summary>
    internal static string? NormalizePhase(string? decode)
    {
        if (string.IsNullOrWhiteSpace(decode))
        {
            return null;
        }

        return MetadataExtractor.NormalizePhase(decode) ?? decode.Trim();
    }

    private static ParsedLayout Render(StudyMetadata metadata, UsdmFacts facts)
    {
        var blocks = new List<DocumentBlock>();
        var page = 1;

        void Heading(string text) => blocks.Add(new DocumentBlock(BlockKind.Heading, text, page, 1));
        void Items(IEnumerable<string> items, BlockKind kind = BlockKind.ListItem) => blocks.AddRange(items.Select(i => new DocumentBlock(kind, i, page)));

        Heading("Study Overview");
        var overview = new List<string>();
        void Fact(string label, MetadataField? field)
        {
            if (field is not null)
            {
                overview.Add($"{label}: {field.Value}");
            }
        }

        Fact("Title", metadata.Title);
        Fact("Short title", metadata.ShortTitle);
        Fact("Acronym", metadata.Acronym);
        Fact("Protocol number", metadata.ProtocolNumber);
        Fact("Version", metadata.Version);
        Fact("Version date", metadata.VersionDate);
        Fact("Sponsor", metadata.Sponsor);
        Fact("Phase", metadata.Phase);
        Fact("NCT number", metadata.NctId);
        Fact("Planned number of participants", metadata.PlannedParticipants);
        Items(overview, BlockKind.Paragraph);

        void Section(string title, IReadOnlyList<string> items)
        {
            if (items.Count == 0)
            {
                return;
            }

            page++;
            Heading(title);
            Items(items);
        }

        Section("Study Arms", facts.Arms);
        Section("Study Interventions", facts.Interventions);
        Section("Objectives and Endpoints", facts.Objectives);
        if (facts.InclusionCriteria.Count + facts.ExclusionCriteria.Count > 0)
        {
            page++;
            Heading("Eligibility Criteria");
            if (facts.InclusionCriteria.Count > 0)
            {
                blocks.Add(new DocumentBlock(BlockKind.Heading, "Inclusion Criteria", page, 2));
                Items(facts.InclusionCriteria);
            }

            if (facts.ExclusionCriteria.Count > 0)
            {
                blocks.Add(new DocumentBlock(BlockKind.Heading, "Exclusion Criteria", page, 2));
                Items(facts.ExclusionCriteria);
            }
        }

        if (facts.Visits.Count > 0)
        {
            page++;
            Heading("Schedule of Activities");
            Items(facts.Visits.Select(v =>
                $"{v.Name}{(v.Timing is null ? string.Empty : $" ({v.Timing})")} | {(v.Activities.Count == 0 ? "no activities listed" : string.Join(", ", v.Activities))}"),
                BlockKind.TableRow);
        }

        var pages = new List<ProtocolPage>();
        for (var p = 1; p <= page; p++)
        {
            pages.Add(new ProtocolPage(p, string.Join('\n', blocks.Where(b => b.Page == p).Select(b => b.Text))));
        }

        return new ParsedLayout(pages, blocks, pages.Select(x => x.Text).ToList(), null);
    }

    private static string? Describe(Node node, bool preferLabel = false)
    {
        var name = NonEmpty(node.Optional("name")?.StringOrNull());
        var label = NonEmpty(node.Optional("label")?.StringOrNull());
        var description = NonEmpty(CleanText(node.Optional("description")?.StringOrNull()));
        if (preferLabel)
        {
            return label ?? description ?? name;
        }

        var head = label ?? name;
        return head is null ? description : description is null || description == head ? head : $"{head}: {description}";
    }

    private static MetadataField? Field(string? value) => NonEmpty(value) is { } v ? new MetadataField(v) : null;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>USDM text holds XHTML and usdm:ref tags: keep the words, drop the markup.</summary>
    internal static string CleanText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var withoutTags = Tags().Replace(text, " ");
        return Spaces().Replace(WebUtility.HtmlDecode(withoutTags), " ").Trim();
    }

    private static BadInputException Malformed(string path, string problem) =>
        new("malformed_usdm", $"The USDM file is malformed at {path}: {problem}.", 422);

    [GeneratedRegex(@"NCT\d{8}")]
    private static partial Regex NctPattern();

    [GeneratedRegex(@"<[^>]{0,2000}>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>A JSON element with its JSONPath, so every error names where it happened.</summary>
    private sealed class Node(JsonElement element, string path)
    {
        public JsonElement Element { get; } = element;

        public string Path { get; } = path;

        public void RequireObject()
        {
            if (Element.ValueKind != JsonValueKind.Object)
            {
                throw Malformed(Path, $"expected an object, found {Describe(Element.ValueKind)}");
            }
        }

        public Node Required(string name)
        {
            RequireObject();
            return Element.TryGetProperty(name, out var child) && child.ValueKind != JsonValueKind.Null
                ? new Node(child, $"{Path}.{name}")
                : throw Malformed($"{Path}.{name}", "required property is missing");
        }

        public Node? Optional(string name) =>
            Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(name, out var child) && child.ValueKind != JsonValueKind.Null
                ? new Node(child, $"{Path}.{name}")
                : null;

        public List<Node> RequireArray()
        {
            if (Element.ValueKind != JsonValueKind.Array)
            {
                throw Malformed(Path, $"expected an array, found {Describe(Element.ValueKind)}");
            }

            var list = new List<Node>(Element.GetArrayLength());
            var i = 0;
            foreach (var item in Element.EnumerateArray())
            {
                list.Add(new Node(item, $"{Path}[{i++}]"));
            }

            return list;
        }

        public string RequireString() =>
            Element.ValueKind == JsonValueKind.String
                ? Element.GetString()!
                : throw Malformed(Path, $"expected a string, found {Describe(Element.ValueKind)}");

        public string? StringOrNull() => Element.ValueKind switch
        {
            JsonValueKind.String => Element.GetString(),
            JsonValueKind.Number => Element.GetRawText(),
            _ => null,
        };

        private static string Describe(JsonValueKind kind) => kind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        };
    }
}
