using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using TechCenters.Policy;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Policies;
using TechCenters.Web.Tests.Features.Applying;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;

namespace TechCenters.Web.Tests.Rules;

/// <summary>`policy diff --database`: the open applications of a jurisdiction are judged under both versions with their own facts.</summary>
[Collection(SqliteCollection.Name)]
public sealed class PolicyDiffCasesTests(SqliteAppFixture app)
{
    [Fact]
    public async Task Open_applications_are_loaded_with_the_facts_the_platform_holds_for_them()
    {
        const string J = "chongqing-wanzhou";
        var (user, _) = await app.NewApplicantAsync(J);
        var client = await app.LoginAsync(user);
        var id = await client.CreateApplicationAsync((await app.OpenCallAsync(J)).Id, "重庆市万州区差异测试技术创新中心");
        var state = await client.FormStateAsync($"/Applications/{id}/Edit");
        (await client.PostEditAsync(id, "Save", ApplyingHelpers.Fields("重庆市万州区差异测试技术创新中心", ("f:team.rd_staff", "12")), state))
            .StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);

        await using var scope = app.Scope();
        var cases = await PolicyDiffCases.LoadAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), J, app.Today, default);
        var mine = cases.Single(c => c.Id == $"申报 {id}");
        mine.Label.ShouldContain("差异测试");
        mine.Facts.Number("team.rd_staff").ShouldBe(12);

        // The same version judged twice moves nothing (a revision that moves verdicts is PolicyCliTests' diff test).
        var current = scope.ServiceProvider.GetRequiredService<PolicyCatalog>().Versions(J)[^1];
        PackDiff.Affected(current, current, [mine]).ShouldBeEmpty();
    }
}
