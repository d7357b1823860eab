using TechCenters.Policy;

namespace TechCenters.Bench;

/// <summary>
/// The same eligibility and governance rules as the packs, written directly in C# — the baseline the pack-driven
/// evaluation is measured against. It produces the same reasons (ids, outcomes, messages) so the work compared is the same;
/// Program verifies that before benchmarking.
/// </summary>
public static class HandWritten
{
    private static Reason Flag(string id, string article, bool? value, bool expect, string label, string text, string principle = "")
    {
        var actual = value!.Value ? "是" : "否";
        return value == expect
            ? new Reason(id, article, Outcome.Pass, text, actual, $"{label}：{actual}，符合{article}“{text}”的要求")
            : new Reason(id, article, Outcome.Fail, text, actual, $"{label}：{actual}，不符合{article}“{principle}{text}”的要求");
    }

    private static Reason AtLeast(string id, string article, string label, decimal actual, string actualText, decimal limit, string limitText,
        string word = "不少于", string principle = "", string? suffix = null, string? cite = null)
    {
        cite ??= article;
        var required = word.StartsWith('以') ? $"{principle}{limitText}{word}" : $"{principle}{word}{limitText}";
        return actual >= limit
            ? new Reason(id, article, Outcome.Pass, required, actualText, $"{label} {actualText}，符合{cite}“{required}”的要求{suffix}")
            : new Reason(id, article, Outcome.Fail, required, actualText, $"{label} {actualText}，低于{cite}要求的 {limitText}{suffix}");
    }

    private static decimal Members(Facts f, string body, out decimal center, out decimal lead, out decimal coBuilder, out decimal government, out decimal external)
    {
        center = f.Number($"bodies.{body}.members.center") ?? 0;
        lead = f.Number($"bodies.{body}.members.lead") ?? 0;
        coBuilder = f.Number($"bodies.{body}.members.co_builder") ?? 0;
        government = f.Number($"bodies.{body}.members.government") ?? 0;
        external = f.Number($"bodies.{body}.members.external") ?? 0;
        return center + lead + coBuilder + government + external;
    }

    /// <summary>第十二师: 第十条、附1、附3 eligibility; 第八条第2项、第十一条至第十三条、附2 governance.</summary>
    public static Verdict Xpcc(Facts f)
    {
        const string a10_2 = "第十条第2项";
        var r = new List<Reason>(32);
        var enterprise = f.Text("lead.type") == "enterprise";
        if (f.Bool("lead.independent_legal_person") == false)
            r.Add(Flag("independent-management-if-not-legal-person", "第十条第1项", f.Bool("lead.relatively_independent_management"), true,
                "人、财、物相对独立管理", "暂不具备独立法人条件的，需实现人、财、物相对独立管理，明确运营边界与责任，逐步过渡为独立法人"));
        if (enterprise)
        {
            r.Add(Flag("enterprise-industry-leader", a10_2, f.Bool("lead.industry_leader"), true, "行业龙头（骨干）企业", "牵头单位是企业的，应是行业龙头骨干企业"));
            r.Add(Flag("enterprise-rd-unit", a10_2, f.Bool("lead.has_independent_rd_unit"), true, "建有相对独立研发机构", "建有相对独立研发机构"));
            r.Add(Flag("enterprise-operating-condition", a10_2, f.Bool("lead.good_operating_condition"), true, "经营状况良好", "经营状况良好"));
            var ratio = f.Number("lead.rd_expense_last_year")!.Value / f.Number("lead.sales_revenue_last_year")!.Value;
            var text = Quantity.Percent(ratio);
            var reason = AtLeast("rd-intensity", a10_2, "研发投入占销售收入比例", ratio, text, 0.03m, "3%", "不低于", "原则上");
            if (reason.Outcome != Outcome.Pass)
                reason = f.Number("lead.main_revenue_last_year") switch
                {
                    null => Doubtful(reason, PrincipleWords) is var d
                        ? d with { Message = d.Message + "；未提供“上年度主营业务收入”，无法判断是否适用第十条第2项的放宽规定", Doubt = new Doubt(DoubtKinds.Missing, "lead.main_revenue_last_year") }
                        : d,
                    >= 200_000_000m => Judgement(AtLeast("rd-intensity", a10_2, "研发投入占销售收入比例", ratio, text, 0.02m, "2%", "不低于", "原则上",
                        "（上年度主营业务收入2亿元及以上，适用放宽标准）"), f, PrincipleWords),
                    _ => Judgement(reason, f, PrincipleWords),
                };
            r.Add(reason);
        }
        r.Add(Flag("leading-capability", a10_2, f.Bool("lead.leading_capability"), true,
            "技术创新能力和水平处于行业领先（引领）地位，具有领军人才和团队", "技术创新能力和水平处于行业领先地位，具有行业公认的技术研发优势、领军人才和团队"));
        r.Add(Flag("resource-integration", a10_2, f.Bool("lead.resource_integration"), true,
            "具有联合产学研各方、整合创新资源的优势和能力", "具有广泛联合产学研各方、整合创新资源、形成创新合作网络的优势和能力"));
        if (f.Text("lead.type") is "university" or "research_institute" or "technical_institution")
        {
            var n = CountCoBuilders(f, type: "enterprise", local: true);
            r.Add(AtLeast("university-lead-division-enterprise", a10_2, "本辖区内（师内/区内/市内）企业共建单位数", n, $"{n}家", 1, "1家"));
        }
        r.Add(Flag("co-builders-backbone", "第十条第3项", f.Bool("co_builders_backbone"), true,
            "共建单位为行业上中下游骨干力量，具备协同攻关与成果转化能力", "共同建设单位应是该行业领域内的上中下游骨干企业、高校、科研院所等优势力量，具备共同开展协同攻关与成果转化的能力"));
        r.Add(Flag("tech-leader", "附1第四部分", f.Bool("tech_leader.exists"), true, "有技术带头人", "申报书须载明技术带头人（学历、职称、代表性成果、全职或兼职安排）"));
        r.Add(Flag("stable-support", a10_2, f.Bool("lead.stable_support"), true,
            "具有稳定支持创新中心的基础条件和资金投入（承诺稳定投入）", "具有能够稳定支持创新中心开展工作的基础条件和资金投入"));
        var term = f.Number("agreement.term_years")!.Value;
        r.Add(AtLeast("agreement-term", "附1第三部分第1项", "共建期限", term, Quantity.FormatNumber(term, "年"), 3, "3年"));
        r.Add(Flag("agreement-rights", "附1第三部分第2项", f.Bool("agreement.rights_and_duties"), true, "协议明确各方权利、义务与责任分工", "明确各方在资金投入、人员配备、设备共享、成果归属、收益分配等方面的责任"));
        r.Add(Flag("agreement-exit", "附1第三部分第3项", f.Bool("agreement.exit_mechanism"), true, "协议约定共建单位变更或退出的程序与后果", "约定共建单位变更或退出的程序与后果"));
        r.Add(Flag("agreement-signed", "附1第三部分第4项", f.Bool("agreement.signed_sealed_by_all"), true, "协议经所有共建方法定代表人签字并加盖公章", "协议须经所有共建方法定代表人签字并加盖公章"));
        var chars = f.Number("application.plan_chars")!.Value;
        r.Add(AtLeast("plan-length", "附3注", "建设方案字数", chars, Quantity.FormatNumber(chars, "字"), 3000, "3000字"));
        r.Add(Outline(f, "附3第一部分至第十部分", XpccOutline));
        r.Add(LeadTypes("lead-types", "第十条第2项", f, "第十条第2项规定了牵头单位是企业的、是高校、科研院所、技术机构的两类组建条件", open: false, Types4));

        // governance
        var council = Members(f, "council", out _, out _, out _, out _, out _);
        var councilText = Quantity.FormatNumber(council, "人");
        if (council < 5) r.Add(AtLeast("council-size", "附2第一部分第1项", "理事会（董事会）人数", council, councilText, 5, "5人"));
        else if (council > 9) r.Add(new Reason("council-size", "附2第一部分第1项", Outcome.Fail, "不超过9人", councilText, $"理事会（董事会）人数 {councilText}，超过 9人，不符合附2第一部分第1项“不超过9人”的要求"));
        else r.Add(new Reason("council-size", "附2第一部分第1项", Outcome.Pass, "不少于5人且不超过9人", councilText, $"理事会（董事会）人数 {councilText}，符合附2第一部分第1项“不少于5人且不超过9人”的要求"));
        var cm = f.Number("bodies.council.meetings_last_year")!.Value;
        r.Add(AtLeast("council-meetings", "附2第一部分第3项", "理事会（董事会）上年度会议次数", cm, Quantity.FormatNumber(cm, "次"), 1, "1次", "至少"));
        if (f.Number("bodies.council.major_decision_approval") is { } approval)
            r.Add(AtLeast("council-majority", "附2第一部分第3项", "理事会（董事会）重大事项同意比例", approval, Quantity.Percent(approval), 2m / 3m, "2/3", "以上"));
        var ec = Members(f, "expert_committee", out _, out _, out _, out var gov, out var ext);
        r.Add(AtLeast("expert-committee-size", "第十三条", "专家委员会人数", ec, Quantity.FormatNumber(ec, "人"), 7, "7人"));
        r.Add(ShareAtLeast("expert-committee-outside-center", "第十三条", "专家委员会中来自创新中心之外（牵头单位、共建单位及中心本部以外）的专家占比", gov + ext, ec, 0.5m, "1/2以上", "1/2"));
        r.Add(ShareAtLeast("expert-committee-external", "附2第二部分第1项", "专家委员会中外部专家（非共建单位）占比", gov + ext, ec, 0.5m, "不低于50%", "50%"));
        var em = f.Number("bodies.expert_committee.meetings_last_year")!.Value;
        r.Add(AtLeast("expert-committee-meetings", "第十三条、附2第二部分第4项", "专家委员会上年度会议次数", em, Quantity.FormatNumber(em, "次"), 1, "1次", "至少"));
        r.Add(Flag("director-full-time", "第十二条", f.Bool("director.full_time"), true, "中心主任为全职工作人员", "主任为全职工作人员，由理事会（董事会）提名、聘任"));
        const string a8_2 = "第八条第2项", directorFiling = "依托单位任命创新中心主任，报师科技局和属地主管部门备案",
            committeeFiling = "依托单位聘任专家委员会主任及委员，报师科技局和属地主管部门备案";
        r.Add(Flag("director-filed-bureau", a8_2, f.Bool("director.filed_with_bureau"), true, DirectorFiledBureau, directorFiling));
        r.Add(Flag("director-filed-department", a8_2, f.Bool("director.filed_with_department"), true, DirectorFiledDepartment, directorFiling));
        r.Add(Flag("expert-committee-filed-bureau", a8_2, f.Bool("bodies.expert_committee.filed_with_bureau"), true, "专家委员会" + FiledBureau, committeeFiling));
        r.Add(Flag("expert-committee-filed-department", a8_2, f.Bool("bodies.expert_committee.filed_with_department"), true, "专家委员会" + FiledDepartment, committeeFiling));
        return new Verdict("xpcc-12th-division", "2024-07-19", "第十二师技术创新中心建设与运行管理办法（暂行）", Verdict.Combine(r), r, XpccPresumptions);
    }

    private static readonly string[] XpccOutline =
        ["建设背景与意义", "总体定位与发展目标", "牵头单位与共建体系", "组织架构与治理机制", "重点任务与技术路线", "人才队伍建设", "经费筹措与使用计划", "成果转化与开放服务", "保障措施与风险防控", "附件清单"];

    private static readonly string[] XpccPresumptions =
    [
        "本版本施行日期 2024-07-19 为推定（第二十七条）：第二十七条“本办法自发布之日起施行”，收录文本既无发文日期也无落款日期。第一条要求贯彻“党的二十大和二十届历次全会精神”， " +
        "故发布不早于二十届三中全会闭幕（2024-07-18）；本包取其后一日 2024-07-19 为最早可能的施行日。 取得正式发文后，应以发文日期为目录名重建本版本（改名目录并修改 from）。",
    ];

    private const string FiledBureau = "已报科技主管部门（科技局）备案", FiledDepartment = "已报归口管理（属地主管）部门备案";
    private const string DirectorFiledBureau = "主任聘任" + FiledBureau, DirectorFiledDepartment = "主任聘任" + FiledDepartment;

    // Judgement words of the texts: where the rule would fail, the officer decides (and may have answered).
    private static readonly string[] PrincipleWords = ["原则上"], MajorWords = ["重大"], SeriousWords = ["严重"], ShouldWords = ["一般应"], AppropriateWords = ["适当"];

    /// <summary>A failing rule whose text carries judgement words goes to the officer, the words quoted.</summary>
    private static Reason Doubtful(Reason r, string[] words) =>
        r.Outcome != Outcome.Fail ? r : r with
        {
            Outcome = Outcome.NeedsJudgement,
            Message = r.Message + $"；{r.Article}用语{Quoted(words)}，须经办人判断并写明理由",
            Doubt = new Doubt(DoubtKinds.Judgement, "judgements." + r.RuleId, words),
        };

    private static string Quoted(string[] words) => words.Length == 1 ? $"“{words[0]}”" : string.Join("、", words.Select(w => $"“{w}”"));

    /// <summary><see cref="Doubtful"/>, then the officer's answer (judgements.&lt;id&gt; with judgement_reasons.&lt;id&gt;) settles it.</summary>
    private static Reason Judgement(Reason r, Facts f, string[] words)
    {
        r = Doubtful(r, words);
        if (r.Doubt is not { Kind: DoubtKinds.Judgement } doubt || f.Text("judgements." + r.RuleId) is not { } answer) return r;
        var why = f.Text("judgement_reasons." + r.RuleId);
        if (string.IsNullOrWhiteSpace(why)) return r with { Message = r.Message + $"；经办人已就{Quoted(words)}作出判断，但未写明理由，判断须附理由" };
        var pass = answer == "pass";
        return r with
        {
            Outcome = pass ? Outcome.Pass : Outcome.Fail,
            Message = r.Message + $"；经办人就{Quoted(words)}判断为{(pass ? "符合" : "不符合")}，理由：{why}",
            Doubt = doubt with { Answer = answer, AnswerReason = why },
        };
    }

    private static readonly string[] Types4 = ["enterprise", "university", "research_institute", "technical_institution"], Types3 = ["enterprise", "university", "research_institute"];

    private static string TypeLabel(string t) => t switch
    {
        "enterprise" => "企业", "university" => "高校", "research_institute" => "科研院所", "technical_institution" => "技术机构", "new_rd_institution" => "新型研发机构", _ => t,
    };

    /// <summary>The unit types the text sets conditions for; another type is undefined by the text and needs the officer.</summary>
    private static Reason LeadTypes(string id, string article, Facts f, string text, bool open, string[] types)
    {
        var known = open ? "企业、高校、科研院所" : "企业、高校、科研院所、技术机构";
        var type = f.Text("lead.type")!;
        var label = TypeLabel(type);
        if (Array.IndexOf(types, type) >= 0)
            return new Reason(id, article, Outcome.Pass, known, label, $"牵头（依托）单位类型“{label}”是{article}规定的情形（{text}）");
        return new Reason(id, article, Outcome.NeedsJudgement, known, label, open
            ? $"牵头（依托）单位类型“{label}”不在{article}列举的{known}之中；原文以“等”结尾，是否属于同类，需经办人判断"
            : $"牵头（依托）单位类型“{label}”不是{article}规定的情形（{text}：{known}），本办法对此未作规定，需经办人判断",
            Doubt: new Doubt(DoubtKinds.Undefined, "lead.type"));
    }

    private static Reason Outline(Facts f, string article, string[] outline)
    {
        var sections = f.TextList("application.plan_sections")!;
        var required = string.Join("、", outline);
        var actual = string.Join("、", sections);
        var missing = outline.Where(x => !sections.Contains(x)).ToList();
        return missing.Count == 0
            ? new Reason("plan-outline", article, Outcome.Pass, required, actual, $"建设方案提纲包含{required}，符合{article}")
            : new Reason("plan-outline", article, Outcome.Fail, required, actual, $"建设方案提纲缺少{string.Join("、", missing)}，不符合{article}");
    }

    private static Reason ShareAtLeast(string id, string article, string label, decimal part, decimal size, decimal limit, string required, string limitText)
    {
        var share = part / size;
        var text = $"{Quantity.Percent(share)}（{Quantity.Trim(part)}/{Quantity.Trim(size)}）";
        return share >= limit
            ? new Reason(id, article, Outcome.Pass, required, text, $"{label} {text}，符合{article}“{required}”的要求")
            : new Reason(id, article, Outcome.Fail, required, text, $"{label} {text}，低于{article}要求的 {limitText}");
    }

    /// <summary>万州: 第八条 eligibility; 第十条至第十三条 governance.</summary>
    public static Verdict Wanzhou(Facts f)
    {
        const string a8_1 = "第八条第1项", a8_3 = "第八条第3项", a8_5 = "第八条第5项", a8_7 = "第八条第7项";
        var r = new List<Reason>
        {
            Flag("host-legal-person", a8_1, f.Bool("lead.independent_legal_person"), true, "创新中心（或建设主体）为独立法人", "依托单位应是企业、高校或科研机构等独立法人"),
            Flag("no-bad-credit", a8_1, f.Bool("lead.bad_credit_last_3y"), false, "近三年有不良信用记录", "近三年无不良信用记录"),
            Judgement(Flag("no-major-violation", a8_1, f.Bool("lead.major_violation_last_3y"), false, "近三年发生重大违法（违规）行为", "近三年未发生重大违法行为"), f, MajorWords),
            Judgement(Flag("no-major-accident", a8_1, f.Bool("lead.major_accident_last_3y"), false, "近三年发生重大质量事故或较大及以上安全事故", "近三年未发生重大质量事故、较大及以上安全事故"), f, MajorWords),
            Flag("strategy", "第八条第2项", f.Bool("application.aligned_with_strategy"), true, "与辖区重大战略、产业与技术发展方向紧密结合", "与区委、区政府重大战略、重大任务、重大工程紧密结合，符合产业与技术创新发展趋势"),
            Flag("stable-team", a8_3, f.Bool("team.stable"), true, "具有稳定的科研（技术）团队", "依托单位应有稳定的技术团队"),
            Flag("leading-capability", a8_3, f.Bool("lead.leading_capability"), true, "技术创新能力和水平处于行业领先（引领）地位，具有领军人才和团队", "科技创新优势突出、代表性强，改革创新积极性高"),
            Flag("resource-integration", a8_3, f.Bool("lead.resource_integration"), true, "具有联合产学研各方、整合创新资源的优势和能力", "具有联合产学研各方、整合创新资源、组织实施重大科技创新任务的优势和能力"),
            Flag("internal-management", "第八条第4项", f.Bool("lead.sound_internal_management"), true, "内部运行管理制度健全", "依托单位内部运行管理制度健全"),
        };
        var rd = f.Number("lead.rd_expense_last_year")!.Value;
        r.Add(Judgement(AtLeast("rd-expense", "第八条第8项", "依托单位上年度研发投入", rd, Quantity.FormatNumber(rd, "元"), 2_000_000, "200万元", "不低于", "原则上"), f, PrincipleWords));
        r.Add(Flag("own-ip", "第八条第9项", f.Bool("lead.own_ip_results"), true, "拥有具有自主知识产权的技术成果", "依托单位在相关领域有较高水平科研成果产生并应用，具有自主知识产权"));
        var conv = f.Number("lead.conversion_income_last_year")!.Value;
        r.Add(AtLeast("conversion-income", "第八条第9项", "上年度相关领域研发成果转化值收入", conv, Quantity.FormatNumber(conv, "元"), 2_000_000, "200万元", "不低于"));
        if (f.List("co_builders") is { Count: >= 1 }) // 多个单位联合建设
        {
            r.Add(Flag("joint-agreement", a8_5, f.Bool("agreement.exists"), true, "已签订共建（联合建设）协议", "多个单位联合建设创新中心的必须有联合建设协议书"));
            r.Add(Flag("agreement-names-lead", a8_5, f.Bool("agreement.names_lead"), true, "协议明确牵头单位", "协议书明确牵头单位"));
            r.Add(Flag("agreement-rights", a8_5, f.Bool("agreement.rights_and_duties"), true, "协议明确各方权利、义务与责任分工", "明确参与单位在创新中心建设与运行中的权利、义务和责任"));
            r.Add(Flag("lead-commits-funding", a8_5, f.Bool("agreement.lead_commits_funding"), true, "牵头（建设主体）单位承诺稳定建设投入", "牵头单位应当承诺对创新中心予以稳定的建设投入"));
        }
        var staff = f.Number("team.rd_staff")!.Value;
        r.Add(AtLeast("rd-staff", "第八条第6项", "研发人员", staff, Quantity.FormatNumber(staff, "人"), 10, "10人"));
        r.Add(Flag("manager", "第八条第6项", f.Bool("director.composite_talent"), true, "管理主要负责人是具有丰富科研和管理经验的复合型人才", "创新中心管理主要负责人应当是具有丰富科研和管理经验的复合型人才"));
        var software = f.Bool("lead.software_industry") == true;
        var area = f.Number("facilities.lab_area_m2")!.Value;
        r.Add(SoftwareRelaxed(AtLeast("lab-area", a8_7, "研发场地面积", area, Quantity.FormatNumber(area, "平方米"), 500, "500平方米", "以上"), software, f,
            "从事软件研究开发等特殊行业的研发场地面积可适当低于以上标准"));
        var inst = f.Number("facilities.instrument_value")!.Value;
        r.Add(SoftwareRelaxed(AtLeast("instrument-value", a8_7, "科研仪器总值", inst, Quantity.FormatNumber(inst, "元"), 2_000_000, "200万元", "以上"), software, f,
            "从事软件研究开发等特殊行业的研发设备原值可适当低于以上标准"));
        r.Add(LeadTypes("host-types", a8_1, f, "依托单位应是企业、高校或科研机构等独立法人", open: true, Types3));

        // governance
        var size = Members(f, "expert_committee", out _, out var lead, out var co, out _, out _);
        var share = (lead + co) / size;
        var shareText = $"{Quantity.Percent(share)}（{Quantity.Trim(lead + co)}/{Quantity.Trim(size)}）";
        r.Add(share <= 1m / 3m
            ? new Reason("expert-committee-builders", "第十三条", Outcome.Pass, "不超过1/3", shareText, $"专家委员会中建设主体单位人员占比 {shareText}，符合第十三条“不超过1/3”的要求")
            : new Reason("expert-committee-builders", "第十三条", Outcome.Fail, "不超过1/3", shareText, $"专家委员会中建设主体单位人员占比 {shareText}，超过 1/3，不符合第十三条“不超过1/3”的要求"));
        var chair = f.Text("bodies.expert_committee.chair")!;
        var chairLabel = chair switch { "center" => "创新中心本部人员", "lead" => "牵头（依托）单位人员", "co_builder" => "共建单位人员", "government" => "政府部门代表", _ => "外部（非建设单位）人员" };
        const string chairText = "专家委员会主任一般应由非牵头单位的人员担任";
        r.Add(chair != "lead"
            ? new Reason("expert-committee-chair", "第十三条", Outcome.Pass, chairText, chairLabel, $"专家委员会主任来自{chairLabel}，符合第十三条“{chairText}”的要求")
            : Judgement(new Reason("expert-committee-chair", "第十三条", Outcome.Fail, chairText, chairLabel, $"专家委员会主任来自{chairLabel}；第十三条规定“{chairText}”为一般要求，是否属于合理例外"), f, ShouldWords));
        r.Add(Flag("council-filed", "第十条", f.Bool("bodies.council.filed_with_bureau"), true, "理事会（董事会）" + FiledBureau, "理事会（董事会）成立后报区科技局备案"));
        r.Add(Flag("expert-committee-filed", "第十条", f.Bool("bodies.expert_committee.filed_with_bureau"), true, "专家委员会" + FiledBureau, "专家委员会成立后报区科技局备案"));
        return new Verdict("chongqing-wanzhou", "2024-04-18", "万州科局发〔2024〕3号", Verdict.Combine(r), r);
    }

    // ——— shared by 新疆, 呼和浩特, 沧州 ———

    private static Reason Compared(string id, string article, string label, string actualText, string required, bool ok, string failMessage) =>
        ok ? new Reason(id, article, Outcome.Pass, required, actualText, $"{label} {actualText}，符合{article}“{required}”的要求")
           : new Reason(id, article, Outcome.Fail, required, actualText, failMessage);

    /// <summary>A share of a body's members; an inclusive lower bound (以上/不低于) is missed "低于…要求的", the others "超过/未超过 … 不符合".</summary>
    private static Reason Share(string id, string article, string label, decimal part, decimal size, string required, bool ok, string miss, string limit,
        bool inclusiveAtLeast = false)
    {
        var text = $"{Quantity.Percent(part / size)}（{Quantity.Trim(part)}/{Quantity.Trim(size)}）";
        return Compared(id, article, label, text, required, ok, inclusiveAtLeast
            ? $"{label} {text}，{miss}{article}要求的 {limit}"
            : $"{label} {text}，{miss} {limit}，不符合{article}“{required}”的要求");
    }

    private static string AffiliationLabel(string a) => a switch
    {
        "center" => "创新中心本部人员", "lead" => "牵头（依托）单位人员", "co_builder" => "共建单位人员", "government" => "政府部门代表", _ => "外部（非建设单位）人员",
    };

    private static Reason Chair(string id, string article, string body, string chair, string[] notFrom, string text)
    {
        var label = AffiliationLabel(chair);
        return Array.IndexOf(notFrom, chair) < 0
            ? new Reason(id, article, Outcome.Pass, text, label, $"{body}主任来自{label}，符合{article}“{text}”的要求")
            : new Reason(id, article, Outcome.Fail, text, label, $"{body}主任来自{label}，不符合{article}“{text}”的要求");
    }

    private static int CountCoBuilders(Facts f, bool? core = null, string? type = null, bool localOrProvince = false, bool local = false) =>
        f.List("co_builders")!.Count(c =>
            (core is null || (c.GetValueOrDefault("core") == "true") == core)
            && (type is null || c.GetValueOrDefault("type") == type)
            && (!localOrProvince || c.GetValueOrDefault("region") is "local" or "province")
            && (!local || c.GetValueOrDefault("region") == "local"));

    /// <summary>新疆: 三（三） eligibility, 附件 materials and 签章页; 四（二） governance.</summary>
    public static Verdict Xinjiang(Facts f)
    {
        const string a2 = "三（三）2";
        var r = new List<Reason>();
        if (f.Bool("lead.independent_legal_person") == false)
            r.Add(Flag("independent-management-if-not-legal-person", "三（三）1", f.Bool("lead.relatively_independent_management"), true,
                "人、财、物相对独立管理", "尚不具备条件的，先行实现人、财、物相对独立的管理机制，逐步向独立法人过渡"));
        var type = f.Text("lead.type");
        if (type == "enterprise")
        {
            r.Add(Flag("enterprise-industry-leader", a2, f.Bool("lead.industry_leader"), true, "行业龙头（骨干）企业", "牵头单位是企业的，应是行业龙头企业"));
            r.Add(Flag("enterprise-rd-unit", a2, f.Bool("lead.has_independent_rd_unit"), true, "建有相对独立研发机构", "建有相对独立研发机构"));
            r.Add(Flag("enterprise-operating-condition", a2, f.Bool("lead.good_operating_condition"), true, "经营状况良好", "经营状况良好"));
            var debt = f.Number("lead.debt_to_asset_ratio_last_year")!.Value;
            var debtText = Quantity.Percent(debt);
            r.Add(Compared("enterprise-debt-ratio", a2, "申报前1年度资产负债率", debtText, "低于70%", debt < 0.7m,
                $"申报前1年度资产负债率 {debtText}，{(debt == 0.7m ? "达到" : "超过")} 70%，不符合{a2}“低于70%”的要求"));
        }
        r.Add(Flag("leading-capability", a2, f.Bool("lead.leading_capability"), true,
            "技术创新能力和水平处于行业领先（引领）地位，具有领军人才和团队", "技术创新能力和水平应处于行业引领地位，具有行业公认的技术研发优势、领军人才和团队"));
        r.Add(Flag("resource-integration", a2, f.Bool("lead.resource_integration"), true,
            "具有联合产学研各方、整合创新资源的优势和能力", "具有广泛联合产学研各方、整合创新资源、形成创新合作网络的优势和能力"));
        if (type is "university" or "research_institute" or "technical_institution")
        {
            var n = CountCoBuilders(f, type: "enterprise", localOrProvince: true);
            r.Add(Compared("university-lead-regional-enterprises", a2, "本辖区内（师内/区内/市内）或本省（区）内其他地区企业共建单位数", $"{n}家", "2家以上", n >= 2,
                $"本辖区内（师内/区内/市内）或本省（区）内其他地区企业共建单位数 {n}家，低于{a2}要求的 2家"));
        }
        r.Add(LeadTypes("lead-types", a2, f, "三（三）2规定了牵头单位是企业的、是高校、科研院所、技术机构的两类组建条件", open: false, Types4));
        r.Add(Flag("co-builders-backbone", "三（三）3", f.Bool("co_builders_backbone"), true,
            "共建单位为行业上中下游骨干力量，具备协同攻关与成果转化能力", "共同建设单位应是该行业领域内的上中下游骨干企业、高校、科研院所等骨干力量，具备共同开展协同攻关与成果转化的能力"));
        var core = CountCoBuilders(f, core: true);
        r.Add(Compared("core-co-builders-max", "附件签章页", "核心单位共建单位数", $"{core}家", "不超过5家", core <= 5,
            $"核心单位共建单位数 {core}家，超过 5家，不符合附件签章页“不超过5家”的要求"));
        r.Add(Flag("stable-support", a2, f.Bool("lead.stable_support"), true,
            "具有稳定支持创新中心的基础条件和资金投入（承诺稳定投入）", "具有能够稳定支持技术创新中心开展工作的基础条件和资金投入"));
        r.Add(Outline(f, "附件提纲、附件提纲一至七", XinjiangOutline));

        // governance
        r.Add(Flag("council", "四（二）1", f.Bool("bodies.council.established"), true, "理事会（董事会）已设立", "技术创新中心履行法人主体责任，实行理事会（董事会）决策制"));
        var size = Members(f, "expert_committee", out _, out _, out _, out var gov, out var ext);
        r.Add(AtLeast("expert-committee-size", "四（二）3", "专家委员会人数", size, Quantity.FormatNumber(size, "人"), 7, "7人"));
        r.Add(ShareAtLeast("expert-committee-outside-center", "四（二）3", "专家委员会中来自创新中心之外（牵头单位、共建单位及中心本部以外）的专家占比", gov + ext, size, 0.5m, "1/2以上", "1/2"));
        r.Add(Flag("director-full-time", "四（二）2", f.Bool("director.full_time"), true, "中心主任为全职工作人员", "主任（总经理）应是技术创新中心的全职工作人员"));
        return new Verdict("xinjiang", "2023-01-27", "新疆维吾尔自治区技术创新中心建设工作指引", Verdict.Combine(r), r);
    }

    private static readonly string[] XinjiangOutline = ["建设背景与意义", "基础条件与优势", "建设目标与主要任务", "建设方式与组织构架", "管理模式与运行机制", "经费投入与保障措施", "建设进度安排"];

    /// <summary>呼和浩特: 第四条、第八条 eligibility; 第十条至第十三条 governance.</summary>
    public static Verdict Hohhot(Facts f)
    {
        const string a8_2 = "第八条第二项", a8_3 = "第八条第三项", a8_5 = "第八条第五项";
        var r = new List<Reason>(24)
        {
            Judgement(Flag("center-legal-person", "第四条、第十条", f.Bool("lead.independent_legal_person"), true, "创新中心（或建设主体）为独立法人",
                "技术创新中心应为独立法人实体（第十条：原则上应为独立法人实体），根据产业领域实际可采取不同的组建模式", principle: "原则上"), f, PrincipleWords),
            Flag("registered-in-city", a8_2, f.Bool("lead.registered_in_jurisdiction"), true, "在本辖区内注册登记", "建设主体单位应在呼和浩特市内注册登记"),
            Flag("lead-advantage", a8_2, f.Bool("lead.leading_capability"), true, "技术创新能力和水平处于行业领先（引领）地位，具有领军人才和团队", "在该领域科技创新优势突出、代表性强"),
            Flag("lead-resource-integration", a8_2, f.Bool("lead.resource_integration"), true, "具有联合产学研各方、整合创新资源的优势和能力", "具有较强的资源整合能力和技术转化能力"),
            Flag("own-ip-results", a8_3, f.Bool("lead.own_ip_results"), true, "拥有具有自主知识产权的技术成果", "拥有一批技术含量高、市场前景广阔，具有自主知识产权的高科技成果"),
            Flag("lead-stable-investment", a8_5, f.Bool("agreement.lead_commits_funding"), true, "牵头（建设主体）单位承诺稳定建设投入", "建设主体单位应当承诺对技术创新中心予以稳定的建设投入"),
        };
        if (f.Text("lead.type") is "university" or "research_institute")
        {
            var n = CountCoBuilders(f, type: "enterprise");
            r.Add(Compared("university-lead-enterprises", "第四条第三项", "企业共建单位数", $"{n}家", "不少于1家", n >= 1, $"企业共建单位数 {n}家，低于第四条第三项要求的 1家"));
        }
        r.Add(Flag("head-senior-title", a8_3, f.Bool("director.senior_title"), true, "中心负责人具有高级专业技术职称", "中心负责人应具有高级专业技术职称"));
        r.Add(Flag("stable-team", a8_3, f.Bool("team.stable"), true, "具有稳定的科研（技术）团队", "具有稳定科研团队"));
        var total = f.Number("team.total")!.Value;
        var titled = f.Number("team.mid_senior_titles")!.Value / total;
        r.Add(AtLeast("mid-senior-title-share", a8_3, "中、高级职称人员占团队总人数比例", titled, Quantity.Percent(titled), 0.3m, "30%", "不低于"));
        var fixedShare = f.Number("team.fixed_staff")!.Value / total;
        r.Add(AtLeast("fixed-staff-share", a8_3, "固定人员占团队总人数比例", fixedShare, Quantity.Percent(fixedShare), 0.3m, "30%", "不低于"));
        r.Add(Flag("facilities", "第八条第四项", f.Bool("facilities.adequate"), true, "具备满足需要的场所、仪器设备与基础条件", "具备一定规模的技术装备、科技资源、服务场所等基础条件"));
        if (f.List("co_builders") is { Count: >= 1 }) // 多个单位联合建设
        {
            r.Add(Flag("joint-agreement", a8_5, f.Bool("agreement.exists"), true, "已签订共建（联合建设）协议", "多个单位联合建设的应当有联合建设协议书"));
            r.Add(Flag("agreement-rights", a8_5, f.Bool("agreement.rights_and_duties"), true, "协议明确各方权利、义务与责任分工", "联合建设协议书应明确各方在技术创新中心建设与运行中的权利、义务"));
        }
        r.Add(Judgement(Flag("builders-credit", "第八条第六项", f.Bool("builders.good_research_credit"), true, "各建设单位科研信用良好、无严重失信记录", "各建设单位须有良好的科研信用，无严重失信行为记录"), f, SeriousWords));
        r.Add(Flag("strategy", "第八条第一项", f.Bool("application.aligned_with_strategy"), true, "与辖区重大战略、产业与技术发展方向紧密结合",
            "与呼和浩特市重大战略、重大任务、重大工程部署紧密结合，聚焦事关全市长远发展的关键技术领域，符合首府产业与技术创新发展的趋势，坚持“少而精”原则"));

        // governance
        r.Add(Flag("council-established", "第十条", f.Bool("bodies.council.established"), true, "理事会（董事会）已设立", "技术创新中心组建理事会（董事会），实行理事会（董事会）决策制"));
        var council = Members(f, "council", out _, out var cLead, out var cCo, out _, out _);
        r.Add(Share("council-composition", "第十一条", "理事会（董事会）中牵头单位和共建单位人员占比", cLead + cCo, council, "不低于100%",
            cLead + cCo >= council, "低于", "100%", inclusiveAtLeast: true));
        r.Add(Flag("tgc-established", "第十条", f.Bool("bodies.technical_guidance_committee.established"), true, "技术指导委员会已设立", "技术创新中心组建技术指导委员会，实行技术指导委员会咨询制"));
        var tgc = Members(f, "technical_guidance_committee", out _, out var tLead, out var tCo, out _, out _);
        r.Add(Share("tgc-builders-share", "第十二条", "技术指导委员会中牵头单位和共建单位人员占比", tLead + tCo, tgc, "不超过1/3",
            (tLead + tCo) * 3 <= tgc, "超过", "1/3"));
        r.Add(Chair("tgc-chair", "第十二条", "技术指导委员会", f.Text("bodies.technical_guidance_committee.chair")!, ["lead", "co_builder"],
            "技术指导委员会主任应由非牵头单位、共建单位的有影响力的专家担任"));
        const string filing = "主任（总经理）聘用报归口管理部门和市科技局备案";
        r.Add(Flag("director-filing-bureau", "第十三条", f.Bool("director.filed_with_bureau"), true, DirectorFiledBureau, filing));
        r.Add(Flag("director-filing-department", "第十三条", f.Bool("director.filed_with_department"), true, DirectorFiledDepartment, filing));
        return new Verdict("hohhot", "2024-07-19", "呼和浩特市技术创新中心建设管理办法（试行）", Verdict.Combine(r), r, HohhotPresumptions);
    }

    private static readonly string[] HohhotPresumptions =
    [
        "本版本施行日期 2024-07-19 为推定（第二十九条）：第二十九条“本办法自印发之日起施行。本办法由市科技局负责解释”，收录文本既无印发日期也无落款，发文机关按解释机关（市科技局）记。" +
        "第一条要求贯彻“党的二十届三中全会精神”并引用内党发〔2024〕30号、呼党发〔2024〕18号，故印发不早于二十届三中全会闭幕（2024-07-18）；本包取其后一日 2024-07-19 为最早可能的施行日。" +
        "本办法为“试行”，未规定有效期，故不设截止日。取得正式印发文件后，应以印发日期为目录名重建本版本（改名目录并修改 from）。",
    ];

    /// <summary>沧州: 第九条 eligibility; 第十四条至第十六条 governance.</summary>
    public static Verdict Cangzhou(Facts f)
    {
        const string a1 = "第九条第（一）项", a2 = "第九条第（二）项", a3 = "第九条第（三）项", a4 = "第九条第（四）项", a5 = "第九条第（五）项", a8 = "第九条第（八）项";
        var r = new List<Reason>
        {
            Flag("host-legal-person", a1, f.Bool("lead.independent_legal_person"), true, "创新中心（或建设主体）为独立法人", "依托单位是企业、高等学校、科研院所、技术机构等法人单位"),
            Flag("host-registered-in-cangzhou", a1, f.Bool("lead.registered_in_jurisdiction"), true, "在本辖区内注册登记", "依托单位在沧州市域内注册"),
            Flag("host-advantage", a1, f.Bool("lead.leading_capability"), true, "技术创新能力和水平处于行业领先（引领）地位，具有领军人才和团队", "在相关领域具有明显技术优势和影响力"),
        };
        var type = f.Text("lead.type");
        if (type == "enterprise")
        {
            r.Add(Flag("enterprise-rd-unit", a2, f.Bool("lead.has_independent_rd_unit"), true, "建有相对独立研发机构", "依托单位是企业的，应建有相对独立研发机构"));
            var sales = f.Number("lead.sales_revenue_last_year")!.Value;
            r.Add(AtLeast("enterprise-sales", a2, "上一年销售收入", sales, Quantity.FormatNumber(sales, "元"), 10_000_000, "1000万元", "以上"));
            var st = f.Number("lead.st_expense_last_year")!.Value;
            r.Add(AtLeast("enterprise-st-expense", a2, "上年度科技经费投入", st, Quantity.FormatNumber(st, "元"), 1_000_000, "100万元"));
        }
        if (type is "university" or "research_institute" or "technical_institution")
        {
            var n = CountCoBuilders(f, type: "enterprise", localOrProvince: true);
            r.Add(Compared("institution-host-co-builds-with-province-enterprise", a2, "本辖区内（师内/区内/市内）或本省（区）内其他地区企业共建单位数", $"{n}家", "1家（含）以上", n >= 1,
                $"本辖区内（师内/区内/市内）或本省（区）内其他地区企业共建单位数 {n}家，低于{a2}要求的 1家"));
        }
        r.Add(Flag("host-own-ip", a3, f.Bool("lead.own_ip_results"), true, "拥有具有自主知识产权的技术成果", "依托单位拥有具有自主知识产权的技术成果或专有技术"));
        r.Add(Flag("host-capability", a3, f.Bool("lead.resource_integration"), true, "具有联合产学研各方、整合创新资源的优势和能力",
            "具有产学研合作的基础，具备组织和承担科技创新项目的能力，具有科技成果转化和产业化的经验，能有效整合相关创新资源"));
        r.Add(Flag("host-support", a4, f.Bool("lead.stable_support"), true, "具有稳定支持创新中心的基础条件和资金投入（承诺稳定投入）",
            "拥有较强的经济实力，能够为技术创新中心建设和发展提供必要的场地、人员、经费、仪器设备支持，能够承担建设和管理技术创新中心的责任"));
        r.Add(Flag("host-reputation", a4, f.Bool("lead.good_reputation"), true, "依托单位信誉良好", "依托单位拥有良好信誉"));
        var staff = f.Number("team.fixed_staff")!.Value;
        r.Add(AtLeast("fixed-staff", a5, "固定人员", staff, Quantity.FormatNumber(staff, "人"), 10, "10人"));
        r.Add(Flag("tech-leader", a5, f.Bool("tech_leader.exists"), true, "有技术带头人", "拥有技术水平高、组织能力强的技术创新带头人"));
        r.Add(Flag("team", a5, f.Bool("team.stable"), true, "具有稳定的科研（技术）团队", "拥有结构合理、创新能力强的研发团队"));
        r.Add(Flag("facilities", "第九条第（六）项", f.Bool("facilities.adequate"), true, "具备满足需要的场所、仪器设备与基础条件",
            "具有满足技术创新中心建设发展需要的科研办公场所、科研仪器设备、中间试验和检验检测能力"));
        var joint = f.List("co_builders") is { Count: >= 1 }; // 联合共建
        if (joint)
        {
            r.Add(Flag("agreement-signed", a8, f.Bool("agreement.exists"), true, "已签订共建（联合建设）协议", "联合共建技术创新中心的，依托单位与共建单位须签订共建协议"));
            r.Add(Flag("agreement-content", a8, f.Bool("agreement.rights_and_duties"), true, "协议明确各方权利、义务与责任分工", "共建协议确定联合共建的方式、人员、任务分工以及各自权利和义务"));
            var own = f.Number("agreement.host_own_share")!.Value;
            r.Add(AtLeast("host-own-share", a8, "依托单位自身的科研条件、研发人员、科研项目、科技成果所占比例", own, Quantity.Percent(own), 0.6m, "60%", "以上"));
        }
        r.Add(LeadTypes("host-types", a2, f, "第九条第（二）项规定了依托单位是企业的、是高校、科研院所、技术机构的两类条件", open: false, Types4));

        // governance
        var mc = Members(f, "management_committee", out var mCenter, out var mLead, out var mCo, out _, out _);
        if (joint)
            r.Add(Share("management-committee-co-builders", "第十四条", "管理委员会中共建单位人员占比", mCo, mc, "超过0%", mCo > 0, "未超过", "0%"));
        r.Add(Share("management-committee-host", "第十四条", "管理委员会中依托单位人员占比", mLead + mCenter, mc, "超过0%", mLead + mCenter > 0, "未超过", "0%"));
        var mm = f.Number("bodies.management_committee.meetings_last_year")!.Value;
        r.Add(AtLeast("management-committee-meetings", "第十四条", "管理委员会上年度会议次数", mm, Quantity.FormatNumber(mm, "次"), 1, "1次", "至少"));
        var tgc = Members(f, "technical_guidance_committee", out var tCenter, out var tLead, out var tCo, out _, out _);
        var builders = tCenter + tLead + tCo;
        r.Add(Share("guidance-committee-builders-share", "第十五条", "技术指导委员会中依托单位和共建单位的人员占比", builders, tgc, "不超过1/3",
            builders * 3 <= tgc, "超过", "1/3"));
        r.Add(Chair("guidance-committee-chair", "第十五条", "技术指导委员会", f.Text("bodies.technical_guidance_committee.chair")!, ["lead", "co_builder", "center"],
            "技术指导委员会主任应由非依托单位、共建单位的有影响的专家担任"));
        var tm = f.Number("bodies.technical_guidance_committee.meetings_last_year")!.Value;
        r.Add(AtLeast("guidance-committee-meetings", "第十五条", "技术指导委员会上年度会议次数", tm, Quantity.FormatNumber(tm, "次"), 1, "1次", "至少"));
        const string filing = "主任的聘任与调整报归口管理部门和市科技局备案";
        r.Add(Flag("director-filed-bureau", "第十六条", f.Bool("director.filed_with_bureau"), true, DirectorFiledBureau, filing));
        r.Add(Flag("director-filed-department", "第十六条", f.Bool("director.filed_with_department"), true, DirectorFiledDepartment, filing));
        return new Verdict("cangzhou", "2025-10-31", "沧州市技术创新中心建设与运行管理办法", Verdict.Combine(r), r);
    }

    private static Reason SoftwareRelaxed(Reason reason, bool software, Facts f, string note) =>
        reason.Outcome == Outcome.Pass || !software
            ? reason
            : Judgement(reason with { Message = reason.Message + $"；但从事软件研究开发等特殊行业，依第八条第7项“{note}”" }, f, AppropriateWords);
}
