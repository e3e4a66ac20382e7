using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace DailyPapers.Tests.Infrastructure;

/// <summary>
/// A clock that only moves when the test says so, and that remembers every wait asked of it
/// (<c>Task.Delay(wait, clock)</c> creates a timer here). A test can wait until the code under test
/// asks for a particular wait, check what happened until then, and release it with
/// <see cref="FakeTimeProvider.Advance"/>.
/// </summary>
public sealed class ManualClock : FakeTimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _waits = new();
    private readonly SemaphoreSlim _asked = new(0);

    public ManualClock() : this(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>A clock starting at <paramref name="start"/>, for tests tied to the days of recorded responses.</summary>
    public ManualClock(DateTimeOffset start) : base(start)
    {
    }

    /// <summary>Every wait asked so far, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits => [.. _waits];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _waits.Enqueue(dueTime);
            _asked.Release();
        }
        return timer;
    }

    /// <summary>Returns once a wait of exactly <paramref name="wait"/> has been asked; fails after 10 real seconds.</summary>
    public async Task WaitUntilAskedAsync(TimeSpan wait)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (!_waits.Contains(wait))
        {
            try
            {
                await _asked.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                Assert.Fail($"Nothing asked the clock for a wait of {wait}; waits asked: [{string.Join(", ", _waits)}].");
            }
        }
    }
}
