using TechCenters.Policy;
using TechCenters.Policy.Rules;
using TechCenters.Web.Features.Shared;

namespace TechCenters.Web.Features.Applications;

/// <summary>
/// What stands between a draft and its submission. Errors block it, each at its field: the center's name (required, and
/// the pack's naming pattern), every section of the plan's outline, the plan's length, and the attachments the pack's
/// application form lists. Eligibility conditions that fail or cannot be judged do not block: they are listed, and the
/// applicant submits only after confirming them (the department then reads them first). Pure.
/// </summary>
public static class SubmissionCheck
{
    /// <summary>The field the plan's length error is shown at (above the plan's sections).</summary>
    public const string PlanField = "plan";
    public const string AttachmentPrefix = "attachment:";

    /// <summary>Facts the form itself produces: a failing rule on them is the form's error, not an eligibility doubt.</summary>
    private static readonly string[] FormFacts = ["application.center_name", ApplicationRules.PlanSectionsFact, "application.plan_chars"];

    public sealed record Result(IReadOnlyDictionary<string, string> FieldErrors, IReadOnlyList<Reason> Doubts)
    {
        public bool Blocked => FieldErrors.Count > 0;
        public string Message => string.Join("\n", FieldErrors.Values.Distinct());
    }

    public static Result Check(PolicyPack pack, Application submitted, Verdict verdict, IEnumerable<string> attachmentKinds)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(submitted.CenterName)) errors["CenterName"] = "请填写拟定中心名称。";
        var plan = ApplicationFacts.Parse(submitted.PlanJson);
        foreach (var section in ApplicationForm.PlanSections(pack).Where(s => string.IsNullOrWhiteSpace(plan.GetValueOrDefault(s))))
            errors[ApplicationInput.PlanPrefix + section] = $"请填写建设方案的“{section}”部分。";
        var formRules = pack.Rules.Where(r => r.FactsRead.Any(FormFacts.Contains)).ToDictionary(r => r.Id);
        foreach (var r in verdict.Reasons.Where(r => r.Outcome == Outcome.Fail && formRules.ContainsKey(r.RuleId)))
        {
            var rule = formRules[r.RuleId];
            var field = rule.FactsRead.Contains("application.center_name") ? "CenterName" : PlanField;
            if (field == PlanField && errors.Keys.Any(k => k.StartsWith(ApplicationInput.PlanPrefix, StringComparison.Ordinal))
                && rule.FactsRead.Contains(ApplicationRules.PlanSectionsFact)) continue; // the empty sections already say it
            var message = Readable.Text(r.Message);
            errors.TryAdd(field, message.Contains(r.Article, StringComparison.Ordinal) ? message : $"{message}（{r.Article}）");
        }
        var kinds = attachmentKinds.ToHashSet();
        if (ApplicationRules.Form(pack) is { } form)
            foreach (var a in form.Attachments.Where(a => !kinds.Contains(a.Label)))
                errors[AttachmentPrefix + a.Label] = $"请上传“{a.Label}”（{a.Article}）。";
        var doubts = verdict.Reasons.Where(r => r.Outcome != Outcome.Pass && !formRules.ContainsKey(r.RuleId))
            .OrderBy(r => r.Outcome == Outcome.Fail ? 0 : 1).ToList();
        return new(errors, doubts);
    }

    /// <summary>The attachment kinds the pack's form asks for (the upload offers these first).</summary>
    public static IReadOnlyList<(string Label, string? Article)> RequiredAttachments(PolicyPack pack) =>
        ApplicationRules.Form(pack) is { } form ? form.Attachments.Select(a => (a.Label, (string?)a.Article)).ToList() : [];
}
