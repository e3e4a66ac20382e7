using DailyPapers.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DailyPapers.Tests.Infrastructure;

/// <summary>
/// The real app over a real database (SQLite file or PostgreSQL), hosted in-process. Each instance
/// owns a fresh database, so tests seed their own data and never depend on each other.
/// </summary>
public sealed class AppFactory : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database;
    private readonly Dictionary<string, string?> _extraSettings;
    private readonly Action<IServiceCollection>? _services;
    private readonly bool _ownsDatabase;
    private string? _contentRoot;

    private AppFactory(TestDatabase database, Dictionary<string, string?> extraSettings, Action<IServiceCollection>? services, bool ownsDatabase)
    {
        _database = database;
        _extraSettings = extraSettings;
        _services = services;
        _ownsDatabase = ownsDatabase;
    }

    public Lane Lane => _database.Lane;

    /// <summary>This app's database, for running the CLI verbs against it.</summary>
    public TestDatabase Database => _database;
    public string DataDirectory => _database.DataDirectory;

    /// <summary>
    /// A started app on a fresh database. <paramref name="services"/> replaces app services, for the
    /// true edges only (such as the clock).
    /// </summary>
    public static async Task<AppFactory> CreateAsync(Lane lane, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        await StartAsync(new AppFactory(await TestDatabase.CreateAsync(lane), settings ?? [], services, ownsDatabase: true));

    /// <summary>
    /// A started app on a database the caller keeps (and disposes): the same node again after a
    /// restart, or another node on it (<see cref="TestDatabase.AnotherNode"/>).
    /// </summary>
    /// <param name="database">The database, and the data directory this node uses.</param>
    /// <param name="settings">Extra configuration.</param>
    /// <param name="contentRoot">
    /// The folder the app runs from, as a node installed elsewhere would (the app takes the
    /// executable's folder, so in tests every instance would otherwise have the same one).
    /// </param>
    /// <param name="services">Replaces app services, as in <see cref="CreateAsync"/>.</param>
    public static Task<AppFactory> CreateOnAsync(
        TestDatabase database, Dictionary<string, string?>? settings = null, string? contentRoot = null, Action<IServiceCollection>? services = null) =>
        StartAsync(new AppFactory(database, settings ?? [], services, ownsDatabase: false) { _contentRoot = contentRoot });

    private static async Task<AppFactory> StartAsync(AppFactory factory)
    {
        try
        {
            // Building the server applies migrations, so the database is ready when this returns.
            _ = factory.Server;
        }
        catch
        {
            // An app that fails to start (bad settings in a test) must not leave its database behind.
            await factory.DisposeAsync();
            throw;
        }
        return factory;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // UseSetting (not ConfigureAppConfiguration) so Program.cs sees these before Build().
        var settings = _database.Settings();
        // Tests seed their own data: the demo catalog is only for a real first run.
        settings["DemoData:Enabled"] = "false";
        // Embedding runs the model on the CPU; search tests embed explicitly, other tests never need it.
        settings["Search:EmbedInBackground"] = "false";
        // The background mail sender waits on the app's clock between rounds, which tests that count
        // the clock's waits (harvest throttling) would see; mail tests that want it turn it on.
        settings["Mail:SendInBackground"] = "false";
        // Digests are composed by the tests that want them (a background run would add outbox rows to other tests' counts).
        settings["Mail:ComposeInBackground"] = "false";
        // Snapshots of the indexes add rows and files the tests that want them (IndexSnapshotTests) look for.
        settings["Search:Snapshots:Enabled"] = "false";
        foreach (var (key, value) in _extraSettings)
        {
            settings[key] = value;
        }
        foreach (var (key, value) in settings.Where(setting => setting.Value is not null))
        {
            builder.UseSetting(key, value);
        }
        if (_contentRoot is not null)
        {
            // The app's own environment object, so everything that asks for the content root sees this folder.
            builder.ConfigureTestServices(services =>
            {
                foreach (var environment in services.Select(s => s.ImplementationInstance).OfType<IHostEnvironment>())
                {
                    environment.ContentRootPath = _contentRoot;
                }
            });
        }
        if (_services is not null)
        {
            // After the app's own registrations, so these win.
            builder.ConfigureTestServices(_services);
        }
    }

    /// <summary>Runs <paramref name="work"/> with a DbContext from the app's own container.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task WithDbAsync(Func<AppDbContext, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            await _database.DisposeAsync();
        }
    }
}
