using System.Collections.Concurrent;
using System.Globalization;
using IcfStudio.Core.ProtocolMap;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IcfStudio.Core.Storage;

/// <summary>
/// The one SQLite file behind every store: opens it (WAL, busy timeout, foreign keys), applies the schema migrations once,
/// keeps a small pool of open reader connections and serializes this process's writers on one writer connection.
/// </summary>
/// <remarks>
/// Writers are serialized in-process with a semaphore rather than left to SQLite's lock retries, which would make
/// 50 concurrent drafts spin on SQLITE_BUSY; other processes (the CLI beside the server) wait through busy_timeout.
/// Reads use their own connections and run concurrently with the writer (WAL).
/// </remarks>
internal sealed partial class SqliteDatabase : IDisposable
{
    private const int BusyTimeoutMs = 10_000;
    private const int MaxPooledReaders = 16;

    private readonly string connectionString;
    private readonly ILogger<SqliteDatabase> logger;
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly ConcurrentBag<SqliteConnection> readers = [];
    private readonly Lock initLock = new();
    private SqliteConnection? writer;
    private bool initialized;
    private bool disposed;

    public SqliteDatabase(IOptions<StorageOptions> options, ILogger<SqliteDatabase> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        DatabasePath = Path.GetFullPath(options.Value.DatabasePath);
        this.logger = logger;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // This class pools connections itself so that per-connection pragmas run once per connection, not per use.
            Pooling = false,
            DefaultTimeout = BusyTimeoutMs / 1000,
        }.ToString();
    }

    public string DatabasePath { get; }

    /// <summary>Runs <paramref name="work"/> on a pooled reader connection.</summary>
    public async Task<T> ReadAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var connection = RentReader();
        try
        {
            return await work(connection, cancellationToken);
        }
        finally
        {
            ReturnReader(connection);
        }
    }

    /// <summary>Synchronous read on a pooled connection, for hot paths where the async machinery costs more than the query.</summary>
    public T Read<T>(Func<SqliteConnection, T> work)
    {
        var connection = RentReader();
        try
        {
            return work(connection);
        }
        finally
        {
            ReturnReader(connection);
        }
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction (BEGIN IMMEDIATE), committed when it returns, rolled back when it throws.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        EnsureInitialized();
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            var connection = writer ??= OpenConnection();
            using var transaction = connection.BeginTransaction(deferred: false);
            var result = await work(connection, transaction, cancellationToken);
            transaction.Commit();
            return result;
        }
        finally
        {
            writeLock.Release();
        }
    }

    public Task WriteAsync(Func<SqliteConnection, SqliteTransaction, CancellationToken, Task> work, CancellationToken cancellationToken) =>
        WriteAsync<bool>(
            async (connection, transaction, ct) =>
            {
                await work(connection, transaction, ct);
                return true;
            },
            cancellationToken);

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        writer?.Dispose();
        while (readers.TryTake(out var connection))
        {
            connection.Dispose();
        }

        writeLock.Dispose();
    }

    private SqliteConnection RentReader()
    {
        EnsureInitialized();
        return readers.TryTake(out var connection) ? connection : OpenConnection();
    }

    private void ReturnReader(SqliteConnection connection)
    {
        if (disposed || readers.Count >= MaxPooledReaders || connection.State != System.Data.ConnectionState.Open)
        {
            connection.Dispose();
            return;
        }

        readers.Add(connection);
    }

    private SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        // synchronous=NORMAL is safe with WAL (no corruption; a power cut may lose the last commits, an app crash loses nothing).
        Execute(connection, $"PRAGMA busy_timeout = {BusyTimeoutMs}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;");
        return connection;
    }

    private void EnsureInitialized()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (Volatile.Read(ref initialized))
        {
            return;
        }

        lock (initLock)
        {
            if (initialized)
            {
                return;
            }

            if (Path.GetDirectoryName(DatabasePath) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }

            using var connection = OpenConnection();
            Execute(connection, "PRAGMA journal_mode = WAL;");
            Migrate(connection);
            Volatile.Write(ref initialized, true);
        }
    }

    private void Migrate(SqliteConnection connection)
    {
        var migrations = SqliteSchema.Migrations;

        // Migration 3 classifies the chunks already stored with the same code as ingestion.
        connection.CreateFunction("protocol_role", (string? path, string? text) => ProtocolRoles.Id(ProtocolRoleClassifier.Classify(path, text)), isDeterministic: true);
        for (var version = 1; version <= migrations.Count; version++)
        {
            // Each migration in its own IMMEDIATE transaction; re-read the version inside it because another process may have migrated meanwhile.
            using var transaction = connection.BeginTransaction(deferred: false);
            var current = ReadUserVersion(connection, transaction);
            if (current >= version)
            {
                transaction.Rollback();
                continue;
            }

            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = migrations[version - 1] + $"\nPRAGMA user_version = {version.ToString(CultureInfo.InvariantCulture)};";
                command.ExecuteNonQuery();
            }

            transaction.Commit();
            LogMigrationApplied(logger, version, DatabasePath);
        }
    }

    private static long ReadUserVersion(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema migration {Version} to {DatabasePath}")]
    private static partial void LogMigrationApplied(ILogger logger, int version, string databasePath);
}
