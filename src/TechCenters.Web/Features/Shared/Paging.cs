namespace TechCenters.Web.Features.Shared;

public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public bool HasPrevious => PageNumber > 1;
    public bool HasNext => PageNumber < PageCount;

    public static int Clamp(int page) => page < 1 ? 1 : Math.Min(page, 100_000);
}
