using IcfStudio.Core;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace IcfStudio.Server.Hosting;

/// <summary>
/// The one place where exceptions become RFC 7807 responses. Known domain errors keep their message
/// (it is written for the user); anything else is a 500 without details, logged with its type only.
/// </summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, code) = exception switch
        {
            BadInputException bad => (bad.StatusCode, "Bad input", bad.Message, bad.Code),
            NotFoundException notFound => (StatusCodes.Status404NotFound, "Not found", notFound.Message, "not_found"),
            VersionConflictException conflict => (StatusCodes.Status412PreconditionFailed, "Version conflict", conflict.Message, "version_conflict"),
            InvalidStateException invalid => (StatusCodes.Status409Conflict, "Not allowed now", invalid.Message, "invalid_state"),
            BadHttpRequestException badRequest => (badRequest.StatusCode, "Bad request", BadRequestDetail(badRequest), "bad_request"),
            InvalidDataException => (StatusCodes.Status413PayloadTooLarge, "Upload too large", "The upload exceeds the size limit.", "too_large"),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => (499, "Client closed request", null, "cancelled"),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error", "An unexpected error occurred.", "internal_error"),
        };

        if (status == StatusCodes.Status500InternalServerError)
        {
            ServerLog.UnhandledException(logger, exception.GetType().Name, httpContext.Request.Path);
            ServerLog.UnhandledExceptionDetail(logger, exception);
        }

        if (httpContext.Response.HasStarted)
        {
            return true;
        }

        httpContext.Response.StatusCode = status;

        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["code"] = code;
        if (exception is VersionConflictException current)
        {
            problem.Extensions["currentVersion"] = current.CurrentVersion;
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    // Kestrel's messages for these are generic and safe; they never contain body content.
    private static string BadRequestDetail(BadHttpRequestException exception) =>
        exception.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : exception.Message;
}
