using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using TechCenters.Web.Data;
using TechCenters.Web.Data.Seed;
using TechCenters.Web.Features.Accounts;
using Xunit;

namespace TechCenters.Web.Tests.Infrastructure;

/// <summary>
/// The real app on a real database (a fresh SQLite file or a fresh PostgreSQL database), with the demo portfolio and
/// accounts (a copy of the ones seeded once per engine and test run, <see cref="SeededTemplates"/>) and a
/// FakeTimeProvider as its clock.
/// </summary>
public abstract class AppFixture : IAsyncLifetime
{
    public const string Password = DemoSeeder.DefaultDemoPassword;
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = new(Start);
    private WebApplicationFactory<Program>? factory;
    public WebApplicationFactory<Program> Factory => factory ?? throw new InvalidOperationException("测试夹具尚未初始化");
    public abstract DatabaseProvider Provider { get; }
    public string ConnectionString { get; protected set; } = "";

    protected abstract Task CreateDatabaseAsync();
    /// <summary>Creates this fixture's database as a copy of a seeded template of the same engine (<see cref="SeededTemplates"/>).</summary>
    protected abstract Task CopyDatabaseAsync(string template);
    protected abstract Task DropDatabaseAsync();
    /// <summary>Closes the pooled connections to this fixture's database (a template is copied only without sessions).</summary>
    protected abstract void ReleaseConnections();
    /// <summary>The template's name for a copy: its file or its database.</summary>
    protected abstract string TemplateName { get; }

    /// <summary>Whether the demo portfolio is the one every plain fixture seeds (the catalogue's packs, <see cref="Start"/>), so a copy of it will do.</summary>
    protected virtual bool SeedsCommonDemo => true;
    /// <summary>This fixture seeds a template for the others (its database is kept until the test run ends).</summary>
    protected bool IsTemplate { get; private set; }

    public async Task InitializeAsync()
    {
        var copy = SeedsCommonDemo && !IsTemplate;
        if (copy) await CopyDatabaseAsync(await SeededTemplates.GetAsync($"fixture-{Provider}", () => MakeTemplateAsync(Provider)));
        else await CreateDatabaseAsync();
        factory = CreateFactory();
        using var scope = Factory.Services.CreateScope(); // starts the host: migrations run in DatabaseInitializer
        if (!copy) await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
        await SeedMoreAsync(scope.ServiceProvider);
    }

    private static async Task<string> MakeTemplateAsync(DatabaseProvider provider)
    {
        AppFixture template = provider == DatabaseProvider.Sqlite ? new SqliteAppFixture() : new PostgresAppFixture();
        template.IsTemplate = true;
        await template.InitializeAsync();
        await template.factory!.DisposeAsync();
        template.factory = null;
        template.ReleaseConnections();
        return template.TemplateName;
    }

    /// <summary>More a fixture's collection needs before any of its tests runs (so no test's own data can make a seeder stand aside).</summary>
    protected virtual Task SeedMoreAsync(IServiceProvider services) => Task.CompletedTask;

    public WebApplicationFactory<Program> CreateFactory(Action<IWebHostBuilder>? configure = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Database:Provider", Provider.ToString());
            b.UseSetting("ConnectionStrings:Default", ConnectionString);
            b.UseSetting("Demo:Enabled", "false");
            b.UseSetting("Security:LoginRateLimit:PermitLimit", "100000");
            b.UseSetting("Security:ObjectionRateLimit:PermitLimit", "100000");
            b.UseSetting("Crypto:KeyFile", TestKeys.File);
            // Tests move the clock by days and months: expiry and the scheduled chain check are tested on hosts of their own.
            b.UseSetting("Security:PasswordMaxAgeDays", "0");
            b.UseSetting("Audit:VerifyIntervalMinutes", "0");
            // No line per request on standard output (thousands a test class, each masked and written under the console's
            // lock): warnings and errors still are, and what the log says is tested on processes of its own (LogTests).
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            b.ConfigureTestServices(s =>
            {
                s.AddSingleton<TimeProvider>(Time);
                TestPasswords.Use(s);
            });
            ConfigureHost(b);
            configure?.Invoke(b);
        });

    /// <summary>Settings a fixture adds to every host it starts (a policies folder of its own…).</summary>
    protected virtual void ConfigureHost(IWebHostBuilder builder) { }

    public async Task DisposeAsync()
    {
        if (factory is not null) await factory.DisposeAsync();
        await DropDatabaseAsync();
    }

    public AsyncServiceScope Scope() => Factory.Services.CreateAsyncScope();

    /// <summary>The app's clock (its time zone, on the fake time).</summary>
    public TechCenters.Web.Infrastructure.Clock Clock => Factory.Services.GetRequiredService<TechCenters.Web.Infrastructure.Clock>();
    public DateOnly Today => Clock.Today;

    public HttpClient Client(WebApplicationFactory<Program>? other = null) =>
        (other ?? Factory).CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            // A non-loopback https host, so HSTS and secure cookies behave as in production.
            BaseAddress = new Uri("https://techcenters.test/"),
        });

    public async Task<HttpClient> LoginAsync(string userName, string password = Password, WebApplicationFactory<Program>? factory = null)
    {
        var client = Client(factory);
        var response = await PostLoginAsync(client, userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"登录 {userName} 失败：{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password)
    {
        var token = await AntiforgeryTokenAsync(client, "/Accounts/Login");
        return await client.PostAsync("/Accounts/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string url)
    {
        var html = await client.GetStringAsync(url);
        var m = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        if (!m.Success) throw new InvalidOperationException($"{url} 中没有防伪令牌");
        return m.Groups[1].Value;
    }

    /// <summary>A fresh account with its own password (hashed once, at 210,000 iterations).</summary>
    public async Task<string> CreateUserAsync(string role, string password = Password, Action<AppUser>? configure = null)
    {
        await using var scope = Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = $"t{Guid.NewGuid():N}"[..20], DisplayName = "测试账号", LockoutEnabled = true, CreatedAt = Time.GetUtcNow() };
        configure?.Invoke(user);
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(";", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return user.UserName!;
    }
}

public class SqliteAppFixture : AppFixture
{
    private string file = "";
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override Task CreateDatabaseAsync()
    {
        file = IsTemplate ? SeededTemplates.NewSqliteFile() : Path.Combine(Path.GetTempPath(), $"techcenters-test-{Guid.NewGuid():N}.db");
        // Pooled, as the app's own default is: an unpooled open reads the whole schema again on every connection.
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ToString();
        return Task.CompletedTask;
    }

    protected override async Task CopyDatabaseAsync(string template)
    {
        await CreateDatabaseAsync();
        SeededTemplates.CopySqlite(template, file);
    }

    protected override string TemplateName => file;

    protected override void ReleaseConnections() => SeededTemplates.ReleaseSqlite(ConnectionString);

    protected override Task DropDatabaseAsync()
    {
        ReleaseConnections(); // the pool holds the file open
        SeededTemplates.DeleteSqlite(file);
        return Task.CompletedTask;
    }
}

public class PostgresAppFixture : AppFixture
{
    public const string EnvVar = "TECHCENTERS_TEST_POSTGRES";
    private string admin = "";
    private string database = "";
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override async Task CreateDatabaseAsync()
    {
        admin = PostgresDatabases.Admin;
        database = IsTemplate ? await SeededTemplates.NewPostgresNameAsync(admin) : $"techcenters_test_{Guid.NewGuid():N}";
        // Bounded pool: the shared development server allows 100 connections; extra requests wait for a pooled one.
        ConnectionString = await PostgresDatabases.CreateAsync(admin, database, maxPool: 40);
    }

    protected override async Task CopyDatabaseAsync(string template)
    {
        admin = PostgresDatabases.Admin;
        database = $"techcenters_test_{Guid.NewGuid():N}";
        ConnectionString = await PostgresDatabases.CreateAsync(admin, database, maxPool: 40, template);
    }

    protected override string TemplateName => database;

    protected override void ReleaseConnections()
    {
        using var c = new NpgsqlConnection(ConnectionString);
        NpgsqlConnection.ClearPool(c);
    }

    protected override async Task DropDatabaseAsync()
    {
        if (database.Length == 0) return;
        await PostgresDatabases.DropAsync(admin, database);
    }
}

[CollectionDefinition(Name)]
public sealed class SqliteCollection : ICollectionFixture<SqliteAppFixture>
{
    public const string Name = "SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresAppFixture>
{
    public const string Name = "PostgreSQL";
}

/// <summary>Collections of their own for the selecting half: their tests move the clock (public-notice periods).</summary>
[CollectionDefinition(Name)]
public sealed class SelectingSqliteCollection : ICollectionFixture<SqliteAppFixture>
{
    public const string Name = "Selecting SQLite";
}

[CollectionDefinition(Name)]
public sealed class SelectingPostgresCollection : ICollectionFixture<PostgresAppFixture>
{
    public const string Name = "Selecting PostgreSQL";
}
