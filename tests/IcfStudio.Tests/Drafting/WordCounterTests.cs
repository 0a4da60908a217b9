using System.Text.Json;
using IcfStudio.Core.Drafting;
using IcfStudio.Tests.Infrastructure;

namespace IcfStudio.Tests.Drafting;

/// <summary>The server's word count against the cases the web's count is tested with, so streaming and reload agree.</summary>
public sealed class WordCounterTests
{
    public static TheoryData<string, int, string> SharedCases()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "web", "src", "lib", "wordCount.cases.json")));
        var data = new TheoryData<string, int, string>();
        foreach (var c in json.RootElement.GetProperty("cases").EnumerateArray())
        {
            data.Add(c.GetProperty("text").GetString()!, c.GetProperty("words").GetInt32(), c.GetProperty("why").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SharedCases))]
    public void Count_SharedCase_MatchesTheWebRule(string text, int expected, string why) =>
        Assert.True(WordCounter.Count(text) == expected, $"{why}: expected {expected} words, counted {WordCounter.Count(text)} in \"{text}\"");
}
