using System.Buffers.Binary;
using System.Collections.Frozen;
using System.Text;
using PdfSharp.Fonts;

namespace IcfStudio.Core.Export;

/// <summary>
/// The open-licence fonts shipped in Resources/Fonts, served to PDFsharp by a font resolver, with the set of
/// characters each can draw (from its cmap) so that text can fall back to the CJK font or be reported.
/// </summary>
internal static class ExportFonts
{
    public const string Sans = "DejaVu Sans";
    public const string Serif = "DejaVu Serif";
    public const string Fallback = "Droid Sans Fallback";

    private static readonly FrozenDictionary<string, string> Faces = new Dictionary<string, string>
    {
        ["DejaVuSans"] = "DejaVuSans.ttf",
        ["DejaVuSans-Bold"] = "DejaVuSans-Bold.ttf",
        ["DejaVuSerif"] = "DejaVuSerif.ttf",
        ["DejaVuSerif-Bold"] = "DejaVuSerif-Bold.ttf",
        ["DejaVuSerif-Italic"] = "DejaVuSerif-Italic.ttf",
        ["DejaVuSerif-BoldItalic"] = "DejaVuSerif-BoldItalic.ttf",
        ["DroidSansFallback"] = "DroidSansFallback.ttf",
    }.ToFrozenDictionary();

    private static readonly Lazy<FrozenSet<int>> DejaVuCoverage = new(() => ReadCoverage("DejaVuSans.ttf"));
    private static readonly Lazy<FrozenSet<int>> FallbackCoverage = new(() => ReadCoverage("DroidSansFallback.ttf"));
    private static readonly Lock InstallLock = new();

    /// <summary>Sets PDFsharp's process-wide font resolver once (PDFsharp allows only one per process).</summary>
    public static void EnsureInstalled()
    {
        lock (InstallLock)
        {
            switch (GlobalFontSettings.FontResolver)
            {
                case EmbeddedFontResolver:
                    return;
                case null:
                    GlobalFontSettings.FontResolver = new EmbeddedFontResolver();
                    return;
                default:
                    throw new InvalidOperationException(
                        $"PDFsharp already has a font resolver ({GlobalFontSettings.FontResolver.GetType().Name}); ICF Studio's exporter needs its own {nameof(EmbeddedFontResolver)}, which serves DejaVu Sans, DejaVu Serif and Droid Sans Fallback.");
            }
        }
    }

    /// <summary>Whether DejaVu (all shipped DejaVu faces share a character set closely enough) can draw the character.</summary>
    public static bool PrimaryCovers(int codePoint) => DejaVuCoverage.Value.Contains(codePoint);

    public static bool FallbackCovers(int codePoint) => FallbackCoverage.Value.Contains(codePoint);

    public static byte[] Load(string fileName)
    {
        var name = $"IcfStudio.Core.Resources.Fonts.{fileName}";
        using var stream = typeof(ExportFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded font {name} is missing from the build.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    /// <summary>Describes characters for a warning, e.g. "'😀' (U+1F600)".</summary>
    public static string Describe(IEnumerable<int> codePoints) =>
        string.Join(", ", codePoints.Order().Select(c => $"'{char.ConvertFromUtf32(c)}' (U+{c:X4})"));

    /// <summary>The code points a TrueType font maps to glyphs: its Windows Unicode cmap (format 12 or 4).</summary>
    private static FrozenSet<int> ReadCoverage(string fileName)
    {
        var font = Load(fileName);
        var tables = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        var cmap = -1;
        for (var i = 0; i < tables; i++)
        {
            var record = 12 + (i * 16);
            if (Encoding.ASCII.GetString(font, record, 4) == "cmap")
            {
                cmap = (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(record + 8));
            }
        }

        if (cmap < 0)
        {
            throw new InvalidOperationException($"{fileName} has no cmap table.");
        }

        var subtables = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(cmap + 2));
        int? format4 = null;
        int? format12 = null;
        for (var i = 0; i < subtables; i++)
        {
            var record = cmap + 4 + (i * 8);
            var platform = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(record));
            var encoding = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(record + 2));
            var offset = cmap + (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(record + 4));
            var format = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(offset));
            if (platform == 3 && encoding == 10 && format == 12)
            {
                format12 = offset;
            }
            else if (platform == 3 && encoding == 1 && format == 4)
            {
                format4 = offset;
            }
        }

        var set = new HashSet<int>();
        if (format12 is { } f12)
        {
            var groups = BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(f12 + 12));
            for (var g = 0; g < groups; g++)
            {
                var at = f12 + 16 + (g * 12);
                var start = (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(at));
                var end = (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(at + 4));
                for (var c = start; c <= end; c++)
                {
                    set.Add(c);
                }
            }
        }
        else if (format4 is { } f4)
        {
            var segments = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(f4 + 6)) / 2;
            var ends = f4 + 14;
            var starts = ends + (segments * 2) + 2;
            var deltas = starts + (segments * 2);
            var rangeOffsets = deltas + (segments * 2);
            for (var s = 0; s < segments; s++)
            {
                var end = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(ends + (s * 2)));
                var start = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(starts + (s * 2)));
                var delta = BinaryPrimitives.ReadInt16BigEndian(font.AsSpan(deltas + (s * 2)));
                var rangeOffset = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(rangeOffsets + (s * 2)));
                for (var c = start; c <= end && c != 0xFFFF; c++)
                {
                    int glyph;
                    if (rangeOffset == 0)
                    {
                        glyph = (c + delta) & 0xFFFF;
                    }
                    else
                    {
                        var glyphAt = rangeOffsets + (s * 2) + rangeOffset + ((c - start) * 2);
                        glyph = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(glyphAt));
                        glyph = glyph == 0 ? 0 : (glyph + delta) & 0xFFFF;
                    }

                    if (glyph != 0)
                    {
                        set.Add(c);
                    }
                }
            }
        }

        return set.ToFrozenSet();
    }

    /// <summary>Serves the embedded faces; missing bold or italic faces are simulated.</summary>
    internal sealed class EmbeddedFontResolver : IFontResolver
    {
        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
        {
            if (familyName.Equals(Serif, StringComparison.OrdinalIgnoreCase))
            {
                return new FontResolverInfo((bold, italic) switch
                {
                    (true, true) => "DejaVuSerif-BoldItalic",
                    (true, false) => "DejaVuSerif-Bold",
                    (false, true) => "DejaVuSerif-Italic",
                    _ => "DejaVuSerif",
                });
            }

            if (familyName.Equals(Fallback, StringComparison.OrdinalIgnoreCase))
            {
                return new FontResolverInfo("DroidSansFallback", bold, italic);
            }

            // DejaVu Sans, and any other family asked for by name, so a stray font name never breaks an export.
            return new FontResolverInfo(bold ? "DejaVuSans-Bold" : "DejaVuSans", false, italic);
        }

        public byte[]? GetFont(string faceName) => Faces.TryGetValue(faceName, out var file) ? Load(file) : null;
    }
}
