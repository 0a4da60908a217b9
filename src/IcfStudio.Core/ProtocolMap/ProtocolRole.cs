using System.Text.Json;

namespace IcfStudio.Core.ProtocolMap;

/// <summary>What a part of a protocol is for: the protocol map gives every chunk one role, and each ICF section retrieves from its roles.</summary>
public enum ProtocolRole
{
    /// <summary>Neither the heading nor the text says.</summary>
    Other,
    Synopsis,
    Background,
    Objectives,
    Eligibility,
    Design,
    Intervention,
    Schedule,
    Procedures,

    /// <summary>Risks, benefits, benefit-risk, alternatives: what a participant weighs.</summary>
    Risks,

    /// <summary>Adverse-event definitions and the study team's reporting duties: rules for staff, not risks.</summary>
    SafetyReporting,
    Statistics,
    DataManagement,
    Ethics,
    Administrative,
    References,
    Contents,
}

public static class ProtocolRoles
{
    private static readonly Dictionary<string, ProtocolRole> ById = Enum.GetValues<ProtocolRole>().ToDictionary(Id, r => r, StringComparer.OrdinalIgnoreCase);

    /// <summary>Parts that are never passages to write from: a table of contents, a reference list.</summary>
    public static IReadOnlyList<ProtocolRole> NeverInContext { get; } = [ProtocolRole.Contents, ProtocolRole.References];

    /// <summary>Parts written for the study team (reporting duties, statistical methods): given to a section only when it names them.</summary>
    public static IReadOnlyList<ProtocolRole> StaffOnly { get; } = [ProtocolRole.SafetyReporting, ProtocolRole.Statistics];

    /// <summary>The stored and JSON form: snake_case (<c>safety_reporting</c>).</summary>
    public static string Id(ProtocolRole role) => JsonNamingPolicy.SnakeCaseLower.ConvertName(role.ToString());

    public static bool TryParse(string? id, out ProtocolRole role) => ById.TryGetValue(id ?? "", out role);

    public static ProtocolRole Parse(string id) =>
        TryParse(id, out var role) ? role : throw new FormatException($"Unknown protocol role '{id}'.");
}

/// <summary>Restricts a search to chunks of some roles (<see cref="Include"/>; null: any) and never others (<see cref="Exclude"/>).</summary>
public sealed record RoleFilter(IReadOnlyList<ProtocolRole>? Include = null, IReadOnlyList<ProtocolRole>? Exclude = null)
{
    /// <summary>Everything but the parts never written from (contents, references).</summary>
    public static RoleFilter Writable { get; } = new(null, ProtocolRoles.NeverInContext);

    /// <summary>True when a chunk of this role passes.</summary>
    public bool Allows(ProtocolRole role) => (Include is null || Include.Contains(role)) && (Exclude is null || !Exclude.Contains(role));

    internal string Key => (Include is null ? "*" : string.Join(',', Include.Order())) + "|" + string.Join(',', (Exclude ?? []).Order());
}
