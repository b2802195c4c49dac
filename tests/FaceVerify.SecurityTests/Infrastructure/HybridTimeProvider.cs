using FaceVerify.Testing;

namespace FaceVerify.SecurityTests.Infrastructure;

/// <summary>
/// Server time (what sessions, frames and expiry see) from a <see cref="FakeTimeProvider"/>; timers and timestamps
/// (retry delays, per-attempt timeouts) from the system clock, so resilience pipelines run while the test sets the time.
/// </summary>
internal sealed class HybridTimeProvider(FakeTimeProvider manual) : TimeProvider
{
    public FakeTimeProvider Manual => manual;

    public override DateTimeOffset GetUtcNow() => manual.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long GetTimestamp() => System.GetTimestamp();

    public override long TimestampFrequency => System.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => System.CreateTimer(callback, state, dueTime, period);
}
