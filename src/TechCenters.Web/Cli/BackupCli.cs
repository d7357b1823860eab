using System.CommandLine;
using Spectre.Console;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Cli;

/// <summary><c>backup create</c> and <c>backup restore</c>: a consistent online backup of the database and attachments, with progress.</summary>
public static class BackupCli
{
    public static Command Create(AppServices services)
    {
        var to = new Option<string>("--to") { Description = "备份目录（新建或为空）", Required = true };
        var create = new Command("create", "在线备份数据库与附件（应用可继续写入）；目录中含 manifest.json（各表行数、审计链头）") { to };
        create.SetAction((parse, ct) => Run(services, async (backup, progress) =>
        {
            var m = await backup.CreateAsync(Path.GetFullPath(parse.GetValue(to)!), progress, ct);
            AnsiConsole.MarkupLine($"[green]备份完成[/]：{m.Tables.Count} 张表共 {m.Tables.Values.Sum():N0} 行，附件 {m.Attachments:N0} 个（{m.AttachmentBytes / 1024.0 / 1024:F1} MB），审计链至第 {m.AuditSequence:N0} 号");
            if (m.MissingAttachments.Count > 0)
                AnsiConsole.MarkupLine($"[yellow]注意：{m.MissingAttachments.Count} 个附件在备份时缺失或与摘要不符，已记入 manifest.json[/]");
            return 0;
        }));

        var from = new Option<string>("--from") { Description = "备份目录（backup create 生成）", Required = true };
        var restore = new Command("restore", "把备份恢复到空的部署（空数据库、空附件目录），然后核对各表行数与审计链") { from };
        restore.SetAction((parse, ct) => Run(services, async (backup, progress) =>
        {
            var m = await backup.RestoreAsync(Path.GetFullPath(parse.GetValue(from)!), progress, ct);
            var problems = await backup.CheckAsync(m, ct);
            if (problems.Count > 0)
            {
                foreach (var p in problems) AnsiConsole.MarkupLine($"[red]{Markup.Escape(p)}[/]");
                return 1;
            }
            using var scope = services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<AuditLog>().AppendAsync(null, "命令行", "本机",
                new AuditRecord("恢复备份", AuditOutcome.Success, "备份", m.CreatedAt.ToString("O"), $"{m.Provider}，{m.Tables.Values.Sum()} 行，附件 {m.Attachments} 个"), ct);
            AnsiConsole.MarkupLine($"[green]恢复完成并已核对[/]：{m.Tables.Count} 张表行数与备份一致，附件 {m.Attachments:N0} 个，审计链完整（至第 {m.AuditSequence:N0} 号与备份时相同）");
            return 0;
        }));
        return new Command("backup", "备份与恢复") { create, restore };
    }

    private static async Task<int> Run(AppServices services, Func<BackupService, BackupProgress, Task<int>> action)
    {
        using var scope = services.CreateScope();
        var backup = scope.ServiceProvider.GetRequiredService<BackupService>();
        try
        {
            var code = 0;
            await AnsiConsole.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async ctx =>
                {
                    var tasks = new Dictionary<string, ProgressTask>();
                    code = await action(backup, (step, done, total) =>
                    {
                        if (!tasks.TryGetValue(step, out var t)) tasks[step] = t = ctx.AddTask(Markup.Escape(step));
                        if (total <= 0) { t.IsIndeterminate = true; return; }
                        t.IsIndeterminate = false;
                        t.MaxValue = total;
                        t.Value = done;
                    });
                    foreach (var t in tasks.Values) { if (t.IsIndeterminate) { t.IsIndeterminate = false; t.MaxValue = 1; } t.Value = t.MaxValue; }
                });
            return code;
        }
        catch (BackupException e)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return 2;
        }
    }
}
