namespace IcfStudio.Core;

/// <summary>The user's input cannot be used (bad file, bad argument). CLI exit 3, HTTP 4xx.</summary>
/// <param name="code">A stable, machine-readable reason such as <c>empty_file</c> or <c>encrypted_pdf</c>.</param>
public class BadInputException(string code, string message, int statusCode = 400) : Exception(message)
{
    public string Code { get; } = code;

    /// <summary>The HTTP status the server answers with (400, 413, 415 or 422).</summary>
    public int StatusCode { get; } = statusCode;
}

public sealed class NotFoundException(string message) : Exception(message);

/// <summary>An optimistic-concurrency check failed: the caller's version is stale (HTTP 412).</summary>
public sealed class VersionConflictException(string message, int currentVersion) : Exception(message)
{
    public int CurrentVersion { get; } = currentVersion;
}

/// <summary>The request is well formed but not allowed in the current state (HTTP 409).</summary>
public sealed class InvalidStateException(string message) : Exception(message);
