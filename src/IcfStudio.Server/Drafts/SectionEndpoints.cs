using IcfStudio.Core;
using IcfStudio.Core.Drafting;
using IcfStudio.Core.Storage;
using IcfStudio.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IcfStudio.Server.Drafts;

/// <summary>Edit, approve, unapprove and regenerate a section; its version history.</summary>
internal static class SectionEndpoints
{
    private const int MaxFeedbackChars = 2_000;
    private const int MaxContentChars = 200_000;

    public static IEndpointRouteBuilder MapSectionEndpoints(this IEndpointRouteBuilder app)
    {
        var sections = app.MapGroup("/api/drafts/{draftId}/sections/{sectionId}").WithTags("Sections");
        sections.MapPut("", EditAsync)
            .WithSummary("Replace a section's text (a manual edit)")
            .WithDescription("Send the section's current version in `If-Match` (e.g. `\"3\"`); a stale version gets 412 with the current one in `ETag`.");
        sections.MapPost("/approve", ApproveAsync).WithSummary("Approve a ready section (If-Match optional)");
        sections.MapPost("/unapprove", UnapproveAsync).WithSummary("Withdraw a section's approval (If-Match optional)");
        sections.MapPost("/regenerate", RegenerateAsync)
            .WithOptionalJsonBody<RegenerateSectionRequest>()
            .WithSummary("Regenerate a section, optionally with feedback")
            .WithDescription("Runs in the background; the new tokens arrive on `GET /api/drafts/{draftId}/events`.");
        sections.MapGet("/versions", VersionsAsync).WithSummary("Every version of a section: who, when, why (generated, regenerated with feedback, edited, approved)");
        sections.MapGet("/versions/{version:int}", VersionAsync).WithSummary("One version of a section");
        return app;
    }

    private static async Task<Results<Ok<DraftSection>, ProblemHttpResult>> EditAsync(
        string draftId,
        string sectionId,
        EditSectionRequest request,
        HttpContext httpContext,
        [FromServices] IDraftStore drafts,
        [FromServices] DraftService draftService,
        [FromServices] DraftRunner runner,
        CancellationToken cancellationToken)
    {
        if (ETags.ParseIfMatch(httpContext.Request.Headers.IfMatch) is not { } expected)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status428PreconditionRequired,
                title: "If-Match required",
                detail: "Send the section's current version in If-Match, e.g. If-Match: \"3\".");
        }

        if (request.Content is null || request.Content.Length > MaxContentChars)
        {
            return Problems.BadRequest("bad_content", $"content is required and at most {MaxContentChars:N0} characters long.");
        }

        var section = await FindSectionAsync(drafts, draftId, sectionId, cancellationToken);
        switch (section.Status)
        {
            case SectionStatus.Generating:
                throw new InvalidStateException($"Section '{sectionId}' is being generated; edit it when it is ready.");
            case SectionStatus.Approved:
                throw new InvalidStateException($"Section '{sectionId}' is approved; unapprove it before editing.");
        }

        if (section.Version != expected)
        {
            return Stale(httpContext, section);
        }

        // Keep the citations whose keys the edited text still uses.
        var citations = section.Citations.Where(c => request.Content.Contains($"[{c.Key}]", StringComparison.Ordinal)).ToList();
        await drafts.SaveSectionVersionAsync(
            draftId, sectionId, request.Content, citations, SectionStatus.Ready, VersionReason.Edited, Actor.From(httpContext),
            expectedVersion: expected, cancellationToken: cancellationToken);

        // The edited text's quality goes to the event stream (and its replay) as a section_quality event.
        await runner.StartQualityAsync(draftService, draftId, sectionId, cancellationToken);
        return await CurrentAsync(httpContext, drafts, draftId, sectionId, cancellationToken);
    }

    private static Task<Results<Ok<DraftSection>, ProblemHttpResult>> ApproveAsync(
        string draftId,
        string sectionId,
        HttpContext httpContext,
        [FromServices] IDraftStore drafts,
        CancellationToken cancellationToken) =>
        TransitionAsync(
            draftId, sectionId, httpContext, drafts, from: SectionStatus.Ready, to: SectionStatus.Approved, VersionReason.Approved,
            section => $"Only a ready section can be approved; '{section.SectionId}' is {section.Status.ToString().ToLowerInvariant()}.",
            cancellationToken);

    private static Task<Results<Ok<DraftSection>, ProblemHttpResult>> UnapproveAsync(
        string draftId,
        string sectionId,
        HttpContext httpContext,
        [FromServices] IDraftStore drafts,
        CancellationToken cancellationToken) =>
        TransitionAsync(
            draftId, sectionId, httpContext, drafts, from: SectionStatus.Approved, to: SectionStatus.Ready, VersionReason.Unapproved,
            section => $"Section '{section.SectionId}' is not approved.",
            cancellationToken);

    /// <summary>Approval and its undo: a new version with the same text and a new status, guarded by an optional If-Match.</summary>
    private static async Task<Results<Ok<DraftSection>, ProblemHttpResult>> TransitionAsync(
        string draftId,
        string sectionId,
        HttpContext httpContext,
        IDraftStore drafts,
        SectionStatus from,
        SectionStatus to,
        VersionReason reason,
        Func<DraftSection, string> notAllowed,
        CancellationToken cancellationToken)
    {
        var expected = ETags.ParseIfMatch(httpContext.Request.Headers.IfMatch);
        var section = await FindSectionAsync(drafts, draftId, sectionId, cancellationToken);
        if (section.Status != from)
        {
            throw new InvalidStateException(notAllowed(section));
        }

        if (expected is { } version && version != section.Version)
        {
            return Stale(httpContext, section);
        }

        await drafts.SaveSectionVersionAsync(
            draftId, sectionId, section.Content, section.Citations, to, reason, Actor.From(httpContext),
            expectedVersion: expected ?? section.Version, cancellationToken: cancellationToken);
        return await CurrentAsync(httpContext, drafts, draftId, sectionId, cancellationToken);
    }

    private static async Task<Results<Accepted<RegenerationAccepted>, ProblemHttpResult>> RegenerateAsync(
        string draftId,
        string sectionId,
        HttpContext httpContext,
        [FromServices] IDraftStore drafts,
        [FromServices] DraftService draftService,
        [FromServices] DraftRunner runner,
        CancellationToken cancellationToken)
    {
        var request = await OptionalJsonBody.ReadAsync<RegenerateSectionRequest>(httpContext, cancellationToken);
        var feedback = string.IsNullOrWhiteSpace(request?.Feedback) ? null : request.Feedback.Trim();
        if (feedback is { Length: > MaxFeedbackChars })
        {
            return Problems.BadRequest("feedback_too_long", $"Feedback is at most {MaxFeedbackChars:N0} characters long.");
        }

        var section = await FindSectionAsync(drafts, draftId, sectionId, cancellationToken);
        switch (section.Status)
        {
            case SectionStatus.Generating:
                throw new InvalidStateException($"Section '{sectionId}' is already being generated.");
            case SectionStatus.Approved:
                throw new InvalidStateException($"Section '{sectionId}' is approved; unapprove it before regenerating.");
        }

        await runner.StartRegenerationAsync(draftService, draftId, sectionId, feedback, Actor.From(httpContext), cancellationToken);
        var events = $"/api/drafts/{draftId}/events";
        return TypedResults.Accepted(events, new RegenerationAccepted(draftId, sectionId, events));
    }

    private static async Task<Results<Ok<IReadOnlyList<SectionVersion>>, ProblemHttpResult>> VersionsAsync(
        string draftId,
        string sectionId,
        [FromServices] IDraftStore drafts,
        CancellationToken cancellationToken)
    {
        await FindSectionAsync(drafts, draftId, sectionId, cancellationToken);
        return TypedResults.Ok(await drafts.GetSectionVersionsAsync(draftId, sectionId, cancellationToken));
    }

    private static async Task<Results<Ok<SectionVersion>, ProblemHttpResult>> VersionAsync(
        string draftId,
        string sectionId,
        int version,
        [FromServices] IDraftStore drafts,
        CancellationToken cancellationToken)
    {
        await FindSectionAsync(drafts, draftId, sectionId, cancellationToken);
        var versions = await drafts.GetSectionVersionsAsync(draftId, sectionId, cancellationToken);
        return versions.FirstOrDefault(v => v.Version == version) is { } found
            ? TypedResults.Ok(found)
            : Problems.NotFound($"Section '{sectionId}' has no version {version}.");
    }

    /// <summary>412 with the current version in ETag. Checked here because the exception handler middleware strips ETag headers; the store's own check covers a race.</summary>
    private static ProblemHttpResult Stale(HttpContext httpContext, DraftSection section)
    {
        httpContext.Response.Headers.ETag = ETags.Format(section.Version);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: "Version conflict",
            detail: $"Section '{section.SectionId}' is at version {section.Version}; reload it and apply your change again.",
            extensions: new Dictionary<string, object?> { ["code"] = "version_conflict", ["currentVersion"] = section.Version });
    }

    private static async Task<DraftSection> FindSectionAsync(IDraftStore drafts, string draftId, string sectionId, CancellationToken cancellationToken)
    {
        var draft = await drafts.FindDraftAsync(draftId, cancellationToken) ?? throw new NotFoundException($"Draft '{draftId}' was not found.");
        return draft.Sections.FirstOrDefault(s => s.SectionId == sectionId)
            ?? throw new NotFoundException($"Draft '{draftId}' has no section '{sectionId}'.");
    }

    private static async Task<Results<Ok<DraftSection>, ProblemHttpResult>> CurrentAsync(
        HttpContext httpContext, IDraftStore drafts, string draftId, string sectionId, CancellationToken cancellationToken)
    {
        var section = await FindSectionAsync(drafts, draftId, sectionId, cancellationToken);
        httpContext.Response.Headers.ETag = ETags.Format(section.Version);
        return TypedResults.Ok(section);
    }
}
