using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using FaceVerify.SecurityTests.Infrastructure;
using FaceVerify.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FaceVerify.SecurityTests.Load;

/// <summary>
/// 1,000 sessions open at once through the HTTP endpoints (in-process TestServer): all started, then their frames sent
/// round by round (every session's frame i in parallel), then two verifies per session in parallel. Every accepted frame
/// must be in the stores, the deciding frame analysed, every session completed exactly once, with the outcome
/// its sequence calls for. The figures are written in docs/security.md ("Load").
/// </summary>
public sealed class ConcurrentSessionsLoadTests
{
    private const int Sessions = 1_000;
    private const int Parallelism = 64;

    [Test]
    public async Task Host_ThousandConcurrentSessions_NothingLostEachCompletedOnce()
    {
        CompletionCountingAttemptStore? counting = null;
        IFrameStore? frameStore = null;
        await using var host = await SecurityHost.StartAsync(
            core: o =>
            {
                o.AllowClientChallengeType = true;
                o.MaxSessionsPerAddress = 100_000;
                o.MaxSessionsPerDevice = 100_000;
            },
            endpoints: o => o.EnableRateLimiting = false,
            services: s =>
            {
                s.RemoveAll<IAttemptStore>();
                s.AddSingleton<IAttemptStore>(sp => counting = new CompletionCountingAttemptStore(new InMemoryAttemptStore(sp.GetRequiredService<TimeProvider>())));
                s.RemoveAll<IFrameStore>();
                s.AddSingleton<IFrameStore>(sp => frameStore = new InMemoryFrameStore(sp.GetRequiredService<TimeProvider>()));
            });
        using var client = host.Client(null);
        var throttle = new SemaphoreSlim(Parallelism);

        async Task<T> Limited<T>(Func<Task<T>> call)
        {
            await throttle.WaitAsync();
            try
            {
                return await call();
            }
            finally
            {
                throttle.Release();
            }
        }

        // Start all sessions: half nose, half pose; every fifth one a photo attack.
        var sessions = await Task.WhenAll(Enumerable.Range(0, Sessions).Select(k => Limited(async () =>
        {
            using var c = host.Client($"load{k}");
            var type = k % 2 == 0 ? "nose" : "pose";
            var session = await c.StartAsync(host, 640, 480, type);
            var attack = k % 5 == 0;
            var sequence = type == "nose"
                ? attack ? NoseSequences.RigidPhoto(session.Nose()) : NoseSequences.Genuine(session.Nose())
                : attack ? PoseSequences.SecondPersonAppears(session.Pose()) : PoseSequences.Genuine(session.Pose());
            return (User: $"load{k}", Session: session, Sequence: sequence, Attack: attack);
        })));
        var start = host.Time.GetUtcNow();
        var accepted = new ConcurrentDictionary<string, ConcurrentBag<int>>(StringComparer.Ordinal);
        var refused = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var rounds = sessions.Max(s => s.Sequence.Count);
        for (var round = 0; round < rounds; round++)
        {
            host.Time.SetUtcNow(start + (FrameSequence.DefaultInterval * round));
            var i = round;
            await Task.WhenAll(sessions.Where(s => s.Sequence.Count > i).Select(s => Limited(async () =>
            {
                var bytes = host.Script.Frame(640, 480, s.Sequence[i].Faces ?? []);
                using var response = await client.PutFrameAsync(s.Session.Id, s.Session.Token, bytes);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    accepted.GetOrAdd(s.Session.Id, _ => []).Add(JsonDocument.Parse(text).RootElement.GetProperty("sequence").GetInt32());
                }
                else
                {
                    var code = JsonDocument.Parse(text).RootElement.GetProperty("code").GetString()!;
                    refused.AddOrUpdate(code, 1, static (_, n) => n + 1);
                }

                return 0;
            })));
        }

        var verdicts = await Task.WhenAll(sessions.SelectMany(s => new[] { s, s }).Select(s => Limited(async () => (s, await client.VerifyAsync(s.Session.Id, s.Session.Token)))));

        var problems = new List<string>();
        foreach (var group in verdicts.GroupBy(v => v.s.Session.Id))
        {
            var (s, first) = group.First();
            if (group.Select(v => (v.Item2.Outcome, v.Item2.Reason)).Distinct().Count() != 1)
            {
                problems.Add($"{s.Session.Id}: verifies disagree");
            }

            if (first.Success == s.Attack)
            {
                problems.Add($"{s.Session.Id} ({s.Session.Type}, attack {s.Attack}): {first}");
            }

            if (counting!.Completions.GetValueOrDefault(s.Session.Id) != 1)
            {
                problems.Add($"{s.Session.Id}: completed {counting.Completions.GetValueOrDefault(s.Session.Id)} times");
            }

            var stored = await counting.Inner.GetSessionAsync(s.Session.Id, CancellationToken.None);
            var frames = await counting.Inner.GetFramesAsync(s.Session.Id, CancellationToken.None);
            var decidedAt = stored!.Outcome!.DecidedAtFrame ?? int.MaxValue;
            foreach (var sequence in accepted.GetValueOrDefault(s.Session.Id) ?? [])
            {
                var record = frames.SingleOrDefault(f => f.Sequence == sequence);
                if (record is null || await frameStore!.GetAsync(record.StorageKey, CancellationToken.None) is null)
                {
                    problems.Add($"{s.Session.Id}: accepted frame {sequence} lost");
                }
                else if (record.Analysis is null && sequence == decidedAt)
                {
                    // The sparse strategy (the default) analyses only the frames the challenge needs, but the deciding
                    // frame always has its analysis.
                    problems.Add($"{s.Session.Id}: deciding frame {sequence} never analysed");
                }
            }

            if (frames.Count != (accepted.GetValueOrDefault(s.Session.Id)?.Count ?? 0))
            {
                problems.Add($"{s.Session.Id}: {frames.Count} stored frames, {accepted.GetValueOrDefault(s.Session.Id)?.Count ?? 0} accepted");
            }
        }

        var acceptedFrames = accepted.Values.Sum(b => b.Count);
        TestContext.Out.WriteLine($"sessions {Sessions}, requests {Sessions + acceptedFrames + refused.Values.Sum() + verdicts.Length}, accepted frames {acceptedFrames}, refused frames {string.Join(", ", refused.Select(r => $"{r.Key}×{r.Value}"))}, verifies {verdicts.Length}, passed {verdicts.Count(v => v.Item2.Success) / 2}");
        problems.Should().BeEmpty();
        counting!.Completions.Should().HaveCount(Sessions);
        refused.Keys.Should().BeSubsetOf(["session_closed"], "frames are refused only once their session is decided");
    }
}
