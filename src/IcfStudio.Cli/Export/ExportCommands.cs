using System.CommandLine;
using IcfStudio.Cli.Hosting;
using IcfStudio.Cli.Quality;
using IcfStudio.Core;
using IcfStudio.Core.Export;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace IcfStudio.Cli.Export;

internal static class ExportCommands
{
    public static IEnumerable<Command> Create() => [Export(), Approve()];

    /// <summary><c>icf export &lt;draft-id&gt; --format pdf|docx|md [--annotated] [--draft] [--out FILE|DIR]</c></summary>
    private static Command Export()
    {
        var draftId = new Argument<string>("draft-id") { Description = "The draft to export" };
        var format = new Option<string>("--format", "-f")
        {
            Description = "pdf, docx or md",
            DefaultValueFactory = _ => "pdf",
        };
        format.AcceptOnlyFromAmong("pdf", "docx", "md");
        var annotated = new Option<bool>("--annotated") { Description = "Keep protocol citations as footnotes (for internal review, not for participants)" };
        var draft = new Option<bool>("--draft") { Description = "Export a watermarked draft even when sections are not approved" };
        var output = new Option<string?>("--out", "-o") { Description = "Output file, or an existing folder to write the default file name into (default: {ACRONYM}_ICF_v{version}_{date}.{ext} in the current folder)" };
        var version = new Option<string>("--doc-version") { Description = "The consent form's own version shown in the header and file name", DefaultValueFactory = _ => ExportRequest.DefaultVersion };
        var facts = new Option<string[]>("--fact")
        {
            Description = "Override a study fact as in icf check, e.g. --fact adultsUnableToConsent=true (adds the legally authorized representative's signature block)",
            AllowMultipleArgumentsPerToken = false,
        };

        var command = new Command("export", "Export a draft's consent form as PDF, DOCX or Markdown (only approved sections, unless --draft)");
        command.Arguments.Add(draftId);
        command.Options.Add(format);
        command.Options.Add(annotated);
        command.Options.Add(draft);
        command.Options.Add(output);
        command.Options.Add(version);
        command.Options.Add(facts);
        command.SetAction((parseResult, cancellationToken) => CliApp.RunAsync(parseResult, async (services, ct) =>
        {
            var request = new ExportRequest(
                Enum.Parse<ExportFormat>(parseResult.GetValue(format)!, ignoreCase: true),
                parseResult.GetValue(draft),
                parseResult.GetValue(annotated),
                parseResult.GetValue(version) ?? ExportRequest.DefaultVersion,
                QualityCommands.ParseFacts(parseResult.GetValue(facts) ?? []));
            var exported = await services.GetRequiredService<ConsentExportService>().ExportAsync(parseResult.GetValue(draftId)!, request, ct);
            var path = OutputPath(parseResult.GetValue(output), exported.FileName);
            var folder = Path.GetDirectoryName(path);
            if (folder is not null && !Directory.Exists(folder))
            {
                throw new BadInputException("output_folder_missing", $"The output folder '{folder}' does not exist.");
            }

            await File.WriteAllBytesAsync(path, exported.Content, ct);
            foreach (var warning in exported.Warnings)
            {
                Console.Error.WriteLine($"warning: {warning}");
            }

            Console.Out.WriteLine(path);
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    /// <summary>
    /// Where --out points: a file, or a folder (an existing one, or any path ending in a separator) that gets the default file
    /// name; nothing given, the default file name in the current folder.
    /// </summary>
    private static string OutputPath(string? given, string defaultFileName)
    {
        if (given is not { Length: > 0 })
        {
            return Path.GetFullPath(defaultFileName);
        }

        var full = Path.GetFullPath(given);
        return Directory.Exists(full) || Path.EndsInDirectorySeparator(given) ? Path.Combine(full, defaultFileName) : full;
    }

    /// <summary><c>icf approve &lt;draft-id&gt; (--section ID | --all)</c></summary>
    private static Command Approve()
    {
        var draftId = new Argument<string>("draft-id") { Description = "The draft whose sections to approve" };
        var section = new Option<string?>("--section", "-s") { Description = "The section id to approve" };
        var all = new Option<bool>("--all") { Description = "Approve every ready section" };
        var command = new Command("approve", "Approve a ready section, or all of them, as a reviewer");
        command.Arguments.Add(draftId);
        command.Options.Add(section);
        command.Options.Add(all);
        command.Validators.Add(result =>
        {
            var hasSection = result.GetValue(section) is { Length: > 0 };
            if (hasSection == result.GetValue(all))
            {
                result.AddError("Give exactly one of --section ID or --all.");
            }
        });
        command.SetAction((parseResult, cancellationToken) => CliApp.RunAsync(parseResult, async (services, ct) =>
        {
            var results = await services.GetRequiredService<ConsentExportService>().ApproveAsync(
                parseResult.GetValue(draftId)!, parseResult.GetValue(section), $"cli:{Environment.UserName}", ct);
            var table = new Table().AddColumns("Section", "Title", "Result", "Version");
            foreach (var r in results)
            {
                var outcome = r.Outcome switch
                {
                    ApprovalOutcome.Approved => "approved",
                    ApprovalOutcome.AlreadyApproved => "already approved",
                    _ => $"skipped: {r.Reason}",
                };
                table.AddRow(Markup.Escape(r.SectionId), Markup.Escape(r.Title), Markup.Escape(outcome), r.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            CliApp.Out.Write(table);
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}
