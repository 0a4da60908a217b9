using IcfStudio.Core.Storage;
using Microsoft.Data.Sqlite;

namespace IcfStudio.Core.Profile;

/// <summary>Profile decisions in <c>profile_decisions</c>, the version in <c>studies.profile_version</c>, the audit in <c>profile_audit</c> (migration 3).</summary>
internal sealed class SqliteProfileReviewStore(SqliteDatabase database, TimeProvider timeProvider) : IProfileReviewStore
{
    public Task<ProfileReviewState> GetAsync(string studyId, CancellationToken cancellationToken = default) =>
        database.ReadAsync((connection, _) => Task.FromResult(Read(connection, null, studyId) ?? ProfileReviewState.Empty), cancellationToken);

    public Task<int> SaveAsync(string studyId, int expectedVersion, IReadOnlyList<ProfileChangeToStore> changes, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return database.WriteAsync(
            (connection, transaction, _) =>
            {
                // Checked inside the write transaction, so two reviewers saving at once cannot both win.
                if (Sql.Scalar(connection, transaction, "SELECT profile_version FROM studies WHERE id = $id", ("$id", studyId)) is not long current)
                {
                    throw new NotFoundException($"Study '{studyId}' was not found.");
                }

                if (current != expectedVersion)
                {
                    throw new VersionConflictException($"The profile of study '{studyId}' is at version {current}; reload it and apply your change again.", (int)current);
                }

                var version = (int)current + 1;
                var now = StorageJson.FormatTime(timeProvider.GetUtcNow());
                foreach (var change in changes)
                {
                    if (change.Action == ProfileAction.Reset)
                    {
                        Sql.Execute(connection, transaction, "DELETE FROM profile_decisions WHERE study_id = $id AND key = $key", ("$id", studyId), ("$key", change.Key));
                    }
                    else
                    {
                        Sql.Execute(
                            connection,
                            transaction,
                            """
                            INSERT INTO profile_decisions (study_id, key, action, value, actor, at) VALUES ($id, $key, $action, $value, $actor, $now)
                            ON CONFLICT (study_id, key) DO UPDATE SET action = excluded.action, value = excluded.value, actor = excluded.actor, at = excluded.at
                            """,
                            ("$id", studyId),
                            ("$key", change.Key),
                            ("$action", ActionText(change.Action)),
                            ("$value", change.Value),
                            ("$actor", actor),
                            ("$now", now));
                    }

                    Sql.Execute(
                        connection,
                        transaction,
                        "INSERT INTO profile_audit (study_id, version, at, actor, key, action, before, after) VALUES ($id, $version, $now, $actor, $key, $action, $before, $after)",
                        ("$id", studyId),
                        ("$version", version),
                        ("$now", now),
                        ("$actor", actor),
                        ("$key", change.Key),
                        ("$action", ActionText(change.Action)),
                        ("$before", change.Before),
                        ("$after", change.After));
                }

                Sql.Execute(connection, transaction, "UPDATE studies SET profile_version = $version WHERE id = $id", ("$id", studyId), ("$version", version));

                // The drafts' own audit logs show the change too: it changes what their quality and next regeneration use.
                var detail = string.Join("; ", changes.Select(c => $"{c.Key}: {c.Before ?? "(none)"} → {c.After ?? "(none)"}"));
                Sql.Execute(
                    connection,
                    transaction,
                    """
                    INSERT INTO audit_log (draft_id, at, actor, action, section_id, version, content_sha256, detail)
                    SELECT id, $now, $actor, 'profile_changed', NULL, $version, NULL, $detail FROM drafts WHERE study_id = $id
                    """,
                    ("$id", studyId),
                    ("$now", now),
                    ("$actor", actor),
                    ("$version", version),
                    ("$detail", detail));
                return Task.FromResult(version);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<ProfileAuditEntry>> GetAuditAsync(string studyId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(
            (connection, _) =>
            {
                using var command = Sql.Command(
                    connection,
                    null,
                    "SELECT sequence, study_id, version, at, actor, key, action, before, after FROM profile_audit WHERE study_id = $id ORDER BY sequence",
                    ("$id", studyId));
                using var reader = command.ExecuteReader();
                var entries = new List<ProfileAuditEntry>();
                while (reader.Read())
                {
                    entries.Add(new ProfileAuditEntry(
                        reader.GetInt64(0),
                        reader.GetString(1),
                        reader.GetInt32(2),
                        StorageJson.ParseTime(reader.GetString(3)),
                        reader.GetString(4),
                        reader.GetString(5),
                        reader.GetString(6),
                        reader.IsDBNull(7) ? null : reader.GetString(7),
                        reader.IsDBNull(8) ? null : reader.GetString(8)));
                }

                return Task.FromResult<IReadOnlyList<ProfileAuditEntry>>(entries);
            },
            cancellationToken);

    private static ProfileReviewState? Read(SqliteConnection connection, SqliteTransaction? transaction, string studyId)
    {
        if (Sql.Scalar(connection, transaction, "SELECT profile_version FROM studies WHERE id = $id", ("$id", studyId)) is not long version)
        {
            return null;
        }

        using var command = Sql.Command(connection, transaction, "SELECT key, action, value, actor, at FROM profile_decisions WHERE study_id = $id", ("$id", studyId));
        using var reader = command.ExecuteReader();
        var decisions = new Dictionary<string, ProfileDecision>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var key = reader.GetString(0);
            decisions[key] = new ProfileDecision(
                key,
                Enum.Parse<ProfileAction>(reader.GetString(1), ignoreCase: true),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3),
                StorageJson.ParseTime(reader.GetString(4)));
        }

        return new ProfileReviewState((int)version, decisions);
    }

    private static string ActionText(ProfileAction action) => action.ToString().ToLowerInvariant();
}
