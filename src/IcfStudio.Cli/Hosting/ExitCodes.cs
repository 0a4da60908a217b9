namespace IcfStudio.Cli.Hosting;

internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int BadInput = 3;

    /// <summary>The draft was written and saved, but some of its sections failed (they can be regenerated).</summary>
    public const int SectionsFailed = 4;
}
