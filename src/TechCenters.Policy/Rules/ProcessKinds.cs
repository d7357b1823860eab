using TechCenters.Policy.Yaml;

namespace TechCenters.Policy.Rules;

/// <summary>
/// What a stage IS, whatever a pack calls it (layout/call, intention/intent_application/application, approved/recognized…):
/// the closed list of vocabulary.yaml → steps. The web app drives a jurisdiction's workflow by these, never by its name.
/// The constants are the steps the library itself gives meaning to; vocabulary.yaml declares the full list.
/// </summary>
public static class StageSteps
{
    public const string Call = "call";
    public const string Application = "application";
    public const string Recommendation = "recommendation";
    public const string EligibilityCheck = "eligibility_check";
    public const string IntakeReview = "intake_review";
    public const string ExpertReview = "expert_review";
    public const string PlanRevision = "plan_revision";
    public const string Selection = "selection";
    public const string Decision = "decision";
    public const string PublicNotice = "public_notice";
    public const string ObjectionReview = "objection_review";
    /// <summary>Final and positive: 批准/批复/认定/纳入管理序列.</summary>
    public const string Approval = "approval";
    /// <summary>Final and negative: 未获推荐, 初审不合格, 未通过评审, 不予认定…</summary>
    public const string Rejection = "rejection";
    /// <summary>The filer drafts and submits (年度报告、变更申请、自评材料): the start of a filed process.</summary>
    public const string Draft = "draft";
    /// <summary>A reviewer checks what was filed and passes it on or returns it (审核).</summary>
    public const string Review = "review";
    /// <summary>The center states its case before a decision against it (陈述、申辩).</summary>
    public const string Hearing = "hearing";
    /// <summary>Evaluators score the indicators (评分、评估).</summary>
    public const string Scoring = "scoring";
    /// <summary>The center rectifies within its period (整改).</summary>
    public const string Rectifying = "rectifying";
    /// <summary>The bureau re-checks after rectification (复核、验收).</summary>
    public const string Recheck = "recheck";
    /// <summary>Final: the filer withdrew (撤回).</summary>
    public const string Withdrawal = "withdrawal";

    public static IReadOnlyList<string> All { get; } =
        [Call, Application, Recommendation, EligibilityCheck, IntakeReview, ExpertReview, PlanRevision, Selection, Decision,
         PublicNotice, ObjectionReview, Approval, Rejection, Draft, Review, Hearing, Scoring, Rectifying, Recheck, Withdrawal];

    /// <summary>Steps that end a case (approval, rejection, withdrawal).</summary>
    public static bool IsFinal(string step) => step is Approval or Rejection or Withdrawal;
}

/// <summary>The actors of vocabulary.yaml the platform gives meaning to (who each is, for an account, is the web app's CaseRelation).</summary>
public static class Actors
{
    public const string Bureau = "bureau";
    public const string Department = "department";
    public const string LeadUnit = "lead_unit";
    public const string CoBuilders = "co_builders";
    public const string Center = "center";
    public const string Council = "council";
    public const string ExpertPanel = "expert_panel";
    public const string DecisionMeeting = "decision_meeting";
    public const string ThirdParty = "third_party";
    public const string ProfessionalAgency = "professional_agency";
    public const string Public = "public";
}

/// <summary>
/// The kinds of case (事项) a pack can give a process for — the closed list of vocabulary.yaml → processes, the same as
/// <c>Cases.Kind</c> in the web app. Each area of a pack holds at most one process per kind.
/// </summary>
public static class ProcessKinds
{
    public const string Application = "application";
    public const string AnnualReport = "annual_report";
    public const string ChangeRequest = "change_request";
    public const string Evaluation = "evaluation";
    public const string Rectification = "rectification";
    public const string Revocation = "revocation";

    public static IReadOnlyList<string> All { get; } = [Application, AnnualReport, ChangeRequest, Evaluation, Rectification, Revocation];
}

/// <summary>
/// One stage of a process: the pack's id and name, what it is (<see cref="Step"/>, one of <see cref="StageSteps"/>), who
/// acts — and, in data, who sees it (<see cref="See"/>: the actors shown its name and entries; the others see
/// <see cref="PublicName"/>), who may change the case's content in it (<see cref="Edit"/>), and where its holder may
/// send the case back for revision (<see cref="ReturnTo"/>, 退回修改).
/// </summary>
public sealed record Stage(string Id, string Name, string Actor, string Article, bool Final, string Step)
{
    public bool IsApproval => Step == StageSteps.Approval;
    public bool IsRejection => Step == StageSteps.Rejection;
    public bool IsWithdrawal => Step == StageSteps.Withdrawal;
    /// <summary>What a party outside <see cref="See"/> is shown (评审中 rather than the panel's internal stage).</summary>
    public string PublicName { get; init; } = Name;
    /// <summary>Actors who see this stage as it is; empty = every party of the case. The bureau always does.</summary>
    public IReadOnlyList<string> See { get; init; } = [];
    /// <summary>Actors who may change the case's content (the filed document) while it is in this stage.</summary>
    public IReadOnlyList<string> Edit { get; init; } = [];
    /// <summary>The stage the holder of this stage may return the case to (退回修改), or null.</summary>
    public string? ReturnTo { get; init; }

    /// <summary>Whether an account acting as these actors sees the stage as it is.</summary>
    public bool SeenBy(IEnumerable<string> actors) => See.Count == 0 || actors.Any(a => a == Actors.Bureau || See.Contains(a));

    /// <summary>The stage's name for an account acting as these actors.</summary>
    public string NameFor(IEnumerable<string> actors) => SeenBy(actors) ? Name : PublicName;
}

/// <summary>A move between stages, by an actor, optionally only when conditions hold (e.g. 驻地高校、师直单位直接报师科技局).</summary>
public sealed record Transition(string From, string To, string Actor, string Article, IReadOnlyList<Condition> When, IReadOnlyList<Condition> Unless, string? Note);

/// <summary>
/// kind: stages — the process of one kind of case (<see cref="Process"/>: application, annual_report, change_request…) as
/// stages in lifecycle order with their steps and actors, and the transitions between them. Checked at load: every step is
/// in vocabulary.yaml; an application process has exactly one application step and at least one approval; approval,
/// rejection and withdrawal stages are final; every transition goes to a stage listed after its source; a return goes to
/// an earlier stage.
/// </summary>
public sealed class StagesRule : Rule
{
    /// <summary>The kind of case this process is for (vocabulary.yaml → processes).</summary>
    public string Process { get; private set; } = ProcessKinds.Application;
    public IReadOnlyList<Stage> Stages { get; private set; } = [];
    public IReadOnlyList<Transition> Transitions { get; private set; } = [];
    /// <summary>Made by the loader from a review_chain rule (a straight-line process), not written as stages.</summary>
    public bool Generated { get; private set; }

    internal override void ReadParameters(MapReader m, PackReader p)
    {
        var kind = m.String("process") ?? p.Vocabulary.ProcessOfArea(Area);
        if (kind is null || !p.Vocabulary.Processes.ContainsKey(kind))
            m.Ctx.Error(m.Has("process") ? m.KeyMark("process") : m.Mark,
                $"流程须注明 process（{string.Join("/", p.Vocabulary.Processes.Keys)}）：{Area} 区域对应的事项类别不唯一或未知");
        Process = kind ?? ""; // reported above; no second error about a kind it never named
        var stages = new List<Stage>();
        foreach (var s in m.MapList("stages", required: true))
        {
            var id = s.String("id", required: true) ?? "";
            var name = s.String("name", required: true) ?? "";
            var step = s.String("step", required: true) ?? "";
            var actor = p.ActorRef(s, "actor", required: true) ?? "";
            var article = p.Article(s, required: true) ?? "";
            var final = s.Bool("final") ?? false;
            var publicName = s.String("public_name");
            var see = s.Has("see") ? p.ActorList(s, "see") : [];
            var edit = s.Has("edit") ? p.ActorList(s, "edit") : [];
            var returnTo = s.String("return_to");
            s.Finish("stage");
            if (stages.Any(x => x.Id == id)) s.Ctx.Error(s.Mark, $"重复的阶段 id“{id}”");
            if (step != "" && !p.Vocabulary.Steps.ContainsKey(step))
                s.Ctx.Error(s.KeyMark("step"), $"阶段“{id}”的 step“{step}”未知，应为 {string.Join("/", p.Vocabulary.Steps.Keys)} (unknown step; see vocabulary.yaml → steps)");
            if (StageSteps.IsFinal(step) && !final)
                s.Ctx.Error(s.Mark, $"阶段“{id}”的 step 为 {step}（{p.Vocabulary.Steps.GetValueOrDefault(step)}），须标 final: true");
            if (returnTo is not null && stages.All(x => x.Id != returnTo))
                s.Ctx.Error(s.KeyMark("return_to"), $"阶段“{id}”的 return_to“{returnTo}”应为列在它之前的阶段 (return_to must name an earlier stage)");
            if (final && (returnTo is not null || edit.Count > 0))
                s.Ctx.Error(s.Mark, $"终止阶段“{id}”不能退回或修改");
            stages.Add(new Stage(id, name, actor, article, final, step)
                { PublicName = publicName ?? name, See = see, Edit = edit, ReturnTo = returnTo });
        }
        if (Process == ProcessKinds.Application)
        {
            var applications = stages.Count(x => x.Step == StageSteps.Application);
            if (stages.Count > 0 && applications != 1)
                m.Ctx.Error(m.KeyMark("stages"), $"申报流程须有且只有一个 step: application（申报）阶段，实际 {applications} 个");
            if (stages.Count > 0 && !stages.Any(x => x.IsApproval))
                m.Ctx.Error(m.KeyMark("stages"), "申报流程须至少有一个 step: approval（批准/认定）的终止阶段");
        }
        var transitions = new List<Transition>();
        foreach (var t in m.MapList("transitions", required: true))
        {
            var from = t.String("from", required: true) ?? "";
            var to = t.String("to", required: true) ?? "";
            var actor = p.ActorRef(t, "actor", required: true) ?? "";
            var article = p.Article(t, required: true) ?? "";
            var when = Condition.ReadList(t, "when", p.Vocabulary);
            var unless = Condition.ReadList(t, "unless", p.Vocabulary);
            var note = t.String("note");
            t.Finish("transition");
            foreach (var (end, key) in new[] { (from, "from"), (to, "to") })
                if (stages.All(s => s.Id != end)) t.Ctx.Error(t.KeyMark(key), $"转换引用了未定义的阶段“{end}”");
            if (stages.FirstOrDefault(s => s.Id == from) is { Final: true })
                t.Ctx.Error(t.KeyMark("from"), $"终止阶段“{from}”不能再有转出");
            // Stages are listed in lifecycle order, so the list reads as the procedure and the web app can show progress.
            var (fi, ti) = (stages.FindIndex(s => s.Id == from), stages.FindIndex(s => s.Id == to));
            if (fi >= 0 && ti >= 0 && ti <= fi)
                t.Ctx.Error(t.KeyMark("to"), $"阶段应按流程先后排列：“{to}”列在“{from}”之前（或相同），请把它移到“{from}”之后 (stages not in lifecycle order)");
            transitions.Add(new Transition(from, to, actor, article, when, unless, note));
        }
        Stages = stages;
        Transitions = transitions;
    }

    public override string Describe(EvalEnv env)
    {
        var lines = Stages.Select((s, i) => $"{i + 1}. {s.Name}（{env.Actor(s.Actor)}，{s.Article}）{(s.Final ? "［终止］" : "")}");
        var moves = Transitions.Select(t =>
            $"{Name(t.From)} → {Name(t.To)}：{env.Actor(t.Actor)}（{t.Article}）" +
            (t.When.Count > 0 ? $"，仅当{Condition.DescribeAll(t.When, env.Vocabulary)}" : "") +
            (t.Unless.Count > 0 ? $"，{Condition.DescribeAll(t.Unless, env.Vocabulary)}的除外" : ""));
        return "阶段：" + string.Join("；", lines) + "。流转：" + string.Join("；", moves);
    }

    /// <summary>
    /// A straight-line process made from a review chain (依托单位 → 共建单位 → 属地主管部门 → 师科技局): the filer drafts, each
    /// reviewer passes it on or returns it to the filer, the last one accepts (or, where the kind allows, rejects); the
    /// filer may withdraw where the kind allows. One alternative chain (第十二师's direct units) becomes the same stages
    /// with conditional moves.
    /// </summary>
    internal static StagesRule FromReviewChain(ReviewChainRule chain, string process, ProcessDefinition def, EvalEnv env)
    {
        if (chain.Alternatives.Count > 1)
            throw new InvalidOperationException("多于一条替代审核路径的审核链须写成 stages 流程");
        var alt = chain.Alternatives.Count == 1 ? chain.Alternatives[0] : null;
        var stages = new List<Stage>();
        var filer = chain.Steps[0];
        var draft = new Stage("draft", def.Draft ?? $"{def.Label}填报", filer, chain.Article ?? "", false, StageSteps.Draft) { Edit = [filer] };
        stages.Add(draft);
        // Every reviewer of either chain, in the main chain's order (an alternative only skips some).
        var reviewers = chain.Steps.Skip(1).Concat(alt?.Steps.Skip(1) ?? []).Distinct().ToList();
        foreach (var r in reviewers)
            stages.Add(new Stage($"review_{r}", $"{env.Actor(r)}审核", r, chain.Article ?? "", false, StageSteps.Review) { ReturnTo = draft.Id });
        var done = new Stage("accepted", def.Done ?? "审核通过", reviewers[^1], chain.Article ?? "", true, StageSteps.Approval);
        stages.Add(done);
        if (def.Rejected is not null) stages.Add(new Stage("rejected", def.Rejected, reviewers[^1], chain.Article ?? "", true, StageSteps.Rejection));
        if (def.Withdrawn is not null) stages.Add(new Stage("withdrawn", def.Withdrawn, filer, chain.Article ?? "", true, StageSteps.Withdrawal));

        var transitions = new List<Transition>();
        void Path(IReadOnlyList<string> steps, IReadOnlyList<Condition> when, IReadOnlyList<Condition> unless, string article)
        {
            var ids = new[] { draft.Id }.Concat(steps.Skip(1).Select(r => $"review_{r}")).Append(done.Id).ToList();
            for (var i = 0; i + 1 < ids.Count; i++)
            {
                var from = ids[i];
                var actor = i == 0 ? filer : steps[i];
                // A move both chains share needs no condition.
                var shared = alt is not null && SharedMove(chain.Steps, alt.Steps, from, ids[i + 1]);
                var t = new Transition(from, ids[i + 1], actor, article, shared ? [] : when, shared ? [] : unless, null);
                if (!transitions.Contains(t)) transitions.Add(t);
            }
        }
        Path(chain.Steps, [], alt?.When ?? [], chain.Article ?? "");
        if (alt is not null) Path(alt.Steps, alt.When, [], alt.Article);
        foreach (var (party, fact) in env.Vocabulary.PartyReviewers.Where(p => reviewers.Contains(p.Key)))
            SkipWhenAbsent(transitions, $"review_{party}", fact);
        if (def.Rejected is not null)
            transitions.Add(new Transition($"review_{reviewers[^1]}", "rejected", reviewers[^1], chain.Article ?? "", [], [], null));
        if (def.Withdrawn is not null)
            foreach (var s in stages.Where(s => !s.Final))
                transitions.Add(new Transition(s.Id, "withdrawn", filer, chain.Article ?? "", [], [], "申请人撤回"));
        return new StagesRule
        {
            Id = chain.Id + ":process", Kind = "stages", Area = chain.Area, Topic = "stages", Title = def.Label + "流程", Article = chain.Article,
            Note = $"由审核链“{chain.Title}”生成", File = chain.File, Mark = chain.Mark,
            Process = process, Stages = stages, Transitions = transitions, Generated = true,
        };
    }

    /// <summary>
    /// The fact the platform supplies from a case's parties (whether it has co-builders). Which reviewers it governs is data:
    /// vocabulary.yaml → party_reviewers (<see cref="Vocabulary.PartyReviewers"/>); a reviewer listed there is passed over
    /// when its fact is false instead of waiting for a reviewer who does not exist.
    /// </summary>
    public const string HasCoBuildersFact = "case.has_co_builders";

    private static void SkipWhenAbsent(List<Transition> transitions, string stage, string fact)
    {
        Condition Has(bool value) => new() { Fact = fact, Is = value };
        var into = transitions.Where(t => t.To == stage).ToList();
        var outOf = transitions.Where(t => t.From == stage).ToList();
        foreach (var t in into)
        {
            transitions[transitions.IndexOf(t)] = t with { When = [.. t.When, Has(true)] };
            foreach (var u in outOf)
            {
                var bypass = new Transition(t.From, u.To, t.Actor, t.Article, [.. t.When, .. u.When, Has(false)], [.. t.Unless, .. u.Unless], "无此审核方时跳过");
                if (!transitions.Contains(bypass)) transitions.Add(bypass);
            }
        }
    }

    private static bool SharedMove(IReadOnlyList<string> main, IReadOnlyList<string> alt, string from, string to)
    {
        static List<(string, string)> Moves(IReadOnlyList<string> steps)
        {
            var ids = new[] { "draft" }.Concat(steps.Skip(1).Select(r => $"review_{r}")).Append("accepted").ToList();
            return ids.Zip(ids.Skip(1)).ToList();
        }
        return Moves(main).Contains((from, to)) && Moves(alt).Contains((from, to));
    }

    private string Name(string id) => StageName(id);

    public string StageName(string id) => Stages.FirstOrDefault(s => s.Id == id)?.Name ?? id;

    /// <summary>The stage with this id, or null.</summary>
    public Stage? Stage(string id) => Stages.FirstOrDefault(s => s.Id == id);

    /// <summary>The first stage (in lifecycle order) that is this step — e.g. <c>FirstOf(StageSteps.Application)</c> — or null when the pack has none (新疆 has no public_notice).</summary>
    public Stage? FirstOf(string step) => Stages.FirstOrDefault(s => s.Step == step);

    /// <summary>Every stage that is this step, in lifecycle order (a pack may have several rejection stages).</summary>
    public IEnumerable<Stage> AllOf(string step) => Stages.Where(s => s.Step == step);

    /// <summary>The first stage listed: where every case of this process starts.</summary>
    public Stage? Start => Stages.Count > 0 ? Stages[0] : null;

    /// <summary>
    /// Whose move it is in a stage: the filer while it holds the stage and has not submitted, else the actor of the open
    /// transitions (null in a final stage).
    /// </summary>
    public string? HolderOf(Stage stage, Facts facts, bool submittedInStage, string filer)
    {
        if (stage.Final) return null;
        // Withdrawing is open to the filer throughout; it does not make the filer the holder.
        var open = Next(stage.Id, facts).Where(t => Stage(t.To) is { IsWithdrawal: false }).ToList();
        if (open.Any(t => t.Actor == filer)) return filer;
        if (stage.Actor == filer && !submittedInStage) return filer;
        return open.FirstOrDefault()?.Actor ?? stage.Actor;
    }

    /// <summary>The transitions open from a stage for these facts (conditions whose facts are missing are left out).</summary>
    public IEnumerable<Transition> Next(string stage, Facts facts) =>
        Transitions.Where(t => t.From == stage
            && Condition.All(t.When, facts, out _) == true
            && (t.Unless.Count == 0 || Condition.All(t.Unless, facts, out _) == false));

    /// <summary>Stages that cannot be reached from the first stage (ignoring conditions).</summary>
    public IEnumerable<Stage> Unreachable()
    {
        if (Stages.Count == 0) return [];
        var seen = new HashSet<string> { Stages[0].Id };
        var queue = new Queue<string>(seen);
        while (queue.Count > 0)
        {
            var from = queue.Dequeue();
            foreach (var t in Transitions.Where(t => t.From == from))
                if (seen.Add(t.To)) queue.Enqueue(t.To);
        }
        return Stages.Where(s => !seen.Contains(s.Id));
    }

    /// <summary>Non-final stages with no way out.</summary>
    public IEnumerable<Stage> DeadEnds() => Stages.Where(s => !s.Final && Transitions.All(t => t.From != s.Id));
}

/// <summary>kind: review_chain — who reviews, in order (依托单位 → 共建单位 → 属地主管部门 → 师科技局), with alternative chains under conditions.</summary>
public sealed class ReviewChainRule : Rule
{
    public sealed record Alternative(IReadOnlyList<Condition> When, IReadOnlyList<string> Steps, string Article);
    public IReadOnlyList<string> Steps { get; private set; } = [];
    public IReadOnlyList<Alternative> Alternatives { get; private set; } = [];

    internal override void ReadParameters(MapReader m, PackReader p)
    {
        Steps = p.ActorList(m, "steps");
        var alts = new List<Alternative>();
        foreach (var a in m.MapList("alternatives"))
        {
            var when = Condition.ReadList(a, "when", p.Vocabulary);
            var steps = p.ActorList(a, "steps");
            var article = p.Article(a, required: true) ?? "";
            a.Finish("alternative");
            if (when.Count == 0) a.Ctx.Error(a.Mark, "替代路径须有 when 条件");
            alts.Add(new Alternative(when, steps, article));
        }
        Alternatives = alts;
    }

    public IReadOnlyList<string> StepsFor(Facts facts) =>
        Alternatives.FirstOrDefault(a => Condition.All(a.When, facts, out _) == true)?.Steps ?? Steps;

    public override string Describe(EvalEnv env) =>
        $"{Title}：{string.Join(" → ", Steps.Select(env.Actor))}" +
        string.Concat(Alternatives.Select(a => $"；{Condition.DescribeAll(a.When, env.Vocabulary)}的：{string.Join(" → ", a.Steps.Select(env.Actor))}（{a.Article}）"));
}

/// <summary>kind: naming — the center's name pattern (第十二师××技术创新中心): prefix + a non-empty middle + suffix.</summary>
public sealed class NamingRule : Rule
{
    public string Prefix { get; private set; } = "";
    public string Suffix { get; private set; } = "";
    public string Pattern { get; private set; } = "";
    public string Fact { get; private set; } = "application.center_name";
    public override bool Evaluable => true;
    public override IEnumerable<string> FactsRead => base.FactsRead.Append(Fact);
    internal override void ReadParameters(MapReader m, PackReader p)
    {
        Prefix = m.String("prefix", required: true) ?? "";
        Suffix = m.String("suffix", required: true) ?? "";
        Pattern = m.String("pattern", required: true) ?? "";
        Fact = p.FactRef(m, "fact", FactType.Text) ?? Fact;
    }
    public override string Describe(EvalEnv env) => $"命名为“{Pattern}”";
    public bool Matches(string name) => name.Length > Prefix.Length + Suffix.Length && name.StartsWith(Prefix, StringComparison.Ordinal) && name.EndsWith(Suffix, StringComparison.Ordinal);
    protected override void EvaluateCore(Facts facts, EvalEnv env, List<Reason> into)
    {
        var name = facts.Text(Fact);
        if (name is null) { into.Add(Missing(Fact, env)); return; }
        into.Add(Matches(name)
            ? Make(Outcome.Pass, Pattern, name, $"名称“{name}”符合{Cite}“{Pattern}”的命名格式")
            : Make(Outcome.Fail, Pattern, name, $"名称“{name}”不符合{Cite}“{Pattern}”的命名格式（应以“{Prefix}”开头、以“{Suffix}”结尾）"));
    }
}

/// <summary>kind: amount — a sum of money with a bound (给予最高20万元的补助), checked against a fact when given.</summary>
public sealed class AmountRule : Rule
{
    public Bound? Bound { get; private set; }
    public Quantity Value { get; private set; } = new(0, QuantityFormat.Number, "元");
    public string Text { get; private set; } = "";
    public string? Fact { get; private set; }
    public override bool Evaluable => Fact is not null;
    public override IEnumerable<string> FactsRead => Fact is null ? base.FactsRead : base.FactsRead.Append(Fact);
    internal override void ReadParameters(MapReader m, PackReader p)
    {
        var bw = m.String("bound");
        if (bw is not null && PackReader.TryBound(m, bw, out var b)) Bound = b;
        if (PackReader.TryQuantity(m, m.String("value_yuan", required: true), "元", out var q)) Value = q;
        Text = m.String("text", required: true) ?? "";
        if (m.Has("fact")) Fact = p.FactRef(m, "fact", FactType.Number);
    }
    public override string Describe(EvalEnv env) => $"{Text}：{Bound?.Phrase(Value) ?? Value.ToString()}";
    protected override void EvaluateCore(Facts facts, EvalEnv env, List<Reason> into)
    {
        var n = facts.Number(Fact!);
        if (n is null) return; // judged only when an amount is recorded
        var b = Bound ?? Bound.Parse("不超过");
        into.Add(Compare(Text, n.Value, Quantity.FormatNumber(n.Value, "元"), b, Value));
    }
}

/// <summary>kind: list — an enumeration the regulation gives (change kinds, report contents, panel expertise); with a fact, every item must be present.</summary>
public sealed class ListRule : Rule
{
    public IReadOnlyList<string> Items { get; private set; } = [];
    public string? Fact { get; private set; }
    public override bool Evaluable => Fact is not null;
    public override IEnumerable<string> FactsRead => Fact is null ? base.FactsRead : base.FactsRead.Append(Fact);
    internal override void ReadParameters(MapReader m, PackReader p)
    {
        Items = m.StringList("items", required: true);
        if (m.Has("fact"))
        {
            Fact = p.FactRef(m, "fact", FactType.TextList);
            var def = _def = Fact is null ? null : p.Vocabulary.Fact(Fact);
            if (def is { Values.Count: > 0 })
                foreach (var i in Items.Where(i => !def.Values.ContainsKey(i)))
                    m.Ctx.Error(m.KeyMark("items"), $"“{i}”不是事实 {Fact} 的取值（{string.Join("/", def.Values.Keys)}）");
        }
    }
    public override string Describe(EvalEnv env) => $"{Title}：{_required}";

    // The fact's definition and the required items' wording, looked up once at load.
    private FactDefinition? _def;
    private string _required = "", _passed = "";
    internal override void Prepare()
    {
        _required = string.Join("、", Items.Select(Label));
        _passed = $"{Title}包含{_required}，符合{Cite}"; // the same words whenever nothing is missing
    }
    /// <summary>An item as the vocabulary names it; a fact without value labels (free text) is its own label.</summary>
    private string Label(string item) => _def?.ValueLabel(item) ?? item;

    protected override void EvaluateCore(Facts facts, EvalEnv env, List<Reason> into)
    {
        var have = facts.TextList(Fact!);
        if (have is null) { into.Add(Missing(Fact!, env)); return; }
        string actual;
        if (_def is not { Values.Count: > 0 }) actual = string.Join("、", have); // free text: Label(x) is x, no copy needed
        else
        {
            var labels = new string[have.Count];
            for (var i = 0; i < labels.Length; i++) labels[i] = Label(have[i]);
            actual = string.Join("、", labels);
        }
        List<string>? missing = null;
        foreach (var item in Items)
            if (!have.Contains(item)) (missing ??= []).Add(Label(item));
        into.Add(missing is null
            ? Make(Outcome.Pass, _required, actual, _passed)
            : Make(Outcome.Fail, _required, actual, $"{Title}缺少{string.Join("、", missing)}，不符合{Cite}"));
    }
}
