using Shouldly;
using TechCenters.Policy;
using TechCenters.Web.Features.ExpertReviews;
using TechCenters.Web.Features.Experts;
using TechCenters.Web.Features.Notifications;
using TechCenters.Web.Features.Units;
using Xunit;
using static TechCenters.Web.Features.Units.ExpertiseKind;

namespace TechCenters.Web.Tests.Experts;

/// <summary>The pure decisions of the expert pool and the reminders: recusal as data, the seeded draw, due/overdue — on the real packs.</summary>
public sealed class ExpertPoolRuleTests
{
    private static readonly Lazy<PolicyCatalog> Catalog = new(() => PolicyCatalog.Load(PolicyCatalog.FindPoliciesRoot()));
    private static PolicyPack Pack(string j) => Catalog.Value.Versions(j).Last();
    private static readonly DateOnly Today = new(2026, 3, 2);

    private static Expert E(int id, ExpertiseKind kind, string field = "新材料", int? unit = null) => new()
    {
        Id = id, Name = $"专家{id}", JurisdictionId = "x", Field = field, Kind = kind, Employer = "某大学", UnitId = unit,
    };

    private static readonly Recusal.Party[] Parties = [new(10, "甲公司", "牵头单位"), new(11, "乙大学", "共建单位")];
    private static readonly PanelDrawing.CaseParties[] Case = [new("测试中心", Parties)];
    private static Recusal.Terms Terms(int? years = null) => new(Today, years, years is null ? null : "第X条", "测试办法");

    private static List<Expert> Pool(int technical, int management, int finance) =>
    [
        .. Enumerable.Range(1, technical).Select(i => E(i, Technical)),
        .. Enumerable.Range(100, management).Select(i => E(i, Management, "科技管理")),
        .. Enumerable.Range(200, finance).Select(i => E(i, Finance, "财务审计")),
    ];

    [Fact]
    public void A_draw_with_enough_experts_meets_the_packs_size_and_composition()
    {
        var pack = Pack("chongqing-wanzhou"); // 第九条第3项: 原则上不少于5人, 技术、管理、财务
        var r = PanelDrawing.Draw("seed-1", Pool(6, 2, 2), Case, pack, Terms(), "新材料", 5);
        r.Shortfall.ShouldBeNull();
        r.Selected.Count.ShouldBe(5);
        var kinds = r.Selected.Select(id => r.Candidates.First(c => c.Id == id).Kind).ToList();
        kinds.ShouldContain(Technical);
        kinds.ShouldContain(Management);
        kinds.ShouldContain(Finance);
        PanelCheck.Refusal(pack, Pool(6, 2, 2).Where(e => r.Selected.Contains(e.Id)).ToList()).ShouldBeNull();
    }

    [Fact]
    public void A_draw_without_enough_experts_names_the_rule_it_could_not_meet()
    {
        var pack = Pack("chongqing-wanzhou");
        var noFinance = PanelDrawing.Draw("seed-1", Pool(6, 2, 0), Case, pack, Terms(), null, 5);
        noFinance.Shortfall.ShouldNotBeNull().ShouldContain("候选专家中没有财务专家");
        noFinance.Shortfall.ShouldContain("专家组构成");
        noFinance.Shortfall.ShouldContain("第九条第3项");

        var tooFew = PanelDrawing.Draw("seed-1", Pool(1, 1, 1), Case, pack, Terms(), null, 5);
        tooFew.Selected.Count.ShouldBe(3);
        tooFew.Shortfall.ShouldNotBeNull().ShouldContain("符合条件的候选专家共3人，少于拟抽取的5人");
        // 原则上不少于5人: the rule itself is named, with the way out the text allows (a recorded reason).
        tooFew.Shortfall.ShouldContain("专家组人数");

        // On the bound: exactly five of the three kinds is no shortfall; four is.
        PanelDrawing.Draw("s", Pool(3, 1, 1), Case, pack, Terms(), null, 5).Shortfall.ShouldBeNull();
        PanelDrawing.Draw("s", Pool(2, 1, 1), Case, pack, Terms(), null, 5).Shortfall.ShouldNotBeNull();
    }

    [Fact]
    public void Conflicts_and_unavailable_experts_are_excluded_each_with_its_reason()
    {
        var own = E(1, Technical, unit: 10);
        var advisor = E(2, Technical);
        advisor.Relations.Add(new ExpertRelation { UnitId = 11, Kind = RelationKinds.Advisor, Relation = "技术顾问" });
        var formerNoYears = E(3, Technical);
        formerNoYears.Relations.Add(new ExpertRelation { UnitId = 10, Kind = RelationKinds.FormerEmployer, Relation = "曾任职", EndedYear = 2015 });
        var integrity = E(4, Technical);
        integrity.IntegrityFinding = "科研诚信案件处理决定";
        integrity.IntegrityFindingUntil = Today;
        var paused = E(5, Management, "科技管理");
        paused.Available = false;
        paused.AvailabilityNote = "出国访学";
        var outOfPool = E(6, Finance, "财务审计");
        outOfPool.InPool = false;
        var otherField = E(7, Technical, "生物医药");
        var free = E(8, Technical);

        var r = PanelDrawing.Draw("seed", [own, advisor, formerNoYears, integrity, paused, outOfPool, otherField, free], Case, Pack("xpcc-12th-division"), Terms(), "新材料", 1);
        var why = r.Exclusions.ToDictionary(x => x.Id, x => x.Reason);
        why[1].ShouldBe("专家1的工作单位是牵头单位“甲公司”，须回避");
        why[2].ShouldBe("专家2已申报与共建单位“乙大学”存在关联关系（担任顾问：技术顾问），须回避");
        why[3].ShouldContain("测试办法未规定离开前工作单位后的回避年限，需人工判断，平台按须回避处理");
        why[4].ShouldContain("存在在效的科研诚信记录");
        why[5].ShouldBe("暂停参评（出国访学）");
        why[6].ShouldBe("已出库");
        why[7].ShouldBe("专业领域“生物医药”不属于抽取领域“新材料”");
        r.Candidates.Select(c => c.Id).ShouldBe([8]);
        r.Selected.ShouldBe([8]);
    }

    [Fact]
    public void A_former_employer_counts_within_the_packs_years_on_both_sides_of_the_bound_and_an_integrity_finding_until_its_last_day()
    {
        Expert Left(int year)
        {
            var e = E(1, Technical);
            e.Relations.Add(new ExpertRelation { UnitId = 10, Kind = RelationKinds.FormerEmployer, Relation = "曾任职", EndedYear = year });
            return e;
        }
        // Three years: left in 2024 (2 years ago) → recused; left in 2023 (3 years) → free.
        Recusal.Conflict(Left(2024), Parties, Terms(3)).ShouldBe("专家1已申报与牵头单位“甲公司”存在关联关系（曾任职（前工作单位）：曾任职，2024年离开，未满3年），须回避（第X条）");
        Recusal.Conflict(Left(2023), Parties, Terms(3)).ShouldBeNull();
        var e = E(2, Technical);
        e.IntegrityFinding = "失信记录";
        e.IntegrityFindingUntil = Today;
        Recusal.Conflict(e, Parties, Terms()).ShouldNotBeNull();
        e.IntegrityFindingUntil = Today.AddDays(-1);
        Recusal.Conflict(e, Parties, Terms()).ShouldBeNull();
        // Paused until yesterday is available today; until today is not.
        var p = E(3, Technical);
        p.Available = false;
        p.UnavailableUntil = Today;
        p.AvailableOn(Today).ShouldBeFalse();
        p.UnavailableUntil = Today.AddDays(-1);
        p.AvailableOn(Today).ShouldBeTrue();
    }

    [Fact]
    public void The_same_seed_gives_the_same_panel_and_repeating_a_recorded_draw_agrees()
    {
        var pack = Pack("chongqing-wanzhou");
        var pool = Pool(10, 4, 4);
        var a = PanelDrawing.Draw("0123456789abcdef0123456789abcdef", pool, Case, pack, Terms(), null, 5);
        var b = PanelDrawing.Draw("0123456789abcdef0123456789abcdef", Enumerable.Reverse(pool).ToList(), Case, pack, Terms(), null, 5);
        b.Selected.ShouldBe(a.Selected);
        b.Candidates.ShouldBe(a.Candidates);
        // Another seed orders the candidates differently (the draw is random, not the pool's order).
        var seeds = Enumerable.Range(0, 8).Select(i => PanelDrawing.Draw($"seed-{i}", pool, Case, pack, Terms(), null, 5).Selected).ToList();
        seeds.Select(s => string.Join(",", s)).Distinct().Count().ShouldBeGreaterThan(1);

        var record = new PanelDraw
        {
            JurisdictionId = "x", CaseIds = "1", Seed = "0123456789abcdef0123456789abcdef", Size = 5,
            CandidatesJson = System.Text.Json.JsonSerializer.Serialize(a.Candidates, DrawPanel.Json), ExclusionsJson = "[]",
            SelectedIds = string.Join(",", a.Selected), Shortfall = a.Shortfall,
        };
        var repeat = DrawPanel.Repeat(record, pack);
        repeat.OrderMatches.ShouldBeTrue();
        repeat.Selected.ShouldBe(a.Selected);
        // A record whose order was not the seed's is caught.
        var forged = record.CandidatesJson.Replace(a.Candidates[0].Order, new string('0', 64));
        DrawPanel.Repeat(new PanelDraw { JurisdictionId = "x", CaseIds = "1", Seed = record.Seed, Size = 5, CandidatesJson = forged, ExclusionsJson = "[]", SelectedIds = record.SelectedIds }, pack)
            .OrderMatches.ShouldBeFalse();
    }

    [Fact]
    public void Reminders_fall_due_within_the_accounts_days_and_overdue_the_day_after_the_due_date()
    {
        Reminders.For(1, "s", null, Today, 3).ShouldBeNull();
        Reminders.For(1, "s", Today.AddDays(4), Today, 3).ShouldBeNull();
        Reminders.For(1, "s", Today.AddDays(3), Today, 3).ShouldNotBeNull().Kind.ShouldBe(NotificationKinds.DueSoon);
        Reminders.For(1, "s", Today, Today, 3).ShouldNotBeNull().Kind.ShouldBe(NotificationKinds.DueSoon);
        var overdue = Reminders.For(1, "s", Today.AddDays(-1), Today, 3).ShouldNotBeNull();
        overdue.Kind.ShouldBe(NotificationKinds.Overdue);
        overdue.DedupKey.ShouldBe("overdue:1:s:20260301");
        Reminders.Title(overdue, "申报书", "测试中心", Today).ShouldBe("已逾期：申报书“测试中心”（办理期限2026-03-01，已逾期1天）");
    }

    [Fact]
    public void Email_goes_only_to_accounts_that_chose_it_with_an_address_and_only_when_smtp_is_configured()
    {
        var n = new[] { new Notification { UserId = "a", Kind = "assigned", Title = "t" }, new Notification { UserId = "b", Kind = "assigned", Title = "t" },
                        new Notification { UserId = "c", Kind = "assigned", Title = "t" } };
        var settings = new Dictionary<string, NotificationSetting>
        {
            ["a"] = new() { UserId = "a", ByEmail = true, Email = "a@example.cn" },
            ["b"] = new() { UserId = "b", ByEmail = false, Email = "b@example.cn" },
            ["c"] = new() { UserId = "c", ByEmail = true, Email = null },
        };
        NotificationMail.Recipients(n, settings, configured: true).Select(x => x.To).ShouldBe(["a@example.cn"]);
        NotificationMail.Recipients(n, settings, configured: false).ShouldBeEmpty();
    }
}
