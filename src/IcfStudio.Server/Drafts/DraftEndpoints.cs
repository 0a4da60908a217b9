using System.Globalization;
using System.Net.ServerSentEvents;
using IcfStudio.Core.Drafting;
using IcfStudio.Core.Storage;
using IcfStudio.Server.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IcfStudio.Server.Drafts;

internal static class DraftEndpoints
{
    private const string EventsDescription = """
        A `text/event-stream` of the draft's generation events, usable by the browser's `EventSource` as is.

        Event names: `section_start`, `token`, `section_complete`, `section_error`, `section_quality`, `complete`, `error`.
        Data is JSON with `sectionId`; a `token` event's `content` holds only the new text, never the accumulated text
        (tokens that are already waiting are sent as one `token` event).

        Every event has an `id:`, the draft's event sequence number. Without `Last-Event-ID` the stream starts with the
        draft's first event and continues with the live ones; with `Last-Event-ID: n` (or `?lastEventId=n`) it sends
        exactly the events after `n`, also after the draft has finished (replayed from storage). The stream ends after
        the last event when nothing is generating for the draft (also after a regeneration completes).
        Idle streams get `: heartbeat` comment lines.
        """;

    public static IEndpointRouteBuilder MapDraftEndpoints(this IEndpointRouteBuilder app)
    {
        var byStudy = app.MapGroup("/api/studies/{studyId}/drafts").WithTags("Drafts");
        byStudy.MapPost("", CreateAsync)
            .WithOptionalJsonBody<CreateDraftRequest>()
            .WithSummary("Create a draft and start generating it at once")
            .WithDescription("Generation runs in the background, independently of this request; follow it on `GET /api/drafts/{draftId}/events`.");
        byStudy.MapGet("", ListAsync).WithSummary("The study's drafts, newest first");

        var drafts = app.MapGroup("/api/drafts/{draftId}").WithTags("Drafts");
        drafts.MapGet("", GetAsync).WithSummary("A draft with its sections");
        drafts.MapGet("/events", EventsAsync)
            .WithSummary("The draft's live event stream (Server-Sent Events), resumable with Last-Event-ID")
            .WithDescription(EventsDescription);
        return app;
    }

    private static async Task<Results<Created<DraftRecord>, ProblemHttpResult>> CreateAsync(
        string studyId,
        HttpContext httpContext,
        [FromServices] IStudyStore studies,
        [FromServices] IDraftStore drafts,
        [FromServices] DraftService draftService,
        [FromServices] DraftRunner runner,
        CancellationToken cancellationToken)
    {
        if (await studies.FindStudyAsync(studyId, cancellationToken) is null)
        {
            return Problems.NotFound($"Study '{studyId}' was not found.");
        }

        var request = await OptionalJsonBody.ReadAsync<CreateDraftRequest>(httpContext, cancellationToken);
        var actor = Actor.From(httpContext);
        var options = new DraftOptions(request?.Provider, request?.Model, request?.Template, request?.Sections);
        var created = await draftService.CreateAsync(studyId, options, actor, cancellationToken);
        await runner.StartGenerationAsync(draftService, created.DraftId, actor, cancellationToken);
        var draft = await drafts.FindDraftAsync(created.DraftId, cancellationToken) ?? created;
        return TypedResults.Created($"/api/drafts/{draft.DraftId}", draft);
    }

    private static async Task<Results<Ok<IReadOnlyList<DraftRecord>>, ProblemHttpResult>> ListAsync(
        string studyId,
        [FromServices] IStudyStore studies,
        [FromServices] IDraftStore drafts,
        CancellationToken cancellationToken)
    {
        if (await studies.FindStudyAsync(studyId, cancellationToken) is null)
        {
            return Problems.NotFound($"Study '{studyId}' was not found.");
        }

        return TypedResults.Ok(await drafts.ListDraftsAsync(studyId, cancellationToken));
    }

    private static async Task<Results<Ok<DraftRecord>, ProblemHttpResult>> GetAsync(
        string draftId,
        [FromServices] IDraftStore drafts,
        CancellationToken cancellationToken) =>
        await drafts.FindDraftAsync(draftId, cancellationToken) is { } draft
            ? TypedResults.Ok(draft)
            : Problems.NotFound($"Draft '{draftId}' was not found.");

    private static async Task<Results<ServerSentEventsResult<string>, ProblemHttpResult>> EventsAsync(
        string draftId,
        HttpContext httpContext,
        [FromServices] IDraftStore drafts,
        [FromServices] DraftEventStream stream,
        [FromHeader(Name = "Last-Event-ID")] string? lastEventIdHeader,
        [FromQuery] string? lastEventId,
        CancellationToken cancellationToken)
    {
        var raw = string.IsNullOrWhiteSpace(lastEventIdHeader) ? lastEventId : lastEventIdHeader;
        long after = 0;
        if (!string.IsNullOrWhiteSpace(raw) && (!long.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out after)))
        {
            return Problems.BadRequest("bad_last_event_id", "Last-Event-ID must be an event id of this stream (a non-negative integer).");
        }

        if (await drafts.FindDraftAsync(draftId, cancellationToken) is null)
        {
            return Problems.NotFound($"Draft '{draftId}' was not found.");
        }

        httpContext.Response.Headers["X-Accel-Buffering"] = "no";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var body = new SseBatchingBody(httpContext.Response.BodyWriter);
        httpContext.Response.Body = body;
        return TypedResults.ServerSentEvents(stream.ReadAsync(draftId, after, body, httpContext.RequestAborted));
    }
}
