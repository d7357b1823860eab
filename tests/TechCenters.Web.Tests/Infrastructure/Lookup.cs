using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Tests.Infrastructure;

public static class Lookup
{
    public static async Task<T> Db<T>(this AppFixture app, Func<AppDbContext, Task<T>> query)
    {
        await using var scope = app.Scope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public static Task<AppUser> User(this AppFixture app, string userName) =>
        app.Db(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName));

    public static Task<Unit> UnitWithPeople(this AppFixture app, int id) =>
        app.Db(db => db.Units.AsNoTracking().Include(u => u.People).SingleAsync(u => u.Id == id));
}
