namespace FaceVerify.Testing.Tests;

public class ManualTimeProviderTests
{
    [Test]
    public void Advance_MovesNowAndFiresDueTimersInOrder()
    {
        var clock = new ManualTimeProvider();
        var start = clock.GetUtcNow();
        var fired = new List<string>();
        using var late = clock.CreateTimer(_ => fired.Add("late"), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => fired.Add("early"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(2));
        fired.Should().Equal("early");
        clock.Advance(TimeSpan.FromSeconds(10));

        fired.Should().Equal("early", "late");
        clock.GetUtcNow().Should().Be(start.AddSeconds(12));
    }

    [Test]
    public void PeriodicTimer_FiresEveryPeriod()
    {
        var clock = new ManualTimeProvider();
        var count = 0;
        using var timer = clock.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        clock.Advance(TimeSpan.FromSeconds(3.5));

        count.Should().Be(3);
    }

    [Test]
    public void DisposedTimer_DoesNotFire()
    {
        var clock = new ManualTimeProvider();
        var fired = false;
        clock.CreateTimer(_ => fired = true, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan).Dispose();

        clock.Advance(TimeSpan.FromSeconds(2));

        fired.Should().BeFalse();
    }

    [Test]
    public async Task Delay_CompletesWhenTheClockPassesIt()
    {
        var clock = new ManualTimeProvider();
        var delay = Task.Delay(TimeSpan.FromMinutes(1), clock);

        delay.IsCompleted.Should().BeFalse();
        clock.Advance(TimeSpan.FromMinutes(1));

        await delay;
    }

    [Test]
    public void SetUtcNow_Backwards_Throws()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

        clock.Invoking(c => c.SetUtcNow(new DateTimeOffset(2029, 1, 1, 0, 0, 0, TimeSpan.Zero))).Should().Throw<ArgumentOutOfRangeException>();
        clock.Invoking(c => c.Advance(TimeSpan.FromTicks(-1))).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void GetElapsedTime_FollowsTheClock()
    {
        var clock = new ManualTimeProvider();
        var started = clock.GetTimestamp();

        clock.Advance(TimeSpan.FromMilliseconds(1500));

        clock.GetElapsedTime(started).Should().Be(TimeSpan.FromMilliseconds(1500));
    }
}
