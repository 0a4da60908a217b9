using IcfStudio.Core;
using IcfStudio.Core.Profile;

namespace IcfStudio.Tests.Profile;

/// <summary>A profile source that returns the same detected items for every study.</summary>
internal sealed class FixedProfileSource(params ProfileItem[] items) : IProfileSource
{
    public Task<StudyProfile> ExtractAsync(string studyId, CancellationToken cancellationToken) => Task.FromResult(new StudyProfile(items));
}

/// <summary>Profile decisions in memory, with the version check of the real store.</summary>
internal sealed class InMemoryProfileReviewStore : IProfileReviewStore
{
    private readonly Dictionary<string, ProfileDecision> _decisions = new(StringComparer.Ordinal);
    private readonly List<ProfileAuditEntry> _audit = [];
    private int _version;

    public InMemoryProfileReviewStore(params ProfileDecision[] decisions)
    {
        foreach (var decision in decisions)
        {
            _decisions[decision.Key] = decision;
        }

        _version = decisions.Length > 0 ? 1 : 0;
    }

    public Task<ProfileReviewState> GetAsync(string studyId, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ProfileReviewState(_version, new Dictionary<string, ProfileDecision>(_decisions)));

    public Task<int> SaveAsync(string studyId, int expectedVersion, IReadOnlyList<ProfileChangeToStore> changes, string actor, CancellationToken cancellationToken = default)
    {
        if (expectedVersion != _version)
        {
            throw new VersionConflictException("stale", _version);
        }

        _version++;
        foreach (var change in changes)
        {
            if (change.Action == ProfileAction.Reset)
            {
                _decisions.Remove(change.Key);
            }
            else
            {
                _decisions[change.Key] = new ProfileDecision(change.Key, change.Action, change.Value, actor, DateTimeOffset.UnixEpoch);
            }

            _audit.Add(new ProfileAuditEntry(_audit.Count + 1, studyId, _version, DateTimeOffset.UnixEpoch, actor, change.Key, change.Action.ToString().ToLowerInvariant(), change.Before, change.After));
        }

        return Task.FromResult(_version);
    }

    public Task<IReadOnlyList<ProfileAuditEntry>> GetAuditAsync(string studyId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ProfileAuditEntry>>([.. _audit]);
}
