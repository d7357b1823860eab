using System.Globalization;
using TechCenters.Policy;
using TechCenters.Web.Features.Centers;
using TechCenters.Web.Features.Documents;

namespace TechCenters.Web.Features.Approvals;

/// <summary>批准通知: the approval of a center as an official document, saying what its pack says.</summary>
public static class ApprovalNotice
{
    public static OfficialDocument For(Center c, PolicyPack pack, string bureauName)
    {
        var approval = pack.Rules.FirstOrDefault(r => r.Topic == "approval" && r.Article is not null);
        var verb = approval?.Title is { Length: > 0 and <= 6 } t ? t : "认定";
        var body = new List<string>
        {
            $"根据{Shared.Readable.Document(pack.Title, pack.Document)}{approval?.Article ?? ""}的规定，经申报推荐、专家评审{(pack.Stages?.FirstOf("decision") is not null ? "、会议研究" : "")}{(pack.Stages?.FirstOf("public_notice") is not null ? "和公示" : "")}，" +
            $"{c.Name}符合条件，现予{verb}。",
            $"{c.Name}由{c.LeadUnitName}牵头建设" + (c.CoBuilders.Count > 0 ? $"，共建单位为{string.Join("、", c.CoBuilderNames)}。" : "。"),
        };
        // Only what the pack says: its construction period (computed by the library) and the duties its text sets.
        var terms = ApprovalTerms.For(pack, c.ApprovedOn);
        if (terms.ConstructionRule is { } cycle && terms.ConstructionEnds is { } end)
            body.Add($"建设期为{cycle.Required}（{cycle.Article}），自批准次日起算，至{OfficialDate.Format(end)}届满。");
        if (c.SubsidyYuan is { } s)
            body.Add($"给予认定补助{s.ToString("#,0.##", CultureInfo.InvariantCulture)}元。");
        if (terms.Duties.Count > 0)
            body.Add($"请你单位按照建设方案建设运行，{string.Join("，", terms.Duties)}。");
        body.Add("特此通知。");
        var addressees = c.CoBuilders.Count > 0 ? $"{c.LeadUnitName}，{string.Join("、", c.CoBuilderNames)}：" : $"{c.LeadUnitName}：";
        return new OfficialDocument(bureauName, c.ApprovalNumber, $"{bureauName}关于{verb}{c.Name}的通知", addressees, body, bureauName, OfficialDate.Format(c.ApprovedOn));
    }

}
