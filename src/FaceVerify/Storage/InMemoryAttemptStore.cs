using System.Collections.ObjectModel;

namespace FaceVerify;

/// <summary>
/// An <see cref="IAttemptStore"/> in process memory, for tests and single-process hosts. It keeps the contract of
/// the durable stores exactly: every state change is an atomic check-and-write under one lock (as a DynamoDB
/// conditional write), stored values are immutable snapshots (analyses and faces are frozen on the way in), and
/// reads hand out fresh lists. Items past their <c>RetainUntil</c> (sessions with their frames, single frames,
/// redeemed tokens, attempt windows that ended, user locks and markers past their expiry) are invisible from that moment on and removed lazily, on access and by
/// a sweep at most once per minute of <see cref="TimeProvider"/> time.
/// </summary>
/// <remarks>
/// <c>UseInMemoryStores()</c> registers one. It is public for tests that use or decorate a store directly (for example
/// with FaceVerify.Testing's <c>RecordingAttemptStore</c>); nothing is persisted, so a production host with more than
/// one process needs a durable store (DynamoDB in FaceVerify.Aws, or your own that passes the contract tests of
/// FaceVerify.Testing.NUnit).
/// </remarks>
public sealed partial class InMemoryAttemptStore : IAttemptStore, ISessionExpiryIndex
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _timeProvider;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SessionEntry> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<CounterKey, int> _counters = [];
    private readonly Dictionary<string, DateTimeOffset> _redeemedTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string LockId, DateTimeOffset ExpiresAt)> _userLocks = new(StringComparer.Ordinal);
    private readonly Dictionary<(string UserId, string Name), DateTimeOffset> _markers = [];
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    /// <summary>Creates an empty store whose items expire by <paramref name="timeProvider"/>.</summary>
    /// <param name="timeProvider">The clock retention and expiry times are compared with (<see cref="TimeProvider.System"/> outside tests).</param>
    public InMemoryAttemptStore(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <summary>The number of sessions held, expired ones included until swept (for tests).</summary>
    internal int SessionCountIncludingExpired
    {
        get
        {
            lock (_lock)
            {
                return _sessions.Count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> TryCreateSessionAsync(ChallengeSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentException.ThrowIfNullOrEmpty(session.Id);
        cancellationToken.ThrowIfCancellationRequested();
        var snapshot = session with { Parameters = session.Parameters.Clone() };
        lock (_lock)
        {
            var now = Maintain();
            if (TryGetLive(session.Id, now, out _))
            {
                return ValueTask.FromResult(false);
            }

            _sessions[session.Id] = new SessionEntry(snapshot);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<ChallengeSession?> GetSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var now = Maintain();
            return ValueTask.FromResult(TryGetLive(sessionId, now, out var entry) ? entry.Session : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<FrameAppendResult> TryAppendFrameAsync(FrameRecord frame, int maxFrames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFrames);
        cancellationToken.ThrowIfCancellationRequested();
        var analysis = frame.Analysis is null ? null : Freeze(frame.Analysis);
        lock (_lock)
        {
            var now = Maintain();
            if (!TryGetLive(frame.SessionId, now, out var entry))
            {
                return ValueTask.FromResult(new FrameAppendResult(FrameAppendStatus.SessionNotFound, -1));
            }

            var session = entry.Session;
            if (session.IsFinal || session.DecidedAtFrame is not null)
            {
                return ValueTask.FromResult(new FrameAppendResult(FrameAppendStatus.SessionClosed, -1));
            }

            if (entry.ContentHashes.Contains(frame.ContentHash))
            {
                return ValueTask.FromResult(new FrameAppendResult(FrameAppendStatus.Duplicate, -1));
            }

            if (session.FrameCount >= maxFrames)
            {
                return ValueTask.FromResult(new FrameAppendResult(FrameAppendStatus.TooManyFrames, -1));
            }

            var sequence = session.FrameCount;
            entry.Session = session.WithFrameAccepted();
            entry.Frames.Add(frame with { Sequence = sequence, Analysis = analysis });
            entry.ContentHashes.Add(frame.ContentHash);
            return ValueTask.FromResult(new FrameAppendResult(FrameAppendStatus.Appended, sequence));
        }
    }

    /// <inheritdoc />
    public ValueTask SaveAnalysisAsync(string sessionId, int sequence, StoredAnalysis analysis, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ArgumentNullException.ThrowIfNull(analysis);
        cancellationToken.ThrowIfCancellationRequested();
        var frozen = Freeze(analysis);
        lock (_lock)
        {
            var now = Maintain();
            if (TryGetLive(sessionId, now, out var entry) && sequence < entry.Frames.Count)
            {
                var frame = entry.Frames[sequence];
                if (frame.Analysis is null)
                {
                    entry.Frames[sequence] = frame with { Analysis = frozen };
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<FrameRecord>> GetFramesAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var now = Maintain();
            if (!TryGetLive(sessionId, now, out var entry))
            {
                return ValueTask.FromResult<IReadOnlyList<FrameRecord>>([]);
            }

            var frames = entry.Frames.Where(f => f.RetainUntil > now).ToArray();
            return ValueTask.FromResult<IReadOnlyList<FrameRecord>>(Array.AsReadOnly(frames));
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> TryMarkDecidedAsync(string sessionId, int sequence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var now = Maintain();
            if (!TryGetLive(sessionId, now, out var entry))
            {
                return ValueTask.FromResult(false);
            }

            var session = entry.Session;
            if (session.IsFinal || session.Status != SessionStatus.Collecting || session.DecidedAtFrame is not null)
            {
                return ValueTask.FromResult(false);
            }

            entry.Session = session.WithDecidedAt(sequence);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<ChallengeSession?> CompleteSessionAsync(string sessionId, SessionOutcome outcome, DateTimeOffset completedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Status is not (SessionStatus.Passed or SessionStatus.Failed or SessionStatus.Expired))
        {
            throw new ArgumentException($"A session completes with Passed, Failed or Expired, not {outcome.Status}.", nameof(outcome));
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var now = Maintain();
            if (!TryGetLive(sessionId, now, out var entry))
            {
                return ValueTask.FromResult<ChallengeSession?>(null);
            }

            if (!entry.Session.IsFinal)
            {
                entry.Session = entry.Session.Complete(outcome, completedAt);
            }

            return ValueTask.FromResult<ChallengeSession?>(entry.Session);
        }
    }

    /// <inheritdoc />
    public ValueTask<AttemptCount> TryCountAttemptAsync(string key, DateTimeOffset now, TimeSpan window, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        cancellationToken.ThrowIfCancellationRequested();
        var sinceEpoch = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var startTicks = sinceEpoch - (((sinceEpoch % window.Ticks) + window.Ticks) % window.Ticks);
        var windowStart = DateTimeOffset.UnixEpoch.AddTicks(startTicks);
        var windowEnd = windowStart + window;
        var counterKey = new CounterKey(key, window.Ticks, startTicks, windowEnd);
        lock (_lock)
        {
            Maintain();
            _counters.TryGetValue(counterKey, out var count);
            if (count >= limit)
            {
                return ValueTask.FromResult(new AttemptCount(false, count, windowEnd));
            }

            _counters[counterKey] = ++count;
            return ValueTask.FromResult(new AttemptCount(true, count, windowEnd));
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> TryRedeemTokenAsync(string tokenId, DateTimeOffset retainUntil, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var now = Maintain();
            if (_redeemedTokens.TryGetValue(tokenId, out var until) && until > now)
            {
                return ValueTask.FromResult(false);
            }

            _redeemedTokens[tokenId] = retainUntil;
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> GetSessionIdsForUserAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var now = Maintain();
            var ids = _sessions.Values
                .Where(e => e.Session.RetainUntil > now && string.Equals(e.Session.UserId, userId, StringComparison.Ordinal))
                .Select(e => e.Session.Id)
                .ToArray();
            return ValueTask.FromResult<IReadOnlyList<string>>(Array.AsReadOnly(ids));
        }
    }

    /// <inheritdoc />
    public ValueTask DeleteUserDataAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            foreach (var id in _sessions.Where(p => string.Equals(p.Value.Session.UserId, userId, StringComparison.Ordinal)).Select(p => p.Key).ToArray())
            {
                _sessions.Remove(id);
            }

            // Attempt counters stay: deleting one's data must not reset one's lockout.
            foreach (var key in _markers.Keys.Where(k => string.Equals(k.UserId, userId, StringComparison.Ordinal)).ToArray())
            {
                _markers.Remove(key);
            }

            RemoveEnrolmentsOfUser(userId);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> TryAcquireUserLockAsync(string userId, string lockId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(lockId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var now = Maintain();
            if (_userLocks.TryGetValue(userId, out var held) && held.ExpiresAt > now && !string.Equals(held.LockId, lockId, StringComparison.Ordinal))
            {
                return ValueTask.FromResult(false);
            }

            _userLocks[userId] = (lockId, expiresAt);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask ReleaseUserLockAsync(string userId, string lockId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(lockId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (_userLocks.TryGetValue(userId, out var held) && string.Equals(held.LockId, lockId, StringComparison.Ordinal))
            {
                _userLocks.Remove(userId);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask SetUserMarkerAsync(string userId, string name, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(name);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            Maintain();
            _markers[(userId, name)] = expiresAt;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> TryConsumeUserMarkerAsync(string userId, string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(name);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var now = Maintain();
            var live = _markers.TryGetValue((userId, name), out var until) && until > now;
            _markers.Remove((userId, name));
            return ValueTask.FromResult(live);
        }
    }

    private static StoredAnalysis Freeze(StoredAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis.Faces);
        var faces = new FaceDetails[analysis.Faces.Count];
        for (var i = 0; i < faces.Length; i++)
        {
            var face = analysis.Faces[i] ?? throw new ArgumentException("An analysis cannot hold a null face.", nameof(analysis));
            faces[i] = new FaceDetails
            {
                BoundingBox = face.BoundingBox,
                Landmarks = new ReadOnlyCollection<Landmark>([.. face.Landmarks ?? []]),
                Pose = face.Pose,
                EyesOpen = face.EyesOpen,
                MouthOpen = face.MouthOpen,
                Smile = face.Smile,
                Confidence = face.Confidence,
                Quality = face.Quality,
            };
        }

        return new StoredAnalysis(new ReadOnlyCollection<FaceDetails>(faces), analysis.Rejection, analysis.AnalyzedAt);
    }

    /// <summary>Reads the clock and sweeps out expired items when a sweep is due. Call under the lock.</summary>
    private DateTimeOffset Maintain()
    {
        var now = _timeProvider.GetUtcNow();
        if (now < _nextSweep)
        {
            return now;
        }

        _nextSweep = now + SweepInterval;
        foreach (var id in _sessions.Where(p => p.Value.Session.RetainUntil <= now).Select(p => p.Key).ToArray())
        {
            _sessions.Remove(id);
        }

        foreach (var key in _counters.Keys.Where(k => k.WindowEnd <= now).ToArray())
        {
            _counters.Remove(key);
        }

        foreach (var id in _redeemedTokens.Where(p => p.Value <= now).Select(p => p.Key).ToArray())
        {
            _redeemedTokens.Remove(id);
        }

        foreach (var id in _userLocks.Where(p => p.Value.ExpiresAt <= now).Select(p => p.Key).ToArray())
        {
            _userLocks.Remove(id);
        }

        foreach (var key in _markers.Where(p => p.Value <= now).Select(p => p.Key).ToArray())
        {
            _markers.Remove(key);
        }

        return now;
    }

    /// <summary>Finds a session that is not past its retention, removing it when it is. Call under the lock.</summary>
    private bool TryGetLive(string sessionId, DateTimeOffset now, out SessionEntry entry)
    {
        if (!_sessions.TryGetValue(sessionId, out entry!))
        {
            return false;
        }

        if (entry.Session.RetainUntil <= now)
        {
            _sessions.Remove(sessionId);
            entry = null!;
            return false;
        }

        return true;
    }

    private readonly record struct CounterKey(string Key, long WindowTicks, long WindowStartTicks, DateTimeOffset WindowEnd);

    private sealed class SessionEntry(ChallengeSession session)
    {
        public ChallengeSession Session { get; set; } = session;

        public List<FrameRecord> Frames { get; } = [];

        public HashSet<string> ContentHashes { get; } = new(StringComparer.Ordinal);
    }
}
