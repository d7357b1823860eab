using TechCenters.Bench;

namespace TechCenters.Policy.Tests;

/// <summary>
/// The policy benchmark (bench/TechCenters.Bench, docs/performance.md) compares each pack's evaluation with hand-written C#
/// that must give the same verdict. Nothing ran that check but the benchmark itself, so when the packs were made more
/// faithful (filing with the bureau and the department, 原则上 as the officer's judgement, …) the benchmark stopped running
/// unnoticed. Here the check runs with the tests: a pack rule changed without the hand-written baseline fails.
/// </summary>
public class BenchmarkBaselineTests
{
    [Fact]
    public void Bug_0333_the_policy_benchmarks_hand_written_baseline_gives_the_packs_verdict()
    {
        var (summary, differences) = Verification.Run();
        differences.ShouldBeEmpty("基准测试的手写 C# 与政策包的结论不一致；请按政策包更新 bench/TechCenters.Bench/HandWritten.cs（及 Program.cs 的示例事实）：\n" +
            string.Join("\n", differences));
        summary.Count.ShouldBe(EvaluationBenchmarks.Jurisdictions.Length);
    }
}
