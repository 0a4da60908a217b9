using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Quality;
using IcfStudio.Core.Storage;

namespace IcfStudio.Core.Profile;

/// <summary>
/// Stand-in for the rules/USDM profile extractor until it lands: the study's extracted metadata becomes the identity items
/// (and the planned participants and duration), the detected study facts the yes/no items. Origin "usdm" for a study
/// ingested from USDM (no pages), else "rules".
/// </summary>
internal sealed class MetadataProfileSource(IStudyStore studies) : IProfileSource
{
    private const double MetadataConfidence = 0.7;
    private const double FactConfidence = 0.5;

    public async Task<StudyProfile> ExtractAsync(string studyId, CancellationToken cancellationToken)
    {
        var study = await studies.FindStudyAsync(studyId, cancellationToken) ?? throw new NotFoundException($"Study '{studyId}' was not found.");
        var pages = await studies.GetPagesAsync(studyId, cancellationToken);
        var origin = study.Documents.Count > 0 && study.Documents.All(d => d.Format == ProtocolFormat.UsdmJson) ? ProfileOrigins.Usdm : ProfileOrigins.Rules;
        var items = new List<ProfileItem>();
        var m = study.Metadata;
        void Add(string key, MetadataField? field)
        {
            if (field is not null && !string.IsNullOrWhiteSpace(field.Value))
            {
                var evidence = field.Page is int page ? new ProfileEvidence(page, field.Value.Trim(), pages.FirstOrDefault(p => p.Number == page)?.DocumentId) : null;
                items.Add(new ProfileItem(key, field.Value.Trim(), evidence, MetadataConfidence, origin));
            }
        }

        Add("identity.acronym", m.Acronym);
        Add("identity.title", m.Title);
        Add("identity.shortTitle", m.ShortTitle);
        Add("identity.protocolNumber", m.ProtocolNumber);
        Add("identity.version", m.Version);
        Add("identity.versionDate", m.VersionDate);
        Add("identity.sponsor", m.Sponsor);
        Add("identity.nctId", m.NctId);
        Add("identity.phase", m.Phase);
        // A number when it reads as one ("1,095" → "1095"); otherwise as extracted or typed, never dropped.
        Add("study.plannedParticipants", m.PlannedParticipants is { } planned && ProfileCatalog.TryNormalize(ProfileCatalog.Find("study.plannedParticipants")!, planned.Value, out var n, out _) ? planned with { Value = n } : m.PlannedParticipants);
        Add("participation.duration", m.Duration);

        var detected = QualityFactsDetector.Detect(study, string.Join("\n", pages.Select(p => p.Text)));
        foreach (var name in QualityFacts.Names)
        {
            if (detected.Facts.ValueOf(name) is { } value)
            {
                items.Add(new ProfileItem(ProfileFacts.KeyOf(name), value ? "true" : "false", null, FactConfidence, ProfileOrigins.Rules));
            }
        }

        return new StudyProfile(items);
    }
}
