using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using TechCenters.Web.Data.Seed;
using TechCenters.Web.Features.Accounts;

namespace TechCenters.Web.Data;

/// <summary>At start-up: apply migrations; in a demo deployment, seed demo data when empty and print the logins.</summary>
public sealed class DatabaseInitializer(IServiceProvider services, IConfiguration config, IHostApplicationLifetime lifetime, ILogger<DatabaseInitializer> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (!config.GetValue("Database:MigrateOnStartup", true)) return;
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Several instances starting together on one PostgreSQL database take turns (Bug 0302: two demo instances both
        // seeded and one failed on a duplicate key): a session advisory lock around migrating and seeding.
        var postgres = db.Provider() == DatabaseProvider.Postgres;
        if (postgres)
        {
            await db.Database.OpenConnectionAsync(ct);
            await Migrator.WaitForLockAsync(db, StartupLockKey, ct);
        }
        IReadOnlyList<DemoAccount> accounts;
        string password;
        try
        {
            await scope.ServiceProvider.GetRequiredService<Migrator>().MigrateAsync(ct);
            if (!config.GetValue("Demo:Enabled", false)) return;

            var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
            if (await seeder.SeedAsync(ct: ct)) log.LogInformation("已写入演示数据");
            await SeedDemoCasesAsync(scope.ServiceProvider, ct);
            accounts = await seeder.EnsureAccountsAsync(ct);
            password = seeder.DemoPassword;
        }
        finally
        {
            if (postgres)
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({StartupLockKey})", CancellationToken.None);
                await db.Database.CloseConnectionAsync();
            }
        }
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            PrintBanner(addresses, accounts, password);
        });
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>The session advisory lock one instance at a time holds while it migrates and seeds (PostgreSQL).</summary>
    public const long StartupLockKey = 72610003;

    /// <summary>
    /// The demo's cases of every area, in the order each builds on the last (applications, then the centers they made, then
    /// the centers' evaluation rounds, then their changes and reports). The test fixtures that stand for the demo
    /// deployment seed it by this too, so they cannot drift from what the start-up seeds.
    /// </summary>
    public static async Task SeedDemoCasesAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await services.GetRequiredService<Seed.DemoCases>().SeedAsync(ct);
        await services.GetRequiredService<Seed.DemoCenters>().SeedAsync(ct);
        await services.GetRequiredService<Seed.DemoEvaluations>().SeedAsync(ct);
        await services.GetRequiredService<Seed.DemoDynamic>().SeedAsync(ct);
    }

    public static void PrintBanner(IEnumerable<string> addresses, IReadOnlyList<DemoAccount> accounts, string password)
    {
        var console = AnsiConsole.Console;
        console.WriteLine();
        console.MarkupLine("[bold]技术创新中心建设运行管理平台[/]（演示环境）");
        foreach (var a in addresses) console.MarkupLine($"  网址: [link]{Markup.Escape(a)}[/]");
        var table = new Table().Title("演示账号（所有账号口令相同）").AddColumn("用户名").AddColumn("角色").AddColumn("辖区").AddColumn("范围");
        // The pool's other experts (<j>-expert-02 …) are summed up in one line per jurisdiction, not listed one by one.
        static bool PoolExpert(DemoAccount a) => a.Role == Roles.Expert && System.Text.RegularExpressions.Regex.IsMatch(a.UserName, @"-expert-\d+$");
        foreach (var a in accounts.Where(a => !PoolExpert(a)))
            table.AddRow(Markup.Escape(a.UserName), Markup.Escape(Roles.ToChinese(a.Role)), Markup.Escape(a.JurisdictionName), Markup.Escape(a.Scope));
        console.Write(table);
        foreach (var g in accounts.Where(PoolExpert).GroupBy(a => a.JurisdictionName))
            console.MarkupLine($"  {Markup.Escape(g.Key)}专家库其他专家: {Markup.Escape(g.First().UserName)} … {Markup.Escape(g.Last().UserName)}（共{g.Count()}个）");
        console.MarkupLine($"  演示口令: [bold]{Markup.Escape(password)}[/]");
        console.WriteLine();
    }
}
