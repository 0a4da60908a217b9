using System.Text.Json;
using IcfStudio.Core;
using IcfStudio.Core.Profile;
using IcfStudio.Core.Quality;
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
            .WithDescription("A view over the study profile (GET/PUT /api/studies/{id}/profile), where each fact is a yes/no item. Only the named facts "
                + "change; the others keep their review. An unknown name or a value other than true, false or null is a 400 and nothing is stored. "
                + "The change is recorded in the profile's audit and in the audit log of each of the study's drafts.");
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
        [FromServices] ProfileService profiles,
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

        if (changes.Count > 0)
        {
            // A view over the study profile: a fact is its yes/no item; null goes back to the detected value.
            var profile = await profiles.GetAsync(studyId, cancellationToken);
            await profiles.ReviewAsync(
                studyId,
                profile.Version,
                [.. changes.Select(c => c.Value is { } value
                    ? new ProfileChange(ProfileFacts.KeyOf(c.Key), ProfileAction.Edit, value ? "true" : "false")
                    : new ProfileChange(ProfileFacts.KeyOf(c.Key), ProfileAction.Reset))],
                Actor.From(httpContext),
                cancellationToken);
        }

        return TypedResults.Ok(StudyFactsJson.From(studyId, await quality.GetStudyFactsAsync(studyId, cancellationToken)));
    }
}
