using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;
using TechCenters.Web.Data;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Features;

/// <summary>Start-up settings: a bad value stops the app with a Chinese message naming its key; SQLite pragmas on every connection.</summary>
[Collection(SqliteCollection.Name)]
public sealed class SettingsTests(SqliteAppFixture app)
{
    [Theory]
    [InlineData("App:TimeZone", "Mars/Olympus", "App:TimeZone")]
    [InlineData("Attachments:MaxBytes", "二十兆", "Attachments:MaxBytes")]
    [InlineData("Security:LoginRateLimit:PermitLimit", "0", "Security:LoginRateLimit:PermitLimit")]
    [InlineData("Demo:Enabled", "yes", "Demo:Enabled")]
    [InlineData("Database:Provider", "Oracle", "Database:Provider")]
    public void A_bad_setting_stops_the_app_at_start_with_a_Chinese_message_naming_the_key(string key, string value, string named)
    {
        using var factory = app.CreateFactory(b => b.UseSetting(key, value));
        var e = Should.Throw<OptionsValidationException>(() => factory.Services.GetRequiredService<AppDbContext>());
        e.Message.ShouldContain(named);
        e.Message.ShouldContain("无效");
    }

    [Fact]
    public async Task Every_SQLite_connection_runs_with_full_sync_and_foreign_keys()
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var cmd = db.Database.GetDbConnection().CreateCommand();
            cmd.CommandText = "PRAGMA synchronous";
            Convert.ToInt32(await cmd.ExecuteScalarAsync()).ShouldBe(2); // FULL
            cmd.CommandText = "PRAGMA foreign_keys";
            Convert.ToInt32(await cmd.ExecuteScalarAsync()).ShouldBe(1);
            cmd.CommandText = "PRAGMA journal_mode";
            (await cmd.ExecuteScalarAsync())!.ToString().ShouldBe("wal");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
