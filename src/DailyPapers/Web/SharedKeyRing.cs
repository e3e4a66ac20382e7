using DailyPapers.Data;
using Microsoft.AspNetCore.DataProtection;

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
}
