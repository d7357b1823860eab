namespace TechCenters.Policy;

/// <summary>One problem found while loading packs: file relative to the policies root, 1-based line and column, message in Chinese (with English).</summary>
public sealed record PolicyError(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

/// <summary>Thrown by <see cref="PolicyCatalog.Load"/> when any pack is invalid; carries every error found, not just the first.</summary>
public sealed class PolicyLoadException(IReadOnlyList<PolicyError> errors)
    : Exception($"政策包加载失败，共 {errors.Count} 处错误 (policy packs failed to load):{Environment.NewLine}" + string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<PolicyError> Errors { get; } = errors;
}
