using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using TechCenters.Policy;

namespace TechCenters.Bench;

public static class Program
{
    public static int Main(string[] args)
    {
        // Before measuring anything, prove the hand-written baseline does the same work: same reasons, same messages.
        foreach (var j in EvaluationBenchmarks.Jurisdictions)
        {
            var b = new EvaluationBenchmarks { Jurisdiction = j };
            b.Setup();
            var pack = b.PackDriven();
            var hand = b.HandWrittenCsharp();
            var same = pack.Outcome == hand.Outcome && pack.Reasons.SequenceEqual(hand.Reasons);
            Console.WriteLine($"{j}: {pack.Reasons.Count} reasons, outcome {pack.Outcome}; hand-written identical: {same}");
            if (!same)
            {
                foreach (var (p, h) in pack.Reasons.Zip(hand.Reasons).Where(x => x.First != x.Second))
                    Console.WriteLine($"  pack: {p}\n  hand: {h}");
                if (pack.Reasons.Count != hand.Reasons.Count) Console.WriteLine($"  counts differ: {pack.Reasons.Count} vs {hand.Reasons.Count}");
                return 1;
            }
        }
        if (args.Contains("--verify-only")) return 0;
        // In-process, short runs (3 warm-ups, 10 iterations): quick on a shared 2-core machine, no generated project to restore.
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(Job.ShortRun.WithIterationCount(10).WithToolchain(InProcessEmitToolchain.Instance))
            .AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }
}

/// <summary>One application's full eligibility and governance checks per jurisdiction: pack-driven vs hand-written C#.</summary>
[MemoryDiagnoser]
public class EvaluationBenchmarks
{
    public static readonly string[] Jurisdictions = ["xpcc-12th-division", "chongqing-wanzhou"];

    public static IEnumerable<string> JurisdictionValues => Jurisdictions;

    [ParamsSource(nameof(JurisdictionValues))]
    public string Jurisdiction { get; set; } = "";

    private PolicyPack _pack = null!;
    private Facts _facts = null!;
    private Func<Facts, Verdict> _hand = null!;

    [GlobalSetup]
    public void Setup()
    {
        var catalog = PolicyCatalog.Load(PolicyCatalog.FindPoliciesRoot());
        _pack = catalog.For(Jurisdiction, new DateOnly(2025, 3, 1)).Pack!;
        _facts = Facts.FromYaml(Applications.For(Jurisdiction), catalog.Vocabulary);
        _hand = Jurisdiction switch
        {
            "xpcc-12th-division" => HandWritten.Xpcc,
            "chongqing-wanzhou" => HandWritten.Wanzhou,
            _ => throw new ArgumentException(Jurisdiction),
        };
    }

    private static readonly string[] Areas = ["eligibility", "governance"];

    [Benchmark(Baseline = true)]
    public Verdict HandWrittenCsharp() => _hand(_facts);

    [Benchmark]
    public Verdict PackDriven() => _pack.Evaluate(_facts, Areas);
}

/// <summary>Loading and validating every pack under policies/ (what `policy validate` and start-up do).</summary>
[MemoryDiagnoser]
public class LoadBenchmarks
{
    private string _root = "";

    [GlobalSetup]
    public void Setup() => _root = PolicyCatalog.FindPoliciesRoot();

    [Benchmark]
    public int LoadAndValidateAllPacks() => PolicyCatalog.Load(_root).Packs.Count;
}

/// <summary>The application evaluated per jurisdiction (the examples in policies/README.md).</summary>
public static class Applications
{
    public static string For(string jurisdiction) => jurisdiction switch
    {
        "xpcc-12th-division" => """
            lead:
              type: enterprise
              independent_legal_person: true
              industry_leader: true
              has_independent_rd_unit: true
              good_operating_condition: true
              leading_capability: true
              resource_integration: true
              stable_support: true
              reports_to_bureau_directly: false
              main_revenue_last_year: 250000000
              sales_revenue_last_year: 240000000
              rd_expense_last_year: 5000000
            co_builders:
              - { name: 石河子大学, type: university, region: province }
              - { name: 某师内企业, type: enterprise, region: local, core: true }
            co_builders_backbone: true
            tech_leader: { exists: true }
            agreement: { term_years: 3, rights_and_duties: true, exit_mechanism: true, signed_sealed_by_all: true }
            application: { center_name: 第十二师现代农业装备技术创新中心, plan_chars: 6500 }
            bodies:
              council: { members: { lead: 3, co_builder: 2, government: 2 }, meetings_last_year: 1 }
              expert_committee: { members: { lead: 1, co_builder: 2, external: 5 }, meetings_last_year: 1 }
            director: { full_time: true, filed: true }
            """,
        "chongqing-wanzhou" => """
            lead:
              independent_legal_person: true
              bad_credit_last_3y: false
              major_violation_last_3y: false
              major_accident_last_3y: false
              leading_capability: true
              resource_integration: true
              sound_internal_management: true
              own_ip_results: true
              software_industry: true
              rd_expense_last_year: 3000000
              conversion_income_last_year: 2500000
            application: { aligned_with_strategy: true, center_name: 重庆市万州区工业软件技术创新中心 }
            co_builders:
              - { name: 重庆三峡学院, type: university, region: local }
            agreement: { exists: true, names_lead: true, rights_and_duties: true, lead_commits_funding: true }
            team: { stable: true, rd_staff: 25 }
            director: { composite_talent: true }
            facilities: { lab_area_m2: 320, instrument_value: 900000 }
            bodies:
              expert_committee: { members: { lead: 2, co_builder: 1, external: 6 }, chair: external, filed: true }
              council: { filed: true }
            """,
        _ => throw new ArgumentException(jurisdiction),
    };
}
