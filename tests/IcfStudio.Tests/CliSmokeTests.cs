using IcfStudio.Tests.Infrastructure;

namespace IcfStudio.Tests;

public sealed class CliSmokeTests
{
    [Fact]
    public async Task Icf_UnknownCommand_ExitsWithUsageError()
    {
        using var data = new TempDirectory();
        var result = await CliRunner.RunAsync(data.Path, ["no-such-command"], TestContext.Current.CancellationToken);
        Assert.Equal(2, result.ExitCode);
    }
}
