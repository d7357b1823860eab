using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Approvals;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Features.Security;

/// <summary>
/// One SM2 signature of the platform over a receipt or a generated official document: the canonical text signed, its
/// SM3 digest, the signature, the signing key's id and a short verification code printed on the document. Rows are
/// never changed; a verifier re-derives the text from today's records to tell whether anything was altered since.
/// </summary>
public sealed class DocumentSignature
{
    public long Id { get; set; }
    /// <summary><see cref="SignedKinds"/>: receipt, approval_notice, …</summary>
    public required string Kind { get; set; }
    /// <summary>What was signed, unique per kind (the receipt number; center:&lt;id&gt; for its approval notice).</summary>
    public required string Subject { get; set; }
    /// <summary>The number printed on the document (回执编号, 批准文号).</summary>
    public required string Number { get; set; }
    public required string Payload { get; set; }
    public required string PayloadDigest { get; set; }
    /// <summary>SM2 signature r‖s, hex.</summary>
    public required string Signature { get; set; }
    public required string KeyId { get; set; }
    /// <summary>验证码: 16 characters derived from the signature, printed on the document.</summary>
    public required string Code { get; set; }
    public DateTimeOffset SignedAt { get; set; }
}

public sealed class DocumentSignatureMap : IEntityTypeConfiguration<DocumentSignature>
{
    public void Configure(EntityTypeBuilder<DocumentSignature> e)
    {
        e.ToTable("DocumentSignatures", t => t.HasComment("回执与公文的SM2签名（只追加）"));
        e.Property(x => x.Kind).HasMaxLength(40).HasComment("类别：receipt 申报回执，approval_notice 批准通知");
        e.Property(x => x.Subject).HasMaxLength(120).HasComment("签名对象（同类别内唯一）");
        e.Property(x => x.Number).HasMaxLength(120).HasComment("文件上的编号（回执编号、批准文号）");
        e.Property(x => x.Payload).HasComment("签名原文（规范化文本）");
        e.Property(x => x.PayloadDigest).HasMaxLength(64).HasComment("签名原文的SM3杂凑");
        e.Property(x => x.Signature).HasMaxLength(128).HasComment("SM2签名值（r‖s，十六进制）");
        e.Property(x => x.KeyId).HasMaxLength(40).HasComment("签名密钥标识");
        e.Property(x => x.Code).HasMaxLength(19).HasComment("验证码");
        e.Property(x => x.SignedAt).HasComment("签名时间（UTC）");
        e.HasIndex(x => new { x.Kind, x.Subject }).IsUnique();
        e.HasIndex(x => x.Code).IsUnique();
        e.HasIndex(x => x.Number);
    }
}

public static class SignedKinds
{
    public const string Receipt = "receipt";
    public const string ApprovalNotice = "approval_notice";
    public const string RevocationDecision = "revocation_decision";
    public const string EvaluationResults = "evaluation_results";

    public static string ToChinese(string kind) => kind switch
    {
        Receipt => "申报回执",
        ApprovalNotice => "批准（认定）通知",
        RevocationDecision => "撤销决定书",
        EvaluationResults => "评估结果通知",
        _ => kind,
    };
}

/// <summary>
/// A signed kind: how to re-derive, from today's records, the text that was signed. Each later decision document
/// (annual-report conclusions, evaluation results, revocations …) adds one of these and calls <see cref="DocumentSigner"/>.
/// </summary>
public interface ISignedDocumentSource
{
    string Kind { get; }
    /// <summary>The canonical text of <paramref name="subject"/> as the records say now; null when the record is gone.</summary>
    Task<string?> CurrentPayloadAsync(string subject, CancellationToken ct);

    /// <summary>
    /// Changes made to the subject's record since <paramref name="since"/> through a decided case (a change request, say),
    /// in Chinese, one line each: a document that no longer matches today's record because of these is genuine and lawfully
    /// superseded, not altered. A change without a case (someone with database rights) is never in this list.
    /// </summary>
    Task<IReadOnlyList<string>> LawfulChangesSinceAsync(string subject, DateTimeOffset since, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>>([]);
}

public sealed record VerifyResult(bool Found, bool Genuine, bool Unaltered, DocumentSignature? Signature, string Message)
{
    public bool Ok => Found && Genuine && Unaltered;
}

/// <summary>Signs with the current SM2 platform key and verifies against the key file's public keys (never the database's).</summary>
public sealed class DocumentSigner(AppDbContext db, KeyRing ring, ICryptoProvider crypto, TimeProvider time, IEnumerable<ISignedDocumentSource> sources)
{
    /// <summary>Adds the signature to the context (saved with the caller's transaction), or returns the one already there.</summary>
    public DocumentSignature Sign(string kind, string subject, string number, string payload)
    {
        var existing = db.ChangeTracker.Entries<DocumentSignature>().Select(e => e.Entity).FirstOrDefault(s => s.Kind == kind && s.Subject == subject)
            ?? db.Set<DocumentSignature>().AsNoTracking().FirstOrDefault(s => s.Kind == kind && s.Subject == subject);
        if (existing is not null) return existing;
        var row = New(kind, subject, number, payload);
        db.Add(row);
        return row;
    }

    private DocumentSignature New(string kind, string subject, string number, string payload)
    {
        var key = ring.Keys.CurrentSigning;
        var bytes = Encoding.UTF8.GetBytes(payload);
        var signature = crypto.Sm2Sign(Convert.FromHexString(key.PrivateKey), bytes);
        return new DocumentSignature
        {
            Kind = kind, Subject = subject, Number = number, Payload = payload,
            PayloadDigest = Convert.ToHexStringLower(crypto.Sm3(bytes)), Signature = Convert.ToHexStringLower(signature),
            KeyId = key.Id, Code = CodeOf(crypto.Sm3(signature)), SignedAt = time.GetUtcNow(),
        };
    }

    /// <summary>Signs and saves at once (documents generated outside a workflow transaction).</summary>
    public async Task<DocumentSignature> SignNowAsync(string kind, string subject, string number, string payload, CancellationToken ct)
    {
        var row = Sign(kind, subject, number, payload);
        if (db.Entry(row).State == EntityState.Added)
        {
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException)
            {
                // A concurrent request signed the same document first: use that one.
                db.Entry(row).State = EntityState.Detached;
                return await db.Set<DocumentSignature>().AsNoTracking().FirstAsync(s => s.Kind == kind && s.Subject == subject, ct);
            }
        }
        return row;
    }

    /// <summary>
    /// A receipt's signature, not yet added (the submission's Decision adds it with the version, in the kernel's one
    /// transaction): the submitted version's number, time, submitter and SM3 of its full content.
    /// </summary>
    public DocumentSignature ReceiptSignature(ApplicationVersion v) => New(SignedKinds.Receipt, v.ReceiptNumber, v.ReceiptNumber, ReceiptPayload(crypto, v));

    public static string ReceiptPayload(ICryptoProvider crypto, ApplicationVersion v)
    {
        static string F(string s) => $"{s.Length}:{s}";
        var content = crypto.Sm3(Encoding.UTF8.GetBytes(F(v.FactsJson) + F(v.FormJson) + F(v.PlanJson) + F(v.CoBuildersJson)));
        return string.Join('\n',
            "技术创新中心建设运行管理平台 申报回执",
            $"回执编号：{v.ReceiptNumber}",
            $"申报书：{v.ApplicationId}，第 {v.Number} 版",
            $"提交时间（UTC）：{v.SubmittedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)}",
            $"提交人：{v.SubmittedBy}",
            $"依据政策包版本：{v.PackVersion}",
            $"申报内容SM3：{Convert.ToHexStringLower(content)}");
    }

    /// <summary>
    /// An official document (公文) signed with the platform's SM2 key once, when first generated, and returned with its
    /// verification line printed under the date. Every decision document the platform issues goes through here with its
    /// kind (and an <see cref="ISignedDocumentSource"/> of that kind rebuilding it, for /Verify to tell it is unaltered).
    /// </summary>
    public async Task<Documents.OfficialDocument> SignedAsync(string kind, string subject, Documents.OfficialDocument doc, CancellationToken ct)
    {
        var s = await SignNowAsync(kind, subject, doc.Number, Payload(doc), ct);
        return doc with { Verification = $"本文件已由平台以SM2数字签名，验证码 {s.Code}；可在平台“文件核验”页面（/Verify）输入文号和验证码核验真伪。" };
    }

    /// <summary>What is signed of an official document: every printed line but the verification line.</summary>
    public static string Payload(Documents.OfficialDocument n) =>
        string.Join('\n', [$"{n.Issuer}文件", n.Number, n.Title, n.Addressees, .. n.Body, n.Signature, n.Date]);

    /// <summary>Verifies by verification code (what a holder of the document has) and, when given, the printed number.</summary>
    public async Task<VerifyResult> VerifyAsync(string code, string? number, CancellationToken ct)
    {
        var normalized = NormalizeCode(code);
        var row = normalized is null ? null : await db.Set<DocumentSignature>().AsNoTracking().FirstOrDefaultAsync(s => s.Code == normalized, ct);
        if (row is null || (!string.IsNullOrWhiteSpace(number) && row.Number != number.Trim()))
            return new(false, false, false, null, "未找到与该验证码和编号相符的签发记录：该文件不是本平台签发，或验证码、编号有误。");
        return await VerifyAsync(row, ct);
    }

    public async Task<VerifyResult> VerifyAsync(DocumentSignature row, CancellationToken ct)
    {
        var key = ring.Keys.FindSigning(row.KeyId);
        var bytes = Encoding.UTF8.GetBytes(row.Payload);
        var genuine = key is not null && Convert.ToHexStringLower(crypto.Sm3(bytes)) == row.PayloadDigest
            && TryHex(row.Signature) is { } sig && crypto.Sm2Verify(Convert.FromHexString(key.PublicKey), bytes, sig)
            && CodeOf(crypto.Sm3(sig)) == row.Code;
        if (!genuine)
            return new(true, false, false, row, key is null
                ? $"签名密钥“{row.KeyId}”不在本平台的密钥文件中，无法确认为本平台签发。"
                : "签名校验未通过：签发记录已被改动，不能作为真实文件。");
        var source = sources.FirstOrDefault(s => s.Kind == row.Kind);
        var current = source is null ? null : await source.CurrentPayloadAsync(row.Subject, ct);
        if (current is null) return new(true, true, false, row, "签名真实，但平台中已找不到对应的业务记录。");
        if (current != row.Payload)
        {
            var lawful = await source!.LawfulChangesSinceAsync(row.Subject, row.SignedAt, ct);
            return lawful.Count == 0
                ? new(true, true, false, row, "签名真实，但平台中的业务记录与签发时的内容不一致（签发后被改动）。")
                : new(true, true, true, row, $"真实有效：该{SignedKinds.ToChinese(row.Kind)}由本平台以SM2密钥“{row.KeyId}”签名，签名与签发时的内容一致；"
                    + $"签发后相关记录已依法变更（{string.Join("；", lawful)}），现行信息以平台当前记录为准。");
        }
        return new(true, true, true, row, $"真实有效：该{SignedKinds.ToChinese(row.Kind)}由本平台于签发时以SM2密钥“{row.KeyId}”签名，内容与签发时一致，未被篡改。");
    }

    private static byte[]? TryHex(string s)
    {
        try { return Convert.FromHexString(s); }
        catch (FormatException) { return null; }
    }

    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base32: no I, L, O, U

    /// <summary>XXXX-XXXX-XXXX-XXXX from the first 80 bits of SM3(signature).</summary>
    public static string CodeOf(byte[] digest)
    {
        var sb = new StringBuilder();
        ulong acc = 0;
        var bits = 0;
        foreach (var b in digest.AsSpan(0, 10))
        {
            acc = (acc << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                sb.Append(Alphabet[(int)((acc >> (bits - 5)) & 31)]);
                bits -= 5;
            }
        }
        var s = sb.ToString();
        return $"{s[..4]}-{s[4..8]}-{s[8..12]}-{s[12..16]}";
    }

    /// <summary>A typed code in canonical form (case, spaces, dashes, O→0, I/L→1 forgiven); null when it cannot be one.</summary>
    public static string? NormalizeCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        var chars = code.ToUpperInvariant().Where(c => c is not ('-' or ' ')).Select(c => c switch { 'O' => '0', 'I' or 'L' => '1', _ => c }).ToArray();
        if (chars.Length != 16 || chars.Any(c => !Alphabet.Contains(c))) return null;
        var s = new string(chars);
        return $"{s[..4]}-{s[4..8]}-{s[8..12]}-{s[12..16]}";
    }
}

/// <summary>Receipts: the submitted version as stored today.</summary>
public sealed class ReceiptSource(AppDbContext db, ICryptoProvider crypto) : ISignedDocumentSource
{
    public string Kind => SignedKinds.Receipt;

    public async Task<string?> CurrentPayloadAsync(string subject, CancellationToken ct) =>
        await db.ApplicationVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ReceiptNumber == subject, ct) is { } v
            ? DocumentSigner.ReceiptPayload(crypto, v) : null;
}

/// <summary>Approval notices: rebuilt from the center, its pack and the bureau, as the download does.</summary>
public sealed class ApprovalNoticeSource(AppDbContext db, CaseKernel kernel) : ISignedDocumentSource
{
    public string Kind => SignedKinds.ApprovalNotice;
    public static string SubjectOf(Center c) => $"center:{c.Id}";

    public async Task<string?> CurrentPayloadAsync(string subject, CancellationToken ct)
    {
        if (!subject.StartsWith("center:", StringComparison.Ordinal) || !int.TryParse(subject[7..], CultureInfo.InvariantCulture, out var id)) return null;
        var center = await db.Centers.AsNoTracking().Include(c => c.CoBuilders).ThenInclude(b => b.Unit).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (center is null) return null;
        var bureau = await db.Jurisdictions.AsNoTracking().Where(j => j.Id == center.JurisdictionId).Select(j => j.BureauName).FirstAsync(ct);
        return DocumentSigner.Payload(ApprovalNotice.For(center, kernel.PackOf(center.JurisdictionId, center.PackVersion), bureau));
    }

    public async Task<IReadOnlyList<string>> LawfulChangesSinceAsync(string subject, DateTimeOffset since, CancellationToken ct)
    {
        if (!subject.StartsWith("center:", StringComparison.Ordinal) || !int.TryParse(subject[7..], CultureInfo.InvariantCulture, out var id)) return [];
        var rows = await db.CenterHistory.AsNoTracking().Where(h => h.CenterId == id && h.CaseId != null).ToListAsync(ct);
        // Compared in memory: SQLite cannot order or compare DateTimeOffset columns.
        return rows.Where(h => h.ChangedAt > since).OrderBy(h => h.ChangedAt)
            .Select(h => $"{h.Field}由“{h.From}”变更为“{h.To}”（事项 {h.CaseId}）").ToList();
    }
}
