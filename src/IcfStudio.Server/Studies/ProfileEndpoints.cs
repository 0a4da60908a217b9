using System.Text.Json;
using IcfStudio.Core;
using IcfStudio.Core.Profile;
using IcfStudio.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IcfStudio.Server.Studies;

/// <summary>A change of <c>PUT /api/studies/{id}/profile</c>: action accept, edit (with value), clear, or reset (back to detected).</summary>
internal sealed record ProfileChangeJson(string Key, string Action, string? Value = null);

internal static class ProfileEndpoints
{
    private const int MaxChanges = 200;

    public static IEndpointRouteBuilder MapProfileEndpoints(this IEndpointRouteBuilder app)
    {
        var studies = app.MapGroup("/api/studies/{studyId}/profile").WithTags("Study profile");
        studies.MapGet("", GetAsync)
            .WithSummary("The study profile (consent facts): every item with its detected value, page and quote, confidence, origin, review state and effective value")
            .WithDescription("The ETag is the profile version; send it in If-Match to PUT.");
        studies.MapPut("", PutAsync)
            .Accepts<IReadOnlyList<ProfileChangeJson>>("application/json")
            .WithSummary("Review profile items: [{\"key\": \"identity.acronym\", \"action\": \"edit\", \"value\": \"PRECISE\"}, {\"key\": \"identity.phase\", \"action\": \"accept\"}]")
            .WithDescription("Actions: accept (the detected value is right), edit (value required; wins over detection), clear (no value), reset (back to the "
                + "detected value). Needs If-Match with the profile version (428 without, 412 when stale, with the current version in ETag). An unknown key "
                + "or a value that does not fit the item's type is a 400 and nothing is stored. Every change is in the profile's audit (GET …/profile/audit) "
                + "and in the audit log of each of the study's drafts.");
        studies.MapGet("/audit", AuditAsync).WithSummary("Every review change of the study profile: who, when, key, action, before → after");
        return app;
    }

    private static async Task<Results<Ok<StudyProfileView>, ProblemHttpResult>> GetAsync(
        string studyId,
        HttpContext httpContext,
        [FromServices] ProfileService profiles,
        CancellationToken cancellationToken)
    {
        var profile = await profiles.GetAsync(studyId, cancellationToken);
        httpContext.Response.Headers.ETag = ETags.Format(profile.Version);
        return TypedResults.Ok(StudyProfileView.From(profile));
    }

    private static async Task<Results<Ok<StudyProfileView>, ProblemHttpResult>> PutAsync(
        string studyId,
        JsonElement body,
        HttpContext httpContext,
        [FromServices] ProfileService profiles,
        CancellationToken cancellationToken)
    {
        if (ETags.ParseIfMatch(httpContext.Request.Headers.IfMatch) is not { } expected)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status428PreconditionRequired,
                title: "If-Match required",
                detail: "Send the profile's version (the ETag of GET /api/studies/{id}/profile) in If-Match, e.g. If-Match: \"3\".");
        }

        var changes = ParseChanges(body);
        var current = await profiles.GetAsync(studyId, cancellationToken);
        if (current.Version != expected)
        {
            // Answered here, not by the exception handler, so that the current version goes out in ETag.
            httpContext.Response.Headers.ETag = ETags.Format(current.Version);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status412PreconditionFailed,
                title: "Version conflict",
                detail: $"The study profile is at version {current.Version}; reload it and apply your change again.",
                extensions: new Dictionary<string, object?> { ["code"] = "version_conflict", ["currentVersion"] = current.Version });
        }

        var profile = await profiles.ReviewAsync(studyId, expected, changes, Actor.From(httpContext), cancellationToken);
        httpContext.Response.Headers.ETag = ETags.Format(profile.Version);
        return TypedResults.Ok(StudyProfileView.From(profile));
    }

    private static async Task<Ok<IReadOnlyList<ProfileAuditEntry>>> AuditAsync(
        string studyId,
        [FromServices] ProfileService profiles,
        CancellationToken cancellationToken)
    {
        await profiles.GetAsync(studyId, cancellationToken);
        return TypedResults.Ok(await profiles.GetAuditAsync(studyId, cancellationToken));
    }

    /// <summary>The body's changes; a malformed one is a 400 (through the exception handler) before anything is read or stored.</summary>
    private static List<ProfileChange> ParseChanges(JsonElement body)
    {
        const string Example = "Send a list of changes, e.g. [{\"key\": \"identity.acronym\", \"action\": \"edit\", \"value\": \"PRECISE\"}].";
        if (body.ValueKind != JsonValueKind.Array || body.GetArrayLength() is 0 or > MaxChanges)
        {
            throw new BadInputException("bad_profile_changes", $"{Example} (1 to {MaxChanges} changes)");
        }

        var changes = new List<ProfileChange>();
        foreach (var element in body.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object
                || !element.TryGetProperty("key", out var key) || key.ValueKind != JsonValueKind.String
                || !element.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.String)
            {
                throw new BadInputException("bad_profile_changes", Example);
            }

            if (!Enum.TryParse<ProfileAction>(action.GetString(), ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(action.GetString(), out _))
            {
                throw new BadInputException("bad_profile_action", $"Unknown action '{action.GetString()}': use accept, edit, clear or reset.");
            }

            string? value = null;
            if (element.TryGetProperty("value", out var v))
            {
                value = v.ValueKind switch
                {
                    JsonValueKind.String => v.GetString(),
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.GetRawText(),
                    JsonValueKind.Null => null,
                    _ => throw new BadInputException("bad_profile_value", $"The value of '{key.GetString()}' must be text, a number or true/false."),
                };
            }

            changes.Add(new ProfileChange(key.GetString()!, parsed, value));
        }

        return changes;
    }
}
