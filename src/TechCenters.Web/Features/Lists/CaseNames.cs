using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Cases;

namespace TechCenters.Web.Features.Lists;

/// <summary>
/// Names of a case's kind, stage and holder as one account may read them, from the case's pinned pack — for lists, the
/// overview and the API, which read cases of every kind generically (a new kind appears with no code here). A stage the
/// pack shows only to some actors (`see`) reads by its public name to everyone else.
/// </summary>
public sealed class CaseNames(PolicyCatalog catalog, UserScope scope, IEnumerable<ICaseKind> kinds)
{
    public PolicyPack? Pack(string jurisdiction, string version) =>
        catalog.Versions(jurisdiction).FirstOrDefault(v => v.Version == version);

    public string Kind(string kind) => KindLabel(catalog, kind);

    public static string KindLabel(PolicyCatalog catalog, string kind) =>
        catalog.Vocabulary.Processes.TryGetValue(kind, out var d) ? d.Label : kind;

    /// <summary>The actors this account acts as on a case it already sees (a list is narrowed by <see cref="CaseScope"/>).</summary>
    public IReadOnlyList<string> Acts(int? leadUnitId) =>
        [Actors.Public, .. CaseRelation.ActorsOfRole(scope.Role, scope.Role == Roles.Applicant && leadUnitId != scope.UnitId ? CaseParty.CoBuilder : CaseParty.Lead)];

    public Stage? Stage(string jurisdiction, string version, string kind, string stageId) =>
        Pack(jurisdiction, version)?.Process(kind)?.Stage(stageId);

    public string StageName(string jurisdiction, string version, string kind, string stageId, int? leadUnitId) =>
        Stage(jurisdiction, version, kind, stageId)?.NameFor(Acts(leadUnitId)) ?? stageId;

    public string HolderName(string jurisdiction, string version, string? holder) =>
        holder is null ? "—（已办结）" : Pack(jurisdiction, version)?.Env.Actor(holder) ?? holder;

    /// <summary>Where this account opens the case (its kind's page), or the generic case page.</summary>
    public string Url(int id, string kind) =>
        kinds.FirstOrDefault(k => k.Kind == kind)?.Url(new Case
        {
            Id = id, Kind = kind, JurisdictionId = scope.JurisdictionId ?? "", Title = "", PackVersion = "", PackDocument = "", StageId = "", Step = "",
        }, scope) ?? $"/Cases/{id}";
}
