using System.CommandLine;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using TechCenters.Web.Data;
using TechCenters.Web.Data.Seed;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Policies;

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
        root.Subcommands.Add(AccountCommand(services));
        root.Subcommands.Add(PolicyCli.CreatePolicy(async (jurisdiction, ct) =>
        {
            using var scope = services.CreateScope();
            var clock = scope.ServiceProvider.GetRequiredService<TechCenters.Web.Infrastructure.Clock>();
            return await PolicyDiffCases.LoadAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), jurisdiction, clock.Today, ct);
        }));
        root.Subcommands.Add(PolicyCli.CreateCalendar());
        root.Subcommands.Add(Features.Security.SecurityCli.Keys(services));
        root.Subcommands.Add(Features.Security.SecurityCli.Receipt(services));
        root.Subcommands.Add(BackupCli.Create(services));
        // Further command groups are added here, one line each.
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
        // Settings may follow the command as the web server takes them (--Section:Key=Value), e.g.
        // `audit verify --Database:Provider=Postgres --ConnectionStrings:Default=...`; the rest is the command.
        var settings = args.Where(IsSetting).ToArray();
        await using var services = new AppServices(settings);
        return await Build(services).Parse(args.Where(a => !IsSetting(a)).ToArray()).InvokeAsync();
    }

    /// <summary>A configuration setting on the command line: <c>--Section:Key=Value</c>.</summary>
    public static bool IsSetting(string arg) =>
        arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is > 2 and var eq && arg.IndexOf(':', 2) is > 2 and var colon && colon < eq;

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
        var lists = new Option<int>("--lists") { Description = "另写入合成的列表数据（用于列表与导出性能测试）：该数量的申报事项、技术创新中心、专家、审计记录及一轮含全部中心的绩效评估", DefaultValueFactory = _ => 0 };
        var listsIn = new Option<string>("--lists-jurisdiction") { Description = "列表数据所在辖区", DefaultValueFactory = _ => "cangzhou" };
        var cmd = new Command("seed", "写入演示或合成数据") { demo, synthetic, units, lists, listsIn };
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
            if (isDemo && !sp.GetRequiredService<IConfiguration>().GetValue("Demo:Enabled", false))
            {
                // Demo accounts share a published password: never on a deployment that is not a demo.
                AnsiConsole.MarkupLine("[red]演示数据（含公开口令的演示账号）只能写入演示环境：请设置 Demo:Enabled=true（dotnet run 的默认启动配置已设置）[/]");
                return 2;
            }
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
            if (parse.GetValue(lists) is > 0 and var rows)
            {
                var j = parse.GetValue(listsIn)!;
                var listsStarted = DateTime.UtcNow;
                await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(async ctx =>
                    {
                        var task = ctx.AddTask($"写入 {rows:N0} 组合成列表数据（{j}）", maxValue: rows);
                        await sp.GetRequiredService<SyntheticLists>().SeedAsync(j, rows, (_, done) => task.Value = done, ct);
                    });
                AnsiConsole.MarkupLine($"完成：写入列表数据 {rows:N0} 组，用时 {(DateTime.UtcNow - listsStarted).TotalSeconds:F1} 秒");
            }
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

    private static Command AccountCommand(AppServices services)
    {
        var user = new Option<string>("--user") { Description = "用户名", Required = true };
        var role = new Option<string>("--role") { Description = "角色：" + string.Join("、", Roles.All), Required = true };
        var display = new Option<string?>("--display") { Description = "显示名称" };
        var jurisdiction = new Option<string?>("--jurisdiction") { Description = "管理辖区标识（科技局、归口部门、申报单位、专家、评估机构账号需要）" };
        var department = new Option<int?>("--department") { Description = "归口管理部门编号（归口管理部门账号）" };
        var unit = new Option<int?>("--unit") { Description = "申报单位编号（申报单位账号）" };
        var create = new Command("create", "创建账号；口令随机生成，只显示这一次（生产环境没有任何默认口令）")
            { user, role, display, jurisdiction, department, unit };
        create.SetAction(async (parse, ct) =>
        {
            var roleName = Roles.All.FirstOrDefault(r => r.Equals(parse.GetValue(role), StringComparison.OrdinalIgnoreCase));
            if (roleName is null)
            {
                AnsiConsole.MarkupLine($"[red]未知角色，可选：{string.Join("、", Roles.All)}[/]");
                return 2;
            }
            using var scope = services.CreateScope();
            var sp = scope.ServiceProvider;
            await sp.GetRequiredService<Migrator>().MigrateAsync(ct);
            await sp.GetRequiredService<DemoSeeder>().EnsureRolesAsync();
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var password = GeneratePassword();
            var account = new AppUser
            {
                UserName = parse.GetValue(user), DisplayName = parse.GetValue(display) ?? Roles.ToChinese(roleName),
                JurisdictionId = parse.GetValue(jurisdiction), DepartmentId = parse.GetValue(department), UnitId = parse.GetValue(unit),
                LockoutEnabled = true, CreatedAt = sp.GetRequiredService<TimeProvider>().GetUtcNow(),
            };
            var result = await users.CreateAsync(account, password);
            if (result.Succeeded) result = await users.AddToRoleAsync(account, roleName);
            if (!result.Succeeded)
            {
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(string.Join("；", result.Errors.Select(e => e.Description)))}[/]");
                return 1;
            }
            await sp.GetRequiredService<AuditLog>().AppendAsync(null, "命令行", "本机", new AuditRecord("创建账号", AuditOutcome.Success, "账号", account.Id, $"{account.UserName}（{Roles.ToChinese(roleName)}）"), ct);
            AnsiConsole.MarkupLine($"已创建账号 [bold]{Markup.Escape(account.UserName!)}[/]（{Roles.ToChinese(roleName)}），初始口令：[bold]{Markup.Escape(password)}[/]");
            AnsiConsole.MarkupLine("口令只显示这一次，请妥善交付并要求首次登录后修改。");
            return 0;
        });
        return new Command("account", "账号管理") { create };
    }

    /// <summary>A random 16-character password with all four character classes.</summary>
    public static string GeneratePassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnpqrstuvwxyz", digits = "23456789", symbols = "#%*+-=?@_";
        const string all = upper + lower + digits + symbols;
        var chars = new List<char>
        {
            upper[RandomNumberGenerator.GetInt32(upper.Length)], lower[RandomNumberGenerator.GetInt32(lower.Length)],
            digits[RandomNumberGenerator.GetInt32(digits.Length)], symbols[RandomNumberGenerator.GetInt32(symbols.Length)],
        };
        while (chars.Count < 16) chars.Add(all[RandomNumberGenerator.GetInt32(all.Length)]);
        return new string(chars.OrderBy(_ => RandomNumberGenerator.GetInt32(int.MaxValue)).ToArray());
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
        builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        builder.Configuration["Logging:LogLevel:Microsoft"] = "Warning";
        builder.Configuration["Logging:Format"] = "text";
        return builder.Build();
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
    }
}
