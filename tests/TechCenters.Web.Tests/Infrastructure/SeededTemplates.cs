using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Npgsql;
using TechCenters.Web.Data;

namespace TechCenters.Web.Tests.Infrastructure;

/// <summary>
/// Seeding the demo portfolio is most of what starting a fixture costs, and about forty fixtures seed the same one. It is
/// seeded once per kind and test run, and each fixture starts from a copy (SQLite's online backup; PostgreSQL's
/// <c>CREATE DATABASE … TEMPLATE</c>). A kind is the same packs, engine and clock: the in-process fixtures' fake clock, or
/// today's date in Asia/Shanghai for the live demo apps. A fixture with packs of its own seeds its own.
/// </summary>
public static class SeededTemplates
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Made = new();

    /// <summary>The seeded template of a kind (a SQLite file or a PostgreSQL database name), made by the first that asks.</summary>
    public static Task<string> GetAsync(string kind, Func<Task<string>> make) =>
        Made.GetOrAdd(kind, _ => new Lazy<Task<string>>(make)).Value;

    /// <summary>Copies a seeded SQLite file into a new file, consistent even if the template still had a write-ahead log.</summary>
    public static void CopySqlite(string template, string file)
    {
        using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = template, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        source.Open();
        target.Open();
        source.BackupDatabase(target);
    }

    /// <summary>The live demo app's seeded SQLite file for today: the app started once on it (its start-up seeds the demo).</summary>
    public static Task<string> LiveDemoAsync() =>
        GetAsync($"live-sqlite-{TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")):yyyyMMdd}", async () =>
        {
            var file = NewSqliteFile();
            var cs = TechCenters.Web.Tests.Browser.LiveApp.ConnectionString(file);
            await using (var app = TechCenters.Web.Tests.Browser.LiveApp.Build(TechCenters.Web.Tests.Browser.LiveApp.Arguments(cs)))
            {
                await app.StartAsync();
                await app.StopAsync();
            }
            ReleaseSqlite(cs);
            return file;
        });

    public static void ReleaseSqlite(string connectionString)
    {
        using var c = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(c);
    }

    public static void DeleteSqlite(string file)
    {
        foreach (var f in new[] { file, file + "-wal", file + "-shm" })
            if (File.Exists(f)) File.Delete(f);
    }

    // Templates are removed when the test host exits; the test runner may end a host before its exit handlers finish,
    // so the files go first, and a template older than a day (a run's, killed or cut short) is removed by the next run.
    private const string FilePrefix = "techcenters-template-";
    private const string DatabasePrefix = "techcenters_template_";
    private static readonly TimeSpan Stale = TimeSpan.FromDays(1);
    private static readonly ConcurrentQueue<string> Files = new();
    private static readonly ConcurrentQueue<(string Admin, string Name)> Databases = new();

    static SeededTemplates()
    {
        foreach (var f in Directory.EnumerateFiles(Path.GetTempPath(), FilePrefix + "*.db"))
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(f) > Stale) Try(() => DeleteSqlite(f));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var f in Files) Try(() => DeleteSqlite(f));
            foreach (var (admin, name) in Databases) Try(() => PostgresDatabases.DropAsync(admin, name).GetAwaiter().GetResult());
        };
    }

    private static void Try(Action remove)
    {
        try { remove(); }
        catch (Exception e) { Console.Error.WriteLine($"测试模板未能删除：{e.Message}"); } // and the next is still removed
    }

    /// <summary>A new template file's path, removed when the test run ends.</summary>
    public static string NewSqliteFile()
    {
        var file = Path.Combine(Path.GetTempPath(), $"{FilePrefix}{Guid.NewGuid():N}.db");
        Files.Enqueue(file);
        return file;
    }

    /// <summary>A new template database's name (its creation time in it), dropped when the test run ends; stale ones are dropped now.</summary>
    public static async Task<string> NewPostgresNameAsync(string admin)
    {
        var now = DateTimeOffset.UtcNow;
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"SELECT datname FROM pg_database WHERE datname LIKE '{DatabasePrefix}%'", conn);
            var stale = new List<string>();
            await using (var r = await cmd.ExecuteReaderAsync())
                while (await r.ReadAsync())
                    if (long.TryParse(r.GetString(0)[DatabasePrefix.Length..].Split('_')[0], out var made) && now - DateTimeOffset.FromUnixTimeSeconds(made) > Stale)
                        stale.Add(r.GetString(0));
            foreach (var name in stale) await PostgresDatabases.DropAsync(admin, name);
        }
        var fresh = $"{DatabasePrefix}{now.ToUnixTimeSeconds()}_{Guid.NewGuid():N}";
        Databases.Enqueue((admin, fresh));
        return fresh;
    }
}
