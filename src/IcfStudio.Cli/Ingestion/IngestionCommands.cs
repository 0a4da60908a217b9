using System.CommandLine;
using IcfStudio.Cli.Hosting;
using IcfStudio.Core;
using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Quality;
using IcfStudio.Core.Retrieval;
using IcfStudio.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace IcfStudio.Cli.Ingestion;

/// <summary><c>icf ingest</c>, <c>icf studies</c>, <c>icf study show|delete|set|profile</c> and <c>icf search</c>.</summary>
internal static class IngestionCommands
{
    public static IEnumerable<Command> Create() => [Ingest(), Studies(), Study(), Search()];

    private static Command Ingest()
    {
        var files = new Argument<string[]>("files") { Description = "Protocol files: PDF, DOCX, text, Markdown or USDM JSON", Arity = ArgumentArity.OneOrMore };
        var acronym = new Option<string?>("--acronym") { Description = "Study acronym for the study id (default: from the protocol)" };
        var study = new Option<string?>("--study") { Description = "Add the files to this existing study" };
        var json = CliOptions.Json();
        var command = new Command("ingest", "Parse protocol files into an indexed study") { files, acronym, study, json };
        command.SetAction((parseResult, cancellationToken) => CliApp.RunAsync(
            parseResult,
            async (services, ct) =>
            {
                var paths = parseResult.GetValue(files) ?? [];
                var inputs = paths.Select(ToIngestFile).ToList();
                var service = services.GetRequiredService<StudyIngestionService>();
                var asJson = parseResult.GetValue(json);
                var result = asJson || Console.IsOutputRedirected
                    ? await service.IngestAsync(inputs, parseResult.GetValue(acronym), parseResult.GetValue(study), null, ct)
                    : await IngestWithProgressAsync(service, inputs, parseResult.GetValue(acronym), parseResult.GetValue(study), ct);

                var store = services.GetRequiredService<IStudyStore>();
                var stored = await store.FindStudyAsync(result.StudyId, ct) ?? throw new NotFoundException($"Study {result.StudyId} not found.");
                if (asJson)
                {
                    var documents = result.Documents.Select(d => DocumentJson.From(d.Document, d.AlreadyIngested)).ToList();
                    CliJson.Write(StudyJson.From(stored) with { Documents = documents });
                    return ExitCodes.Ok;
                }

                StudyView.WriteIngestResult(result, stored);
                return ExitCodes.Ok;
            },
            cancellationToken));
        return command;
    }

    private static Command Studies()
    {
        var json = CliOptions.Json();
        var command = new Command("studies", "List the ingested studies") { json };
        command.SetAction((parseResult, cancellationToken) => CliApp.RunAsync(
            parseResult,
            async (services, ct) =>
            {
                var studies = await services.GetRequiredService<IStudyStore>().ListStudiesAsync(ct);
                if (parseResult.GetValue(json))
                {
                    CliJson.Write(studies.Select(StudyJson.From).ToList());
                }
                else
                {
                    StudyView.WriteStudies(studies);
                }

                return ExitCodes.Ok;
            },
            cancellationToken));
        return command;
    }

    private static Command Study()
    {
        var command = new Command("study", "Show, edit, review the profile of, or delete a study");
        command.Subcommands.Add(StudyShow());
        command.Subcommands.Add(StudyDelete());
        command.Subcommands.Add(StudySet());
        command.Subcommands.Add(ProfileCommand.Create());
        return command;
    }

    private static Command StudyShow()
    {
        var id = new Argument<string>("id") { Description = "Study id, e.g. CARDIO-61e508e1" };
        var json = CliOptions.Json();
        var command = new Command("show", "Show a study's documents and metadata") { id, json };
        command.SetAction((parseResult, cancellationToken) => CliApp.RunAsync(
            parseResult,
            async (services, ct) =>
            {
                var study = await FindStudyAsync(services, parseResult.GetRequiredValue(id), ct);
                if (parseResult.GetValue(json))
                {
                    CliJson.Write(StudyJson.From(study));
                }
                else
                {
                    StudyView.WriteStudy(study);
                    StudyView.WriteFacts(await services.GetRequiredService<QualityService>().GetStudyFactsAsync(study.StudyId, ct));
                }

                return ExitCodes.Ok;
            },
            cancellationToken));
        return command;
    }

    private static Command StudyDelete()
    {
        var id = new Argument<string>("id") { Description = "Study id" };
        var command = new Command("delete", "Delete a study with its documents, index and drafts") { id };
        command.SetAction((parseResult, cancellationToken) => CliApp.RunAsync(
            parseResult,
            async (services, ct) =>
            {
                var studyId = parseResult.GetRequiredValue(id);
                if (!await services.GetRequiredService<IStudyStore>().DeleteStudyAsync(studyId, ct))
                {
                    throw new NotFoundException($"Study {studyId} not found.");
                }

                Console.Out.WriteLine($"Deleted study {studyId}.");
                return ExitCodes.Ok;
            },
            cancellationToken));
        return command;
    }

    private static Command StudySet()
    {
        var id = new Argument<string>("id") { Description = "Study id" };
        var json = CliOptions.Json();
        var command = new Command("set", "Edit a study's metadata (an empty value clears a field)") { id, json };
        var fields = MetadataOptions.All;
        foreach (var field in fields)
        {
            command.Options.Add(field.Option);
        }

        command.SetAction((parseResult, cancellationToken) => CliApp.RunAsync(
            parseResult,
            async (services, ct) =>
            {
                var given = fields.Where(f => parseResult.GetResult(f.Option) is { Implicit: false }).ToList();
                if (given.Count == 0)
                {
                    throw new BadInputException("nothing_to_set", "Give at least one field to set, e.g. --title \"…\" (see icf study set --help).");
                }

                var store = services.GetRequiredService<IStudyStore>();
                var study = await FindStudyAsync(services, parseResult.GetRequiredValue(id), ct);
                var metadata = study.Metadata;
                foreach (var field in given)
                {
                    var value = parseResult.GetValue(field.Option)?.Trim();
                    // A user's edit has no source page.
                    metadata = field.Apply(metadata, string.IsNullOrEmpty(value) ? null : new MetadataField(value));
                }

                var updated = await store.UpdateMetadataAsync(study.StudyId, metadata, ct);
                if (parseResult.GetValue(json))
                {
                    CliJson.Write(StudyJson.From(updated));
                }
                else
                {
                    StudyView.WriteStudy(updated);
                }

                return ExitCodes.Ok;
            },
            cancellationToken));
        return command;
    }

    private static Command Search()
    {
        var id = new Argument<string>("id") { Description = "Study id" };
        var query = new Argument<string>("query") { Description = "What to look for, in plain words" };
        var top = new Option<int>("-k", "--top") { Description = "Number of passages", DefaultValueFactory = _ => 5 };
        var sections = new Option<string[]>("--section") { Description = "Only sections whose heading path contains this (repeatable)", AllowMultipleArgumentsPerToken = false };
        var json = CliOptions.Json();
        var command = new Command("search", "Search a study's protocol passages") { id, query, top, sections, json };
        command.SetAction((parseResult, cancellationToken) => CliApp.RunAsync(
            parseResult,
            async (services, ct) =>
            {
                var k = parseResult.GetValue(top);
                if (k is < 1 or > 100)
                {
                    throw new BadInputException("bad_k", "-k must be between 1 and 100.");
                }

                var text = parseResult.GetRequiredValue(query);
                if (!StudySearch.IsSearchable(text))
                {
                    throw new BadInputException("empty_query", "The query has no words to search for.");
                }

                var study = await FindStudyAsync(services, parseResult.GetRequiredValue(id), ct);
                var filters = parseResult.GetValue(sections) is { Length: > 0 } given ? given : null;
                var hits = await services.GetRequiredService<StudySearch>().SearchAsync(study.StudyId, text, k, filters, ct);
                if (parseResult.GetValue(json))
                {
                    CliJson.Write(hits.Select(SearchHitJson.From).ToList());
                }
                else
                {
                    StudyView.WriteHits(hits);
                }

                return ExitCodes.Ok;
            },
            cancellationToken));
        return command;
    }

    private static async Task<StudyRecord> FindStudyAsync(IServiceProvider services, string studyId, CancellationToken cancellationToken) =>
        await services.GetRequiredService<IStudyStore>().FindStudyAsync(studyId, cancellationToken)
            ?? throw new NotFoundException($"Study {studyId} not found. Run 'icf studies' to list the studies.");

    private static IngestFile ToIngestFile(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
        {
            throw new BadInputException("not_a_file", $"{path} is a folder, not a file.");
        }

        if (!File.Exists(fullPath))
        {
            throw new BadInputException("file_not_found", $"{path}: no such file.");
        }

        return new IngestFile(Path.GetFileName(fullPath), () => File.OpenRead(fullPath));
    }

    private static async Task<IngestResult> IngestWithProgressAsync(
        StudyIngestionService service,
        IReadOnlyList<IngestFile> files,
        string? acronym,
        string? studyId,
        CancellationToken cancellationToken)
    {
        IngestResult? result = null;
        await CliApp.Out.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var reporter = new ProgressReporter(context, files);
                result = await service.IngestAsync(files, acronym, studyId, reporter, cancellationToken);
                reporter.CompleteAll();
            });
        return result!;
    }

    /// <summary>Updates one progress bar per file as the ingestion service reports (synchronously, so no report lands after the bars close).</summary>
    private sealed class ProgressReporter : IProgress<IngestProgress>
    {
        private readonly Dictionary<string, ProgressTask> tasks = new(StringComparer.Ordinal);

        public ProgressReporter(ProgressContext context, IReadOnlyList<IngestFile> files)
        {
            foreach (var file in files)
            {
                if (!tasks.ContainsKey(file.FileName))
                {
                    tasks[file.FileName] = context.AddTask(Markup.Escape(file.FileName), maxValue: 1);
                }
            }
        }

        public void Report(IngestProgress value)
        {
            if (!tasks.TryGetValue(value.FileName, out var task))
            {
                return;
            }

            // Parsing pages and indexing chunks share one bar: pages first, then chunks.
            task.MaxValue = Math.Max(1, value.PageCount + value.ChunkCount);
            task.Value = value.Stage == "done" ? task.MaxValue : value.PagesParsed + value.ChunksIndexed;
            var detail = value.Stage switch
            {
                "parsing" => $"parsing {value.PagesParsed}/{value.PageCount} pages",
                "indexing" => $"indexing {value.ChunksIndexed}/{value.ChunkCount} chunks",
                _ => $"{value.PageCount} pages, {value.ChunkCount} chunks",
            };
            task.Description = Markup.Escape($"{value.FileName}: {detail}");
        }

        public void CompleteAll()
        {
            foreach (var task in tasks.Values)
            {
                task.Value = task.MaxValue;
                task.StopTask();
            }
        }
    }
}
