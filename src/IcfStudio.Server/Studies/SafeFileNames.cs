namespace IcfStudio.Server.Studies;

/// <summary>A client's file name reduced to something safe to store and show: no path, no control characters, bounded length.</summary>
internal static class SafeFileNames
{
    private const int MaxLength = 200;

    public static string Clean(string? fileName)
    {
        // Browsers on Windows may send a full path; keep the last segment whichever separator it uses.
        var name = (fileName ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string([.. name.Where(c => !char.IsControl(c) && c is not ('<' or '>' or ':' or '"' or '|' or '?' or '*'))]).Trim().TrimStart('.');
        if (name.Length == 0)
        {
            return "upload";
        }

        if (name.Length <= MaxLength)
        {
            return name;
        }

        var extension = Path.GetExtension(name);
        return extension.Length is > 0 and <= 10 ? name[..(MaxLength - extension.Length)] + extension : name[..MaxLength];
    }
}
