using Microsoft.Playwright;

namespace TechCenters.Web.Tests.Browser;

public static class BrowserContexts
{
    /// <summary>
    /// A browser context with generous limits: a PBKDF2 login on a loaded 2-core CI machine can take far longer than
    /// Playwright's 30 s default. A real failure (a missing element, a wrong page) still fails, only later.
    /// </summary>
    public static async Task<IBrowserContext> NewTestContextAsync(this IBrowser browser, BrowserNewContextOptions? options = null)
    {
        var context = await browser.NewContextAsync(options ?? new BrowserNewContextOptions());
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        // Consequential actions ask first (data-confirm → window.confirm): the walks answer 确定, as the user does.
        // Playwright would otherwise dismiss the dialog, and the action would not happen.
        context.Page += (_, page) => page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        return context;
    }
}
