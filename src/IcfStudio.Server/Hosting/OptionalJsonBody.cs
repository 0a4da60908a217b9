using System.Text.Json;
using IcfStudio.Core;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace IcfStudio.Server.Hosting;

/// <summary>
/// A JSON body that may be left out entirely (POST without a body). Bound by hand because a declared body parameter
/// makes routing demand a JSON content type, and a request without one would then fall through to the 404 fallback.
/// </summary>
internal static class OptionalJsonBody
{
    public static async Task<T?> ReadAsync<T>(HttpContext httpContext, CancellationToken cancellationToken)
        where T : class
    {
        var request = httpContext.Request;
        if (request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.Any()))
        {
            return null;
        }

        if (!request.HasJsonContentType())
        {
            throw new BadInputException("not_json", "Send the body as application/json (or no body at all).", StatusCodes.Status415UnsupportedMediaType);
        }

        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, options, cancellationToken);
        }
        catch (JsonException)
        {
            throw new BadInputException("bad_json", "The request body is not valid JSON for this endpoint.");
        }
    }

    /// <summary>Describes the optional body in the OpenAPI document.</summary>
    public static RouteHandlerBuilder WithOptionalJsonBody<T>(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(T), cancellationToken: cancellationToken);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = false,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
            };
        });
}
