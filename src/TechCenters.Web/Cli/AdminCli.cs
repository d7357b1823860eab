using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using TechCenters.Web.Data;
using TechCenters.Web.Data.Seed;
using TechCenters.Web.Features.Audit;

namespace TechCenters.Web.Cli;

/// <summary>
/// Admin subcommands of the one executable. To add a command group, write a static
/// <c>Create(AppServices services)</c> that returns a <see cref="Command"/> and add one line in <see cref="Build"/>.
/// </summary>
public static class AdminCli
{
    public static RootCommand Build(AppServices services)
    {
        var root = new RootCommand("技术创新中心建设运行管理平台。不带子命令时启动网站。");
        root.Subcommands.Add(MigrateCommand(services));
        root.Subcommands.Add(SeedCommand(services));
        root.Subcommands.Add(AuditCommand(services));
        // Further command groups (e.g. policy, calendar) are added here, one line each.
        return root;
    }

    public static bool IsAdminCommand(string[] args)
    {
        if (args.Length == 0) return false;
        if (args[0] is "-h" or "--help" or "-?" or "--version") return true;
        return Build(new AppServices([])).Subcommands.Any(c => c.Name == args[0]);
    }

    public static async Task<int> RunAsync(string[] args)
    {
        await using var services = new AppServices([]);
        return await Build(services).Parse(args).InvokeAsync();
    }

    private static Command MigrateCommand(AppServices services)
    {
        var cmd = new Command("migrate", "应用数据库迁移脚本（版本化 SQL，事务内执行）");
        cmd.SetAction(async (_, ct) =>
        {
            using var scope = services.CreateScope();
            var applied = await scope.ServiceProvider.GetRequiredService<Migrator>().MigrateAsync(ct);
            AnsiConsole.MarkupLine(applied.Count == 0 ? "数据库已是最新版本" : $"已应用迁移：{string.Join("，", applied)}");
            return 0;
        });
        return cmd;
    }

    private static Command SeedCommand(AppServices services)
    {
        var demo = new Option<bool>("--demo") { Description = "写入演示数据（五个辖区、单位、人员、专家、各角色账号）；重复执行不会重复写入" };
        var synthetic = new Option<bool>("--synthetic") { Description = "写入合成的大规模单位数据（用于性能测试）" };
        var units = new Option<int>("--units") { Description = "合成单位数量", DefaultValueFactory = _ => 50_000 };
        var cmd = new Command("seed", "写入演示或合成数据") { demo, synthetic, units };
        cmd.SetAction(async (parse, ct) =>
        {
            var isDemo = parse.GetValue(demo);
            var isSynthetic = parse.GetValue(synthetic);
            if (isDemo == isSynthetic)
            {
                AnsiConsole.MarkupLine("[red]请指定 --demo 或 --synthetic 之一[/]");
                return 2;
            }
            var count = parse.GetValue(units);
            if (isSynthetic && count <= 0)
            {
                AnsiConsole.MarkupLine("[red]--units 必须为正整数[/]");
                return 2;
            }
            using var scope = services.CreateScope();
            var sp = scope.ServiceProvider;
            await sp.GetRequiredService<Migrator>().MigrateAsync(ct);
            if (isDemo)
            {
                var seeder = sp.GetRequiredService<DemoSeeder>();
                var created = await seeder.SeedAsync(ct: ct);
                var accounts = await seeder.EnsureAccountsAsync(ct);
                AnsiConsole.MarkupLine(created ? "已写入演示数据" : "演示数据已存在，未重复写入");
                DatabaseInitializer.PrintBanner([], accounts, seeder.DemoPassword);
                return 0;
            }
            var started = DateTime.UtcNow;
            await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask($"写入 {count:N0} 个合成单位", maxValue: count);
                    await sp.GetRequiredService<SyntheticSeeder>().SeedAsync(count, done => task.Value = done, ct);
                });
            var total = await sp.GetRequiredService<AppDbContext>().Units.CountAsync(ct);
            AnsiConsole.MarkupLine($"完成：写入 {count:N0} 个单位，用时 {(DateTime.UtcNow - started).TotalSeconds:F1} 秒；库中共有 {total:N0} 个单位");
            return 0;
        });
        return cmd;
    }

    private static Command AuditCommand(AppServices services)
    {
        var verify = new Command("verify", "校验审计日志哈希链，指出第一条被篡改或缺失的记录；链断裂时退出码为 1");
        verify.SetAction(async (_, ct) =>
        {
            using var scope = services.CreateScope();
            var verdict = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(ct);
            if (verdict.Intact) AnsiConsole.MarkupLine($"[green]{Markup.Escape(verdict.Message)}[/]");
            else AnsiConsole.MarkupLine($"[red]{Markup.Escape(verdict.Message)}[/]");
            return verdict.Intact ? 0 : 1;
        });
        return new Command("audit", "审计日志") { verify };
    }
}

/// <summary>The app's services without the web server, built on first use (reads the same configuration).</summary>
public sealed class AppServices(string[] args) : IAsyncDisposable
{
    private WebApplication? app;

    public IServiceScope CreateScope()
    {
        app ??= BuildHost();
        return app.Services.CreateScope();
    }

    private WebApplication BuildHost()
    {
        var builder = AppSetup.CreateBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        return builder.Build();
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
    }
}
