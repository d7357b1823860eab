using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using TechCenters.Web.Cli;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Features.Security;

/// <summary>`keys …` (key file and rotation) and `receipt verify` (signed receipts and documents).</summary>
public static class SecurityCli
{
    public static Command Keys(AppServices services)
    {
        var file = new Option<string>("--file") { Description = "密钥文件路径（须在数据库与代码仓库之外）", Required = true };
        var generate = new Command("generate", "生成新的密钥文件（一个SM4数据密钥、一个SM2签名密钥），文件权限 0600") { file };
        generate.SetAction((parse, _) =>
        {
            var path = parse.GetValue(file)!;
            if (File.Exists(path))
            {
                AnsiConsole.MarkupLine($"[red]密钥文件“{Markup.Escape(path)}”已存在，未覆盖[/]");
                return Task.FromResult(2);
            }
            var keys = KeyFile.Generate(new BouncyCastleCryptoProvider(), DateTimeOffset.UtcNow);
            keys.Save(path);
            AnsiConsole.MarkupLine($"已生成密钥文件 {Markup.Escape(path)}：数据密钥 {keys.CurrentDataKey}，签名密钥 {keys.CurrentSigningKey}。请配置 Crypto:KeyFile 并另行备份该文件。");
            return Task.FromResult(0);
        });

        var addFile = new Option<string>("--file") { Description = "密钥文件路径", Required = true };
        var add = new Command("add-data-key", "在密钥文件中加入新的SM4数据密钥并设为当前密钥（旧密钥保留，以便 keys rotate 解密旧数据）") { addFile };
        add.SetAction((parse, _) =>
        {
            var path = parse.GetValue(addFile)!;
            var keys = KeyFile.Load(path);
            var key = keys.AddDataKey(new BouncyCastleCryptoProvider(), DateTimeOffset.UtcNow);
            keys.Save(path);
            AnsiConsole.MarkupLine($"已加入数据密钥 {key.Id} 并设为当前密钥。重启应用后新写入的数据使用新密钥；再运行 keys rotate 重新加密已有数据。");
            return Task.FromResult(0);
        });

        var batch = new Option<int>("--batch") { Description = "每批重新加密的行数（每批一个事务）", DefaultValueFactory = _ => 500 };
        var rotate = new Command("rotate", "用当前数据密钥重新加密全部个人信息并重算查询杂凑；显示进度，中断后再次运行从断点继续") { batch };
        rotate.SetAction(async (parse, ct) =>
        {
            var size = parse.GetValue(batch);
            if (size is < 1 or > 100_000)
            {
                AnsiConsole.MarkupLine("[red]--batch 应为 1 至 100000 之间的整数[/]");
                return 2;
            }
            using var scope = services.CreateScope();
            var sp = scope.ServiceProvider;
            await sp.GetRequiredService<Migrator>().MigrateAsync(ct);
            KeyRotation.Outcome? outcome = null;
            await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async ctx =>
                {
                    var tasks = new Dictionary<string, ProgressTask>();
                    outcome = await sp.GetRequiredService<KeyRotation>().RunAsync(size, p =>
                    {
                        if (!tasks.TryGetValue(p.Table, out var t))
                            tasks[p.Table] = t = ctx.AddTask($"{p.Table}{(p.Resumed ? "（从断点继续）" : "")}", maxValue: Math.Max(1, p.Total));
                        t.Value = p.Done;
                    }, ct);
                    foreach (var t in tasks.Values) t.Value = t.MaxValue;
                });
            var remaining = await sp.GetRequiredService<KeyRotation>().RemainingAsync(ct);
            await sp.GetRequiredService<AuditLog>().AppendAsync(null, "命令行", "本机", new AuditRecord("轮换数据密钥",
                outcome!.Problems.Count == 0 ? AuditOutcome.Success : AuditOutcome.Failure, "数据密钥", outcome.KeyId,
                $"重新加密 {outcome.Rewritten} 行{(outcome.Resumed ? "（从断点继续）" : "")}；{string.Join("；", outcome.Problems.Take(5))}"), ct);
            foreach (var p in outcome.Problems) AnsiConsole.MarkupLine($"[red]{Markup.Escape(p)}[/]");
            AnsiConsole.MarkupLine($"完成：{outcome.Rewritten} 行已在数据密钥 {outcome.KeyId} 下{(outcome.Resumed ? "（从上次中断处继续）" : "")}；" +
                $"仍未使用当前密钥的值：{remaining.Values.Sum()} 个");
            return outcome.Problems.Count == 0 && remaining.Values.Sum() == 0 ? 0 : 1;
        });

        var pub = new Command("public", "显示当前SM2签名公钥（供离线验签）");
        pub.SetAction((_, _) =>
        {
            using var scope = services.CreateScope();
            var key = scope.ServiceProvider.GetRequiredService<KeyRing>().Keys.CurrentSigning;
            AnsiConsole.MarkupLine($"{key.Id} {key.PublicKey}");
            return Task.FromResult(0);
        });
        return new Command("keys", "密钥管理（SM4数据密钥、SM2签名密钥）") { generate, add, rotate, pub };
    }

    public static Command Receipt(AppServices services)
    {
        var number = new Option<string?>("--number") { Description = "回执编号或文号" };
        var code = new Option<string?>("--code") { Description = "验证码（文件上印制的16位）" };
        var all = new Option<bool>("--all") { Description = "校验全部签发记录" };
        var verify = new Command("verify", "核验申报回执或公文是否由本平台签发、内容是否被改动；不通过时退出码为 1") { number, code, all };
        verify.SetAction(async (parse, ct) =>
        {
            using var scope = services.CreateScope();
            var sp = scope.ServiceProvider;
            var signer = sp.GetRequiredService<DocumentSigner>();
            var db = sp.GetRequiredService<AppDbContext>();
            List<VerifyResult> results;
            if (parse.GetValue(all))
            {
                results = [];
                foreach (var row in await db.DocumentSignatures.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct)) results.Add(await signer.VerifyAsync(row, ct));
            }
            else if (parse.GetValue(code) is { Length: > 0 } c) results = [await signer.VerifyAsync(c, parse.GetValue(number), ct)];
            else if (parse.GetValue(number) is { Length: > 0 } n)
            {
                var rows = await db.DocumentSignatures.AsNoTracking().Where(s => s.Number == n.Trim()).ToListAsync(ct);
                results = [];
                foreach (var row in rows) results.Add(await signer.VerifyAsync(row, ct));
                if (rows.Count == 0) results.Add(new(false, false, false, null, $"未找到编号为“{n.Trim()}”的签发记录"));
            }
            else
            {
                AnsiConsole.MarkupLine("[red]请指定 --number、--code 或 --all[/]");
                return 2;
            }
            foreach (var r in results)
                AnsiConsole.MarkupLine($"{(r.Ok ? "[green]" : "[red]")}{Markup.Escape((r.Signature?.Number ?? "") + " " + r.Message)}[/]");
            return results.All(r => r.Ok) ? 0 : 1;
        });
        return new Command("receipt", "申报回执与公文的签名核验") { verify };
    }
}
