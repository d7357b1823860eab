using TechCenters.Web;
using TechCenters.Web.Cli;

// One executable: an admin subcommand (migrate, seed, audit …) runs and exits; anything else starts the web server.
if (AdminCli.IsAdminCommand(args)) return await AdminCli.RunAsync(args);

var app = AppSetup.BuildWeb(args);
await app.RunAsync();
return 0;

public partial class Program;
