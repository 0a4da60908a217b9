using System.CommandLine;
using IcfStudio.Cli.Hosting;
using IcfStudio.Core;
using IcfStudio.Core.Profile;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace IcfStudio.Cli.Ingestion;

/// <summary><c>icf study profile ID [--json] [--set key=value] [--accept key] [--reset key]</c>: show and review the study profile.</summary>
internal static class ProfileCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Study id" };
        var json = CliOptions.Json();
        var set = new Option<string[]>("--set")
        {
            Description = "Edit an item, e.g. --set identity.acronym=PRECISE; an empty value clears it (--set identity.phase=). Repeatable.",
            AllowMultipleArgumentsPerToken = false,
        };
        var accept = new Option<string[]>("--accept") { Description = "Accept an item's detected value, e.g. --accept identity.nctId. Repeatable." };
        var reset = new Option<string[]>("--reset") { Description = "Forget the review of an item: the detected value applies again. Repeatable." };
        var command = new Command("profile", "Show the study profile (consent facts) with the page each value comes from, or review items") { id, json, set, accept, reset };
        command.SetAction((parseResult, cancellationToken) => CliApp.RunAsync(
            parseResult,
            async (services, ct) =>
            {
                var profiles = services.GetRequiredService<ProfileService>();
                var studyId = parseResult.GetRequiredValue(id);
                var changes = Changes(parseResult.GetValue(set) ?? [], parseResult.GetValue(accept) ?? [], parseResult.GetValue(reset) ?? []);
                // The process ends after this: the LLM's reading (with a provider configured) is waited for.
                var profile = await profiles.GetAsync(studyId, waitForLlm: true, ct);
                if (changes.Count > 0)
                {
                    profile = await profiles.ReviewAsync(studyId, profile.Version, changes, $"cli:{Environment.UserName}", ct);
                }

                if (parseResult.GetValue(json))
                {
                    CliJson.Write(StudyProfileView.From(profile));
                }
                else
                {
                    Write(profile);
                }

                return ExitCodes.Ok;
            },
            cancellationToken));
        return command;
    }

    internal static List<ProfileChange> Changes(IReadOnlyList<string> set, IReadOnlyList<string> accept, IReadOnlyList<string> reset)
    {
        var changes = new List<ProfileChange>();
        foreach (var pair in set)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new BadInputException("bad_set", $"--set takes key=value (e.g. identity.acronym=PRECISE), not '{pair}'.");
            }

            var key = pair[..equals].Trim();
            var value = pair[(equals + 1)..].Trim();
            changes.Add(value.Length == 0 ? new ProfileChange(key, ProfileAction.Clear) : new ProfileChange(key, ProfileAction.Edit, value));
        }

        changes.AddRange(accept.Select(key => new ProfileChange(key.Trim(), ProfileAction.Accept)));
        changes.AddRange(reset.Select(key => new ProfileChange(key.Trim(), ProfileAction.Reset)));
        return changes;
    }

    /// <summary>Groups in catalog order, one line per item with a value or a review: key, value, page, origin and state.</summary>
    private static void Write(ReviewedProfile profile)
    {
        var console = CliApp.Out;
        console.WriteLine($"Study profile of {profile.StudyId}, version {profile.Version}");
        foreach (var group in profile.Items.Where(i => i.Effective is not null || i.Decision is not null).GroupBy(i => i.Group))
        {
            var table = new Table().Title(group.Key).AddColumns("Item", "Value", "Page", "Origin", "State");
            foreach (var item in group)
            {
                var origin = item.Decision is { Action: ProfileAction.Edit } edit ? ProfileOrigins.User(edit.Actor) : item.Detected?.Origin ?? "";
                table.AddRow(
                    new Text($"{item.Label} ({item.Key})"),
                    new Text(item.Effective ?? "—"),
                    new Text(item.Detected?.Evidence is { } evidence ? evidence.Page.ToString(System.Globalization.CultureInfo.InvariantCulture) : ""),
                    new Text(origin),
                    new Text(item.State));
            }

            console.Write(table);
        }
    }
}
