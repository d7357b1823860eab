using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using TechCenters.Web.Data;
using TechCenters.Web.Data.Seed;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Cases;
using TechCenters.Web.Tests.Features.Evaluations;
using TechCenters.Web.Tests.Infrastructure;
using Xunit;
using Case = TechCenters.Web.Features.Cases.Case;

namespace TechCenters.Web.Tests.Cases;

/// <summary>
/// CaseScope.VisibleTo on its own: a role's predicate or-combined with each kind's relation (ICaseKind.SeenBy) into one
/// lambda and one statement, and the kinds as the app hands them to every context (ADR 0011).
/// </summary>
public abstract class CaseScopeTests(AppFixture app)
{
    private const string Cz = "cangzhou";

    /// <summary>An organisation of 沧州 entrusted with one case of a campaign of its own: the case and the scope of its account.</summary>
    private async Task<(int Case, UserScope Evaluator)> EntrustedAsync()
    {
        var (_, _, cases, _) = await new EvaluationFlow(app).EntrustedAsync(Cz, new DateOnly(2018, 3, 1), 2022, toScoring: false, n: 1); // a year no other test of the collection opens in 沧州
        var user = await app.Db(db => db.CaseAssignments.Where(a => a.CaseId == cases[0] && a.Role == CaseAssignment.EvaluatorRole)
            .Join(db.EvaluatorMembers, a => a.OrganisationId, m => m.OrganisationId, (a, m) => m.UserId).SingleAsync());
        return (cases[0], new UserScope(user, "evaluator", Roles.Evaluator, Cz, null, null, null));
    }

    private static List<int> Ids(AppDbContext db, UserScope s) => [.. db.Cases.VisibleTo(db, s).Select(c => c.Id).Order()];

    /// <summary>The parameters a lambda's body uses that are not its own nor those of a lambda inside it, and whether it invokes one.</summary>
    private sealed class Unbound : ExpressionVisitor
    {
        private readonly HashSet<ParameterExpression> bound = [];
        public HashSet<ParameterExpression> Found { get; } = [];
        public bool Invokes { get; private set; }

        protected override Expression VisitInvocation(InvocationExpression node)
        {
            Invokes = true;
            return base.VisitInvocation(node);
        }

        protected override Expression VisitLambda<T>(Expression<T> node)
        {
            bound.UnionWith(node.Parameters);
            return base.VisitLambda(node);
        }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            if (!bound.Contains(node)) Found.Add(node);
            return node;
        }
    }

    /// <summary>A kind whose own relation shows one case to every account (to or-combine with a role's predicate).</summary>
    private sealed class ShowsOne(string kind, int caseId) : ICaseKind
    {
        public string Kind => kind;
        public Task<(object? Detail, TechCenters.Policy.Facts Facts)> LoadAsync(AppDbContext db, Case c, CancellationToken ct) => throw new NotSupportedException();
        public string Url(Case c, UserScope scope) => "";
        public IQueryable<int>? SeenBy(AppDbContext db, UserScope s) => db.Cases.Where(c => c.Id == caseId).Select(c => c.Id);
    }

    [Fact]
    public async Task A_kinds_relation_is_or_combined_into_the_roles_predicate_as_one_lambda_and_one_statement()
    {
        var me = await app.User("cz-applicant");
        var applicant = new UserScope(me.Id, me.UserName!, Roles.Applicant, me.JurisdictionId, null, me.UnitId, null);
        // A case of the applicant's unit, and one of another jurisdiction it has nothing to do with.
        int mine, otherId;
        await using (var s = app.Scope())
        {
            var demo = s.ServiceProvider.GetRequiredService<DemoCases>();
            mine = await demo.CreateInExpertReviewAsync(Cz, ordinal: 5);
            otherId = await demo.CreateInExpertReviewAsync("chongqing-wanzhou", ordinal: 5);
        }
        var other = await app.Db(db => db.Applications.Where(a => a.Id == otherId).Select(a => new { a.Case.Id, a.Case.Kind }).SingleAsync());
        var mineCase = await app.Db(db => db.Applications.Where(a => a.Id == mine).Select(a => a.Case.Id).SingleAsync());
        await using var db = ScratchDatabase.Context(app.Provider, app.ConnectionString);
        var own = Ids(db, applicant);
        own.ShouldContain(mineCase);
        own.ShouldNotContain(other.Id);

        db.Kinds = [new ShowsOne(other.Kind, other.Id)];
        var query = db.Cases.VisibleTo(db, applicant);
        // One Where over one lambda, its body the role's predicate or the kind's, using only the lambda's own parameter
        // (the kind's lambda rebound into it, not invoked).
        var where = (MethodCallExpression)query.Expression;
        where.Method.Name.ShouldBe(nameof(Queryable.Where));
        var lambda = (LambdaExpression)((UnaryExpression)where.Arguments[1]).Operand;
        lambda.Body.NodeType.ShouldBe(ExpressionType.OrElse);
        var unbound = new Unbound();
        unbound.Visit(lambda);
        unbound.Found.ShouldBeEmpty();
        unbound.Invokes.ShouldBeFalse();
        // One statement on this engine, and what it gives: the unit's own cases and the one the kind shows.
        query.Select(c => c.Id).ToQueryString().TrimEnd().TrimEnd(';').ShouldNotContain(";");
        Ids(db, applicant).ShouldBe([.. own.Append(other.Id).Order()]);
        // The kind's relation covers its own kind only.
        db.Kinds = [new ShowsOne(other.Kind + "-other", other.Id)];
        Ids(db, applicant).ShouldBe(own);
    }

    [Fact]
    public async Task The_kinds_are_listed_once_for_the_app_and_a_context_built_by_hand_has_none()
    {
        var (id, evaluator) = await EntrustedAsync();
        AppDbContext first, second;
        await using (var s = app.Scope()) first = s.ServiceProvider.GetRequiredService<AppDbContext>();
        await using (var s = app.Scope()) second = s.ServiceProvider.GetRequiredService<AppDbContext>();
        first.Kinds.Select(k => k.Kind).ShouldBe(app.Factory.Services.GetServices<ICaseKind>().Select(k => k.Kind));
        first.Kinds.ShouldBeSameAs(second.Kinds, "one list for the app, not a copy per request");
        await using (var s = app.Scope())
        {
            var db = s.ServiceProvider.GetRequiredService<AppDbContext>();
            Ids(db, evaluator).ShouldBe([id]);
            // Another evaluator, of no organisation: nothing (the role has no predicate of its own).
            Ids(db, evaluator with { UserId = "no-such-user" }).ShouldBeEmpty();
        }

        // Built by hand: no kinds, so no kind's relation shows anything (fails closed); the bureau's own predicate still does.
        await using var hand = ScratchDatabase.Context(app.Provider, app.ConnectionString);
        hand.Kinds.ShouldBeEmpty();
        Ids(hand, evaluator).ShouldBeEmpty();
        Ids(hand, evaluator with { Role = Roles.BureauOfficer }).ShouldContain(id);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class CaseScopeTests_Sqlite(SqliteAppFixture app) : CaseScopeTests(app);

[Collection(PostgresCollection.Name)]
public sealed class CaseScopeTests_Postgres(PostgresAppFixture app) : CaseScopeTests(app);
