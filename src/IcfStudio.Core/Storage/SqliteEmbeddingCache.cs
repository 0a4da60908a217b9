using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace IcfStudio.Core.Storage;

/// <summary>Chunk vectors per embedding model, so a study's chunks are embedded once, not on every search.</summary>
internal sealed class SqliteEmbeddingCache(SqliteDatabase database)
{
    /// <summary>The stored vectors of the given chunks for <paramref name="model"/>; chunks without one are absent.</summary>
    public Task<Dictionary<long, float[]>> GetAsync(string studyId, string model, CancellationToken cancellationToken) =>
        database.ReadAsync(
            (connection, _) =>
            {
                using var command = Sql.Command(
                    connection,
                    null,
                    "SELECT e.chunk_id, e.vector FROM chunk_embeddings e JOIN chunks c ON c.id = e.chunk_id WHERE c.study_id = $study AND e.model = $model",
                    ("$study", studyId),
                    ("$model", model));
                using var reader = command.ExecuteReader();
                var vectors = new Dictionary<long, float[]>();
                while (reader.Read())
                {
                    var bytes = (byte[])reader.GetValue(1);
                    vectors[reader.GetInt64(0)] = MemoryMarshal.Cast<byte, float>(bytes).ToArray();
                }

                return Task.FromResult(vectors);
            },
            cancellationToken);

    public Task SaveAsync(string model, IReadOnlyList<(long ChunkId, float[] Vector)> vectors, CancellationToken cancellationToken) =>
        database.WriteAsync(
            (connection, transaction, _) =>
            {
                using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                // A chunk deleted meanwhile (its study was deleted) is skipped rather than failing the search.
                insert.CommandText = """
                    INSERT OR REPLACE INTO chunk_embeddings (chunk_id, model, vector)
                    SELECT $chunk, $model, $vector WHERE EXISTS (SELECT 1 FROM chunks WHERE id = $chunk)
                    """;
                insert.Parameters.AddWithValue("$model", model);
                var chunk = insert.Parameters.Add("$chunk", SqliteType.Integer);
                var vector = insert.Parameters.Add("$vector", SqliteType.Blob);
                foreach (var (chunkId, values) in vectors)
                {
                    chunk.Value = chunkId;
                    vector.Value = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
                    insert.ExecuteNonQuery();
                }

                return Task.CompletedTask;
            },
            cancellationToken);
}
