using FaceVerify.CognitoTriggers.Handlers;
using FaceVerify.CognitoTriggers.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaceVerify.CognitoTriggers.Tests.Handlers;

public class ExpirySweepHandlerTests
{
    private const string Sub = Fixtures.JaneSub;

    private readonly TriggerTestHost _host = new(o => o.EnrolmentRetention = TimeSpan.FromDays(1));

    [TearDown]
    public void TearDown() => _host.Dispose();

    [Test]
    public async Task Handle_ExpiredSessionThenExpiredEnrolment_EndsEachOnceAndAnswersTheCounts()
    {
        await _host.EnrolAsync(Sub);
        var open = await _host.Sessions.StartAsync(new StartChallengeRequest { UserId = Sub, FrameWidth = 480, FrameHeight = 480 }, default);
        open.Succeeded.Should().BeTrue(open.Detail);
        var handler = _host.Services.GetRequiredService<ExpirySweepHandler>();

        _host.Time.Advance(TimeSpan.FromMinutes(10)); // past the 3-minute session lifetime, long before the 1-day enrolment retention
        var first = Fixtures.Read(await handler.HandleAsync(Fixtures.Stream(Fixtures.Text(Fixtures.ScheduledEvent))));

        first["sessionsExpired"]!.GetValue<int>().Should().Be(1, "the session that never verified (the enrolment's passed sessions are final already)");
        first["enrolmentsExpired"]!.GetValue<int>().Should().Be(0);
        var session = await _host.Services.GetRequiredService<IAttemptStore>().GetSessionAsync(open.SessionId!, default);
        session!.Status.Should().Be(SessionStatus.Expired);
        _host.Collection.FaceCount(Sub).Should().Be(1);

        _host.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(1));
        var second = Fixtures.Read(await handler.HandleAsync(Fixtures.Stream(Fixtures.Text(Fixtures.ScheduledEvent))));

        second["sessionsExpired"]!.GetValue<int>().Should().Be(0);
        second["enrolmentsExpired"]!.GetValue<int>().Should().Be(1);
        _host.Collection.FaceCount(Sub).Should().Be(0, "the expired enrolment's face left the collection");

        var third = Fixtures.Read(await handler.HandleAsync(Fixtures.Stream(Fixtures.Text(Fixtures.ScheduledEvent))));
        third["sessionsExpired"]!.GetValue<int>().Should().Be(0, "each session is counted by one sweep only");
        third["enrolmentsExpired"]!.GetValue<int>().Should().Be(0, "each enrolment is ended by one sweep only");
    }

    [Test]
    public async Task Handle_NothingExpired_AnswersZeros()
    {
        await _host.EnrolAsync(Sub);
        var handler = _host.Services.GetRequiredService<ExpirySweepHandler>();

        var response = Fixtures.Read(await handler.HandleAsync(Fixtures.Stream(Fixtures.Text(Fixtures.ScheduledEvent))));

        response["sessionsExpired"]!.GetValue<int>().Should().Be(0);
        response["enrolmentsExpired"]!.GetValue<int>().Should().Be(0);
        _host.Collection.FaceCount(Sub).Should().Be(1);
    }

    [Test]
    public async Task Handle_FullBatches_RunsOnePassOfEachSweeper()
    {
        var sessions = new StubSweeper(() => 100);
        var enrolments = new StubSweeper(() => 100);
        var handler = new ExpirySweepHandler(sessions, enrolments, NullLogger<ExpirySweepHandler>.Instance);

        var response = Fixtures.Read(await handler.HandleAsync(Fixtures.Stream("{}")));

        sessions.Calls.Should().Be(1, "a full batch waits for the next scheduled run: one invocation is bounded to one pass");
        enrolments.Calls.Should().Be(1);
        response["sessionsExpired"]!.GetValue<int>().Should().Be(100);
        response["enrolmentsExpired"]!.GetValue<int>().Should().Be(100);
    }

    [Test]
    public async Task Handle_SessionSweepFails_StillSweepsEnrolmentsThenFails()
    {
        var sessions = new StubSweeper(() => throw new InvalidOperationException("table unavailable"));
        var enrolments = new StubSweeper(() => 2);
        var handler = new ExpirySweepHandler(sessions, enrolments, NullLogger<ExpirySweepHandler>.Instance);

        var act = () => handler.HandleAsync(Fixtures.Stream("{}"));

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("table unavailable");
        enrolments.Calls.Should().Be(1, "one failing sweeper must not stop the other");
    }

    [Test]
    public async Task Handle_BothSweepsFail_ReportsBothErrors()
    {
        var handler = new ExpirySweepHandler(
            new StubSweeper(() => throw new InvalidOperationException("sessions")),
            new StubSweeper(() => throw new TimeoutException("enrolments")),
            NullLogger<ExpirySweepHandler>.Instance);

        var act = () => handler.HandleAsync(Fixtures.Stream("{}"));

        var thrown = await act.Should().ThrowAsync<AggregateException>();
        thrown.Which.InnerExceptions.Select(e => e.Message).Should().Equal("sessions", "enrolments");
    }

    [Test]
    public async Task Handle_Cancelled_StopsWithoutTheSecondSweep()
    {
        using var cancellation = new CancellationTokenSource();
        var sessions = new StubSweeper(() =>
        {
            cancellation.Cancel();
            throw new OperationCanceledException(cancellation.Token);
        });
        var enrolments = new StubSweeper(() => 0);
        var handler = new ExpirySweepHandler(sessions, enrolments, NullLogger<ExpirySweepHandler>.Instance);

        var act = () => handler.HandleAsync(Fixtures.Stream("{}"), cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
        enrolments.Calls.Should().Be(0, "the invocation's deadline passed: the next scheduled run continues");
    }

    private sealed class StubSweeper(Func<int> pass) : ISessionExpirySweeper, IEnrolmentExpirySweeper
    {
        public int Calls { get; private set; }

        public ValueTask<int> SweepAsync(CancellationToken cancellationToken)
        {
            Calls++;
            return ValueTask.FromResult(pass());
        }
    }
}
