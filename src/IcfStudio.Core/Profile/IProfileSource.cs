namespace IcfStudio.Core.Profile;

/// <summary>
/// What detects a study's profile items (rules, USDM structure): the seam the rules/USDM extractor plugs into.
/// Items carry origin "rules" or "usdm"; the reviewers' decisions are applied on top by <see cref="ProfileService"/>.
/// </summary>
public interface IProfileSource
{
    /// <exception cref="NotFoundException">No such study.</exception>
    Task<StudyProfile> ExtractAsync(string studyId, CancellationToken cancellationToken);
}
