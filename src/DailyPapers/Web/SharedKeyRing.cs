using DailyPapers.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace DailyPapers.Web;

/// <summary>
/// ASP.NET Core Data Protection (antiforgery tokens and cookies, the API's paging cursors, and
/// sign-in cookies once there are accounts) with its key ring in the database: whatever one node
/// protects, every node sharing the database can read, and no node keeps a key on its own disk,
/// so a node can be replaced or its data directory lost without signing anyone out.
/// </summary>
public static class SharedKeyRing
{
    /// <summary>
    /// Data Protection isolates applications by this name, which defaults to the content root path:
    /// two nodes installed in different folders would refuse each other's payloads even with the
    /// same keys. Fixed, so every node and every install path is the same application.
    /// </summary>
    public const string ApplicationName = "DailyPapers";

    public static IHostApplicationBuilder AddSharedKeyRing(this IHostApplicationBuilder builder)
    {
        // The keys are stored unencrypted, like the link-signing key in site_secrets: reading the
        // database already gives away everything these keys protect.
        builder.Services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<AppDbContext>();
        return builder;
    }

    /// <summary>
    /// Makes sure the ring holds a key that is active now, before the node serves anything.
    /// Data Protection creates its first key lazily, on the first payload it protects; two nodes
    /// started together on a fresh database each created one, and each then refused the other's
    /// cookies and antiforgery tokens until its ring refreshed (up to a day later). Called while
    /// the migration lock is held, so the second node finds the first node's key and creates none.
    /// A process without Data Protection (some CLI commands) has no key manager and skips this.
    /// </summary>
    internal static void EnsureActiveKey(IServiceProvider services)
    {
        if (services.GetService<IKeyManager>() is not { } keys)
        {
            return;
        }
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var lifetime = services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.NewKeyLifetime;
        // The same test the key ring applies when it picks the default key; a key that expires
        // within the propagation window is left to the ring, which creates its successor ahead of time.
        var hasActiveKey = keys.GetAllKeys().Any(key =>
            !key.IsRevoked && key.ActivationDate <= now && key.ExpirationDate > now + TimeSpan.FromDays(2));
        if (!hasActiveKey)
        {
            keys.CreateNewKey(now, now + lifetime);
        }
    }
}
