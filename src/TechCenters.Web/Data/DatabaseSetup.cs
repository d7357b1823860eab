using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace TechCenters.Web.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class DatabaseSetup
{
    public const string DefaultSqliteFile = "App_Data/techcenters.db";

    public static DatabaseProvider ProviderFrom(IConfiguration config) =>
        TryProviderFrom(config) ?? throw new InvalidOperationException($"配置项 Database:Provider 的值“{config["Database:Provider"]}”无效，应为 Sqlite 或 Postgres");

    /// <summary>The configured provider, or null when the value is not one (the settings check at start reports it).</summary>
    public static DatabaseProvider? TryProviderFrom(IConfiguration config)
    {
        var value = config["Database:Provider"];
        if (string.IsNullOrWhiteSpace(value) || value.Equals("Sqlite", StringComparison.OrdinalIgnoreCase)) return DatabaseProvider.Sqlite;
        if (value.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || value.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase))
            return DatabaseProvider.Postgres;
        return null;
    }

    public static DatabaseProvider Provider(this AppDbContext db) =>
        db.Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    /// <summary>
    /// Configuration is read when the first context is built, so test hosts can override it. Each provider has its own
    /// context type (its own migration set, ADR 0007); everything else asks for <see cref="AppDbContext"/>.
    /// </summary>
    public static IServiceCollection AddAppDatabase(this IServiceCollection services)
    {
        // Every context: the audit rows it writes wake the chain sealer after commit (ADR 0010), and personal data gets its
        // keyed look-up hashes (Features/Security/PersonalData). The options are built once per app (everything they take
        // is a singleton), and contexts are pooled (reset and reused rather than built per request: docs/performance.md).
        // A pooled context must carry nothing from one request to the next: its constructor takes only the options, the
        // interceptors are singletons without per-request state, and its one field of our own (AuditAppendedInTransaction)
        // is cleared whenever a transaction starts (AuditCommitInterceptor); EF Core resets the change tracker's and the
        // database facade's settings when a context goes back to the pool.
        services.AddDbContextPool<SqliteDbContext>((sp, o) => Configure(o, sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath, sp.GetRequiredService<Features.Audit.AuditCommitInterceptor>(),
            sp.GetRequiredService<Features.Security.PersonalDataColumns.Hashes>()));
        services.AddDbContextPool<PostgresDbContext>((sp, o) => Configure(o, sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<IHostEnvironment>().ContentRootPath, sp.GetRequiredService<Features.Audit.AuditCommitInterceptor>(),
            sp.GetRequiredService<Features.Security.PersonalDataColumns.Hashes>()));
        // The kinds of case go with the context each time it is given out (their scope hooks: CaseScope, ADR 0011). They are
        // stateless singletons, listed once for the app: every request is handed the same list (nothing built per request),
        // and a pooled context carries nothing of one request into the next.
        services.AddSingleton<IReadOnlyList<Features.Cases.ICaseKind>>(sp => [.. sp.GetServices<Features.Cases.ICaseKind>()]);
        services.AddScoped<AppDbContext>(sp =>
        {
            AppDbContext db = ProviderFrom(sp.GetRequiredService<IConfiguration>()) == DatabaseProvider.Sqlite
                ? sp.GetRequiredService<SqliteDbContext>() : sp.GetRequiredService<PostgresDbContext>();
            db.Kinds = sp.GetRequiredService<IReadOnlyList<Features.Cases.ICaseKind>>();
            return db;
        });
        services.AddScoped<Migrator>();
        services.AddScoped<Seed.DemoSeeder>();
        services.AddScoped<Seed.SyntheticSeeder>();
        services.AddScoped<Seed.SyntheticLists>();
        // Migrations (and, in a demo deployment, the demo data) before the server takes requests, and before every other
        // hosted service (Data Protection loads its key ring from the database, Quartz checks its tables, the audit sealer
        // reads the chain): hosted services start in the order they were registered, so this one goes first.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, DatabaseInitializer>());
        return services;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder o, IConfiguration config, string contentRoot,
        params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors)
    {
        // One model per key ring: the personal-data columns carry the app's SM4 keys (Features/Security/PersonalData).
        o.ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, Features.Security.PersonalDataColumns.ModelCacheKey>();
        if (interceptors.Length > 0) o.AddInterceptors(interceptors);
        var provider = ProviderFrom(config);
        var cs = config.GetConnectionString("Default");
        if (provider == DatabaseProvider.Sqlite)
        {
            if (string.IsNullOrWhiteSpace(cs))
            {
                var file = Path.Combine(contentRoot, DefaultSqliteFile);
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                cs = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ToString();
            }
            o.UseSqlite(cs, s => s.CommandTimeout(60).MigrationsHistoryTable(Migrator.HistoryTable));
            // A migration that rebuilds a table runs outside a transaction and says so per operation (17 English warnings on
            // a new database's first start): the migrator says it once, in Chinese, when it upgrades an existing one.
            o.ConfigureWarnings(w => w.Log(
                (Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Debug),
                (Microsoft.EntityFrameworkCore.Diagnostics.SqliteEventId.TableRebuildPendingWarning, LogLevel.Debug)));
            // Every connection, not only the migrator's: committed rows survive a power cut, and foreign keys hold.
            o.AddInterceptors(SqlitePragmas.Instance);
        }
        else
        {
            if (string.IsNullOrWhiteSpace(cs))
                throw new InvalidOperationException("Database:Provider=Postgres 需要配置 ConnectionStrings:Default");
            o.UseNpgsql(cs, n => n.MigrationsHistoryTable(Migrator.HistoryTable));
        }
        return o;
    }
}

/// <summary>
/// Runs on every SQLite connection as it opens: FULL sync (WAL is set once, by the migrator) and foreign keys on. Both are
/// settings of the SQLite connection itself, which the pool keeps open between uses, so they are set once per physical
/// connection (its handle), not on every open (a statement per query: measured in docs/performance.md).
/// </summary>
public sealed class SqlitePragmas : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();
    private const string Sql = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Done = new();

    private static bool Needed(System.Data.Common.DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || !Done.TryGetValue(handle, out _);

    private static void Mark(System.Data.Common.DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle }) Done.AddOrUpdate(handle, Instance);
    }

    public override void ConnectionOpened(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData)
    {
        if (!Needed(connection)) return;
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        cmd.ExecuteNonQuery();
        Mark(connection);
    }

    public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        if (!Needed(connection)) return;
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Sql;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
        Mark(connection);
    }
}

/// <summary>
/// `dotnet ef migrations add` builds each provider's context with these (no database is reached). The app's Identity
/// options travel with them: the Identity schema version decides which tables the model has.
/// </summary>
public sealed class SqliteDesignTimeFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<SqliteDbContext>
{
    public SqliteDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteDbContext>().UseApplicationServiceProvider(StandaloneServices.Instance)
            .UseSqlite("Data Source=design-time.db", s => s.MigrationsHistoryTable(Migrator.HistoryTable)).Options);
}

public sealed class PostgresDesignTimeFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<PostgresDbContext>
{
    public PostgresDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDbContext>().UseApplicationServiceProvider(StandaloneServices.Instance)
            .UseNpgsql("Host=localhost;Database=design_time", n => n.MigrationsHistoryTable(Migrator.HistoryTable)).Options);
}

/// <summary>What a context built outside the app's DI needs to make the same model (design time, tools, migration tests).</summary>
public static class StandaloneServices
{
    public static readonly IServiceProvider Instance = new ServiceCollection()
        .Configure<Microsoft.AspNetCore.Identity.IdentityOptions>(o => o.Stores.SchemaVersion = Features.Accounts.AccountsSetup.IdentitySchema)
        .BuildServiceProvider();
}
