using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using TechCenters.Policy;
using Xunit;

namespace TechCenters.Web.Tests.Processes;

/// <summary>
/// The real app as an operating-system process (the built <c>TechCenters.Web.dll</c>, run with <c>dotnet</c>) on a
/// loopback port, so a test can SIGKILL it mid-request and start it again on the same database. Output is kept for the
/// failure message. Admin commands run the same way (<see cref="RunCliAsync"/>).
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly string[] settings;
    private Process? process;
    private readonly StringBuilder output = new();

    public int Port { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");
    public string Output { get { lock (output) return output.ToString(); } }
    public bool Running => process is { HasExited: false };

    /// <param name="settings">configuration as <c>Key=Value</c> (passed as <c>--Key=Value</c>)</param>
    public AppProcess(IEnumerable<string> settings, int? port = null)
    {
        this.settings = settings.ToArray();
        Port = port ?? FreePort();
    }

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>The app's build output next to this test assembly's configuration (Debug or Release).</summary>
    public static string AppDll
    {
        get
        {
            var root = Path.GetDirectoryName(PolicyCatalog.FindPoliciesRoot())!;
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name; // bin/<Configuration>/net10.0
            var dll = Path.Combine(root, "src", "TechCenters.Web", "bin", configuration, "net10.0", "TechCenters.Web.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"找不到应用程序 {dll}：请先构建解决方案", dll);
        }
    }

    /// <summary>Starts the server and waits until <c>/health/ready</c> answers 200 (migrations and demo seeding done).</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        if (Running) throw new InvalidOperationException("进程已在运行");
        process = Launch(["--urls", $"http://127.0.0.1:{Port}", .. settings.Select(s => "--" + s)], output);
        await WaitReadyAsync(timeout ?? TimeSpan.FromMinutes(3));
    }

    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (process is { HasExited: true }) throw new InvalidOperationException($"应用进程已退出（{process.ExitCode}）：\n{Tail()}");
            try
            {
                if ((await http.GetAsync("health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"应用在 {timeout.TotalSeconds:F0} 秒内未就绪：\n{Tail()}");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, in-flight requests cut off.</summary>
    public async Task KillAsync()
    {
        if (process is null) return;
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.WaitForExit(); // and its output read to the end
        process.Dispose();
        process = null;
    }

    public string Tail(int lines = 60) => string.Join('\n', Output.Split('\n').TakeLast(lines));

    /// <summary>Runs an admin command of the same executable with the same settings; returns exit code and output.</summary>
    public Task<(int ExitCode, string Output)> RunCliAsync(params string[] command) => RunCliAsync(settings, command);

    public static async Task<(int ExitCode, string Output)> RunCliAsync(IEnumerable<string> settings, params string[] command)
    {
        var text = new StringBuilder();
        using var p = Launch([.. command, .. settings.Select(s => "--" + s)], text);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try { await p.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"命令 {string.Join(' ', command)} 未在 10 分钟内结束：\n{text}");
        }
        p.WaitForExit(); // drains the output readers
        lock (text) return (p.ExitCode, text.ToString());
    }

    private static Process Launch(IEnumerable<string> args, StringBuilder sink)
    {
        var dll = AppDll;
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(dll))))!, // src/TechCenters.Web
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_gcServer"] = "0";
        var p = new Process { StartInfo = info };
        DataReceivedEventHandler keep = (_, e) => { if (e.Data is not null) lock (sink) sink.AppendLine(e.Data); };
        p.OutputDataReceived += keep;
        p.ErrorDataReceived += keep;
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    public async ValueTask DisposeAsync() => await KillAsync();
}

/// <summary>
/// Process-level tests start real servers and databases: one at a time, first, beside the in-process tests and never beside
/// a browser walk (<see cref="Infrastructure.CollectionOrder"/>).
/// </summary>
[CollectionDefinition(Name)]
public sealed class ProcessCollection
{
    public const string Name = "Processes";
}
