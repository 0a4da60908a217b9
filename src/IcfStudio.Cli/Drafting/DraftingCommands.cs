using System.CommandLine;
using System.Text.Json;
using IcfStudio.Cli.Hosting;
using IcfStudio.Core.Drafting;
using IcfStudio.Core.Drafting.Templates;
using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace IcfStudio.Cli.Drafting;

internal static class DraftingCommands
{
    public static IEnumerable<Command> Create() => [CreateDraft(), CreateDrafts()];

    private static Command CreateDraft()
    {
        var target = new Argument<string>("study-or-protocol") { Description = "A study id, or a protocol file to ingest first" };
        var provider = new Option<string?>("--provider") { Description = "anthropic, openai, ollama or offline (default: configuration, else anthropic with ANTHROPIC_API_KEY, else offline)" };
        var model = new Option<string?>("--model") { Description = "The model of the provider" };
        var sections = new Option<string?>("--sections") { Description = "Section ids to draft, comma-separated (default: all)" };
        var template = new Option<string?>("--template") { Description = "A template file (default: the shipped ICF template)" };
        var output = new Option<string?>("--out") { Description = "Folder for the draft (default: ./icf-draft-<draftId>)" };
        var jsonEvents = new Option<bool>("--json-events") { Description = "Print the event stream as NDJSON" };
        var command = new Command("draft", "Draft every section of a consent form at once, streamed live");
        command.Arguments.Add(target);
        command.Options.Add(provider);
        command.Options.Add(model);
        command.Options.Add(sections);
        command.Options.Add(template);
        command.Options.Add(output);
        command.Options.Add(jsonEvents);
        command.SetAction((parseResult, cancellationToken) => CliApp.RunAsync(
            parseResult,
            async (services, ct) =>
            {
                var sectionIds = parseResult.GetValue(sections)?
                    .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var request = new DraftCommandRequest(
                    parseResult.GetValue(target)!,
                    new DraftOptions(parseResult.GetValue(provider), parseResult.GetValue(model), parseResult.GetValue(template), sectionIds),
                    parseResult.GetValue(output),
                    parseResult.GetValue(jsonEvents));
                return await RunDraftAsync(services, request, ct);
            },
            cancellationToken));
        return command;
    }

    private static Command CreateDrafts()
    {
        var study = new Argument<string?>("study") { Description = "A study id (default: every study)", Arity = ArgumentArity.ZeroOrOne };
        var json = CliOptions.Json();
        var command = new Command("drafts", "List the saved drafts");
        command.Arguments.Add(study);
        command.Options.Add(json);
        command.SetAction((parseResult, cancellationToken) => CliApp.RunAsync(
            parseResult,
            async (services, ct) =>
            {
                var drafts = await services.GetRequiredService<IDraftStore>().ListDraftsAsync(parseResult.GetValue(study), ct);
                if (parseResult.GetValue(json))
                {
                    Console.Out.WriteLine(JsonSerializer.Serialize(drafts.Select(DraftFiles.Summary), DraftFiles.JsonOptions));
                    return ExitCodes.Ok;
                }

                if (drafts.Count == 0)
                {
                    CliApp.Out.WriteLine("No drafts.");
                    return ExitCodes.Ok;
                }

                var table = new Table().AddColumns("Draft", "Study", "Provider", "Model", "Created", "Ready");
                foreach (var draft in drafts)
                {
                    var ready = draft.Sections.Count(s => s.Status is SectionStatus.Ready or SectionStatus.Approved);
                    table.AddRow(
                        Markup.Escape(draft.DraftId),
                        Markup.Escape(draft.StudyId),
                        Markup.Escape(draft.Provider),
                        Markup.Escape(draft.Model ?? ""),
                        draft.CreatedAt.ToString("yyyy-MM-dd HH:mm"),
                        $"{ready}/{draft.Sections.Count}");
                }

                CliApp.Out.Write(table);
                return ExitCodes.Ok;
            },
            cancellationToken));
        return command;
    }

    private static async Task<int> RunDraftAsync(IServiceProvider services, DraftCommandRequest request, CancellationToken cancellationToken)
    {
        var studyId = request.Target;
        if (File.Exists(request.Target))
        {
            var path = Path.GetFullPath(request.Target);
            if (!request.JsonEvents)
            {
                Console.Error.WriteLine($"Ingesting {Path.GetFileName(path)} …");
            }

            var ingested = await services.GetRequiredService<StudyIngestionService>().IngestAsync(
                [new IngestFile(Path.GetFileName(path), () => File.OpenRead(path))], null, null, null, cancellationToken);
            studyId = ingested.StudyId;
        }

        var draftService = services.GetRequiredService<DraftService>();
        var actor = $"cli:{Environment.UserName}";
        var draft = await draftService.CreateAsync(studyId, request.Options, actor, cancellationToken);
        var events = draftService.GenerateAsync(draft.DraftId, actor, cancellationToken);
        IDraftView view = request.JsonEvents ? new NdjsonDraftView()
            : Console.IsOutputRedirected ? new PlainDraftView()
            : new LiveDraftView(draft);
        await view.ShowAsync(events, cancellationToken);

        var finished = await services.GetRequiredService<IDraftStore>().FindDraftAsync(draft.DraftId, cancellationToken) ?? draft;
        var folder = Path.GetFullPath(request.Output ?? $"icf-draft-{draft.DraftId}");
        await DraftFiles.WriteAsync(finished, TemplateCatalog.Load(finished.Template).DocumentTitle, folder, cancellationToken);
        var failed = finished.Sections.Where(s => s.Status == SectionStatus.Failed).Select(s => s.SectionId).ToList();
        if (!request.JsonEvents)
        {
            Console.Out.WriteLine($"Draft {finished.DraftId} written to {folder}{(failed.Count > 0 ? $" ({failed.Count} section(s) failed)" : "")}");
            Console.Out.WriteLine(finished.DraftId);
        }

        if (failed.Count == 0)
        {
            return ExitCodes.Ok;
        }

        // Last, and on stderr: the draft id stays the last line of stdout, and --json-events output stays NDJSON.
        await Console.Out.FlushAsync(cancellationToken);
        Console.Error.WriteLine($"Sections failed: {string.Join(", ", failed)} (the draft is saved; regenerate them in the web app, icf serve)");
        return ExitCodes.SectionsFailed;
    }

    private sealed record DraftCommandRequest(string Target, DraftOptions Options, string? Output, bool JsonEvents);
}
