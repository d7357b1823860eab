using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TechCenters.Policy;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Applications;
using TechCenters.Web.Features.Units;

namespace TechCenters.Web.Features.ExpertReviews;

/// <summary>专家评审: the assigned application (personal contact data masked) and the expert's score, opinion and site visit.</summary>
public sealed partial class ReviewModel(AppDbContext db, CaseKernel kernel, RecordReview record) : ActionPage
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public decimal? Score { get; set; }
    /// <summary>Nothing is pre-selected: the expert chooses.</summary>
    [BindProperty] public bool? Recommend { get; set; }
    [BindProperty] public string? Opinion { get; set; }
    [BindProperty] public string? SiteVisit { get; set; }
    [BindProperty] public DateOnly? SiteVisitOn { get; set; }

    public Application? App { get; private set; }
    public PolicyPack? Pack { get; private set; }
    public string StageName { get; private set; } = "";
    public SelectionSteps.SiteVisitMode SiteMode { get; private set; }
    public Dictionary<string, string> Plan { get; private set; } = [];
    public List<(string Key, string Value)> Contacts { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (App is null) return NotFound();
        var mine = await db.ExpertReviews.AsNoTracking().FirstOrDefaultAsync(r => r.ApplicationId == Id && r.ExpertId == Scope.ExpertId, ct);
        if (mine is not null) (Score, Recommend, Opinion, SiteVisit, SiteVisitOn) = (mine.Score, mine.Recommend, mine.Opinion, mine.SiteVisit, mine.SiteVisitOn);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct) => Scope.Role != Accounts.Roles.Expert ? Forbid() : // Bug 0202: was a 500 (the page cannot render without an assigned case)
        await DoneAsync(await record.RunAsync(Id, Actor, new ReviewInput(Score, Recommend, Opinion, SiteVisit, SiteVisitOn), ct),
            "/ExpertReviews", "评审意见已提交。", ct);

    protected override async Task LoadAsync(CancellationToken ct)
    {
        var ctx = Scope.Role == Accounts.Roles.Expert ? await kernel.LoadAsync(Id, Actor, ct) : null;
        App = ctx?.Detail as Application;
        if (ctx is null || App is null) return;
        Pack = ctx.Pack;
        StageName = ctx.Name(ctx.Stage);
        SiteMode = SelectionSteps.SiteVisit(Pack);
        Plan = ApplicationFacts.Parse(App.PlanJson);
        var labels = ApplicationForm.BasicFields(Pack).ToDictionary(f => f.Name, f => f.Label);
        foreach (var (k, v) in ApplicationFacts.Parse(App.FormJson).Where(x => !string.IsNullOrWhiteSpace(x.Value)))
            Contacts.Add((labels.GetValueOrDefault(k, k), Mask(v)));
    }

    /// <summary>Experts see the applicant's personal contact data masked: phone and ID numbers, e-mail addresses.</summary>
    public static string Mask(string value)
    {
        var v = Digits().Replace(value, m => m.Value.Length >= 15 ? Masking.IdNumber(m.Value) : Masking.Phone(m.Value));
        return Email().Replace(v, m => m.Groups[1].Value[..1] + "***@" + m.Groups[2].Value);
    }

    [GeneratedRegex(@"\d[\dXx]{6,}")] private static partial Regex Digits();
    [GeneratedRegex(@"([\w.+-]+)@([\w-]+(\.[\w-]+)+)")] private static partial Regex Email();
}
