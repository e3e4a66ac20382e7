using System.Security.Cryptography;

namespace DailyPapers.Mail;

/// <summary>Exponential backoff with jitter, so messages postponed together do not all come back in the same second.</summary>
public static class RetryBackoff
{
    /// <summary>
    /// After attempt <paramref name="attempts"/> (1 for the first): <paramref name="first"/> × 2^(attempts-1),
    /// at most <paramref name="max"/>, then a random 50-100% of that ("equal jitter").
    /// </summary>
    public static TimeSpan Delay(int attempts, TimeSpan first, TimeSpan max)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var full = Math.Min(first.TotalSeconds * Math.Pow(2, exponent), max.TotalSeconds);
        var jitter = 0.5 + (RandomNumberGenerator.GetInt32(0, 1_000_001) / 2_000_000.0);
        return TimeSpan.FromSeconds(full * jitter);
    }
}
