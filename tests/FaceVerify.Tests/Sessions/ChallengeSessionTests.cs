using System.Text.Json;

namespace FaceVerify.Tests.Sessions;

public class ChallengeSessionTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static ChallengeSession NewSession() => new()
    {
        Id = "s1",
        UserId = "alice",
        ChallengeType = "nose",
        Parameters = JsonDocument.Parse("{}").RootElement,
        FrameWidth = 480,
        FrameHeight = 480,
        CreatedAt = Now,
        ExpiresAt = Now.AddMinutes(2),
        RetainUntil = Now.AddDays(1),
    };

    [Test]
    public void WithFrameAccepted_FromCreated_MovesToCollectingAndCounts()
    {
        var session = NewSession().WithFrameAccepted().WithFrameAccepted();

        session.Status.Should().Be(SessionStatus.Collecting);
        session.FrameCount.Should().Be(2);
    }

    [TestCase(SessionStatus.Passed)]
    [TestCase(SessionStatus.Failed)]
    [TestCase(SessionStatus.Expired)]
    public void EveryTransition_FromFinalState_IsRefused(SessionStatus final)
    {
        var session = NewSession().WithFrameAccepted().Complete(new SessionOutcome(final, ChallengeReason.None), Now);

        session.Invoking(s => s.WithFrameAccepted()).Should().Throw<InvalidOperationException>();
        session.Invoking(s => s.WithDecidedAt(0)).Should().Throw<InvalidOperationException>();
        foreach (var next in new[] { SessionStatus.Passed, SessionStatus.Failed, SessionStatus.Expired })
        {
            session.Invoking(s => s.Complete(new SessionOutcome(next, ChallengeReason.None), Now)).Should().Throw<InvalidOperationException>();
        }
    }

    [TestCase(SessionStatus.Created)]
    [TestCase(SessionStatus.Collecting)]
    public void Complete_WithNonFinalStatus_IsRefused(SessionStatus status)
    {
        NewSession().Invoking(s => s.Complete(new SessionOutcome(status, ChallengeReason.None), Now))
            .Should().Throw<InvalidOperationException>();
    }

    [Test]
    public void CanTransition_MatchesTheLifecycle()
    {
        var all = Enum.GetValues<SessionStatus>();
        var legal = new HashSet<(SessionStatus, SessionStatus)>
        {
            (SessionStatus.Created, SessionStatus.Collecting),
            (SessionStatus.Collecting, SessionStatus.Collecting),
            (SessionStatus.Created, SessionStatus.Passed),
            (SessionStatus.Created, SessionStatus.Failed),
            (SessionStatus.Created, SessionStatus.Expired),
            (SessionStatus.Collecting, SessionStatus.Passed),
            (SessionStatus.Collecting, SessionStatus.Failed),
            (SessionStatus.Collecting, SessionStatus.Expired),
        };

        foreach (var from in all)
        {
            foreach (var to in all)
            {
                ChallengeSession.CanTransition(from, to).Should().Be(legal.Contains((from, to)), $"{from} -> {to}");
            }
        }
    }

    [Test]
    public void WithDecidedAt_BeforeAnyFrame_IsRefused()
    {
        NewSession().Invoking(s => s.WithDecidedAt(0)).Should().Throw<InvalidOperationException>();
    }

    [Test]
    public void WithDecidedAt_AtAnotherFrame_IsRefused()
    {
        var decided = NewSession().WithFrameAccepted().WithDecidedAt(3);

        decided.Invoking(s => s.WithDecidedAt(4)).Should().Throw<InvalidOperationException>();
        decided.WithDecidedAt(3).DecidedAtFrame.Should().Be(3);
    }

    [Test]
    public void IsExpiredAt_UsesServerTime()
    {
        var session = NewSession();

        session.IsExpiredAt(Now.AddMinutes(2).AddTicks(-1)).Should().BeFalse();
        session.IsExpiredAt(Now.AddMinutes(2)).Should().BeTrue();
    }
}
