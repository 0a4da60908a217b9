using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace IcfStudio.Server.Hosting;

/// <summary>A section's version number as an entity tag: <c>"3"</c>. If-Match accepts <c>"3"</c>, <c>W/"3"</c> or <c>3</c>.</summary>
internal static class ETags
{
    public static string Format(int version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>The version in an If-Match header; null when the header is absent; throws on a malformed one.</summary>
    public static int? ParseIfMatch(StringValues header)
    {
        if (StringValues.IsNullOrEmpty(header))
        {
            return null;
        }

        var text = header.ToString().Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        text = text.Trim('"');
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new Core.BadInputException("bad_if_match", "If-Match must carry the section's version number, e.g. \"3\".");
    }
}
