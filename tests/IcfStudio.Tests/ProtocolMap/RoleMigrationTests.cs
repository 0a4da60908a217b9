using IcfStudio.Core.ProtocolMap;
using IcfStudio.Core.Storage;
using IcfStudio.Tests.Storage;
using Microsoft.Data.Sqlite;

namespace IcfStudio.Tests.ProtocolMap;

public sealed class RoleMigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Open_DatabaseFromBeforeTheProtocolMap_ClassifiesItsChunks()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(storage.DataDirectory, "icf.db")};Pooling=False"))
        {
            // Back to the schema before migration 5: no role column.
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = MigrationRollback.To(4);
            command.ExecuteNonQuery();
        }

        using var reopened = storage.Open();
        var chunks = await new SqliteStudyStore(reopened, storage.Clock).GetChunksAsync("CARDIO-00000001", Ct);

        Assert.NotEmpty(chunks);
        Assert.All(chunks, c => Assert.Equal(ProtocolRoleClassifier.Classify(c.SectionPath, c.Text), c.Role));
        Assert.Contains(chunks, c => c.Role != ProtocolRole.Other);
    }
}
