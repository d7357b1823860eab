namespace TechCenters.Web.Infrastructure;

/// <summary>
/// The years a year field accepts, read by both its check and its input's min/max, so the form never offers what the
/// check refuses (Bug 0662) nor refuses what the form offers.
/// </summary>
public readonly record struct YearRange(int First, int Last)
{
    /// <summary>No record the platform keeps predates 2000.</summary>
    public const int Earliest = 2000;

    /// <summary>A list filter's year: any year a record could carry.</summary>
    public static readonly YearRange Filter = new(Earliest, 2100);

    public static YearRange UpTo(int last) => new(Earliest, last);

    public bool Contains(int year) => year >= First && year <= Last;

    /// <summary>「…应在 2000 至 2026 之间。」 for the field named <paramref name="field"/>.</summary>
    public string Refusal(string field) => $"{field}应在 {First} 至 {Last} 之间。";
}
