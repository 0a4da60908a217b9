using Microsoft.AspNetCore.Http.HttpResults;

namespace IcfStudio.Server.Hosting;

/// <summary>ProblemDetails results for the errors an endpoint detects itself (the rest go through the exception handler).</summary>
internal static class Problems
{
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail, extensions: Code("not_found"));

    public static ProblemHttpResult BadRequest(string code, string detail, int statusCode = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(statusCode: statusCode, title: "Bad input", detail: detail, extensions: Code(code));

    private static Dictionary<string, object?> Code(string code) => new() { ["code"] = code };
}
