using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.Applications;

/// <summary>撤销认定 of a unit's center: the date and ground feed the pack's `ban` rules (不得再行申报).</summary>
public sealed class Revocation
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    public required string JurisdictionId { get; set; }
    public DateOnly RevokedOn { get; set; }
    /// <summary>The pack's ground rule id (revocation.ground), e.g. false-information.</summary>
    public required string Ground { get; set; }
    public string? Document { get; set; }
    public string? Note { get; set; }
}
