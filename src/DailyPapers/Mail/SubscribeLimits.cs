using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace DailyPapers.Mail;

/// <summary>
/// Rate limits on subscribing, per node: per client IP (the ASP.NET Core rate limiter on the
/// endpoint, <see cref="ClientPolicy"/>) and per address (checked in the handler once the form is
/// read, since the limiter middleware runs before the body is). Both answer 429 with Retry-After.
/// The address limit keeps anyone from flooding one inbox with confirmation emails; a resend is also
/// only queued once per <see cref="MailOptions.ResendInterval"/>.
/// </summary>
public sealed class SubscribeLimits : IDisposable
{
    public const string ClientPolicy = "subscribe-per-client";

    private readonly PartitionedRateLimiter<string> _perAddress;

    public SubscribeLimits(IOptions<MailOptions> options)
    {
        var limit = options.Value.SubscribesPerAddressPerHour;
        _perAddress = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromHours(1), QueueLimit = 0 }), StringComparer.Ordinal);
    }

    /// <summary>False when the address has used up its requests; <paramref name="retryAfter"/> says for how long.</summary>
    public bool TryAcquire(string address, out TimeSpan retryAfter)
    {
        using var lease = _perAddress.AttemptAcquire(address);
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        return lease.IsAcquired;
    }

    /// <summary>Whole seconds, rounded up, as the Retry-After header wants them.</summary>
    public static string RetryAfterSeconds(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    public void Dispose() => _perAddress.Dispose();

    /// <summary>The per-client limiter: a fixed window per remote IP (the proxy's, behind one that does not forward it).</summary>
    public static void AddClientPolicy(Microsoft.AspNetCore.RateLimiting.RateLimiterOptions limiter, int perMinute)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = async (context, cancellationToken) =>
        {
            var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
            context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds(wait);
            // The limiter guards every write (subscribing, signing in, votes, comments, submissions), so its answer names none of them.
            var message = $"Too many requests came from here. Try again in {RetryAfterSeconds(wait)} seconds.";
            var answer = context.HttpContext.Request.Path.StartsWithSegments(Api.ApiSetup.Prefix)
                ? Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: message)
                : Web.ErrorPages.Page(StatusCodes.Status429TooManyRequests, "Too many requests", message);
            await answer.ExecuteAsync(context.HttpContext);
        };
        limiter.AddPolicy(ClientPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    public static IResult TooManyRequests(TimeSpan wait) =>
        Web.ErrorPages.Page(StatusCodes.Status429TooManyRequests, "Too many requests",
            $"Too many subscribe requests came from here or for this address. Try again in {RetryAfterSeconds(wait)} seconds.");
}
