using System.Collections.Concurrent;
using IcfStudio.Core.Storage;
using Microsoft.Extensions.Logging;

namespace IcfStudio.Core.Profile;

/// <summary>
/// A study's profile ("consent facts"): the detected items (the <see cref="IProfileSource"/>, plus the LLM's verified
/// items when a provider is configured) with the reviewers' decisions on top. Edits win over detection; drafting, quality
/// and export use the effective values.
/// </summary>
public sealed partial class ProfileService(
    IProfileSource source,
    IProfileReviewStore reviews,
    IStudyStore studies,
    ILogger<ProfileService> logger,
    LlmProfileExtractor? llm = null)
{
    // Detection is redone only when the study changes (documents, metadata): reviews do not touch UpdatedAt.
    private readonly ConcurrentDictionary<string, Detection> _detected = new(StringComparer.Ordinal);

    /// <summary>The reviewed profile; the LLM's items are included once its background reading has finished.</summary>
    /// <exception cref="NotFoundException">No such study.</exception>
    public Task<ReviewedProfile> GetAsync(string studyId, CancellationToken cancellationToken) => GetAsync(studyId, waitForLlm: false, cancellationToken);

    /// <param name="waitForLlm">Wait for the LLM's reading when a provider is configured (the CLI, which exits after).</param>
    public async Task<ReviewedProfile> GetAsync(string studyId, bool waitForLlm, CancellationToken cancellationToken)
    {
        var detected = await DetectAsync(studyId, waitForLlm, cancellationToken);
        var review = await reviews.GetAsync(studyId, cancellationToken);
        return Combine(studyId, detected, review);
    }

    /// <summary>Applies a reviewer's changes when the profile is still at <paramref name="expectedVersion"/>; all or nothing.</summary>
    /// <exception cref="BadInputException">An unknown key, a value that does not fit, accepting nothing, a key twice, no change.</exception>
    /// <exception cref="VersionConflictException">The profile changed since <paramref name="expectedVersion"/>.</exception>
    public async Task<ReviewedProfile> ReviewAsync(string studyId, int expectedVersion, IReadOnlyList<ProfileChange> changes, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            throw new BadInputException("no_changes", "Send at least one change: {\"key\": \"identity.acronym\", \"action\": \"edit\", \"value\": \"…\"}.");
        }

        var current = await GetAsync(studyId, cancellationToken);
        if (current.Version != expectedVersion)
        {
            throw new VersionConflictException($"The profile of study '{studyId}' is at version {current.Version}; reload it and apply your change again.", current.Version);
        }

        var toStore = new List<ProfileChangeToStore>();
        foreach (var change in changes)
        {
            var definition = ProfileCatalog.Find(change.Key)
                ?? throw new BadInputException("unknown_profile_item", $"Unknown profile item '{change.Key}'.");
            if (toStore.Any(c => c.Key == change.Key))
            {
                throw new BadInputException("duplicate_profile_item", $"Profile item '{change.Key}' is changed twice in one request.");
            }

            var item = current.Find(change.Key);
            var before = item?.Effective;
            string? value = null;
            switch (change.Action)
            {
                case ProfileAction.Edit:
                    if (!ProfileCatalog.TryNormalize(definition, change.Value, out var normalized, out var error))
                    {
                        throw new BadInputException("bad_profile_value", error!);
                    }

                    value = normalized;
                    break;
                case ProfileAction.Accept:
                    value = item?.Detected?.Value
                        ?? throw new BadInputException("nothing_to_accept", $"Nothing was detected for '{change.Key}': edit it instead.");
                    break;
            }

            var after = change.Action switch
            {
                ProfileAction.Reset => item?.Detected?.Value,
                ProfileAction.Clear => null,
                _ => value,
            };
            toStore.Add(new ProfileChangeToStore(change.Key, change.Action, value, before, after));
        }

        var version = await reviews.SaveAsync(studyId, expectedVersion, toStore, actor, cancellationToken);
        LogReviewed(logger, studyId, toStore.Count, version);
        return await GetAsync(studyId, cancellationToken);
    }

    public Task<IReadOnlyList<ProfileAuditEntry>> GetAuditAsync(string studyId, CancellationToken cancellationToken) =>
        reviews.GetAuditAsync(studyId, cancellationToken);

    /// <summary>Every catalog item that is not repeated (so a reviewer can fill one nothing was found for), every detected item, every decided one.</summary>
    internal static ReviewedProfile Combine(string studyId, StudyProfile detected, ProfileReviewState review)
    {
        var keys = ProfileCatalog.Items.Where(d => !d.Repeated).Select(d => d.Key)
            .Concat(detected.Items.Select(i => i.Key))
            .Concat(review.Decisions.Keys)
            .Distinct(StringComparer.Ordinal)
            .Where(k => ProfileCatalog.Find(k) is not null);
        var items = new List<ReviewedProfileItem>();
        foreach (var key in keys)
        {
            var definition = ProfileCatalog.Find(key)!;
            var found = detected.Find(key);
            var decision = review.Decisions.GetValueOrDefault(key);
            if (decision is { Action: ProfileAction.Accept } && !string.Equals(decision.Value, found?.Value, StringComparison.Ordinal))
            {
                // Detection changed since it was accepted (a new document, an LLM item): the new value needs a look again.
                decision = null;
            }

            var effective = decision?.Action switch
            {
                ProfileAction.Edit => decision.Value,
                ProfileAction.Clear => null,
                _ => found?.Value,
            };
            items.Add(new ReviewedProfileItem(key, definition.Label, definition.Group, definition.Type, definition.Sections, found, decision, effective));
        }

        var order = ProfileCatalog.Items.Select((d, i) => (d.Key, i)).ToDictionary(p => p.Key, p => p.i, StringComparer.Ordinal);
        items = [.. items.OrderBy(i => order[ProfileCatalog.Find(i.Key)!.Key]).ThenBy(i => i.Key, StringComparer.Ordinal)];
        return new ReviewedProfile(studyId, review.Version, items);
    }

    /// <summary>
    /// The detected profile: the source's items, plus the LLM's once its reading has finished (it runs in the background,
    /// so that a page never waits for a provider; <paramref name="waitForLlm"/> waits for it).
    /// </summary>
    private async Task<StudyProfile> DetectAsync(string studyId, bool waitForLlm, CancellationToken cancellationToken)
    {
        var study = await studies.FindStudyAsync(studyId, cancellationToken) ?? throw new NotFoundException($"Study '{studyId}' was not found.");
        var entry = _detected.AddOrUpdate(
            studyId,
            _ => NewDetection(studyId, study.UpdatedAt),
            (_, existing) => existing.UpdatedAt == study.UpdatedAt && !existing.Rules.Value.IsFaulted && !existing.Rules.Value.IsCanceled
                ? existing
                : NewDetection(studyId, study.UpdatedAt));
        var rules = await entry.Rules.Value.WaitAsync(cancellationToken);
        var llmTask = entry.Llm.Value;
        if (waitForLlm)
        {
            await llmTask.WaitAsync(cancellationToken);
        }

        return llmTask.IsCompletedSuccessfully ? Merge(rules, llmTask.Result) : rules;
    }

    private Detection NewDetection(string studyId, DateTimeOffset updatedAt)
    {
        // Not the caller's token: the detection is shared by every caller until the study changes.
        var rules = new Lazy<Task<StudyProfile>>(() => source.ExtractAsync(studyId, CancellationToken.None));
        return new Detection(updatedAt, rules, new Lazy<Task<IReadOnlyList<ProfileItem>>>(() => ReadWithLlmAsync(studyId)));
    }

    /// <summary>The LLM's verified items; none without a provider or when it fails (the rules' profile stands on its own).</summary>
    private async Task<IReadOnlyList<ProfileItem>> ReadWithLlmAsync(string studyId)
    {
        if (llm is null || !llm.Enabled)
        {
            return [];
        }

        try
        {
            return await llm.ExtractAsync(studyId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogLlmFailed(logger, studyId, ex.GetType().Name);
            return [];
        }
    }

    /// <summary>The source's items, then the LLM's for the keys (and repeated groups) the source did not fill.</summary>
    private static StudyProfile Merge(StudyProfile detected, IReadOnlyList<ProfileItem> extra)
    {
        if (extra.Count == 0)
        {
            return detected;
        }

        var filledGroups = detected.Items.Where(i => ProfileCatalog.Find(i.Key)?.Repeated == true).Select(i => ProfileCatalog.GroupOf(i.Key)).ToHashSet(StringComparer.Ordinal);
        var added = extra
            .Where(i => detected.Find(i.Key) is null && !filledGroups.Contains(ProfileCatalog.GroupOf(i.Key)))
            .GroupBy(i => i.Key, StringComparer.Ordinal)
            .Select(g => g.First());
        return detected with { Items = [.. detected.Items, .. added] };
    }

    private sealed record Detection(DateTimeOffset UpdatedAt, Lazy<Task<StudyProfile>> Rules, Lazy<Task<IReadOnlyList<ProfileItem>>> Llm);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Profile extraction by the LLM failed for study {StudyId} ({ErrorType}); the rules' items are used")]
    private static partial void LogLlmFailed(ILogger logger, string studyId, string errorType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Profile of study {StudyId} reviewed: {Changes} change(s), now version {Version}")]
    private static partial void LogReviewed(ILogger logger, string studyId, int changes, int version);
}
