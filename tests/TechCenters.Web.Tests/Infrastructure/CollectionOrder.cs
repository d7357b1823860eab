using Xunit;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("TechCenters.Web.Tests.Infrastructure.CollectionOrder", "TechCenters.Web.Tests")]

namespace TechCenters.Web.Tests.Infrastructure;

/// <summary>
/// The order test collections start in; xUnit runs as many at once as the machine has cores (two on the test machines).
/// The process-level tests start first, beside the in-process tests, and the browser walks start last: a burst of the
/// process tests beside a browser walk starved it into its timeouts, and run alone after everything else they left one
/// of the two cores idle for six minutes. The longest walks start first among the browser tests (one started last would
/// run on alone); otherwise by name, so the order does not change from run to run.
/// </summary>
public sealed class CollectionOrder : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> collections) =>
        collections.OrderBy(Rank).ThenBy(Long).ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    /// <summary>The walks that took longest in the runs measured (TestResults/*.trx), longest first.</summary>
    private static readonly string[] LongWalks = ["WholePathBrowserTests", "EvaluationBrowserTests", "BrowserTests", "DynamicBrowserTests", "OverviewBrowserTests"];

    private static int Long(ITestCollection collection)
    {
        var i = Array.FindIndex(LongWalks, w => collection.DisplayName.EndsWith("." + w, StringComparison.Ordinal));
        return i < 0 ? LongWalks.Length : i;
    }

    public static int Rank(ITestCollection collection) =>
        collection.DisplayName == Processes.ProcessCollection.Name ? 0
        : collection.DisplayName.Contains("Browser", StringComparison.Ordinal) ? 2
        : 1;
}
