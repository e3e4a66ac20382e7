using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using DailyPapers.Papers;
using Microsoft.Extensions.Options;

namespace DailyPapers.Ingest;

/// <summary>
/// Fetches from a remote site the way its operators ask: one request at a time with a pause
/// between requests, and on throttling (503/429, arXiv's way of saying "slow down") waiting as long
/// as <c>Retry-After</c> says before trying again, a bounded number of times. Waits go through the
/// injected <see cref="TimeProvider"/>. One instance serves one harvest run.
/// </summary>
public sealed class HarvestClient(HttpClient http, IOptions<HarvestOptions> options, TimeProvider clock)
{
    private long? _lastResponseAt;

    /// <summary>The whole body of a successful response, buffered (responses are pages of at most a few MB).</summary>
    public async Task<MemoryStream> GetAsync(Uri url, IProgress<HarvestEvent>? progress, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        for (var attempt = 1; ; attempt++)
        {
            await WaitPolitelyAsync(settings.PolitenessDelay, cancellationToken);
            string problem;
            TimeSpan? askedWait = null;
            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                _lastResponseAt = clock.GetTimestamp();
                if (response.IsSuccessStatusCode)
                {
                    var body = new MemoryStream();
                    await response.Content.CopyToAsync(body, cancellationToken);
                    body.Position = 0;
                    return body;
                }
                problem = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
                if (!IsTransient(response.StatusCode))
                {
                    throw new HarvestException($"{url} answered {problem}{await ExcerptAsync(response, cancellationToken)}");
                }
                askedWait = RetryAfter(response.Headers.RetryAfter);
            }
            catch (HttpRequestException exception)
            {
                _lastResponseAt = clock.GetTimestamp();
                problem = exception.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                _lastResponseAt = clock.GetTimestamp();
                problem = $"no complete answer within {settings.RequestTimeout.TotalSeconds:0} s";
            }

            if (attempt > settings.MaxRetries)
            {
                throw new HarvestException($"{url}: {problem}; gave up after {attempt} tries (Harvest:MaxRetries is {settings.MaxRetries}).");
            }
            var wait = askedWait ?? settings.RetryDelay;
            if (wait > settings.MaxRetryAfter)
            {
                throw new HarvestException($"{url}: {problem}, and the server asks to wait {Seconds(wait)} s, longer than Harvest:MaxRetryAfter ({Seconds(settings.MaxRetryAfter)} s). Try again later.");
            }
            var why = askedWait is null ? "" : " as the server asked";
            progress?.Report(new HarvestNotice($"{problem} from {url.Host}: retrying in {Seconds(wait)} s{why} (retry {attempt} of {settings.MaxRetries})"));
            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    private async Task WaitPolitelyAsync(TimeSpan politenessDelay, CancellationToken cancellationToken)
    {
        if (_lastResponseAt is not long last)
        {
            return;
        }
        var remaining = politenessDelay - clock.GetElapsedTime(last);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, clock, cancellationToken);
        }
    }

    // Throttling and passing server or gateway trouble; anything else will not change by retrying.
    private static bool IsTransient(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests
        or HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout
        or HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout;

    /// <summary><c>Retry-After</c> as seconds or as an HTTP date (relative to the injected clock).</summary>
    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        if (header?.Delta is TimeSpan delta)
        {
            return delta;
        }
        if (header?.Date is DateTimeOffset date)
        {
            var wait = date - clock.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    private static async Task<string> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = SafeText.Clean(await response.Content.ReadAsStringAsync(cancellationToken));
        return text is null ? "" : ": " + (text.Length > 200 ? text[..200] + "…" : text);
    }

    private static string Seconds(TimeSpan wait) => wait.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
}
