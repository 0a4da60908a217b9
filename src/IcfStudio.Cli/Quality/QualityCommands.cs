using System.CommandLine;
using IcfStudio.Cli.Hosting;
using IcfStudio.Core;
using IcfStudio.Core.Quality;
using IcfStudio.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace IcfStudio.Cli.Quality;

internal static class QualityCommands
{
    private static readonly string[] FormExtensions = [".pdf", ".docx", ".md", ".markdown", ".txt"];

    public static IEnumerable<Command> Create() => [CreateCheck(), CreateEval()];

    private static Command CreateEval()
    {
        var folder = new Argument<string>("folder") { Description = "A folder of protocols (NAME.pdf/.docx/.md/.usdm.json), optionally with real forms NAME.icf.pdf/.docx" };
        var provider = new Option<string?>("--provider") { Description = "anthropic, openai, ollama or offline (default: configuration)" };
        var model = new Option<string?>("--model") { Description = "The model of the provider" };
        var output = new Option<string?>("--out") { Description = "Folder for eval.md and eval.json (default: ./icf-eval)" };
        var json = CliOptions.Json();
        var command = new Command("eval", "Ingest, draft and check every protocol in a folder, beside its real consent form when given")
        {
            folder, provider, model, output, json,
        };
        command.SetAction((parseResult, ct) => CliApp.RunAsync(parseResult, async (services, token) =>
        {
            var runner = services.GetRequiredService<EvalRunner>();
            var progress = new Progress<string>(name => Console.Error.WriteLine($"evaluating {name}"));
            var report = await runner.RunAsync(parseResult.GetValue(folder)!, parseResult.GetValue(provider), parseResult.GetValue(model), progress, token);
            var outDir = Path.GetFullPath(parseResult.GetValue(output) ?? "icf-eval");
            Directory.CreateDirectory(outDir);
            var reportJson = QualityJson.Serialize(report, indented: true);
            await File.WriteAllTextAsync(Path.Combine(outDir, "eval.json"), reportJson, token);
            await File.WriteAllTextAsync(Path.Combine(outDir, "eval.md"), EvalRunner.ToMarkdown(report), token);
            if (parseResult.GetValue(json))
            {
                Console.Out.WriteLine(reportJson);
            }
            else
            {
                WriteEvalTable(CliApp.Out, report);
                CliApp.Out.MarkupLine($"Report written to {Markup.Escape(Path.Combine(outDir, "eval.md"))} and eval.json");
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static void WriteEvalTable(IAnsiConsole console, EvalReport report)
    {
        var table = new Table().Title("Evaluation").AddColumns("Protocol", "Form", "Metadata", "Elements", "Req. missing", "FK grade", "Unsupported numbers", "Time (s)");
        foreach (var row in report.Rows)
        {
            if (row.Error is not null)
            {
                table.AddRow(Markup.Escape(row.Name), "[red]error[/]", "", "", "", "", "", Markup.Escape(row.Error));
                continue;
            }

            var seconds = (row.IngestMs + row.DraftMs + row.CheckMs) / 1000.0;
            AddScore(row.Name, $"draft ({row.Provider})", $"{row.MetadataFields}/{row.MetadataTotal}", row.Draft!, $"{seconds:0.0}");
            if (row.RealForm is { } real)
            {
                AddScore("", $"real: {real.Source}", "", real, "");
            }
        }

        console.Write(table);
        if (report.ContextRecallTotal is { } recall)
        {
            var perProtocol = string.Join(", ", report.Rows.Where(r => r.ContextRecall is not null).Select(r => $"{r.Name} {r.ContextRecall!.Found}/{r.ContextRecall.Total}"));
            console.MarkupLine(Markup.Escape($"Context recall: {recall.Found}/{recall.Total} ({recall.Percent:0.0}%) — {perProtocol}"));
        }

        void AddScore(string name, string form, string metadata, EvalFormScore s, string time) => table.AddRow(
            Markup.Escape(name), Markup.Escape(form), metadata, $"{s.ElementsPresent}/{s.ElementsApplicable}", $"{s.RequiredMissing}",
            $"{s.Grade:0.0}", $"{s.UnsupportedNumbers}/{s.NumbersChecked}", time);
    }

    private static Command CreateCheck()
    {
        var target = new Argument<string>("target") { Description = "A draft id, or an existing consent form (.pdf, .docx, .md, .txt)" };
        var json = CliOptions.Json();
        var study = new Option<string?>("--study") { Description = "For a consent form file: check its numbers against this study's protocol" };
        var facts = new Option<string[]>("--fact")
        {
            Description = $"Override a study fact, e.g. --fact randomized=false (repeatable). Facts: {string.Join(", ", QualityFacts.Names)}",
            AllowMultipleArgumentsPerToken = false,
        };
        var judge = new Option<bool>("--judge") { Description = "Also ask the configured LLM provider for a second opinion on the elements" };
        var command = new Command("check", "Check a draft or an existing consent form: regulatory elements, reading level, unsupported numbers")
        {
            target, json, study, facts, judge,
        };
        command.SetAction((parseResult, ct) => CliApp.RunAsync(parseResult, async (services, token) =>
        {
            var value = parseResult.GetValue(target)!;
            var overrides = ParseFacts(parseResult.GetValue(facts) ?? []);
            var quality = services.GetRequiredService<QualityService>();
            DraftQuality result;
            if (IsFormPath(value))
            {
                var sections = ConsentFormReader.Read(value);
                result = await quality.EvaluateDocumentAsync(parseResult.GetValue(study), Path.GetFileName(value), sections, overrides, parseResult.GetValue(judge), token);
            }
            else
            {
                var draft = await services.GetRequiredService<IDraftStore>().FindDraftAsync(value, token)
                    ?? throw new NotFoundException($"No draft '{value}' and no such file.");
                result = await quality.EvaluateDraftAsync(draft, overrides, parseResult.GetValue(judge), token);
            }

            if (parseResult.GetValue(json))
            {
                Console.Out.WriteLine(QualityJson.Serialize(result, indented: true));
            }
            else
            {
                QualityReport.Write(CliApp.Out, result);
            }

            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static bool IsFormPath(string value) =>
        File.Exists(value) || FormExtensions.Contains(Path.GetExtension(value).ToLowerInvariant());

    internal static QualityFacts? ParseFacts(IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var facts = QualityFacts.Unknown;
        foreach (var item in values)
        {
            var parts = item.Split('=', 2, StringSplitOptions.TrimEntries);
            bool? value = true;
            if (parts.Length == 2 && !QualityFacts.TryParseValue(parts[1], out value))
            {
                throw new BadInputException("bad_fact", $"--fact {item}: the value must be true, false or unknown.");
            }

            facts = facts.WithValue(parts[0], value);
        }

        return facts;
    }
}

/// <summary>The human-readable quality report (Spectre.Console tables).</summary>
internal static class QualityReport
{
    private const int EvidenceWidth = 90;

    public static void Write(IAnsiConsole console, DraftQuality q)
    {
        var s = q.Summary;
        console.MarkupLine($"[bold]Quality of {Markup.Escape(q.Source)}[/]{(q.StudyId is null ? "" : $" (study {Markup.Escape(q.StudyId)})")}");
        console.MarkupLine(
            $"Elements: [green]{s.ElementsPresent} present[/], [red]{s.ElementsMissing} missing[/] ({s.RequiredMissing} required), {s.NotApplicable} not applicable. " +
            $"Grade {s.GradeLevel:0.0} (target ≤ {q.Readability.TargetGrade:0.#}{(s.MeetsGradeTarget ? ", met" : ", [yellow]not met[/]")}). " +
            $"Numbers: {q.NumbersChecked} found, {s.UnsupportedNumbers} unsupported ({Markup.Escape(q.FactCheck)}). Contradictions: {s.Contradictions}. " +
            $"Sentences for the study team: {s.StaffFacingSentences}.");
        console.WriteLine();

        var elements = new Table().Title("Regulatory elements").AddColumns("Element", "Status", "Evidence (section)");
        foreach (var e in q.Elements)
        {
            var status = e.Status switch
            {
                ElementStatus.Present => "[green]present[/]",
                ElementStatus.Missing when e.Applicability == Applicability.Required => "[red]missing[/]",
                ElementStatus.Missing => "[yellow]missing[/]",
                _ => "[grey]n/a[/]",
            };
            var evidence = e.Evidence.Count > 0 && e.Evidence[0] is var ev ? $"{Trim(ev.Text)} [grey]({Markup.Escape(ev.SectionTitle)})[/]" : "";
            if (e.Note is { } note)
            {
                evidence = (evidence.Length > 0 ? evidence + "\n" : "") + $"[italic]{Markup.Escape(note)}[/]";
            }

            if (e.SecondOpinion is { } opinion)
            {
                evidence += $"\n[blue]second opinion ({Markup.Escape(opinion.Source)}): {opinion.Status.ToString().ToLowerInvariant()}[/]";
            }

            elements.AddRow(
                $"{Markup.Escape(e.Id)}\n[grey]{Markup.Escape(e.Citation)}[/]",
                $"{status}\n[grey]{Markup.Escape(e.Applicability.ToString().ToLowerInvariant())}[/]",
                evidence);
        }

        console.Write(elements);

        var readability = new Table().Title("Reading level").AddColumns("Section", "FK", "Ease", "SMOG", "Words/sent.", "Long", "Jargon → plain words");
        foreach (var r in q.Readability.Sections)
        {
            var grade = r.MeetsTarget ? $"{r.FleschKincaidGrade:0.0}" : $"[yellow]{r.FleschKincaidGrade:0.0}[/]";
            var jargon = string.Join(", ", r.Jargon.Take(4).Select(j => $"{j.Term} → {j.Suggestion}"));
            readability.AddRow(Markup.Escape(r.Title), grade, $"{r.FleschReadingEase:0.0}", $"{r.Smog:0.0}", $"{r.AverageSentenceLength:0.0}",
                $"{r.LongWordPercent:0.#}%", Markup.Escape(jargon));
        }

        var o = q.Readability;
        readability.AddRow("[bold]Overall[/]", $"[bold]{o.FleschKincaidGrade:0.0}[/]", $"{o.FleschReadingEase:0.0}", $"{o.Smog:0.0}", $"{o.AverageSentenceLength:0.0}", $"{o.LongWordPercent:0.#}%", "");
        console.Write(readability);

        if (q.UnsupportedNumbers.Count > 0)
        {
            var numbers = new Table().Title("Numbers the protocol does not support").AddColumns("Section", "Number", "Why", "Sentence");
            foreach (var u in q.UnsupportedNumbers)
            {
                numbers.AddRow(Markup.Escape(u.SectionTitle), Markup.Escape(u.Text), Markup.Escape(u.Reason), Trim(u.Sentence));
            }

            console.Write(numbers);
        }

        if (q.StaffFacing is { Count: > 0 } staff)
        {
            var table = new Table().Title("Sentences for the study team, not the participant").AddColumns("Section", "Why", "Sentence");
            foreach (var f in staff)
            {
                table.AddRow(Markup.Escape(f.SectionTitle), Markup.Escape(f.Reason), Trim(f.Sentence));
            }

            console.Write(table);
        }

        foreach (var c in q.Contradictions)
        {
            console.MarkupLine($"[red]Contradiction ({Markup.Escape(c.Kind)}):[/] {Markup.Escape(c.Message)}");
        }
    }

    private static string Trim(string text) => Markup.Escape(text.Length <= EvidenceWidth ? text : text[..(EvidenceWidth - 1)] + "…");
}
