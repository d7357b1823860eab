using Npgsql;

namespace TechCenters.Web.Tests.Infrastructure;

/// <summary>Databases of a test's own on a PostgreSQL server: made empty (UTF-8) and dropped with every connection to them.</summary>
public static class PostgresDatabases
{
    /// <summary>The admin connection string of the tests' server (scripts/test.sh starts one and sets it).</summary>
    public static string Admin => Environment.GetEnvironmentVariable(PostgresAppFixture.EnvVar)
        ?? throw new InvalidOperationException(
            $"PostgreSQL 测试需要环境变量 {PostgresAppFixture.EnvVar}（管理员连接串，例如 Host=127.0.0.1;Port=5432;Username=postgres;Password=x）。" +
            "README 中的测试命令会启动临时 PostgreSQL 并设置它。");

    /// <summary>
    /// Creates the database, empty or as a copy of a seeded template; returns a connection string to it (pool bounded for
    /// the shared server).
    /// </summary>
    public static async Task<string> CreateAsync(string admin, string name, int maxPool = 30, string template = "template0")
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var conn = new NpgsqlConnection(admin);
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE \"{template}\"", conn);
                await cmd.ExecuteNonQueryAsync();
                break;
            }
            // A template's last session may still be ending on the server after its pool was cleared.
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 50)
            {
                await Task.Delay(100);
            }
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = maxPool }.ToString();
    }

    public static async Task DropAsync(string admin, string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
