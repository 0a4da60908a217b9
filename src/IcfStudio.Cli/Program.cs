using System.CommandLine;
using IcfStudio.Cli.Drafting;
using IcfStudio.Cli.Export;
using IcfStudio.Cli.Hosting;
using IcfStudio.Cli.Ingestion;
using IcfStudio.Cli.Quality;
using IcfStudio.Cli.Serving;

var root = new RootCommand("ICF Studio: turn a clinical-trial protocol into an informed consent form.");
root.Options.Add(CliOptions.Data);
foreach (var command in IngestionCommands.Create()
    .Concat(DraftingCommands.Create())
    .Concat(ExportCommands.Create())
    .Concat(QualityCommands.Create())
    .Concat(ServingCommands.Create()))
{
    root.Subcommands.Add(command);
}

return await CliApp.InvokeAsync(root, args);
