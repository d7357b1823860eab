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

    public static DatabaseProvider ProviderFrom(IConfiguration config)
    {
        var value = config["Database:Provider"];
        if (string.IsNullOrWhiteSpace(value) || value.Equals("Sqlite", StringComparison.OrdinalIgnoreCase)) return DatabaseProvider.Sqlite;
        if (value.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || value.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase))
            return DatabaseProvider.Postgres;
        throw new InvalidOperationException($"配置项 Database:Provider 的值“{value}”无效，应为 Sqlite 或 Postgres");
    }

    public static DatabaseProvider Provider(this AppDbContext db) =>
        db.Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    /// <summary>Configuration is read when the first context is built, so test hosts can override it.</summary>
    public static IServiceCollection AddAppDatabase(this IServiceCollection services)
    {
        services.AddDbContext<AppDbContext>((sp, o) =>
            Configure(o, sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        services.AddScoped<Migrator>();
        return services;
    }

    public static void Configure(DbContextOptionsBuilder o, IConfiguration config, string contentRoot)
    {
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
            o.UseSqlite(cs, s => s.CommandTimeout(60));
        }
        else
        {
            if (string.IsNullOrWhiteSpace(cs))
                throw new InvalidOperationException("Database:Provider=Postgres 需要配置 ConnectionStrings:Default");
            o.UseNpgsql(cs);
        }
    }
}
