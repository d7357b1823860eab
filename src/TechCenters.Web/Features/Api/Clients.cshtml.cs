using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TechCenters.Web.Data;
using TechCenters.Web.Features.Accounts;
using TechCenters.Web.Features.Audit;
using TechCenters.Web.Features.Organisation;
using TechCenters.Web.Infrastructure;

namespace TechCenters.Web.Features.Api;

/// <summary>接入系统管理 (the bureau): register a client system with its scope and grants (its token is shown once), revoke it.</summary>
public sealed class ClientsModel(AppDbContext db, AuditLog audit, Clock clock) : PageModel
{
    public sealed class NewClient
    {
        [Required(ErrorMessage = "请填写接入系统名称"), StringLength(100, ErrorMessage = "名称不超过100个字符"), Display(Name = "接入系统名称")]
        public string Name { get; set; } = "";
        [Display(Name = "限定的归口管理部门")] public int? DepartmentId { get; set; }
        public string[] Grants { get; set; } = [];
    }

    [BindProperty] public NewClient Input { get; set; } = new();
    public List<ApiClient> Clients { get; private set; } = [];
    public List<DepartmentNode> Departments { get; private set; } = [];
    public Dictionary<int, string> DepartmentNames { get; private set; } = [];
    /// <summary>The new token, shown once after it is created.</summary>
    public string? NewToken { get; private set; }
    public Clock Clock => clock;

    private UserScope Scope => UserScope.From(User);

    private async Task LoadAsync(CancellationToken ct)
    {
        Clients = await db.ApiClients.AsNoTracking().Where(c => c.JurisdictionId == Scope.JurisdictionId).OrderByDescending(c => c.Id).ToListAsync(ct);
        Departments = await DepartmentTree.LoadAsync(db, Scope, ct);
        DepartmentNames = Departments.ToDictionary(d => d.Id, d => d.Name);
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var grants = Input.Grants.Where(g => !string.IsNullOrWhiteSpace(g)).Distinct().ToList();
        if (grants.Count == 0) ModelState.AddModelError("Input.Grants", "请至少选择一项授权范围");
        if (grants.Any(g => ApiGrants.All.All(a => a.Key != g))) ModelState.AddModelError("Input.Grants", "授权范围只能是 技术创新中心 或 事项");
        if (Input.DepartmentId is { } d && !DepartmentNames.ContainsKey(d)) ModelState.AddModelError("Input.DepartmentId", "归口管理部门不在本辖区");
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var token = ApiClient.NewToken();
        var client = new ApiClient
        {
            Name = Input.Name.Trim(), JurisdictionId = Scope.JurisdictionId!, DepartmentId = Input.DepartmentId, Grants = string.Join(',', grants),
            TokenHash = ApiClient.Hash(token), TokenHint = token[..12], CreatedAt = clock.UtcNow, CreatedBy = Scope.UserName,
        };
        db.ApiClients.Add(client);
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(HttpContext, new AuditRecord("登记接入系统", AuditOutcome.Success, "接入系统", client.Id.ToString(),
            $"{client.Name}；范围：{(client.DepartmentId is { } dd ? DepartmentNames[dd] + "（含下级）" : "全辖区")}；授权：{client.Grants}"), ct: ct);
        NewToken = token;
        Input = new();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken ct)
    {
        var client = await db.ApiClients.FirstOrDefaultAsync(c => c.Id == id && c.JurisdictionId == Scope.JurisdictionId, ct);
        if (client is null) return NotFound();
        if (client.RevokedAt is null)
        {
            client.RevokedAt = clock.UtcNow;
            client.RevokedBy = Scope.UserName;
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(HttpContext, new AuditRecord("吊销接入系统令牌", AuditOutcome.Success, "接入系统", client.Id.ToString(), client.Name), ct: ct);
        }
        return RedirectToPage();
    }
}
