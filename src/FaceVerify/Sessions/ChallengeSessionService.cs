using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FaceVerify;

/// <summary>The default <see cref="IChallengeSessionService"/>.</summary>
internal sealed class ChallengeSessionService : IChallengeSessionService
{
    private readonly IAttemptStore _attempts;
    private readonly IFrameStore _frames;
    private readonly IFaceVerificationTokens _tokens;
    private readonly ChallengeRegistry _challenges;
    private readonly FrameAnalysisCoordinator _analysis;
    private readonly PassedSessionChecks _passedChecks;
    private readonly RandomNumberGenerator _random;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly FaceVerificationOptions _options;
    private readonly FaceVerifyMetrics _metrics;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _verifyGates = new(StringComparer.Ordinal);

    /// <summary>Under the sparse strategy, how many rounds of analyses verify runs at most for an undecided session.</summary>

    public ChallengeSessionService(
        IAttemptStore attempts,
        IFrameStore frames,
        IFaceVerificationTokens tokens,
        ChallengeRegistry challenges,
        FrameAnalysisCoordinator analysis,
        PassedSessionChecks passedChecks,
        RandomNumberGenerator random,
        IOptions<FaceVerificationOptions> options,
        TimeProvider time,
        ILogger<ChallengeSessionService> logger,
        FaceVerifyMetrics metrics)
    {
        _metrics = metrics;
        _attempts = attempts;
        _frames = frames;
        _tokens = tokens;
        _challenges = challenges;
        _analysis = analysis;
        _passedChecks = passedChecks;
        _random = random;
        _time = time;
        _logger = logger;
        _options = options.Value;
    }

    public async ValueTask<StartChallengeResult> StartAsync(StartChallengeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.UserId);
        using var activity = FaceVerifyTelemetry.ActivitySource.StartActivity("FaceVerify.Start");

        var refused = CheckStartRequest(request, out var challenge);
        if (refused is not null)
        {
            return Refuse(request, refused);
        }

        JsonElement parameters;
        try
        {
            parameters = challenge!.CreateParameters(new ChallengeParametersArguments(request.FrameWidth, request.FrameHeight, _random));
        }
        catch (ArgumentException ex)
        {
            // A challenge that cannot lay out its parameters on this frame size says so; the caller gets a clear refusal.
            return Refuse(request, StartChallengeResult.Failed(StartChallengeReason.InvalidFrameSize, $"The {challenge!.Type} challenge does not support {request.FrameWidth}x{request.FrameHeight} frames: {ex.Message}"));
        }

        var now = _time.GetUtcNow();
        foreach (var (key, limit) in AttemptKeys(request))
        {
            var count = await _attempts.TryCountAttemptAsync(key, now, _options.AttemptWindow, limit, cancellationToken).ConfigureAwait(false);
            if (!count.Allowed)
            {
                return Refuse(request, StartChallengeResult.Failed(StartChallengeReason.LockedOut, "Too many verification attempts; try again later.", count.WindowEndsAt));
            }
        }

        var session = new ChallengeSession
        {
            Id = NewId(),
            UserId = request.UserId,
            ChallengeType = challenge.Type,
            Parameters = parameters,
            FrameWidth = request.FrameWidth,
            FrameHeight = request.FrameHeight,
            CreatedAt = now,
            ExpiresAt = now + _options.SessionLifetime,
            RetainUntil = now + _options.RetentionPeriod,
        };

        if (!await _attempts.TryCreateSessionAsync(session, cancellationToken).ConfigureAwait(false))
        {
            throw new FaceVerificationException("A freshly generated session id already exists in the attempt store.");
        }

        _metrics.SessionsStarted.Add(1, new KeyValuePair<string, object?>(FaceVerifyMetrics.ChallengeTypeTag, challenge.Type));
        activity?.SetTag(FaceVerifyMetrics.ChallengeTypeTag, challenge.Type);
        Log.SessionStarted(_logger, session.Id, session.ChallengeType, session.FrameWidth, session.FrameHeight, UserPseudonym.Of(session.UserId));
        return new StartChallengeResult
        {
            SessionId = session.Id,
            SessionToken = _tokens.IssueSessionToken(session),
            ChallengeType = session.ChallengeType,
            Parameters = session.Parameters,
            ExpiresAt = session.ExpiresAt,
        };
    }

    public async ValueTask<FrameSubmissionResult> SubmitFrameAsync(string sessionId, SessionAccess access, ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        ArgumentNullException.ThrowIfNull(access);
        using var activity = FaceVerifyTelemetry.ActivitySource.StartActivity("FaceVerify.SubmitFrame");
        var receivedAt = _time.GetUtcNow();

        if (frame.Length > _options.MaxFrameBytes)
        {
            return Reject(sessionId, FrameSubmissionReason.TooLarge, $"Frames may be at most {_options.MaxFrameBytes} bytes.");
        }

        var (token, denied, deniedDetail) = CheckAccess(sessionId, access);
        if (denied != SessionAccessReason.None)
        {
            return Deny(sessionId, denied, deniedDetail!);
        }

        var headerResult = ImageHeaderReader.TryRead(frame.Span, _options.MaxImagePixels, out var header);
        if (headerResult != FrameSubmissionReason.None)
        {
            return Reject(sessionId, headerResult, ImageChecks.Describe(headerResult, header, _options.MaxImagePixels));
        }

        if (!header.IsUpright)
        {
            return Reject(sessionId, FrameSubmissionReason.UnsupportedOrientation, "The frame carries an EXIF orientation; send frames upright, without an orientation tag.");
        }

        var session = await _attempts.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (session is null || !string.Equals(session.UserId, token.UserId, StringComparison.Ordinal))
        {
            return Deny(sessionId, SessionAccessReason.SessionNotFound, "There is no such session.");
        }

        if (session.IsFinal || session.DecidedAtFrame is not null || session.IsExpiredAt(receivedAt))
        {
            return Reject(sessionId, FrameSubmissionReason.SessionClosed, "The session accepts no more frames; call verify.");
        }

        if (header.Width != session.FrameWidth || header.Height != session.FrameHeight)
        {
            return Reject(sessionId, FrameSubmissionReason.WrongDimensions, $"The frame is {header.Width}x{header.Height}; the session expects {session.FrameWidth}x{session.FrameHeight}.");
        }

        // Copy once: the caller may reuse its buffer, and the analysis runs after this call returns.
        var bytes = frame.ToArray();
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var record = new FrameRecord
        {
            SessionId = session.Id,
            ReceivedAt = receivedAt,
            ContentHash = hash,
            StorageKey = FrameKeys.Frame(session.Id, hash, header.Format),
            Format = header.Format,
            Length = bytes.Length,
            RetainUntil = session.RetainUntil,
        };

        // Bytes first, then the metadata append: an accepted frame always has its bytes. A refused append can leave an
        // orphan object (never deleted here: with the same hash it may be an accepted frame's); retention removes it.
        var image = new FaceImage(bytes, header.Format, header.Width, header.Height);
        await _frames.PutAsync(record.StorageKey, bytes, image.ContentType, session.RetainUntil, cancellationToken).ConfigureAwait(false);
        var appended = await _attempts.TryAppendFrameAsync(record, _options.MaxFramesPerSession, cancellationToken).ConfigureAwait(false);
        switch (appended.Status)
        {
            case FrameAppendStatus.Appended:
                break;
            case FrameAppendStatus.Duplicate:
                return Reject(sessionId, FrameSubmissionReason.Duplicate, "The session already holds this exact frame.");
            case FrameAppendStatus.TooManyFrames:
                return Reject(sessionId, FrameSubmissionReason.TooManyFrames, $"A session accepts at most {_options.MaxFramesPerSession} frames.");
            case FrameAppendStatus.SessionNotFound:
                return Deny(sessionId, SessionAccessReason.SessionNotFound, "There is no such session.");
            default:
                return Reject(sessionId, FrameSubmissionReason.SessionClosed, "The session accepts no more frames; call verify.");
        }

        record = record with { Sequence = appended.Sequence };
        _metrics.FramesAccepted.Add(1, new KeyValuePair<string, object?>(FaceVerifyMetrics.ChallengeTypeTag, session.ChallengeType));
        Log.FrameAccepted(_logger, session.Id, record.Sequence, record.Length);
        _analysis.Enqueue(session, record, image);
        return new FrameSubmissionResult(FrameSubmissionReason.None, record.Sequence);
    }

    public async ValueTask<VerificationResult> VerifyAsync(string sessionId, SessionAccess access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        ArgumentNullException.ThrowIfNull(access);
        using var activity = FaceVerifyTelemetry.ActivitySource.StartActivity("FaceVerify.Verify");
        var (token, denied, deniedDetail) = CheckAccess(sessionId, access);
        if (denied != SessionAccessReason.None)
        {
            Log.VerifyRefused(_logger, sessionId, denied);
            return new VerificationResult { AccessReason = denied, Detail = deniedDetail };
        }

        // One verify per session at a time in this process; others wait and then read the stored outcome.
        var gate = _verifyGates.GetOrAdd(sessionId, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var session = await _attempts.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
            if (session is null || !string.Equals(session.UserId, token.UserId, StringComparison.Ordinal))
            {
                Log.VerifyRefused(_logger, sessionId, SessionAccessReason.SessionNotFound);
                return new VerificationResult { AccessReason = SessionAccessReason.SessionNotFound, Detail = "There is no such session." };
            }

            if (!session.IsFinal)
            {
                var outcome = await DecideAsync(session, cancellationToken).ConfigureAwait(false);
                var (completed, won) = await SessionCompletion.CompleteAsync(_attempts, session.Id, outcome, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                var stored = completed ?? throw new FaceVerificationException("The session disappeared from the attempt store while it was being verified.");
                if (won)
                {
                    _metrics.Completed(stored, "verify");
                    Log.SessionCompleted(_logger, session.Id, outcome.Status, outcome.Reason, outcome.DecidedAtFrame);
                }

                session = stored;
                _analysis.Forget(session.Id);
            }

            activity?.SetTag(FaceVerifyMetrics.ChallengeTypeTag, session.ChallengeType);
            FaceVerifyActivities.Outcome(activity, FaceVerifyMetrics.Lower(session.Outcome!.Status), FaceVerifyMetrics.ReasonCode(session.Outcome.Reason));
            return ToResult(session);
        }
        finally
        {
            gate.Release();
            if (gate.CurrentCount == 1)
            {
                _verifyGates.TryRemove(new KeyValuePair<string, SemaphoreSlim>(sessionId, gate));
            }
        }
    }

    public async ValueTask<ResultTokenValidation> RedeemResultAsync(string? resultToken, CancellationToken cancellationToken)
    {
        var validation = _tokens.ValidateResultToken(resultToken);
        if (!validation.Succeeded)
        {
            Log.RedemptionRefused(_logger, validation.Reason);
            return validation;
        }

        // Redeemed per session, not per token: verify may be called again and return another result token for the
        // same session, but the session's result can be redeemed once only. Face login uses up the session's proof itself (a
        // session proves liveness once, here or at login); the token of a successful face login is redeemed once under its own id.
        var claims = validation.Claims!;
        var key = claims.Proof == ResultProof.LivenessAndFaceMatch ? AttemptStoreKeys.FaceLoginResult(claims.SessionId) : AttemptStoreKeys.SessionProof(claims.SessionId);
        if (!await _attempts.TryRedeemTokenAsync(key, claims.ExpiresAt, cancellationToken).ConfigureAwait(false))
        {
            Log.RedemptionRefused(_logger, TokenValidationReason.AlreadyRedeemed);
            return new ResultTokenValidation(TokenValidationReason.AlreadyRedeemed);
        }

        return validation;
    }

    public ValueTask<ChallengeSession?> GetSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        return _attempts.GetSessionAsync(sessionId, cancellationToken);
    }

    public async ValueTask<IReadOnlyList<DecisionTraceEntry>> GetDecisionTraceAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        var session = await _attempts.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (session is null || !_challenges.TryGet(session.ChallengeType, out var challenge))
        {
            return [];
        }

        var frames = await _attempts.GetFramesAsync(sessionId, cancellationToken).ConfigureAwait(false);
        return ChallengeDecision.Trace(challenge, session, frames);
    }

    private async ValueTask<SessionOutcome> DecideAsync(ChallengeSession session, CancellationToken cancellationToken)
    {
        if (session.IsExpiredAt(_time.GetUtcNow()))
        {
            return SessionCompletion.Expired;
        }

        if (!_challenges.TryGet(session.ChallengeType, out var challenge))
        {
            throw new FaceVerificationException($"The session's challenge type '{session.ChallengeType}' is not registered in this instance.");
        }

        if (_options.AnalysisStrategy == FrameAnalysisStrategy.Sparse)
        {
            _analysis.BeginVerify(session.Id);
        }

        await _analysis.WaitForInFlightAsync(session.Id, cancellationToken).ConfigureAwait(false);
        var frames = (await _attempts.GetFramesAsync(session.Id, cancellationToken).ConfigureAwait(false)).ToArray();
        if (frames.Length == 0)
        {
            return new SessionOutcome(SessionStatus.Failed, ChallengeReason.NoFrames, Detail: "No frame was received.");
        }

        if (_options.AnalysisStrategy == FrameAnalysisStrategy.Sparse)
        {
            return await DecideSparseAsync(challenge, session, frames, cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            var decision = ChallengeDecision.Evaluate(challenge, session, frames);
            if (decision.FirstUnanalysed is { } missing)
            {
                // Analysed neither here nor by another instance (or its analysis failed): analyse it now.
                var index = Array.FindIndex(frames, f => f.Sequence == missing);
                var frame = frames[index];
                var image = await _frames.LoadImageAsync(session, frame, cancellationToken).ConfigureAwait(false);
                var analysis = await _analysis.AnalyzeNowAsync(session.Id, frame, image, cancellationToken).ConfigureAwait(false);
                frames[index] = frame with { Analysis = analysis };
                continue;
            }

            if (decision.Verdict.Kind == VerdictKind.Passed
                && await _passedChecks.CheckAsync(session, frames, decision.DecidedAt!.Value, cancellationToken).ConfigureAwait(false) is { } vetoed)
            {
                return vetoed;
            }

            return decision.Verdict.Kind switch
            {
                VerdictKind.Passed => new SessionOutcome(SessionStatus.Passed, ChallengeReason.Passed, decision.DecidedAt, decision.Verdict.Detail),
                VerdictKind.Failed => new SessionOutcome(SessionStatus.Failed, decision.Verdict.Reason, decision.DecidedAt, decision.Verdict.Detail),
                _ => new SessionOutcome(SessionStatus.Failed, ChallengeReason.ChallengeNotCompleted, Detail: $"The challenge was not completed within {frames.Length} frame(s)."),
            };
        }
    }

    /// <summary>
    /// Verify under the sparse strategy: decides from the analysed frames; analyses, in parallel, only what is still
    /// needed — the audit frames of a pass not yet audited in this process, or, when undecided, the client's last frame
    /// and random earlier ones (at most <see cref="SessionAnalysisPlan.MaxVerifyRounds"/> rounds) — and nothing after the decision.
    /// </summary>
    private async ValueTask<SessionOutcome> DecideSparseAsync(IChallenge challenge, ChallengeSession session, FrameRecord[] frames, CancellationToken cancellationToken)
    {
        var decision = await SessionAnalysisPlan.VerifyAsync(
            challenge,
            session,
            frames,
            _analysis.AuditsDone(session.Id),
            _options.AuditFrames,
            _random,
            async needed => await Task.WhenAll(needed.Select(f => AnalyzeStoredAsync(session, f, cancellationToken).AsTask())).ConfigureAwait(false)).ConfigureAwait(false);

        // Identity over every analysed frame, not only those up to the decision: an audit frame can move the decision
        // before a frame analysed earlier (and the session's stored decided-at mark), and face login reads the frames
        // up to that mark, so no analysed frame of a passed session may show someone else.
        var lastAnalysed = frames.Where(f => f.Analysis is not null).Select(f => f.Sequence).DefaultIfEmpty(0).Max();
        if (decision.Verdict.Kind == VerdictKind.Passed
            && await _passedChecks.CheckAsync(session, frames, decision.DecidedAt!.Value, lastAnalysed, cancellationToken).ConfigureAwait(false) is { } vetoed)
        {
            return vetoed;
        }

        return decision.Verdict.Kind switch
        {
            VerdictKind.Passed => new SessionOutcome(SessionStatus.Passed, ChallengeReason.Passed, decision.DecidedAt, decision.Verdict.Detail),
            VerdictKind.Failed => new SessionOutcome(SessionStatus.Failed, decision.Verdict.Reason, decision.DecidedAt, decision.Verdict.Detail),
            _ => new SessionOutcome(SessionStatus.Failed, ChallengeReason.ChallengeNotCompleted, Detail: $"The challenge was not completed within {frames.Length} frame(s) ({decision.AnalysedFrames} analysed)."),
        };
    }

    private async ValueTask<FrameRecord> AnalyzeStoredAsync(ChallengeSession session, FrameRecord frame, CancellationToken cancellationToken)
    {
        var image = await _frames.LoadImageAsync(session, frame, cancellationToken).ConfigureAwait(false);
        var analysis = await _analysis.AnalyzeNowAsync(session.Id, frame, image, cancellationToken).ConfigureAwait(false);
        return frame with { Analysis = analysis };
    }

    private VerificationResult ToResult(ChallengeSession session)
    {
        var outcome = session.Outcome!;
        return new VerificationResult
        {
            Status = outcome.Status,
            Reason = outcome.Reason,
            Detail = outcome.Detail,
            DecidedAtFrame = outcome.DecidedAtFrame,
            ResultToken = _tokens.IssueResultToken(session),
        };
    }

    private StartChallengeResult? CheckStartRequest(StartChallengeRequest request, out IChallenge? challenge)
    {
        challenge = null;
        if (request.FrameWidth < _options.MinFrameSize || request.FrameHeight < _options.MinFrameSize
            || request.FrameWidth > _options.MaxFrameSize || request.FrameHeight > _options.MaxFrameSize)
        {
            return StartChallengeResult.Failed(StartChallengeReason.InvalidFrameSize, $"Frame width and height must be between {_options.MinFrameSize} and {_options.MaxFrameSize} pixels.");
        }

        if (string.IsNullOrEmpty(request.ChallengeType))
        {
            challenge = _challenges.ChooseRandom(_options.EnabledChallengeTypes);
            return null;
        }

        if (!_options.AllowClientChallengeType)
        {
            return StartChallengeResult.Failed(StartChallengeReason.ChallengeTypeNotAllowed, "The server chooses the challenge type.");
        }

        var enabled = _options.EnabledChallengeTypes.Count == 0 || _options.EnabledChallengeTypes.Contains(request.ChallengeType, StringComparer.OrdinalIgnoreCase);
        if (!enabled || !_challenges.TryGet(request.ChallengeType, out var requested))
        {
            return StartChallengeResult.Failed(StartChallengeReason.UnknownChallengeType, $"Unknown challenge type. Available: {string.Join(", ", EnabledTypes())}.");
        }

        challenge = requested;
        return null;
    }

    private IEnumerable<string> EnabledTypes() => _options.EnabledChallengeTypes.Count == 0 ? _challenges.Types.Order() : _options.EnabledChallengeTypes;

    private IEnumerable<(string Key, int Limit)> AttemptKeys(StartChallengeRequest request)
    {
        yield return (AttemptStoreKeys.SessionsOfUser(request.UserId), _options.MaxSessionsPerUser);
        if (!string.IsNullOrEmpty(request.DeviceId))
        {
            yield return (AttemptStoreKeys.SessionsOfDevice(request.DeviceId), _options.MaxSessionsPerDevice);
        }

        if (!string.IsNullOrEmpty(request.ClientAddress))
        {
            yield return (AttemptStoreKeys.SessionsOfAddress(request.ClientAddress), _options.MaxSessionsPerAddress);
        }
    }

    private StartChallengeResult Refuse(StartChallengeRequest request, StartChallengeResult result)
    {
        _metrics.SessionsRefused.Add(1, new KeyValuePair<string, object?>(FaceVerifyMetrics.ReasonTag, FaceVerifyMetrics.ReasonCode(result.Reason)));
        FaceVerifyActivities.Outcome(System.Diagnostics.Activity.Current, "refused", FaceVerifyMetrics.ReasonCode(result.Reason));
        Log.SessionRefused(_logger, UserPseudonym.Of(request.UserId), result.Reason);
        return result;
    }

    private FrameSubmissionResult Reject(string sessionId, FrameSubmissionReason rejection, string detail)
    {
        CountRejection(sessionId, FaceVerifyMetrics.ReasonCode(rejection), rejection.ToString());
        return FrameSubmissionResult.Refused(rejection, detail);
    }

    private FrameSubmissionResult Deny(string sessionId, SessionAccessReason denied, string detail)
    {
        CountRejection(sessionId, FaceVerifyMetrics.ReasonCode(denied), denied.ToString());
        return FrameSubmissionResult.Denied(denied, detail);
    }

    private void CountRejection(string sessionId, string code, string name)
    {
        _metrics.FramesRejected.Add(1, new KeyValuePair<string, object?>(FaceVerifyMetrics.ReasonTag, code));
        FaceVerifyActivities.Outcome(System.Diagnostics.Activity.Current, "rejected", code);
        Log.FrameRejected(_logger, sessionId, name);
    }

    /// <summary>
    /// The one access check of a session operation: the token must be valid for <paramref name="sessionId"/> and, when the
    /// caller is signed in, name that user. The session's own owner is compared with the token's user afterwards, where
    /// the session is read.
    /// </summary>
    private (SessionTokenValidation Token, SessionAccessReason Denied, string? Detail) CheckAccess(string sessionId, SessionAccess access)
    {
        var token = _tokens.ValidateSessionToken(access.SessionToken, sessionId);
        if (!token.Succeeded)
        {
            return (token, SessionAccessReason.InvalidToken, access.SessionToken is null ? "The session token is missing." : $"The session token is not valid for this session ({token.Reason}).");
        }

        if (access.UserId is { } caller && !string.Equals(token.UserId, caller, StringComparison.Ordinal))
        {
            return (token, SessionAccessReason.InvalidToken, "The session token belongs to another user.");
        }

        return (token, SessionAccessReason.None, null);
    }

    private string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.GetBytes(bytes);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
