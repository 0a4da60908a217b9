namespace IcfStudio.Server.Hosting;

/// <summary>
/// Who made a change, for the audit log. There is no sign-in yet (the server binds to loopback), so the
/// client names its user in the <c>X-Icf-User</c> header; without it the change is recorded as <c>user</c>.
/// </summary>
internal static class Actor
{
    public const string HeaderName = "X-Icf-User";
    private const string Default = "user";
    private const int MaxLength = 100;

    public static string From(HttpContext context)
    {
        var value = context.Request.Headers[HeaderName].ToString().Trim();
        if (value.Length == 0)
        {
            return Default;
        }

        var clean = new string([.. value.Where(c => !char.IsControl(c))]);
        return clean.Length switch
        {
            0 => Default,
            > MaxLength => clean[..MaxLength],
            _ => clean,
        };
    }
}
