using IcfStudio.Tests.Infrastructure;

namespace IcfStudio.Tests;

public sealed class RepoLayoutTests
{
    [Fact]
    public void RepoPaths_Root_ContainsSolution() =>
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "IcfStudio.slnx")));
}
