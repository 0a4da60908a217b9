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

        if (!FactOverrides.TryParse(request.Query, out var overrides, out var badFact))
        {
            return Problems.BadRequest("bad_fact", FactOverrides.Problem(badFact!));
        }

        var useJudge = request.Query.TryGetValue("judge", out var judge) && judge.ToString() is "true" or "1" or "yes";
        var result = await quality.EvaluateDraftAsync(draft, overrides, useJudge, cancellationToken);
        return TypedResults.Json(result, QualityJson.Options);
    }
}
