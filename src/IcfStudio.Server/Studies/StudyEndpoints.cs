using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using IcfStudio.Core;
using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Retrieval;
using IcfStudio.Core.Storage;
using IcfStudio.Server.Drafts;
using IcfStudio.Server.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IcfStudio.Server.Studies;

internal static class StudyEndpoints
{
    private const int MaxSearchResults = 50;
    private const int MaxSentenceLength = 2_000;

    public static IEndpointRouteBuilder MapStudyEndpoints(this IEndpointRouteBuilder app)
    {
        var studies = app.MapGroup("/api/studies").WithTags("Studies");
        studies.MapPost("", UploadAsync)
            .WithSummary("Upload protocol files (multipart field `files`, optional `acronym`, `studyId`) and ingest them")
            .WithDescription("201 with the new study; 200 when every file was already in the study (nothing changed). "
                + "Pass `?uploadId=…` (letters, digits, - and _) to follow the ingestion on `GET /api/uploads/{uploadId}/events`.")
            .DisableAntiforgery();
        studies.MapGet("", ListAsync).WithSummary("Every study");
        studies.MapGet("/{studyId}", GetAsync).WithSummary("A study with its documents and metadata");
        studies.MapPatch("/{studyId}", PatchAsync).WithSummary("Edit a study's metadata");
        studies.MapDelete("/{studyId}", DeleteAsync).WithSummary("Delete a study with its documents and drafts");
        studies.MapGet("/{studyId}/search", SearchAsync).WithSummary("Search the study's protocol passages");
        studies.MapGet("/{studyId}/pages/{number:int}", PageAsync).WithSummary("A protocol page's text, to show a citation in context");
        studies.MapGet("/{studyId}/citations/{chunkId:long}", CitationAsync)
            .WithSummary("Where a cited passage supports a draft sentence: its sentences, the page holding them, their ranges on the page texts")
            .WithDescription("`sentence` (up to 2,000 characters) is the draft sentence that carries the citation; the passage's sentence it quotes, "
                + "else those sharing its most distinctive words, are returned, with `page` the page holding the best one and `highlights` "
                + "their character ranges (whole words) in `GET /api/studies/{studyId}/pages/{number}` texts. Without `sentence`: the passage's first sentence.");

        app.MapGet("/api/uploads/{uploadId}/events", UploadEvents)
            .WithTags("Studies")
            .WithSummary("Ingestion progress of an upload (Server-Sent Events)")
            .WithDescription("Events `progress` (fileName, stage, pagesParsed, pageCount, chunksIndexed, chunkCount), then `complete` (studyId) or `error` (status, code, message); the stream ends with the upload. It may be opened before the upload is posted.");
        app.MapStudyFactEndpoints();
        return app;
    }

    private static async Task<Results<Created<StudyJson>, Ok<StudyJson>, ProblemHttpResult>> UploadAsync(
        HttpContext httpContext,
        [FromQuery] string? uploadId,
        [FromServices] StudyIngestionService ingestion,
        [FromServices] IStudyStore studies,
        [FromServices] UploadProgressHub progressHub,
        [FromServices] IOptions<UploadOptions> options,
        [FromServices] IOptions<IngestionOptions> ingestionOptions,
        [FromServices] ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var limits = new UploadLimits(options.Value.MaxFiles, ingestionOptions.Value.MaxFileBytes, options.Value.MaxRequestBytes(ingestionOptions.Value.MaxFileBytes));
        if (uploadId is not null && !UploadProgressHub.IsValidId(uploadId))
        {
            return Problems.BadRequest("bad_upload_id", "uploadId is 1 to 64 letters, digits, '-' or '_'.");
        }

        var progress = uploadId is null ? null : progressHub.Begin(uploadId, options.Value.ProgressRetention);
        try
        {
            var result = await IngestAsync(httpContext, ingestion, studies, limits, progress, uploadId, loggerFactory, cancellationToken);
            if (uploadId is not null)
            {
                progressHub.Complete(uploadId, result.Study.StudyId);
            }

            return result.Changed
                ? TypedResults.Created($"/api/studies/{result.Study.StudyId}", result.Study)
                : TypedResults.Ok(result.Study);
        }
        catch (Exception ex) when (uploadId is not null)
        {
            var (status, code, message) = ex switch
            {
                BadInputException bad => (bad.StatusCode, bad.Code, bad.Message),
                NotFoundException notFound => (StatusCodes.Status404NotFound, "not_found", notFound.Message),
                BadHttpRequestException badRequest => (badRequest.StatusCode, "bad_request", "The upload could not be read."),
                InvalidDataException => (StatusCodes.Status413PayloadTooLarge, "too_large", "The upload exceeds the size limit."),
                _ => (StatusCodes.Status500InternalServerError, "internal_error", "An unexpected error occurred."),
            };
            progressHub.Fail(uploadId, status, code, message);
            throw;
        }
    }

    private static async Task<(StudyJson Study, bool Changed)> IngestAsync(
        HttpContext httpContext,
        StudyIngestionService ingestion,
        IStudyStore studies,
        UploadLimits limits,
        IProgress<IngestProgress>? progress,
        string? uploadId,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var request = httpContext.Request;
        if (!request.HasFormContentType || !(request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            throw new BadInputException("not_multipart", "Upload the files as multipart/form-data in the field 'files'.", StatusCodes.Status415UnsupportedMediaType);
        }

        if (httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limits.MaxRequestBytes;
        }

        if (request.ContentLength > limits.MaxRequestBytes)
        {
            throw TooLarge(limits);
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var files = form.Files.GetFiles("files");
        if (files.Count == 0)
        {
            throw new BadInputException("no_files", form.Files.Count == 0
                ? "No file was uploaded: send one or more files in the multipart field 'files'."
                : "Send the files in the multipart field 'files'.");
        }

        if (files.Count > limits.MaxFiles)
        {
            throw new BadInputException("too_many_files", $"At most {limits.MaxFiles} files can be uploaded at once.", StatusCodes.Status413PayloadTooLarge);
        }

        if (files.FirstOrDefault(f => f.Length > limits.MaxFileBytes) is { } tooLarge)
        {
            throw new BadInputException("too_large", $"'{SafeFileNames.Clean(tooLarge.FileName)}' is larger than the limit of {FormatSize(limits.MaxFileBytes)}.", StatusCodes.Status413PayloadTooLarge);
        }

        ServerLog.UploadReceived(loggerFactory.CreateLogger(typeof(StudyEndpoints)), uploadId ?? "-", files.Count, files.Sum(f => f.Length));
        var acronym = NullIfBlank(form["acronym"]);
        var studyId = NullIfBlank(form["studyId"]);
        var ingestFiles = files.Select(f => new IngestFile(SafeFileNames.Clean(f.FileName), f.OpenReadStream)).ToList();
        var result = await ingestion.IngestAsync(ingestFiles, acronym, studyId, progress, cancellationToken);
        var study = await studies.FindStudyAsync(result.StudyId, cancellationToken)
            ?? throw new InvalidOperationException("The ingested study is not in the store.");
        var documents = result.Documents.Select(d => DocumentJson.From(d.Document, d.AlreadyIngested)).ToList();
        return (StudyJson.From(study) with { Documents = documents }, result.Documents.Any(d => !d.AlreadyIngested));
    }

    /// <param name="MaxFileBytes">The ingestion's own limit per file, checked here too for a clear message before parsing.</param>
    private sealed record UploadLimits(int MaxFiles, long MaxFileBytes, long MaxRequestBytes);

    private static BadInputException TooLarge(UploadLimits limits) => new(
        "too_large",
        $"The upload is larger than the limit ({limits.MaxFiles} files of at most {FormatSize(limits.MaxFileBytes)}).",
        StatusCodes.Status413PayloadTooLarge);

    private static string FormatSize(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : $"{bytes / 1024.0:0.#} KB";

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static async Task<Ok<List<StudyJson>>> ListAsync([FromServices] IStudyStore studies, CancellationToken cancellationToken) =>
        TypedResults.Ok((await studies.ListStudiesAsync(cancellationToken)).Select(StudyJson.From).ToList());

    private static async Task<Results<Ok<StudyJson>, ProblemHttpResult>> GetAsync(string studyId, [FromServices] IStudyStore studies, CancellationToken cancellationToken) =>
        await studies.FindStudyAsync(studyId, cancellationToken) is { } study
            ? TypedResults.Ok(StudyJson.From(study))
            : Problems.NotFound($"Study '{studyId}' was not found.");

    private static async Task<Results<Ok<StudyJson>, ProblemHttpResult>> PatchAsync(
        string studyId,
        StudyMetadataPatch patch,
        [FromServices] IStudyStore studies,
        CancellationToken cancellationToken)
    {
        if (await studies.FindStudyAsync(studyId, cancellationToken) is not { } study)
        {
            return Problems.NotFound($"Study '{studyId}' was not found.");
        }

        var current = study.Metadata;
        var metadata = current with
        {
            Acronym = Apply(current.Acronym, patch.Acronym),
            Title = Apply(current.Title, patch.Title),
            ShortTitle = Apply(current.ShortTitle, patch.ShortTitle),
            ProtocolNumber = Apply(current.ProtocolNumber, patch.ProtocolNumber),
            Version = Apply(current.Version, patch.Version),
            VersionDate = Apply(current.VersionDate, patch.VersionDate),
            Sponsor = Apply(current.Sponsor, patch.Sponsor),
            Phase = Apply(current.Phase, patch.Phase),
            NctId = Apply(current.NctId, patch.NctId),
            PlannedParticipants = Apply(current.PlannedParticipants, patch.PlannedParticipants),
            Duration = Apply(current.Duration, patch.Duration),
        };
        return TypedResults.Ok(StudyJson.From(await studies.UpdateMetadataAsync(studyId, metadata, cancellationToken)));
    }

    private static MetadataField? Apply(MetadataField? current, string? edit) => edit switch
    {
        null => current,
        _ when string.IsNullOrWhiteSpace(edit) => null,
        _ when edit.Trim() == current?.Value => current,
        _ => new MetadataField(edit.Trim()),
    };

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string studyId,
        [FromServices] IStudyStore studies,
        [FromServices] IDraftStore drafts,
        [FromServices] DraftRunner runner,
        CancellationToken cancellationToken)
    {
        var studyDrafts = await drafts.ListDraftsAsync(studyId, cancellationToken);
        if (studyDrafts.Any(d => runner.IsRunning(d.DraftId)))
        {
            throw new InvalidStateException("A draft of this study is being generated; delete the study when it has finished.");
        }

        return await studies.DeleteStudyAsync(studyId, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"Study '{studyId}' was not found.");
    }

    private static async Task<Results<Ok<List<SearchHitJson>>, ProblemHttpResult>> SearchAsync(
        string studyId,
        [FromQuery] string? q,
        [FromQuery] int? k,
        [FromServices] IStudyStore studies,
        [FromServices] StudySearch search,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return Problems.BadRequest("missing_query", "Give the search text in q.");
        }

        if (k is < 1 or > MaxSearchResults)
        {
            return Problems.BadRequest("bad_k", $"k is between 1 and {MaxSearchResults}.");
        }

        if (await studies.FindStudyAsync(studyId, cancellationToken) is null)
        {
            return Problems.NotFound($"Study '{studyId}' was not found.");
        }

        var hits = await search.SearchAsync(studyId, q, k ?? 5, cancellationToken: cancellationToken);
        return TypedResults.Ok(hits.Select(SearchHitJson.From).ToList());
    }

    private static async Task<Results<Ok<StoredPage>, ProblemHttpResult>> PageAsync(
        string studyId,
        int number,
        [FromQuery] string? documentId,
        [FromServices] IStudyStore studies,
        CancellationToken cancellationToken)
    {
        if (await studies.FindStudyAsync(studyId, cancellationToken) is null)
        {
            return Problems.NotFound($"Study '{studyId}' was not found.");
        }

        return await studies.GetPageAsync(studyId, number, documentId, cancellationToken) is { } page
            ? TypedResults.Ok(page)
            : Problems.NotFound($"The study has no page {number}.");
    }

    private static async Task<Results<Ok<CitationSupport>, ProblemHttpResult>> CitationAsync(
        string studyId,
        long chunkId,
        [FromQuery] string? sentence,
        [FromServices] IStudyStore studies,
        CancellationToken cancellationToken)
    {
        if (sentence is { Length: > MaxSentenceLength })
        {
            return Problems.BadRequest("sentence_too_long", $"sentence is limited to {MaxSentenceLength} characters ({sentence.Length} given).");
        }

        if (await studies.FindStudyAsync(studyId, cancellationToken) is null)
        {
            return Problems.NotFound($"Study '{studyId}' was not found.");
        }

        return await CitationSupportFinder.FindAsync(studies, studyId, chunkId, sentence, cancellationToken) is { } support
            ? TypedResults.Ok(support)
            : Problems.NotFound($"The study has no passage {chunkId}.");
    }

    private static Results<ServerSentEventsResult<string>, ProblemHttpResult> UploadEvents(
        string uploadId,
        HttpContext httpContext,
        [FromServices] UploadProgressHub progressHub,
        [FromServices] IOptions<UploadOptions> uploadOptions,
        [FromServices] IOptions<StreamingOptions> streamingOptions)
    {
        if (!UploadProgressHub.IsValidId(uploadId))
        {
            return Problems.BadRequest("bad_upload_id", "uploadId is 1 to 64 letters, digits, '-' or '_'.");
        }

        httpContext.Response.Headers["X-Accel-Buffering"] = "no";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        return TypedResults.ServerSentEvents(ReadUploadEventsAsync(
            progressHub, uploadId, uploadOptions.Value.ProgressRetention, streamingOptions.Value.HeartbeatInterval, httpContext.Response.Body, httpContext.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<string>> ReadUploadEventsAsync(
        UploadProgressHub progressHub,
        string uploadId,
        TimeSpan retention,
        TimeSpan heartbeat,
        Stream body,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (past, live, unsubscribe) = progressHub.Subscribe(uploadId, retention);
        try
        {
            var last = 0;
            foreach (var uploadEvent in past)
            {
                last = uploadEvent.Id;
                yield return ToSse(uploadEvent);
            }

            var waiting = new SseWaiting(body, heartbeat, cancellationToken);
            while (await waiting.WaitAsync(live))
            {
                while (live.TryRead(out var uploadEvent))
                {
                    if (uploadEvent.Id > last)
                    {
                        last = uploadEvent.Id;
                        yield return ToSse(uploadEvent);
                    }
                }
            }
        }
        finally
        {
            unsubscribe();
        }
    }

    private static SseItem<string> ToSse(UploadEvent uploadEvent) =>
        new(JsonSerializer.Serialize(uploadEvent.Data, uploadEvent.Data.GetType(), ServerJson.Wire), uploadEvent.Name)
        {
            EventId = uploadEvent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
}
