using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Security;

namespace TechCenters.Web.Features.Revocations;

/// <summary>The 撤销决定书 as a signed kind: rebuilt from today's records, so /Verify tells an unaltered decision from a changed one.</summary>
public sealed class RevocationDecisionSource(AppDbContext db, CaseKernel kernel) : ISignedDocumentSource
{
    public string Kind => SignedKinds.RevocationDecision;
    private const string Prefix = "revocation";
    public static string SubjectOf(int caseId) => SignedKinds.Subject(Prefix, caseId);

    public async Task<string?> CurrentPayloadAsync(string subject, CancellationToken ct) =>
        SignedKinds.IdOf(subject, Prefix) is { } id && await DocumentAsync(db, kernel, id, ct) is { } doc
            ? DocumentSigner.Payload(doc)
            : null;

    /// <summary>The decision document of a decided revocation case (null before a decision number is given). No scope check: callers check it.</summary>
    public static async Task<Documents.OfficialDocument?> DocumentAsync(AppDbContext db, CaseKernel kernel, int id, CancellationToken ct)
    {
        var r = await db.Set<RevocationCase>().AsNoTracking().Include(x => x.Case).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r?.Case is null || r.DecisionNumber is null) return null;
        var center = await db.Centers.AsNoTracking().FirstAsync(c => c.Id == r.CenterId, ct);
        var bureau = await db.Jurisdictions.AsNoTracking().Where(j => j.Id == center.JurisdictionId).Select(j => j.BureauName).FirstAsync(ct);
        return Revocations.DecisionDocument(r, center, kernel.PackOf(r.Case), bureau);
    }
}
