using System.Text.Json;
using IcfStudio.Core;
using IcfStudio.Core.Quality;
using IcfStudio.Core.Storage;
using IcfStudio.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IcfStudio.Server.Studies;

/// <summary>One study fact: what the protocol says, the user's stored override, and the value the checks and the export use.</summary>
/// <param name="Name">camelCase, as in the quality report's <c>facts</c> and the <c>?name=value</c> query overrides.</param>
/// <param name="Detected">Null: the protocol does not tell.</param>
/// <param name="Reason">Why it was detected so ("protocol mentions …"); null when nothing was found.</param>
/// <param name="Override">The value stored for the study by a user; null: the detected value applies.</param>
internal sealed record StudyFactJson(string Name, bool? Detected, string? Reason, bool? Override, bool? Effective);

internal sealed record StudyFactsJson(string StudyId, IReadOnlyList<StudyFactJson> Facts)
{
    public static StudyFactsJson From(string studyId, StudyFacts facts)
    {
        var effective = facts.Effective;
        return new StudyFactsJson(studyId, [.. QualityFacts.Names.Select(name => new StudyFactJson(
            name,
            facts.Detected.Facts.ValueOf(name),
            facts.Detected.Reasons.GetValueOrDefault(name),
            facts.Overrides.ValueOf(name),
            effective.ValueOf(name)))]);
    }
}

internal static class StudyFactEndpoints
{
    public static IEndpointRouteBuilder MapStudyFactEndpoints(this IEndpointRouteBuilder app)
    {
        var studies = app.MapGroup("/api/studies").WithTags("Studies");
        studies.MapGet("/{studyId}/facts", GetAsync)
            .WithSummary("The study facts the quality checks and the export rely on: detected (with why), overridden, effective");
        studies.MapPut("/{studyId}/facts", PutAsync)
            .WithSummary("Override study facts for the study, e.g. {\"randomized\": false, \"fdaRegulated\": null} (null: use the detected value)")
            .WithDescription("Only the named facts change; the others keep their override. An unknown name or a value other than true, false or null "
                + "is a 400 and nothing is stored. The change is recorded in the audit log of each of the study's drafts.");
        return app;
    }

    private static async Task<Results<Ok<StudyFactsJson>, ProblemHttpResult>> GetAsync(
        string studyId,
        [FromServices] QualityService quality,
        CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(StudyFactsJson.From(studyId, await quality.GetStudyFactsAsync(studyId, cancellationToken)));
        }
        catch (NotFoundException)
        {
            return Problems.NotFound($"Study '{studyId}' was not found.");
        }
    }

    private static async Task<Results<Ok<StudyFactsJson>, ProblemHttpResult>> PutAsync(
        string studyId,
        JsonElement body,
        HttpContext httpContext,
        [FromServices] IStudyStore studies,
        [FromServices] QualityService quality,
        CancellationToken cancellationToken)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return Problems.BadRequest("bad_facts", "Send an object of fact names and true, false or null, e.g. {\"randomized\": false}.");
        }

        var changes = new Dictionary<string, bool?>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            var name = QualityFacts.Names.FirstOrDefault(n => string.Equals(n, property.Name, StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                return Problems.BadRequest("unknown_fact", $"Unknown study fact '{property.Name}'. Known: {string.Join(", ", QualityFacts.Names)}.");
            }

            if (property.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
            {
                return Problems.BadRequest("bad_fact", $"{name} must be true, false or null (null: use the detected value).");
            }

            changes[name] = property.Value.ValueKind == JsonValueKind.Null ? null : property.Value.GetBoolean();
        }

        if (await studies.FindStudyAsync(studyId, cancellationToken) is null)
        {
            return Problems.NotFound($"Study '{studyId}' was not found.");
        }

        if (changes.Count > 0)
        {
            await studies.UpdateFactOverridesAsync(studyId, changes, Actor.From(httpContext), cancellationToken);
        }

        return TypedResults.Ok(StudyFactsJson.From(studyId, await quality.GetStudyFactsAsync(studyId, cancellationToken)));
    }
}
