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

    public static IEnumerable<Command> Create() => [CreateCheck()];

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
            bool? value = parts.Length == 2 ? parts[1].ToLowerInvariant() switch
            {
                "true" or "yes" or "1" => true,
                "false" or "no" or "0" => false,
                "unknown" or "" => null,
                _ => throw new BadInputException("bad_fact", $"--fact {item}: the value must be true, false or unknown."),
            } : true;
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
            $"Numbers: {q.NumbersChecked} found, {s.UnsupportedNumbers} unsupported ({Markup.Escape(q.FactCheck)}). Contradictions: {s.Contradictions}.");
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

        foreach (var c in q.Contradictions)
        {
            console.MarkupLine($"[red]Contradiction ({Markup.Escape(c.Kind)}):[/] {Markup.Escape(c.Message)}");
        }
    }

    private static string Trim(string text) => Markup.Escape(text.Length <= EvidenceWidth ? text : text[..(EvidenceWidth - 1)] + "…");
}
