using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace DailyPapers.Tests.Infrastructure;

/// <summary>
/// The in-process test server has no TCP peer, so a request says which address it comes from in
/// <see cref="Header"/>; this sets the connection's remote address from it before the app's own
/// pipeline runs, as Kestrel would from the socket. Registered only by tests that ask for it.
/// </summary>
internal sealed class PeerAddress : IStartupFilter
{
    public const string Header = "X-Test-Peer-Address";

    public static void Register(IServiceCollection services) => services.AddSingleton<IStartupFilter, PeerAddress>();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.Remove(Header, out var value) && IPAddress.TryParse(value, out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }
            return nextMiddleware(context);
        });
        next(app);
    };
}
