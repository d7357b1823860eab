using TechCenters.Web.Features.Security;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Tests.Infrastructure;

/// <summary>Throwaway key files for test hosts (never in the repository): one shared by this test run, more on demand.</summary>
public static class TestKeys
{
    private static readonly Lazy<string> Shared = new(() => NewFile());

    /// <summary>The key file every fixture's host uses unless a test asks for its own.</summary>
    public static string File => Shared.Value;

    public static string NewFile(Action<KeyFile>? configure = null)
    {
        var path = Path.Combine(Path.GetTempPath(), "techcenters-test-keys", $"{Guid.NewGuid():N}.json");
        var keys = KeyFile.Generate(new BouncyCastleCryptoProvider(), DateTimeOffset.UtcNow);
        configure?.Invoke(keys);
        keys.Save(path);
        return path;
    }

    /// <summary>A copy of a key file (to add a key to it without touching the original).</summary>
    public static string Copy(string path)
    {
        var copy = Path.Combine(Path.GetTempPath(), "techcenters-test-keys", $"{Guid.NewGuid():N}.json");
        System.IO.File.Copy(path, copy);
        return copy;
    }
}
