using TechCenters.Policy.Rules;
using TechCenters.Web.Data;

namespace TechCenters.Web.Features.ExpertReviews;

/// <summary>评审: an expert of an application's panel reviews it in the expert review step; their part is in with their review.</summary>
public sealed class Reviewing : IExpertWork
{
    public static readonly Reviewing Instance = new();
    public string Name => "评审";
    public string Ask => "请提交评分和书面意见";
    public string Given => "您已提交评审意见，不能再申请回避；如有利害关系，请联系科技局处理。";
    public string Regroup => "请核对专家组是否仍符合规定，必要时重新抽取。";
    public string BureauUrl(Case c) => $"/ExpertReviews/Application?id={c.Id}";
    public IQueryable<int> GivenBy(AppDbContext db, int expertId) => db.ExpertReviews.Where(r => r.ExpertId == expertId).Select(r => r.ApplicationId);
    public Refusal? Withdrawable(CaseContext ctx) => ctx.InStep("申请回避", StageSteps.ExpertReview);
}
