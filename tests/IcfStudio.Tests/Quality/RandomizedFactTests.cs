using IcfStudio.Core.Quality;

namespace IcfStudio.Tests.Quality;

public sealed class RandomizedFactTests
{
    [Theory]
    [InlineData("Patients will be randomized in a 1:1 ratio to cardiozan or placebo.")]
    [InlineData("6.3 Randomization and Blinding\nA computer-generated randomization schedule assigns each participant to a group.")]
    [InlineData("This is a multicentre, randomised, double-blind study of walking after surgery in adults.")]
    [InlineData("Some sites are not yet open.\nParticipants who were randomized but never dosed are replaced as described below.")]
    public void DetectRandomized_SentenceSaysSo_True(string text)
    {
        var (randomized, reason) = QualityFactsDetector.DetectRandomized(text, hasText: true);

        Assert.True(randomized);
        Assert.StartsWith("protocol mentions", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("6.3 Measures to Minimize Bias: Randomization and Blinding\nBlinding and randomization are not applicable to this study as all participants will receive ALXN1840.")]
    [InlineData("This is a non-randomized, open-label, single-arm study of ALXN1840 in adults with Wilson disease.")]
    [InlineData("Participants will not be randomized; every participant receives the same dose of the study drug.")]
    public void DetectRandomized_SentenceDeniesIt_False(string text)
    {
        var (randomized, reason) = QualityFactsDetector.DetectRandomized(text, hasText: true);

        Assert.False(randomized);
        Assert.StartsWith("protocol says", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("Measures to Minimize Bias", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void DetectRandomized_OnlyInHeadings_Unknown()
    {
        var (randomized, reason) = QualityFactsDetector.DetectRandomized(
            "9.4 Randomization and Blinding\nAll participants receive the same open-label treatment for twelve weeks.", hasText: true);

        Assert.Null(randomized);
        Assert.Equal("protocol names randomization only in headings", reason);
    }

    [Fact]
    public void DetectRandomized_NeverMentioned_FalseWithText_UnknownWithout()
    {
        Assert.Equal((false, "protocol never mentions randomization"), QualityFactsDetector.DetectRandomized("All participants walk daily.", hasText: true));
        Assert.Equal((null, null), QualityFactsDetector.DetectRandomized("", hasText: false));
    }
}
