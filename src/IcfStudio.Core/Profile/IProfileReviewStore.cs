namespace IcfStudio.Core.Profile;

/// <summary>The reviewers' decisions on a study's profile, its version and its audit. The SQLite implementation is the default.</summary>
public interface IProfileReviewStore
{
    /// <summary>The decisions and version; <see cref="ProfileReviewState.Empty"/> for a study never reviewed (or unknown).</summary>
    Task<ProfileReviewState> GetAsync(string studyId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the changes in one transaction when the profile is still at <paramref name="expectedVersion"/>: the version goes up
    /// by one, every change goes to the profile's audit and to the audit log of each of the study's drafts.
    /// </summary>
    /// <returns>The new version.</returns>
    /// <exception cref="VersionConflictException">The profile is at another version (nothing is stored).</exception>
    /// <exception cref="NotFoundException">No such study.</exception>
    Task<int> SaveAsync(string studyId, int expectedVersion, IReadOnlyList<ProfileChangeToStore> changes, string actor, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ProfileAuditEntry>> GetAuditAsync(string studyId, CancellationToken cancellationToken = default);
}
