using System.Net;
using DailyPapers.Data;
using DailyPapers.Search;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(DailyPapers.BrowserTests.LiveSite))]

namespace DailyPapers.BrowserTests;

/// <summary>
/// The real app on a real Kestrel port over a fresh SQLite catalog seeded with a few days of
/// papers, and one headless chromium for all tests. Each test opens its own browser context.
/// </summary>
public sealed class LiveSite : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "dailypapers-browser", Guid.NewGuid().ToString("N"));
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _missingBrowser;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Where the site's default transport writes its email (<c>DATA/outbox/</c>).</summary>
    public string OutboxDirectory => Path.Combine(_dataDirectory, "outbox");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address);

        await using (var scope = Services.CreateAsyncScope())
        {
            await SampleCatalog.SeedAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        }
        // The index job's first round may have run before the seed; search must see the papers from the first test on.
        await Services.GetRequiredService<SearchIndexes>().CatchUpAsync(CancellationToken.None);

        var executable = Environment.GetEnvironmentVariable("DAILYPAPERS_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            _missingBrowser = $"Browser tests need chromium at {executable} (set DAILYPAPERS_CHROMIUM, or run `make test`, which installs it).";
            return;
        }
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh page in its own context at <paramref name="path"/>; fails under CI and skips locally when chromium is missing.</summary>
    public async Task<IPage> OpenAsync(string path, BrowserNewContextOptions? options = null)
    {
        var page = await NewPageAsync(options);
        await page.GotoAsync(new Uri(BaseAddress, path).ToString());
        return page;
    }

    /// <summary>A fresh blank page in its own context, for tests that listen to it before it loads anything.</summary>
    public async Task<IPage> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        if (_browser is null)
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(_missingBrowser);
            }
            Assert.Skip(_missingBrowser!);
        }
        var context = await _browser.NewContextAsync(options ?? new());
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("data", _dataDirectory);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("DemoData:Enabled", "false");
    }

    public override async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing connection; the temp folder is cleaned by the OS later.
        }
    }
}
