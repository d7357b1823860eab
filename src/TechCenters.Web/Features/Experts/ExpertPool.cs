using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TechCenters.Web.Features.Units
{
    /// <summary>专家库 membership and the data that decides whether an expert may be drawn (Features/Experts).</summary>
    public sealed partial class Expert
    {
        /// <summary>学科代码 (GB/T 13745, e.g. 210.40), one or several separated by “、” or “,”.</summary>
        public string? FieldCode { get; set; }
        /// <summary>在库: false once the bureau takes the expert out of its pool (kept for the panel history).</summary>
        public bool InPool { get; set; } = true;
        /// <summary>可参评: false while the expert cannot serve (abroad, ill, asked for a pause).</summary>
        public bool Available { get; set; } = true;
        /// <summary>暂停参评至 (inclusive); null: until the bureau says otherwise.</summary>
        public DateOnly? UnavailableUntil { get; set; }
        public string? AvailabilityNote { get; set; }
        /// <summary>在效的科研诚信（失信）记录 and until when it is in effect (inclusive).</summary>
        public string? IntegrityFinding { get; set; }
        public DateOnly? IntegrityFindingUntil { get; set; }

        public bool AvailableOn(DateOnly day) => InPool && (Available || (UnavailableUntil is { } until && until < day));
    }

    public sealed partial class ExpertRelation
    {
        /// <summary>关系类别 (<see cref="Experts.RelationKinds"/>): the kind decides how long it makes a conflict.</summary>
        public string Kind { get; set; } = Experts.RelationKinds.Other;
        /// <summary>For a former employer: the year the expert left it.</summary>
        public int? EndedYear { get; set; }
        public DateTimeOffset? DeclaredAt { get; set; }
        /// <summary>Who recorded it (the expert in their own account, or the bureau).</summary>
        public string? DeclaredBy { get; set; }
    }
}

namespace TechCenters.Web.Features.Experts
{
    using TechCenters.Web.Features.Units;

    /// <summary>Kinds of a declared relation to a unit (回避事由).</summary>
    public static class RelationKinds
    {
        public const string FormerEmployer = "former_employer";
        public const string Advisor = "advisor";
        public const string CoAuthor = "co_author";
        public const string PartTime = "part_time";
        public const string Other = "other";

        public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
        {
            [FormerEmployer] = "曾任职（前工作单位）",
            [Advisor] = "担任顾问",
            [CoAuthor] = "合作研究、共同署名",
            [PartTime] = "兼职",
            [Other] = "其他利害关系",
        };

        public static string Name(string kind) => Names.TryGetValue(kind, out var n) ? n : kind;
    }

    /// <summary>EF mapping of the pool columns of <see cref="Expert"/> (the rest is in Units/Entities.cs).</summary>
    public sealed class ExpertPoolMap : IEntityTypeConfiguration<Expert>
    {
        public void Configure(EntityTypeBuilder<Expert> e)
        {
            e.Property(x => x.FieldCode).HasMaxLength(100).HasComment("学科代码（GB/T 13745）");
            e.Property(x => x.InPool).HasDefaultValue(true).HasComment("在库（出库后保留评审历史）");
            e.Property(x => x.Available).HasDefaultValue(true).HasComment("可参评");
            e.Property(x => x.UnavailableUntil).HasComment("暂停参评至（含当日）");
            e.Property(x => x.AvailabilityNote).HasMaxLength(200).HasComment("暂停参评原因");
            e.Property(x => x.IntegrityFinding).HasMaxLength(500).HasComment("科研诚信（失信）记录");
            e.Property(x => x.IntegrityFindingUntil).HasComment("科研诚信记录有效期至（含当日）");
            e.HasIndex(x => new { x.JurisdictionId, x.Kind, x.Field });
            e.HasIndex(x => new { x.JurisdictionId, x.InPool, x.Kind, x.Name }); // the pool list's default order pages by it
        }
    }

    /// <summary>EF mapping of the declaration columns of <see cref="ExpertRelation"/>.</summary>
    public sealed class ExpertRelationDeclarationMap : IEntityTypeConfiguration<ExpertRelation>
    {
        public void Configure(EntityTypeBuilder<ExpertRelation> e)
        {
            e.Property(x => x.Kind).HasMaxLength(20).HasDefaultValue(RelationKinds.Other)
                .HasComment("关系类别（former_employer 前工作单位，advisor 顾问，co_author 合作署名，part_time 兼职，other 其他）");
            e.Property(x => x.EndedYear).HasComment("离开前工作单位的年份");
            e.Property(x => x.DeclaredAt).HasComment("申报时间");
            e.Property(x => x.DeclaredBy).HasMaxLength(256).HasComment("申报人");
            e.HasIndex(x => x.ExpertId);
        }
    }

    /// <summary>
    /// 专家抽取记录: one random draw of a panel within a field — the seed, every candidate in the order the seed gave,
    /// every expert left out with the reason, the panel drawn or the rule it could not meet — so it can be repeated.
    /// </summary>
    public sealed class PanelDraw
    {
        public int Id { get; set; }
        public required string JurisdictionId { get; set; }
        /// <summary>The cases (applications) the panel is for, "12,15".</summary>
        public required string CaseIds { get; set; }
        public string? Field { get; set; }
        public int Size { get; set; }
        /// <summary>32 hex digits from a cryptographic random source.</summary>
        public required string Seed { get; set; }
        public required string CandidatesJson { get; set; }
        public required string ExclusionsJson { get; set; }
        /// <summary>The experts drawn, in order, "3,9,4".</summary>
        public required string SelectedIds { get; set; }
        /// <summary>Which rule of the pack (or the requested size) the candidates could not meet.</summary>
        public string? Shortfall { get; set; }
        public DateTimeOffset DrawnAt { get; set; }
        public string? DrawnBy { get; set; }
        /// <summary>The panel formed from this draw, once it is; for a replacement draw (补抽), the panel it fills.</summary>
        public int? PanelId { get; set; }
        /// <summary>
        /// A replacement draw (补抽) only: the members who stayed on the panel (JSON, as candidates), whom the pack's rules
        /// count together with the drawn. Null for a first draw.
        /// </summary>
        public string? KeptJson { get; set; }
        /// <summary>
        /// An evaluation's assessors (指派评估专家): the campaign whose evaluation cases <see cref="CaseIds"/> are; the drawn are
        /// assigned to them directly (no review panel is formed) and the review panel's composition does not apply.
        /// </summary>
        public int? CampaignId { get; set; }
        public bool IsReplacement => KeptJson is not null;

        public IReadOnlyList<int> Cases => Ids(CaseIds);
        public IReadOnlyList<int> Selected => Ids(SelectedIds);
        public static IReadOnlyList<int> Ids(string s) => s.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
    }

    public sealed class PanelDrawMap : IEntityTypeConfiguration<PanelDraw>
    {
        public void Configure(EntityTypeBuilder<PanelDraw> e)
        {
            e.ToTable("PanelDraws", t => t.HasComment("专家抽取记录（随机种子、候选、排除及理由、抽取结果，可复核）"));
            e.Property(x => x.JurisdictionId).HasMaxLength(64).HasComment("管理辖区");
            e.Property(x => x.CaseIds).HasMaxLength(500).HasComment("评审的事项（申报）");
            e.Property(x => x.Field).HasMaxLength(100).HasComment("抽取的专业领域（技术专家）");
            e.Property(x => x.Size).HasComment("拟抽取人数");
            e.Property(x => x.Seed).HasMaxLength(64).HasComment("随机种子");
            e.Property(x => x.CandidatesJson).HasComment("候选专家（按种子排定的顺序，JSON）");
            e.Property(x => x.ExclusionsJson).HasComment("排除的专家及理由（JSON）");
            e.Property(x => x.SelectedIds).HasMaxLength(500).HasComment("抽中的专家");
            e.Property(x => x.Shortfall).HasMaxLength(2000).HasComment("未能满足的规定");
            e.Property(x => x.DrawnAt).HasComment("抽取时间");
            e.Property(x => x.DrawnBy).HasMaxLength(256).HasComment("抽取人");
            e.Property(x => x.PanelId).HasComment("据此组建的专家组（补抽时为所补的专家组）");
            e.Property(x => x.KeptJson).HasComment("补抽时专家组中保留的成员（JSON；首次抽取为空）");
            e.Property(x => x.CampaignId).HasComment("绩效评估工作（指派评估专家的抽取；为空表示申报评审专家组的抽取）");
            e.HasOne<Evaluations.EvaluationCampaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Restrict);
            e.Ignore(x => x.IsReplacement);
            e.HasOne<Jurisdiction>().WithMany().HasForeignKey(x => x.JurisdictionId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ExpertReviews.ExpertPanel>().WithMany().HasForeignKey(x => x.PanelId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(x => new { x.JurisdictionId, x.Id });
        }
    }
}
