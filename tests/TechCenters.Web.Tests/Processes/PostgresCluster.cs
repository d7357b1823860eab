using System.Diagnostics;
using Npgsql;

namespace TechCenters.Web.Tests.Processes;

/// <summary>
/// A throwaway PostgreSQL cluster of the test's own (initdb + pg_ctl, as the <c>postgres</c> user when running as root,
/// as scripts/test.sh does) on a free loopback port: a test may stop it <c>-m immediate</c>, start it again, stream it to a
/// standby and promote that. Removed on dispose. The shared development server is never touched.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    public string Directory { get; }
    public string DataDirectory => Path.Combine(Directory, "data");
    public int Port { get; }
    private static readonly bool Root = Environment.UserName == "root";

    private PostgresCluster(string directory, int port)
    {
        Directory = directory;
        Port = port;
    }

    public static string Bin
    {
        get
        {
            var versions = new DirectoryInfo("/usr/lib/postgresql").Exists
                ? new DirectoryInfo("/usr/lib/postgresql").GetDirectories().Select(d => d.Name).OrderBy(n => int.TryParse(n, out var v) ? v : 0).ToList()
                : [];
            return versions.Count > 0 ? $"/usr/lib/postgresql/{versions[^1]}/bin"
                : throw new InvalidOperationException("找不到 PostgreSQL 程序（/usr/lib/postgresql/*/bin）：scripts/test.sh 会安装 postgresql");
        }
    }

    /// <summary>Configuration lines for postgresql.conf beyond the defaults (e.g. synchronous replication).</summary>
    public static async Task<PostgresCluster> CreateAsync(params string[] settings)
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("techcenters-pgc-").FullName;
        await ChownAsync(dir);
        var cluster = new PostgresCluster(dir, AppProcess.FreePort());
        await RunAsync(Path.Combine(Bin, "initdb"), "-D", cluster.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        await cluster.ConfigureAsync(settings);
        await cluster.StartAsync();
        return cluster;
    }

    /// <summary>A streaming standby of <paramref name="primary"/> (pg_basebackup -R), started, on its own port.</summary>
    public static async Task<PostgresCluster> StandbyOfAsync(PostgresCluster primary, string applicationName = "standby1")
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("techcenters-pgs-").FullName;
        await ChownAsync(dir);
        var standby = new PostgresCluster(dir, AppProcess.FreePort());
        await RunAsync(Path.Combine(Bin, "pg_basebackup"), "-h", "127.0.0.1", "-p", primary.Port.ToString(), "-U", "postgres",
            "-D", standby.DataDirectory, "-R", "-X", "stream", "-c", "fast", "-d", $"host=127.0.0.1 port={primary.Port} user=postgres application_name={applicationName}");
        // The copied configuration is the primary's: later lines win, so its own port and socket folder go last, and no
        // synchronous standby of its own (promoted, it would wait for one that does not exist and every commit would hang).
        await File.AppendAllLinesAsync(Path.Combine(standby.DataDirectory, "postgresql.conf"),
            [$"port = {standby.Port}", $"unix_socket_directories = '{standby.Directory}'", "synchronous_standby_names = ''"]);
        await standby.StartAsync();
        return standby;
    }

    private async Task ConfigureAsync(string[] settings)
    {
        var lines = new[]
        {
            "listen_addresses = '127.0.0.1'", $"port = {Port}", $"unix_socket_directories = '{Directory}'", "max_connections = 200",
            "wal_level = replica", "max_wal_senders = 5", "hot_standby = on",
        }.Concat(settings);
        await File.AppendAllLinesAsync(Path.Combine(DataDirectory, "postgresql.conf"), lines);
        await File.AppendAllLinesAsync(Path.Combine(DataDirectory, "pg_hba.conf"), ["host replication all 127.0.0.1/32 trust"]);
    }

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Password=unused;Pooling=false;Timeout=5";

    public string ConnectionString(string database, int maxPool = 30) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = true, MaxPoolSize = maxPool }.ToString();

    public Task StartAsync() => RunAsync(Path.Combine(Bin, "pg_ctl"), "-D", DataDirectory, "-w", "-t", "60", "-l", Path.Combine(Directory, "log"), "start");

    /// <summary>Stops at once, as a crash would (no checkpoint; recovery replays the WAL on the next start).</summary>
    public Task StopImmediateAsync() => RunAsync(Path.Combine(Bin, "pg_ctl"), "-D", DataDirectory, "-m", "immediate", "-w", "stop");

    public Task PromoteAsync() => RunAsync(Path.Combine(Bin, "pg_ctl"), "-D", DataDirectory, "-w", "-t", "60", "promote");

    public async Task<bool> IsInRecoveryAsync()
    {
        await using var conn = new NpgsqlConnection(AdminConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT pg_is_in_recovery()", conn);
        return (bool)(await cmd.ExecuteScalarAsync())!;
    }

    public Task CreateDatabaseAsync(string name) => Infrastructure.PostgresDatabases.CreateAsync(AdminConnectionString, name);

    public string Log => File.Exists(Path.Combine(Directory, "log")) ? File.ReadAllText(Path.Combine(Directory, "log")) : "";

    private static Task ChownAsync(string dir) => Root ? RunRawAsync("chown", "postgres", dir) : Task.CompletedTask;

    /// <summary>Runs a PostgreSQL program, as the postgres user when the tests run as root.</summary>
    public static Task RunAsync(string program, params string[] args) =>
        Root ? RunRawAsync("runuser", ["-u", "postgres", "--", program, .. args]) : RunRawAsync(program, args);

    private static async Task RunRawAsync(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} 失败（{p.ExitCode}）：{await stderr}{await stdout}");
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try { await StopImmediateAsync(); } catch (InvalidOperationException) { /* already stopped */ }
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
