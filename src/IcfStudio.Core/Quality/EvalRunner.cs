using System.Diagnostics;
using System.Globalization;
using System.Text;
using IcfStudio.Core.Drafting;
using IcfStudio.Core.Drafting.Prompting;
using IcfStudio.Core.Drafting.Templates;
using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Profile;
using IcfStudio.Core.Storage;

namespace IcfStudio.Core.Quality;

/// <summary>Quality numbers of one consent form (ours or a real one) for the evaluation table.</summary>
public sealed record EvalFormScore(
    string Source,
    int ElementsPresent,
    int ElementsApplicable,
    int RequiredMissing,
    IReadOnlyList<string> MissingElements,
    double Grade,
    int SectionsAboveTarget,
    int NumbersChecked,
    int UnsupportedNumbers,
    int Contradictions,
    int StaffFacingSentences = 0)
{
    public static EvalFormScore From(DraftQuality q) => new(
        q.Source,
        q.Summary.ElementsPresent,
        q.Elements.Count(e => e.Status != ElementStatus.NotApplicable),
        q.Summary.RequiredMissing,
        q.Elements.Where(e => e.Status == ElementStatus.Missing).Select(e => e.Id).ToList(),
        q.Readability.FleschKincaidGrade,
        q.Readability.SectionsAboveTarget,
        q.NumbersChecked,
        q.Summary.UnsupportedNumbers,
        q.Summary.Contradictions,
        q.Summary.StaffFacingSentences);
}

/// <summary>One protocol of the evaluation: what was extracted, how our draft scores, and (when paired) the real form.</summary>
public sealed record EvalRow(
    string Name,
    IReadOnlyList<string> Files,
    string? StudyId,
    string? DraftId,
    string? Provider,
    int MetadataFields,
    int MetadataTotal,
    IReadOnlyList<string> MetadataMissing,
    int SectionsDrafted,
    int SectionsFailed,
    EvalFormScore? Draft,
    EvalFormScore? RealForm,
    long IngestMs,
    long DraftMs,
    long CheckMs,
    string? Error,
    ContextRecall? ContextRecall = null,
    ProfileScore? Profile = null,
    MetadataScore? MetadataVsUsdm = null,
    long ProfileMs = 0);

public sealed record EvalReport(string Folder, string? Provider, DateTimeOffset StartedAt, long TotalMs, IReadOnlyList<EvalRow> Rows)
{
    /// <summary>Context recall over every protocol that has a facts file (null: none had one).</summary>
    public ContextRecall? ContextRecallTotal => ContextRecall.Sum(Rows.Select(r => r.ContextRecall));
}

/// <summary>
/// <c>icf eval</c>: for every protocol in a folder (files sharing a base name, e.g. NAME.pdf and NAME.usdm.json, form one study),
/// ingest, draft with the chosen provider, check the draft, and check the real consent form NAME.icf.pdf/.docx when present.
/// </summary>
internal sealed class EvalRunner(
    StudyIngestionService ingestion,
    DraftService drafting,
    IDraftStore drafts,
    QualityService quality,
    ProfileExtractor profiles,
    IStudyStore studies,
    SectionContextBuilder contexts,
    TimeProvider time)
{
    private static readonly string[] ProtocolExtensions = [".pdf", ".docx", ".md", ".txt", ".json"];
    private static readonly string[] FormExtensions = [".pdf", ".docx", ".md", ".txt"];

    public async Task<EvalReport> RunAsync(string folder, string? provider, string? model, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            throw new BadInputException("folder_not_found", $"Folder not found: {folder}");
        }

        var groups = Group(folder);
        if (groups.Count == 0)
        {
            throw new BadInputException("no_protocols", $"No protocol files (.pdf, .docx, .md, .txt, .usdm.json) in {folder}.");
        }

        var started = time.GetUtcNow();
        var total = Stopwatch.StartNew();
        var rows = new List<EvalRow>();
        foreach (var (name, files, form) in groups)
        {
            progress?.Report(name);
            rows.Add(await RunOneAsync(name, files, form, provider, model, cancellationToken));
        }

        return new EvalReport(Path.GetFullPath(folder), provider, started, total.ElapsedMilliseconds, rows);
    }

    /// <summary>Protocol groups by base name, each with its real consent form if one is named NAME.icf.*.</summary>
    internal static IReadOnlyList<(string Name, IReadOnlyList<string> Files, string? Form)> Group(string folder)
    {
        var all = Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToList();
        var forms = all.Where(f => BaseName(f).EndsWith(".icf", StringComparison.OrdinalIgnoreCase)
            && FormExtensions.Contains(Path.GetExtension(f).ToLowerInvariant())).ToList();
        return all
            .Except(forms)
            .Where(f => ProtocolExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Where(f => !Path.GetFileNameWithoutExtension(f).Equals("readme", StringComparison.OrdinalIgnoreCase))
            .Where(f => !Path.GetExtension(f).Equals(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".usdm.json", StringComparison.OrdinalIgnoreCase))
            .GroupBy(BaseName, StringComparer.OrdinalIgnoreCase)
            .Select(g => (g.Key, (IReadOnlyList<string>)g.ToList(),
                forms.FirstOrDefault(f => BaseName(f).Equals(g.Key + ".icf", StringComparison.OrdinalIgnoreCase))))
            .ToList();
    }

    private static string BaseName(string path)
    {
        var name = Path.GetFileName(path);
        return name.EndsWith(".usdm.json", StringComparison.OrdinalIgnoreCase) ? name[..^".usdm.json".Length] : Path.GetFileNameWithoutExtension(name);
    }

    private async Task<EvalRow> RunOneAsync(string name, IReadOnlyList<string> files, string? form, string? provider, string? model, CancellationToken cancellationToken)
    {
        var fileNames = files.Concat(form is null ? [] : [form]).Select(f => Path.GetFileName(f)).ToList();
        string? studyId = null;
        string? draftId = null;
        long ingestMs = 0, draftMs = 0, checkMs = 0;
        try
        {
            // The protocol text first, alone, so that its own metadata can be compared with the USDM file added after it.
            var watch = Stopwatch.StartNew();
            var usdmFile = files.FirstOrDefault(f => f.EndsWith(".usdm.json", StringComparison.OrdinalIgnoreCase));
            var textFiles = files.Where(f => f != usdmFile).ToList();
            var ingest = await ingestion.IngestAsync((textFiles.Count > 0 ? textFiles : files).Select(f => new IngestFile(Path.GetFileName(f), () => File.OpenRead(f))).ToList(), null, null, null, cancellationToken);
            studyId = ingest.StudyId;
            var textMetadata = ingest.Metadata;
            var textDocument = ingest.Documents[0].Document.DocumentId;
            if (textFiles.Count > 0 && usdmFile is not null)
            {
                ingest = await ingestion.IngestAsync([new IngestFile(Path.GetFileName(usdmFile), () => File.OpenRead(usdmFile))], null, studyId, null, cancellationToken);
            }

            ingestMs = watch.ElapsedMilliseconds;
            var (present, missing) = MetadataFields(ingest.Metadata);
            var recall = await MeasureContextRecallAsync(studyId, files, cancellationToken);

            watch.Restart();
            var profile = await profiles.ExtractAsync(studyId, cancellationToken);
            var profileMs = watch.ElapsedMilliseconds;
            var usdm = usdmFile is null || textFiles.Count == 0 ? null
                : ProtocolParser.Parse(await File.ReadAllBytesAsync(usdmFile, cancellationToken), Path.GetFileName(usdmFile), cancellationToken: cancellationToken).Metadata;
            var factsFile = textFiles.Select(ConsentFactsFile.TryLoadBeside).FirstOrDefault(f => f is not null);
            var profileScore = ProfileEval.Score(profile, factsFile, usdm, await studies.GetPagesAsync(studyId, cancellationToken), textFiles.Count > 0 ? textDocument : null);
            var metadataScore = usdm is null ? null : ProfileEval.CompareMetadata(textMetadata, usdm);

            watch.Restart();
            var draft = await drafting.CreateAsync(studyId, new DraftOptions(provider, model), "eval", cancellationToken);
            draftId = draft.DraftId;
            await foreach (var _ in drafting.GenerateAsync(draftId, "eval", cancellationToken))
            {
                // The events are stored by the engine; the evaluation only needs the finished draft.
            }

            draft = await drafts.FindDraftAsync(draftId, cancellationToken) ?? throw new InvalidStateException($"Draft {draftId} vanished.");
            draftMs = watch.ElapsedMilliseconds;

            watch.Restart();
            var ours = EvalFormScore.From(await quality.EvaluateDraftAsync(draft, cancellationToken));
            EvalFormScore? real = null;
            if (form is not null)
            {
                var sections = ConsentFormReader.Read(form);
                real = EvalFormScore.From(await quality.EvaluateDocumentAsync(studyId, Path.GetFileName(form), sections, null, false, cancellationToken));
            }

            checkMs = watch.ElapsedMilliseconds;
            return new EvalRow(name, fileNames, studyId, draftId, draft.Provider, present, present + missing.Count, missing,
                draft.Sections.Count(s => s.Status is SectionStatus.Ready or SectionStatus.Approved),
                draft.Sections.Count(s => s.Status == SectionStatus.Failed), ours, real, ingestMs, draftMs, checkMs, null, recall, profileScore, metadataScore, profileMs);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One bad protocol must not end the evaluation of the others.
            return new EvalRow(name, fileNames, studyId, draftId, provider, 0, 0, [], 0, 0, null, null, ingestMs, draftMs, checkMs, ex.Message);
        }
    }

    /// <summary>Context recall against the hand-read NAME.facts.json beside the protocol, when there is one.</summary>
    private async Task<ContextRecall?> MeasureContextRecallAsync(string studyId, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var factsFile = files.Select(ConsentFactsFile.TryLoadBeside).OfType<ConsentFactsFile>().FirstOrDefault();
        if (factsFile is null)
        {
            return null;
        }

        var study = await studies.FindStudyAsync(studyId, cancellationToken) ?? throw new InvalidStateException($"Study {studyId} vanished.");
        return await ContextRecall.MeasureAsync(contexts, study, TemplateCatalog.Load(null), factsFile, cancellationToken);
    }

    private static (int Present, List<string> Missing) MetadataFields(StudyMetadata m)
    {
        var fields = new (string Name, MetadataField? Value)[]
        {
            ("acronym", m.Acronym), ("title", m.Title), ("shortTitle", m.ShortTitle), ("protocolNumber", m.ProtocolNumber),
            ("version", m.Version), ("versionDate", m.VersionDate), ("sponsor", m.Sponsor), ("phase", m.Phase), ("nctId", m.NctId),
            ("plannedParticipants", m.PlannedParticipants), ("duration", m.Duration),
        };
        return (fields.Count(f => f.Value is not null), fields.Where(f => f.Value is null).Select(f => f.Name).ToList());
    }

    /// <summary>The report as a Markdown table (one row per protocol, and a second row for its real form).</summary>
    public static string ToMarkdown(EvalReport report)
    {
        var c = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        b.AppendLine(c, $"# ICF Studio evaluation").AppendLine();
        b.AppendLine(c, $"Folder `{report.Folder}`, provider `{report.Provider ?? "default"}`, run {report.StartedAt:yyyy-MM-dd HH:mm} UTC, {report.TotalMs / 1000.0:0.0} s in all.").AppendLine();
        b.AppendLine("| Protocol | Form | Metadata fields | Elements present / applicable | Required missing | FK grade | Sections above grade target | Numbers unsupported / found | Contradictions | Staff-facing sentences | Time (ingest + draft + check) |");
        b.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var row in report.Rows)
        {
            if (row.Error is not null)
            {
                b.AppendLine(c, $"| {row.Name} | error | | | | | | | | | {Escape(row.Error)} |");
                continue;
            }

            var time = $"{row.IngestMs / 1000.0:0.0} + {row.DraftMs / 1000.0:0.0} + {row.CheckMs / 1000.0:0.0} s";
            b.AppendLine(c, $"| {row.Name} | draft ({row.Provider}, {row.SectionsDrafted} sections{(row.SectionsFailed > 0 ? $", {row.SectionsFailed} failed" : "")}) | {row.MetadataFields}/{row.MetadataTotal} | {Score(row.Draft!)} | {time} |");
            if (row.RealForm is { } real)
            {
                b.AppendLine(c, $"| {row.Name} | real form ({Escape(real.Source)}) | | {Score(real)} | |");
            }
        }

        b.AppendLine();
        b.AppendLine("| Protocol | Profile recall (facts found on their page) | Profile precision (items supported) | Metadata vs USDM: correct / extracted / expected | Profile time / ingest time |");
        b.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var row in report.Rows.Where(r => r.Error is null && r.Profile is not null))
        {
            var p = row.Profile!;
            var recall = p.Facts == 0 ? "no facts file" : $"{p.FactsFound}/{p.Facts} ({Percent(p.FactsFound, p.Facts)})";
            var meta = row.MetadataVsUsdm is { } m ? $"{m.Correct}/{m.Extracted}/{m.Expected}" : "no USDM";
            b.AppendLine(c, $"| {row.Name} | {recall} | {p.ItemsSupported}/{p.Items} ({Percent(p.ItemsSupported, p.Items)}) | {meta} | {row.ProfileMs / 1000.0:0.00} / {row.IngestMs / 1000.0:0.00} s |");
        }

        var scored = report.Rows.Where(r => r.Profile is not null).ToList();
        var facts = scored.Sum(r => r.Profile!.Facts);
        var metas = scored.Where(r => r.MetadataVsUsdm is not null).Select(r => r.MetadataVsUsdm!).ToList();
        b.AppendLine(c, $"| **total** | {scored.Sum(r => r.Profile!.FactsFound)}/{facts} ({Percent(scored.Sum(r => r.Profile!.FactsFound), facts)}) | {scored.Sum(r => r.Profile!.ItemsSupported)}/{scored.Sum(r => r.Profile!.Items)} ({Percent(scored.Sum(r => r.Profile!.ItemsSupported), scored.Sum(r => r.Profile!.Items))}) | {metas.Sum(m => m.Correct)}/{metas.Sum(m => m.Extracted)}/{metas.Sum(m => m.Expected)} (precision {Percent(metas.Sum(m => m.Correct), metas.Sum(m => m.Extracted))}, recall {Percent(metas.Sum(m => m.Correct), metas.Sum(m => m.Expected))}) | {scored.Sum(r => r.ProfileMs) / 1000.0:0.00} / {scored.Sum(r => r.IngestMs) / 1000.0:0.00} s |");
        b.AppendLine();
        foreach (var row in report.Rows.Where(r => r.Error is null))
        {
            if (row.MetadataVsUsdm is { Wrong.Count: > 0 } or { Missing.Count: > 0 })
            {
                b.AppendLine(c, $"- **{row.Name}** metadata vs USDM: wrong: {List(row.MetadataVsUsdm!.Wrong)}; missing: {List(row.MetadataVsUsdm.Missing)}.");
            }

            if (row.Profile is { FactsMissed.Count: > 0 } profile)
            {
                b.AppendLine(c, $"- **{row.Name}** profile facts missed: {List(profile.FactsMissed)}.");
            }
        }

        b.AppendLine();
        foreach (var row in report.Rows.Where(r => r.Error is null))
        {
            var realMissing = row.RealForm is { } r ? $"; real form elements missing: {List(r.MissingElements)}" : "";
            b.AppendLine(c, $"- **{row.Name}**: metadata missing: {List(row.MetadataMissing)}; draft elements missing: {List(row.Draft!.MissingElements)}{realMissing}.");
        }

        if (report.ContextRecallTotal is { } total)
        {
            b.AppendLine().AppendLine("## Context recall").AppendLine();
            b.AppendLine("A hand-read fact is found when its page is among the pages of the passages its section's prompt receives.").AppendLine();
            b.AppendLine("| Protocol | Facts found / total | Recall | Missed |");
            b.AppendLine("| --- | --- | --- | --- |");
            foreach (var row in report.Rows.Where(r => r.ContextRecall is not null))
            {
                var r = row.ContextRecall!;
                b.AppendLine(c, $"| {row.Name} | {r.Found}/{r.Total} | {r.Percent:0}% | {List(r.Missed)} |");
            }

            b.AppendLine(c, $"| **total** | {total.Found}/{total.Total} | {total.Percent:0.0}% | |");
        }

        return b.ToString();

        static string List(IReadOnlyList<string> items) => items.Count == 0 ? "none" : string.Join(", ", items);

        static string Percent(int part, int whole) => whole == 0 ? "n/a" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * part / whole:0}%");

        static string Score(EvalFormScore s) => string.Create(CultureInfo.InvariantCulture,
            $"{s.ElementsPresent}/{s.ElementsApplicable} | {s.RequiredMissing} | {s.Grade:0.0} | {s.SectionsAboveTarget} | {s.UnsupportedNumbers}/{s.NumbersChecked} | {s.Contradictions} | {s.StaffFacingSentences}");
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
