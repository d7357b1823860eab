using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TechCenters.Web.Data;

namespace TechCenters.Web.Tests.Infrastructure;

/// <summary>An empty database of its own (a SQLite file or a PostgreSQL database), for migration tests; dropped on dispose.</summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    private readonly string? file;
    private readonly string? admin;
    private readonly string? name;

    private ScratchDatabase(DatabaseProvider provider, string cs, string? file, string? admin, string? name)
    {
        Provider = provider; ConnectionString = cs; this.file = file; this.admin = admin; this.name = name;
    }

    public static async Task<ScratchDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"techcenters-scratch-{Guid.NewGuid():N}.db");
            return new(provider, new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString(), file, null, null);
        }
        var admin = PostgresDatabases.Admin;
        var name = $"techcenters_scratch_{Guid.NewGuid():N}";
        return new(provider, await PostgresDatabases.CreateAsync(admin, name, maxPool: 10), null, admin, name);
    }

    /// <summary>A context on this database, configured as the app configures it.</summary>
    public AppDbContext Context(ILoggerFactory? log = null) => Context(Provider, ConnectionString, log);

    /// <summary>A context on any database of the app (e.g. one a test's app process writes), configured as the app configures it.</summary>
    public static AppDbContext Context(DatabaseProvider provider, string connectionString, ILoggerFactory? log = null)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Default"] = connectionString,
        }).Build();
        if (provider == DatabaseProvider.Sqlite)
        {
            var o = new DbContextOptionsBuilder<SqliteDbContext>().UseApplicationServiceProvider(StandaloneServices.Instance);
            if (log is not null) o.UseLoggerFactory(log);
            DatabaseSetup.Configure(o, config, Path.GetTempPath());
            return new SqliteDbContext(o.Options);
        }
        var p = new DbContextOptionsBuilder<PostgresDbContext>().UseApplicationServiceProvider(StandaloneServices.Instance);
        if (log is not null) p.UseLoggerFactory(log);
        DatabaseSetup.Configure(p, config, Path.GetTempPath());
        return new PostgresDbContext(p.Options);
    }

    public Migrator Migrator(AppDbContext db) => new(db, NullLogger<Migrator>.Instance);

    /// <summary>Runs raw SQL (several statements allowed) on a connection of its own.</summary>
    public async Task ExecAsync(string sql)
    {
        await using var db = Context();
        await db.Database.OpenConnectionAsync();
        await using var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (file is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { file, file + "-wal", file + "-shm" }) if (File.Exists(f)) File.Delete(f);
            return;
        }
        await PostgresDatabases.DropAsync(admin!, name!);
    }
}
