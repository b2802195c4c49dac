using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FaceVerify;

/// <summary>
/// FaceVerify's instruments on the <c>FaceVerify</c> meter, created once per service provider through
/// <see cref="IMeterFactory"/> (so a test's <c>MetricCollector</c> sees this provider's measurements only, and the
/// host's metrics pipeline owns the meter's lifetime). Names, units and tags are listed in docs/observability.md.
/// Durations are histograms in seconds; counts are counters with a <c>{unit}</c> annotation. Tags carry challenge types,
/// outcomes and reason codes, never user ids, session ids, tokens or biometric data.
/// </summary>
internal sealed class FaceVerifyMetrics
{
    /// <summary>Tag: the challenge type (<c>nose</c>, <c>pose</c>, custom).</summary>
    public const string ChallengeTypeTag = "faceverify.challenge.type";

    /// <summary>Tag: the outcome (a session status, a login/enrolment status, or <c>success</c>/<c>failure</c> of a call).</summary>
    public const string OutcomeTag = "faceverify.outcome";

    /// <summary>Tag: the reason code (an <see cref="ChallengeReason"/>, a refusal or a rejection).</summary>
    public const string ReasonTag = "faceverify.reason";

    /// <summary>Tag: which store (<c>attempt</c>, <c>frame</c>).</summary>
    public const string StoreTag = "faceverify.store";

    /// <summary>Tag: the store operation (<c>GetSession</c>, <c>Put</c>, …).</summary>
    public const string OperationTag = "faceverify.operation";

    /// <summary>Tag: the exception type of a failed call (OpenTelemetry's <c>error.type</c>).</summary>
    public const string ErrorTypeTag = "error.type";

    /// <summary>The completion source tag: <c>verify</c> or <c>expiry</c> (the sweeper).</summary>
    public const string CompletedByTag = "faceverify.completed_by";

    private const string SecondsUnit = "s";

    // Explicit bucket boundaries: sub-second calls and multi-second sessions both resolve (the OpenTelemetry defaults are for milliseconds).
    private static readonly double[] CallBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10, 30];
    private static readonly double[] SessionBuckets = [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600];

    public FaceVerifyMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(new MeterOptions(FaceVerifyTelemetry.Name) { Version = FaceVerifyTelemetry.Version });
        SessionsStarted = meter.CreateCounter<long>("faceverify.sessions.started", "{session}", "Sessions started, by challenge type.");
        SessionsRefused = meter.CreateCounter<long>("faceverify.sessions.refused", "{session}", "Session starts refused, by reason.");
        SessionsCompleted = meter.CreateCounter<long>("faceverify.sessions.completed", "{session}", "Sessions completed (each exactly once), by challenge type, outcome, reason and what completed them (verify or expiry).");
        SessionDuration = Histogram(meter, "faceverify.session.duration", "Time from session start to completion, by challenge type and outcome.", SessionBuckets);
        FramesAccepted = meter.CreateCounter<long>("faceverify.frames.accepted", "{frame}", "Frames accepted, by challenge type.");
        FramesRejected = meter.CreateCounter<long>("faceverify.frames.rejected", "{frame}", "Frames rejected, by reason.");
        FramesSkipped = meter.CreateCounter<long>("faceverify.frames.analysis_skipped", "{frame}", "Frames not analysed because the challenge was already decided.");
        AnalyzerCallDuration = Histogram(meter, "faceverify.analyzer.call.duration", "Duration of one frame analysis by the face analyzer, retries included, by outcome.", CallBuckets);
        AnalysisFailures = meter.CreateCounter<long>("faceverify.analysis.failures", "{frame}", "Background frame analyses that failed after retries (verify analyses the frame again).");
        StoreCallDuration = Histogram(meter, "faceverify.store.call.duration", "Duration of one attempt-store or frame-store call, by store, operation and outcome.", CallBuckets);
        LoginAttempts = meter.CreateCounter<long>("faceverify.login.attempts", "{attempt}", "Face logins, by outcome and reason.");
        LoginDuration = Histogram(meter, "faceverify.login.duration", "Duration of one face login, by outcome.", CallBuckets);
        EnrolmentAttempts = meter.CreateCounter<long>("faceverify.enrolment.attempts", "{attempt}", "Enrolments, by outcome.");
        EnrolmentDuration = Histogram(meter, "faceverify.enrolment.duration", "Duration of one enrolment, by outcome.", CallBuckets);
        ExpirySweeps = meter.CreateCounter<long>("faceverify.expiry.sweeps", "{sweep}", "Expiry sweeps run, by outcome (success, failure).");
    }

    public Counter<long> SessionsStarted { get; }

    public Counter<long> SessionsRefused { get; }

    public Counter<long> SessionsCompleted { get; }

    public Histogram<double> SessionDuration { get; }

    public Counter<long> FramesAccepted { get; }

    public Counter<long> FramesRejected { get; }

    public Counter<long> FramesSkipped { get; }

    public Histogram<double> AnalyzerCallDuration { get; }

    public Counter<long> AnalysisFailures { get; }

    public Histogram<double> StoreCallDuration { get; }

    public Counter<long> LoginAttempts { get; }

    public Histogram<double> LoginDuration { get; }

    public Counter<long> EnrolmentAttempts { get; }

    public Histogram<double> EnrolmentDuration { get; }

    public Counter<long> ExpirySweeps { get; }

    private static Histogram<double> Histogram(Meter meter, string name, string description, double[] buckets)
        => meter.CreateHistogram(name, SecondsUnit, description, tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = buckets });

    /// <summary>Counts one completion (the caller's write won) and records the session's duration.</summary>
    /// <param name="session">The completed session as stored.</param>
    /// <param name="completedBy"><c>verify</c> or <c>expiry</c>.</param>
    public void Completed(ChallengeSession session, string completedBy)
    {
        var outcome = session.Outcome!;
        var tags = new TagList
        {
            { ChallengeTypeTag, session.ChallengeType },
            { OutcomeTag, Lower(outcome.Status) },
            { ReasonTag, ReasonCode(outcome.Reason) },
            { CompletedByTag, completedBy },
        };
        SessionsCompleted.Add(1, tags);
        if (session.CompletedAt is { } completedAt)
        {
            SessionDuration.Record(
                Math.Max(0, (completedAt - session.CreatedAt).TotalSeconds),
                new TagList { { ChallengeTypeTag, session.ChallengeType }, { OutcomeTag, Lower(outcome.Status) } });
        }
    }

    /// <summary>The snake_case wire code of a reason (as in the HTTP API).</summary>
    public static string ReasonCode<TEnum>(TEnum value)
        where TEnum : struct, Enum
        => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>A lower-case tag value of an enum.</summary>
    public static string Lower<TEnum>(TEnum value)
        where TEnum : struct, Enum
        => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>Seconds elapsed since a <see cref="Stopwatch.GetTimestamp"/> value.</summary>
    public static double SecondsSince(long started) => Stopwatch.GetElapsedTime(started).TotalSeconds;
}
