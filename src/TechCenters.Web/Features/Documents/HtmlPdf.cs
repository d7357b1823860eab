using Microsoft.Playwright;

namespace TechCenters.Web.Features.Documents;

/// <summary>Prints an HTML page to A4 PDF with the Debian Chromium (no browser download, no network); CJK fonts come from fonts-noto-cjk.</summary>
public static class HtmlPdf
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static async Task<byte[]> PrintAsync(string html, string chromiumPath = ChromiumPath)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        await page.SetContentAsync(html);
        return await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true, PreferCSSPageSize = true });
    }
}
