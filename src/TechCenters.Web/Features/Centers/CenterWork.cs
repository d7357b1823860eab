using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Audit;

namespace TechCenters.Web.Features.Centers;

/// <summary>A member as typed on the workspace form.</summary>
public sealed record MemberInput(string? Name, string? Employer, string? Affiliation, string? Title, string? Role, bool? FullTime);

/// <summary>A matter as typed on the meeting form.</summary>
public sealed record MatterInput(string? Title, bool Major, int VotesFor, int VotesAgainst, int VotesAbstain);

/// <summary>
/// The center's running record, outside any case: the lead unit records its bodies and director (each change a new
/// composition version, in the center's history), files them with whom the pack names, records meetings (a major matter
/// without the pack's majority is refused) and declares each year's operation figures; the bureau answers a governance
/// rule's judgement word for the composition in force. Every act audited; every refusal a 4xx with a Chinese message.
/// </summary>
public sealed class CenterWork(AppDbContext db, CaseKernel kernel, AuditLog audit)
{
    public sealed record Loaded(Center Center, PolicyPack Pack, List<GovernanceBody> Bodies, List<GovernanceFiling> Filings, List<GovernanceJudgement> Judgements);

    public async Task<Loaded?> LoadAsync(UserScope scope, int centerId, CancellationToken ct)
    {
        var c = await db.Centers.AsNoTracking().VisibleTo(db, scope).Include(x => x.CoBuilders).ThenInclude(b => b.Unit).FirstOrDefaultAsync(x => x.Id == centerId, ct);
        if (c is null) return null;
        var bodies = await db.GovernanceBodies.AsNoTracking().Include(b => b.Members.OrderBy(m => m.Position)).Where(b => b.CenterId == centerId).ToListAsync(ct);
        var filings = await db.GovernanceFilings.AsNoTracking().Where(f => f.CenterId == centerId).OrderByDescending(f => f.Id).ToListAsync(ct);
        var judgements = await db.GovernanceJudgements.AsNoTracking().Where(j => j.CenterId == centerId).ToListAsync(ct);
        return new(c, kernel.PackOf(c.JurisdictionId, c.PackVersion), bodies, filings, judgements);
    }

    public static bool IsLeadStaff(UserScope s, Center c) => s.Role == Roles.Applicant && s.UnitId == c.LeadUnitId;
    public static bool IsBureau(UserScope s, Center c) => s.Role == Roles.BureauOfficer && s.JurisdictionId == c.JurisdictionId;

    private async Task<WorkflowResult> Refuse(HttpContext http, string action, int centerId, Refusal r, CancellationToken ct)
    {
        await audit.AppendAsync(http, new AuditRecord(action, r.Status == WorkflowStatus.Forbidden ? AuditOutcome.Denied : AuditOutcome.Failure, "技术创新中心",
            centerId.ToString(), $"HTTP {(int)r.Status}：{r.Message}" + (r.Article is null ? "" : $"（{r.Article}）")), ct: ct);
        return new(r.Status, r.Message);
    }

    private async Task<WorkflowResult> Done(HttpContext http, string action, int centerId, string detail, string message, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(http, new AuditRecord(action, AuditOutcome.Success, "技术创新中心", centerId.ToString(), detail), ct: ct);
        return new(WorkflowStatus.Ok, message);
    }

    /// <summary>Pure: the members read and checked (name, employer, a known affiliation, at most one chair; the director one person).</summary>
    public static (List<BodyMember>? Members, Refusal? Refusal) ReadMembers(Vocabulary v, GovernanceRules.Subject subject, IReadOnlyList<MemberInput> typed)
    {
        var rows = typed.Where(m => !string.IsNullOrWhiteSpace(m.Name) || !string.IsNullOrWhiteSpace(m.Employer)).ToList();
        var members = new List<BodyMember>();
        foreach (var (m, i) in rows.Select((m, i) => (m, i)))
        {
            var n = i + 1;
            if (string.IsNullOrWhiteSpace(m.Name) || m.Name.Trim().Length > 50) return (null, Refusal.Invalid($"第 {n} 行：请填写姓名（不超过 50 字）。"));
            if (string.IsNullOrWhiteSpace(m.Employer) || m.Employer.Trim().Length > 200) return (null, Refusal.Invalid($"第 {n} 行：请填写工作单位（不超过 200 字）。"));
            if (m.Affiliation is null || !v.Affiliations.ContainsKey(m.Affiliation))
                return (null, Refusal.Invalid($"第 {n} 行：请选择人员来源（{string.Join("、", v.Affiliations.Values)}）。"));
            if (m.Title is { Length: > 100 }) return (null, Refusal.Invalid($"第 {n} 行：职称或职务不能超过 100 字。"));
            if (m.Role is not (BodyMember.Chair or BodyMember.Member)) return (null, Refusal.Invalid($"第 {n} 行：请选择身份（主任/成员）。"));
            if (new[] { m.Name, m.Employer, m.Title }.Any(s => s is not null && s.Any(char.IsControl)))
                return (null, Refusal.Invalid($"第 {n} 行含有控制字符，请删除后重新填写。"));
            members.Add(new BodyMember
            {
                Name = m.Name.Trim(), Employer = m.Employer.Trim(), Affiliation = m.Affiliation, Title = string.IsNullOrWhiteSpace(m.Title) ? null : m.Title.Trim(),
                Role = subject.IsDirector ? BodyMember.Chair : m.Role, FullTime = subject.IsDirector ? m.FullTime ?? false : null, Position = i,
            });
        }
        if (members.Count == 0) return (null, Refusal.Invalid($"请至少填写{(subject.IsDirector ? "中心主任" : subject.Name + "的一名成员")}。"));
        if (subject.IsDirector && members.Count > 1) return (null, Refusal.Invalid("中心主任（总经理）只能填写一人。"));
        if (members.Count(m => m.Role == BodyMember.Chair) > 1) return (null, Refusal.Invalid($"{subject.Name}只能有一名主任（理事长、主任委员）。"));
        if (members.Count > 99) return (null, Refusal.Invalid($"{subject.Name}成员不能超过 99 人。"));
        return (members, null);
    }

    /// <summary>组建/调整: the lead unit records a body's (or the director's) composition; a change is a new version, in the history.</summary>
    public async Task<WorkflowResult> SaveBodyAsync(HttpContext http, int centerId, string body, int? version, IReadOnlyList<MemberInput> typed, CancellationToken ct)
    {
        const string action = "登记治理机构";
        var scope = UserScope.From(http.User);
        var l = await LoadAsync(scope, centerId, ct);
        if (l is null) return await Refuse(http, action, centerId, Refusal.NotFound("技术创新中心不存在或不在您的管理范围内。"), ct);
        if (!IsLeadStaff(scope, l.Center)) return await Refuse(http, action, centerId, Refusal.Forbidden("治理机构由中心的牵头（依托）单位登记，您只能查看。"), ct);
        if (l.Center.Status == CenterStatus.Revoked) return await Refuse(http, action, centerId, Refusal.Conflict("中心已撤销认定，不能再调整治理机构。"), ct);
        var subject = GovernanceRules.Subjects(l.Pack).FirstOrDefault(s => s.Key == body);
        if (subject is null) return await Refuse(http, action, centerId, Refusal.Invalid($"{l.Pack.Document}未规定该机构。"), ct);
        var (members, bad) = ReadMembers(l.Pack.Env.Vocabulary, subject, typed);
        if (bad is not null) return await Refuse(http, action, centerId, bad, ct);
        var rec = await db.GovernanceBodies.Include(b => b.Members).FirstOrDefaultAsync(b => b.CenterId == centerId && b.Body == body, ct);
        if (rec is not null && version is { } v && rec.Version != v)
            return await Refuse(http, action, centerId, Refusal.Conflict($"{subject.Name}已被他人调整（当前为第 {rec.Version} 版），请刷新后重新填写。"), ct);
        var v0 = l.Pack.Env.Vocabulary;
        var before = rec is null ? null : GovernanceRules.Describe(rec, v0);
        var now = kernel.Clock.UtcNow;
        if (rec is null)
        {
            rec = new GovernanceBody { CenterId = centerId, Body = body, Version = 0, EstablishedOn = kernel.Clock.Today };
            db.GovernanceBodies.Add(rec);
        }
        else db.BodyMembers.RemoveRange(rec.Members);
        rec.Members = members!;
        rec.Version++;
        rec.UpdatedAt = now;
        rec.UpdatedBy = scope.UserName;
        var after = GovernanceRules.Describe(rec, v0);
        db.CenterHistory.Add(new CenterHistory
        {
            CenterId = centerId, ChangedAt = now, ChangedBy = scope.UserName, Field = subject.Name, From = Trim(before), To = Trim(after),
            Note = $"第 {rec.Version} 版组成" + (subject.FiledWith.Count > 0 ? $"，须向{string.Join("、", subject.FiledWith.Select(f => l.Pack.Env.Actor(f.Actor)))}备案" : ""),
        });
        if (subject.IsDirector)
        {
            var center = await db.Centers.FirstAsync(c => c.Id == centerId, ct);
            center.DirectorName = members![0].Name;
            center.DirectorTitle = members[0].Title is { } t ? t[..Math.Min(t.Length, 50)] : null;
            center.Revision++;
        }
        return await Done(http, action, centerId, $"{subject.Name} 第 {rec.Version} 版：{Trim(after)}", $"已登记{subject.Name}（第 {rec.Version} 版组成）。", ct);
    }

    private static string? Trim(string? s) => s is null ? null : s.Length > 2000 ? s[..1990] + "…" : s;

    /// <summary>备案: the lead unit files the composition in force with a recipient the pack names, once per version.</summary>
    public async Task<WorkflowResult> FileAsync(HttpContext http, int centerId, string body, string recipient, CancellationToken ct)
    {
        const string action = "治理机构备案";
        var scope = UserScope.From(http.User);
        var l = await LoadAsync(scope, centerId, ct);
        if (l is null) return await Refuse(http, action, centerId, Refusal.NotFound("技术创新中心不存在或不在您的管理范围内。"), ct);
        if (!IsLeadStaff(scope, l.Center)) return await Refuse(http, action, centerId, Refusal.Forbidden("备案由中心的牵头（依托）单位报送。"), ct);
        var subject = GovernanceRules.Subjects(l.Pack).FirstOrDefault(s => s.Key == body);
        if (subject is null) return await Refuse(http, action, centerId, Refusal.Invalid($"{l.Pack.Document}未规定该机构。"), ct);
        var to = subject.FiledWith.FirstOrDefault(f => f.Actor == recipient);
        if (to is null)
            return await Refuse(http, action, centerId, Refusal.Invalid(subject.FiledWith.Count == 0
                ? $"{l.Pack.Document}未规定{subject.Name}须备案。"
                : $"{subject.Name}应向{string.Join("、", subject.FiledWith.Select(f => l.Pack.Env.Actor(f.Actor)))}备案。"), ct);
        var rec = l.Bodies.FirstOrDefault(b => b.Body == body);
        if (rec is null || rec.Members.Count == 0) return await Refuse(http, action, centerId, Refusal.Conflict($"请先登记{subject.Name}的组成，再备案。", to.Article), ct);
        if (l.Filings.Any(f => f.Body == body && f.Version == rec.Version && f.Recipient == recipient))
            return await Refuse(http, action, centerId, Refusal.Conflict($"{subject.Name}第 {rec.Version} 版组成已向{l.Pack.Env.Actor(recipient)}备案。", to.Article), ct);
        var now = kernel.Clock.UtcNow;
        db.GovernanceFilings.Add(new GovernanceFiling
        {
            CenterId = centerId, Body = body, Version = rec.Version, Recipient = recipient, FiledOn = kernel.Clock.Today, FiledAt = now, FiledBy = scope.UserName,
            Composition = Trim(GovernanceRules.Describe(rec, l.Pack.Env.Vocabulary))!, Article = to.Article,
        });
        return await Done(http, action, centerId, $"{subject.Name}第 {rec.Version} 版向{l.Pack.Env.Actor(recipient)}备案（{to.Article}）",
            $"已向{l.Pack.Env.Actor(recipient)}备案{subject.Name}第 {rec.Version} 版组成（{to.Article}）。", ct);
    }

    /// <summary>认定: the bureau answers a rule's judgement word (万州 “一般应”) for the composition in force, with a reason kept.</summary>
    public async Task<WorkflowResult> JudgeAsync(HttpContext http, int centerId, string ruleId, string? answer, string? reason, CancellationToken ct)
    {
        const string action = "认定治理机构判断事项";
        var scope = UserScope.From(http.User);
        var l = await LoadAsync(scope, centerId, ct);
        if (l is null) return await Refuse(http, action, centerId, Refusal.NotFound("技术创新中心不存在或不在您的管理范围内。"), ct);
        if (!IsBureau(scope, l.Center)) return await Refuse(http, action, centerId, Refusal.Forbidden("判断性规定由科技局认定。"), ct);
        var rule = l.Pack.Rule(ruleId);
        if (rule is null || rule.Area != GovernanceRules.Area || GovernanceRules.SubjectOf(rule) is not { } body)
            return await Refuse(http, action, centerId, Refusal.Invalid("该规则不是治理机构的判断性规定。"), ct);
        if (answer is not ("pass" or "fail")) return await Refuse(http, action, centerId, Refusal.Invalid("请选择认定结论（符合/不符合）。", rule.Article), ct);
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 2000) return await Refuse(http, action, centerId, Refusal.Invalid("请填写认定理由（不超过 2000 字），理由将记录在案。", rule.Article), ct);
        var rec = l.Bodies.FirstOrDefault(b => b.Body == body);
        var facts = GovernanceRules.FactsOf(l.Pack, l.Center, l.Bodies, l.Filings, l.Judgements.Where(j => j.RuleId != ruleId).ToList());
        var judgeable = GovernanceRules.Judgeable(GovernanceRules.Evaluate(l.Pack, facts)).Any(r => r.RuleId == ruleId);
        if (rec is null || !judgeable)
            return await Refuse(http, action, centerId, Refusal.Conflict($"“{rule.Title}”对当前组成没有需要认定的判断事项。", rule.Article), ct);
        var old = await db.GovernanceJudgements.FirstOrDefaultAsync(j => j.CenterId == centerId && j.Body == body && j.Version == rec.Version && j.RuleId == ruleId, ct);
        if (old is not null) db.GovernanceJudgements.Remove(old);
        db.GovernanceJudgements.Add(new GovernanceJudgement
        {
            CenterId = centerId, Body = body, Version = rec.Version, RuleId = ruleId, Answer = answer, Reason = reason.Trim(), RecordedAt = kernel.Clock.UtcNow, RecordedBy = scope.UserName,
        });
        return await Done(http, action, centerId, $"{rule.Title}（{rule.Article}）第 {rec.Version} 版：{(answer == "pass" ? "符合" : "不符合")}；{reason.Trim()}",
            $"已认定“{rule.Title}”：{(answer == "pass" ? "符合" : "不符合")}。", ct);
    }

    /// <summary>Pure: the majority a major matter needs, judged by the pack's body_majority rule on all members; null when it has none.</summary>
    public static Reason? Majority(PolicyPack pack, string body, int votesFor, int membersTotal)
    {
        var rule = pack.InArea(GovernanceRules.Area).OfType<BodyMajorityRule>().FirstOrDefault(r => r.Body == body);
        if (rule is null || membersTotal == 0) return null;
        var facts = Facts.From(new Dictionary<string, object?> { [$"bodies.{body}.major_decision_approval"] = ((decimal)votesFor / membersTotal).ToString(CultureInfo.InvariantCulture) });
        return pack.Evaluate(facts, null, [rule.Id]).Reasons.FirstOrDefault();
    }

    /// <summary>会议: the lead unit records a meeting with attendance and the matters decided; a major matter short of the pack's majority is refused.</summary>
    public async Task<WorkflowResult> RecordMeetingAsync(HttpContext http, int centerId, string body, DateOnly? heldOn, string? attendees, string? minutes,
        IReadOnlyList<MatterInput> matters, CancellationToken ct)
    {
        const string action = "登记治理机构会议";
        var scope = UserScope.From(http.User);
        var l = await LoadAsync(scope, centerId, ct);
        if (l is null) return await Refuse(http, action, centerId, Refusal.NotFound("技术创新中心不存在或不在您的管理范围内。"), ct);
        if (!IsLeadStaff(scope, l.Center)) return await Refuse(http, action, centerId, Refusal.Forbidden("会议由中心的牵头（依托）单位登记。"), ct);
        var rec = l.Bodies.FirstOrDefault(b => b.Body == body && body != GovernanceBody.Director);
        if (rec is null || rec.Members.Count == 0) return await Refuse(http, action, centerId, Refusal.Conflict("请先登记该机构的组成，再登记会议。"), ct);
        var name = l.Pack.Env.Vocabulary.Bodies.GetValueOrDefault(body, body);
        if (heldOn is not { } day || day > kernel.Clock.Today || day < l.Center.ApprovedOn.AddYears(-1))
            return await Refuse(http, action, centerId, Refusal.Invalid("请填写会议日期（不能晚于今天）。"), ct);
        var names = (attendees ?? "").Split(['、', ',', '，', ';', '；', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (names.Count == 0) return await Refuse(http, action, centerId, Refusal.Invalid("请填写出席人员。"), ct);
        if (names.Count > rec.Members.Count) return await Refuse(http, action, centerId, Refusal.Invalid($"出席人数（{names.Count}）不能多于{name}成员总数（{rec.Members.Count}）。"), ct);
        if (minutes is { Length: > 4000 } || (attendees?.Length ?? 0) > 2000) return await Refuse(http, action, centerId, Refusal.Invalid("出席人员不超过 2000 字，纪要不超过 4000 字。"), ct);
        var rows = new List<MeetingMatter>();
        foreach (var (m, i) in matters.Where(m => !string.IsNullOrWhiteSpace(m.Title)).Select((m, i) => (m, i)))
        {
            if (m.Title!.Trim().Length > 200) return await Refuse(http, action, centerId, Refusal.Invalid($"第 {i + 1} 项事项名称不能超过 200 字。"), ct);
            if (m.VotesFor < 0 || m.VotesAgainst < 0 || m.VotesAbstain < 0 || m.VotesFor + m.VotesAgainst + m.VotesAbstain > names.Count)
                return await Refuse(http, action, centerId, Refusal.Invalid($"“{m.Title.Trim()}”的表决票数应为非负数，合计不能超过出席人数（{names.Count}）。"), ct);
            var passed = m.VotesFor * 2 > names.Count;
            if (m.Major && Majority(l.Pack, body, m.VotesFor, rec.Members.Count) is { } maj)
            {
                if (maj.Outcome != Outcome.Pass)
                    return await Refuse(http, action, centerId, Refusal.Invalid(
                        $"重大事项“{m.Title.Trim()}”同意 {m.VotesFor} 票、全体成员 {rec.Members.Count} 人，{maj.Message}，不能作为通过的决议登记（{maj.Article}）。", maj.Article), ct);
                passed = true;
            }
            rows.Add(new MeetingMatter { Title = m.Title.Trim(), Major = m.Major, VotesFor = m.VotesFor, VotesAgainst = m.VotesAgainst, VotesAbstain = m.VotesAbstain, Passed = passed, Position = i });
        }
        db.BodyMeetings.Add(new BodyMeeting
        {
            CenterId = centerId, Body = body, HeldOn = day, BodyVersion = rec.Version, MembersTotal = rec.Members.Count, Attended = names.Count,
            Attendees = string.Join("、", names), Minutes = string.IsNullOrWhiteSpace(minutes) ? null : minutes.Trim(), RecordedAt = kernel.Clock.UtcNow, RecordedBy = scope.UserName,
            Matters = rows,
        });
        return await Done(http, action, centerId, $"{name} {day:yyyy-MM-dd} 会议，出席 {names.Count}/{rec.Members.Count}，事项 {rows.Count} 项",
            $"已登记{name} {day:yyyy-MM-dd} 会议。", ct);
    }

    /// <summary>
    /// The facts the service ledger (服务台账) gives a year: how many services were recorded and whether a ledger was kept.
    /// The platform counts them from the ledger's rows; nobody types them.
    /// </summary>
    public static class LedgerFacts
    {
        public const string Services = "operation.sme_services";
        public const string Kept = "operation.service_ledger";
        public static bool Read(PolicyPack pack) => OperationFacts(pack).Any(f => f.Path is Services or Kept);
    }

    private static IEnumerable<FactDefinition> OperationFacts(PolicyPack pack) =>
        pack.InArea("operation").Where(r => r.Evaluable).SelectMany(r => r.FactsRead).Distinct()
            .Select(f => pack.Env.Vocabulary.Fact(f)).OfType<FactDefinition>()
            .SelectMany(f => f.Derive is { } d ? d.Inputs.Select(i => pack.Env.Vocabulary.Fact(i)).OfType<FactDefinition>() : [f])
            .Where(f => f.Path.StartsWith("operation.", StringComparison.Ordinal)).DistinctBy(f => f.Path);

    /// <summary>The facts the pack's operation rules read that a center declares (not the meeting counts or the ledger's, which the record gives).</summary>
    public static IReadOnlyList<FactDefinition> DeclaredFacts(PolicyPack pack) =>
        OperationFacts(pack).Where(f => f.Path is not (LedgerFacts.Services or LedgerFacts.Kept)).ToList();

    /// <summary>A year's operation facts: the declaration, each body's meetings that year (bodies.*.meetings_last_year) and the ledger's services that year.</summary>
    public static Facts YearFacts(PolicyPack pack, IReadOnlyDictionary<string, string> declared, IEnumerable<BodyMeeting> meetingsThatYear, int servicesThatYear)
    {
        var v = new Dictionary<string, object?>();
        foreach (var (k, x) in declared) v[k] = x;
        foreach (var b in pack.Env.Vocabulary.Bodies.Keys) v[$"bodies.{b}.meetings_last_year"] = meetingsThatYear.Count(m => m.Body == b);
        v[LedgerFacts.Services] = servicesThatYear;
        v[LedgerFacts.Kept] = servicesThatYear > 0;
        return Facts.From(v);
    }

    /// <summary>Pure: a ledger row read and checked (a date from the center's approval to today; who, what and with what effect, each within its length).</summary>
    public static Refusal? CheckService(DateOnly? servedOn, string? client, string? content, string? outcome, DateOnly approvedOn, DateOnly today)
    {
        if (servedOn is not { } d) return Refusal.Invalid("请填写服务日期（格式 yyyy-MM-dd）。");
        if (d < approvedOn) return Refusal.Invalid($"服务日期不能早于中心批准日期（{approvedOn:yyyy-MM-dd}）。");
        if (d > today) return Refusal.Invalid($"服务日期不能晚于今天（{today:yyyy-MM-dd}）。");
        foreach (var (value, label, max) in new[] { (client, "服务对象", 200), (content, "服务内容", 1000), (outcome, "服务成效", 1000) })
        {
            if (string.IsNullOrWhiteSpace(value)) return Refusal.Invalid($"请填写{label}。");
            if (value.Trim().Length > max) return Refusal.Invalid($"{label}不能超过 {max} 字。");
        }
        return null;
    }

    /// <summary>服务台账: the lead unit records one service to a small or medium enterprise (服务对象、内容、成效).</summary>
    public async Task<WorkflowResult> RecordServiceAsync(HttpContext http, int centerId, DateOnly? servedOn, string? client, string? content, string? outcome, CancellationToken ct)
    {
        const string action = "登记服务台账";
        var scope = UserScope.From(http.User);
        var l = await LoadAsync(scope, centerId, ct);
        if (l is null) return await Refuse(http, action, centerId, Refusal.NotFound("技术创新中心不存在或不在您的管理范围内。"), ct);
        if (!IsLeadStaff(scope, l.Center)) return await Refuse(http, action, centerId, Refusal.Forbidden("服务台账由中心的牵头（依托）单位登记，您只能查看。"), ct);
        if (l.Center.Status == CenterStatus.Revoked) return await Refuse(http, action, centerId, Refusal.Conflict("中心已撤销认定，不能再登记服务台账。"), ct);
        if (CheckService(servedOn, client, content, outcome, l.Center.ApprovedOn, kernel.Clock.Today) is { } refusal)
            return await Refuse(http, action, centerId, refusal, ct);
        var row = new ServiceLedgerEntry
        {
            CenterId = centerId, ServedOn = servedOn!.Value, Client = client!.Trim(), Content = content!.Trim(), Outcome = outcome!.Trim(),
            RecordedAt = kernel.Clock.UtcNow, RecordedBy = scope.UserName,
        };
        db.ServiceLedger.Add(row);
        return await Done(http, action, centerId, $"{row.ServedOn:yyyy-MM-dd} {row.Client}：{row.Content}", $"已登记 {row.ServedOn:yyyy-MM-dd} 对“{row.Client}”的服务。", ct);
    }

    /// <summary>The year judged against the pack's operation rules and the governance rules on meetings per year, with articles.</summary>
    public static Verdict EvaluateYear(PolicyPack pack, Facts facts) =>
        pack.Evaluate(facts, null, pack.Rules.Where(r => r.Evaluable && (r.Area == "operation" || r is BodyMeetingsRule)).Select(r => r.Id).DefaultIfEmpty("—").ToList());

    /// <summary>年度运行情况: the lead unit declares a year's figures (each read against its definition).</summary>
    public async Task<WorkflowResult> DeclareYearAsync(HttpContext http, int centerId, int year, IReadOnlyDictionary<string, string?> typed, CancellationToken ct)
    {
        const string action = "申报年度运行情况";
        var scope = UserScope.From(http.User);
        var l = await LoadAsync(scope, centerId, ct);
        if (l is null) return await Refuse(http, action, centerId, Refusal.NotFound("技术创新中心不存在或不在您的管理范围内。"), ct);
        if (!IsLeadStaff(scope, l.Center)) return await Refuse(http, action, centerId, Refusal.Forbidden("年度运行情况由中心的牵头（依托）单位申报。"), ct);
        if (year < l.Center.ApprovedOn.Year || year > kernel.Clock.Today.Year)
            return await Refuse(http, action, centerId, Refusal.Invalid($"年度应在 {l.Center.ApprovedOn.Year} 至 {kernel.Clock.Today.Year} 之间。"), ct);
        var (values, errors) = AnnualReports.AnnualReportRules.Read(DeclaredFacts(l.Pack), typed);
        if (errors.Count > 0) return await Refuse(http, action, centerId, Refusal.Invalid(string.Join("；", errors)), ct);
        var rec = await db.YearlyDeclarations.FirstOrDefaultAsync(d => d.CenterId == centerId && d.Year == year, ct);
        if (rec is null) db.YearlyDeclarations.Add(rec = new YearlyDeclaration { CenterId = centerId, Year = year, FactsJson = "{}" });
        rec.FactsJson = ApplicationFacts.ToJson(values);
        rec.DeclaredAt = kernel.Clock.UtcNow;
        rec.DeclaredBy = scope.UserName;
        return await Done(http, action, centerId, $"{year} 年度：{rec.FactsJson}", $"已申报 {year} 年度运行情况。", ct);
    }
}
