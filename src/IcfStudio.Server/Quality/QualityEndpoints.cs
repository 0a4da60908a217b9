using IcfStudio.Core.Quality;
using IcfStudio.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using IcfStudio.Server.Hosting;

namespace IcfStudio.Server.Quality;

public static class QualityEndpoints
{
    /// <summary>
    /// <c>GET /api/drafts/{id}/quality</c>: the whole draft's quality (elements, readability per section and overall,
    /// unsupported numbers, contradictions). Study facts can be overridden in the query: <c>?randomized=false&amp;fdaRegulated=true</c>;
    /// <c>?judge=true</c> adds the configured LLM's second opinion.
    /// </summary>
    public static IEndpointRouteBuilder MapQualityEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/drafts/{id}/quality", GetDraftQualityAsync)
            .WithName("GetDraftQuality")
            .WithSummary("Regulatory elements, reading level and unsupported numbers of a draft");
        return app;
    }

    private static async Task<Results<JsonHttpResult<DraftQuality>, ProblemHttpResult>> GetDraftQualityAsync(
        string id,
        HttpRequest request,
        IDraftStore drafts,
        QualityService quality,
        CancellationToken cancellationToken)
    {
        var draft = await drafts.FindDraftAsync(id, cancellationToken);
        if (draft is null)
        {
            return Problems.NotFound($"No draft '{id}'.");
        }

        QualityFacts? overrides = null;
        foreach (var name in QualityFacts.Names)
        {
            if (!request.Query.TryGetValue(name, out var values) || values.Count == 0)
            {
                continue;
            }

            bool? value;
            switch (values[0]?.ToLowerInvariant())
            {
                case "true" or "yes" or "1":
                    value = true;
                    break;
                case "false" or "no" or "0":
                    value = false;
                    break;
                case "" or "unknown" or null:
                    value = null;
                    break;
                default:
                    return Problems.BadRequest("bad_fact", $"{name} must be true, false or unknown.");
            }

            overrides = (overrides ?? QualityFacts.Unknown).WithValue(name, value);
        }

        var useJudge = request.Query.TryGetValue("judge", out var judge) && judge.ToString() is "true" or "1" or "yes";
        var result = await quality.EvaluateDraftAsync(draft, overrides, useJudge, cancellationToken);
        return TypedResults.Json(result, QualityJson.Options);
    }
}
