using System.Net.Http.Headers;
using System.Text;
using FaceVerify.SecurityTests.Infrastructure;
using FaceVerify.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FaceVerify.SecurityTests.Fuzzing;

/// <summary>
/// 10,000 generated and mutated requests (seed 20261121) through every FaceVerify route in-process: JSON shapes,
/// headers and tokens, truncated and mutated JPEG/PNG frames, huge dimensions, empty bodies, wrong content types. No
/// response may be a 5xx, no exception may escape or be logged, and the managed heap must stay bounded.
/// </summary>
public sealed class EndpointFuzzTests
{
    private const int Seed = 20261121;
    private const int Requests = 10_000;

    /// <summary>Growth of the managed heap (after a full collection) allowed over the whole run.</summary>
    private const long HeapGrowthBound = 64L * 1024 * 1024;

    private static readonly string[] ContentTypes =
    [
        "application/json", "image/jpeg", "image/png", "text/plain", "application/xml", "multipart/form-data; boundary=x",
        "application/json; charset=utf-16", "application/problem+json", "image/gif", "application/octet-stream", ";;;", "image/", "",
    ];

    private static readonly string[] Users = ["alice", "bob", "mallory", "admin", "ü", "a/b", new string('x', 300)];

    [Test]
    public async Task Endpoints_TenThousandFuzzedRequests_NoServerErrorNoExceptionBoundedMemory()
    {
        var errors = new ErrorLogCollector();
        await using var host = await SecurityHost.StartAsync(
            core: o => o.MaxSessionsPerUser = 50,
            endpoints: o => o.EnableRateLimiting = false,
            services: s => s.AddSingleton<ILoggerProvider>(errors));
        using var client = host.Client(null);
        var random = new Random(Seed);

        // A few real sessions so that mutated frames with a valid token reach the image header reader.
        var sessions = new List<Session>();
        foreach (var user in new[] { "alice", "bob" })
        {
            using var c = host.Client(user);
            sessions.Add(await c.StartAsync(host, 640, 480));
            sessions.Add(await c.StartAsync(host, 480, 480));
        }

        // Warm up once, then measure.
        await SendAsync(client, Build(new Random(1), sessions));
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var statuses = new Dictionary<int, int>();
        var escaped = new List<string>();
        for (var i = 0; i < Requests; i++)
        {
            using var request = Build(random, sessions);
            var description = $"#{i} {request.Method} {request.RequestUri} {request.Content?.Headers.ContentType}";
            try
            {
                using var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (status >= 500)
                {
                    escaped.Add($"{description} -> {status} {await response.Content.ReadAsStringAsync()}");
                }
            }
#pragma warning disable CA1031 // any escaping exception is the failure being counted
            catch (Exception ex)
#pragma warning restore CA1031
            {
                escaped.Add($"{description} -> {ex.GetType().Name}: {ex.Message}");
            }
        }

        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        TestContext.Out.WriteLine($"statuses: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");
        TestContext.Out.WriteLine($"heap before {heapBefore / 1024} KiB, after {heapAfter / 1024} KiB, growth {(heapAfter - heapBefore) / 1024} KiB");
        escaped.Should().BeEmpty();
        errors.Errors.Should().BeEmpty();
        statuses.Keys.Should().NotContain(k => k >= 500);
        statuses.Keys.Count.Should().BeGreaterThan(6, "the fuzzer must reach many different answers");
        (heapAfter - heapBefore).Should().BeLessThan(HeapGrowthBound);
    }

    private static async Task SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await client.SendAsync(request);
        }
    }

    private static HttpRequestMessage Build(Random random, IReadOnlyList<Session> sessions)
    {
        var session = sessions[random.Next(sessions.Count)];
        var id = random.Next(10) switch
        {
            < 6 => session.Id,
            6 => RandomText(random, random.Next(0, 40)),
            7 => Uri.EscapeDataString(RandomText(random, 300)),
            8 => "..%2F..%2Fetc%2Fpasswd",
            _ => Guid.NewGuid().ToString("N"),
        };
        var (method, path) = random.Next(9) switch
        {
            0 => (HttpMethod.Post, "challenge"),
            1 or 2 or 3 => (HttpMethod.Put, $"challenge/{id}/frame"),
            4 => (HttpMethod.Post, $"challenge/{id}/verify"),
            5 => (HttpMethod.Post, "results/redeem"),
            6 => (HttpMethod.Post, random.Next(2) == 0 ? "enrolments" : "login/face"),
            7 => (HttpMethod.Delete, $"users/{id}/biometrics"),
            _ => (RandomMethod(random), random.Next(2) == 0 ? "challenge" : $"challenge/{id}/frame"),
        };
        var request = new HttpRequestMessage(method, $"{SecurityHost.Prefix}/{path}");
        if (random.Next(5) > 0)
        {
            request.Headers.TryAddWithoutValidation(SecurityHost.UserHeader, Users[random.Next(Users.Length)]);
        }

        var token = random.Next(6) switch
        {
            0 => null,
            1 or 2 => session.Token,
            3 => Mutate(random, Encoding.ASCII.GetBytes(session.Token)) is var b ? Encoding.Latin1.GetString(b) : null,
            4 => RandomText(random, random.Next(0, 2000)),
            _ => "a.b.c",
        };
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", random.Next(4) == 0 ? token : "Bearer " + token);
        }

        if (random.Next(20) == 0)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", RandomText(random, 50));
        }

        var (content, type) = random.Next(10) switch
        {
            < 4 => (Frame(random, session), random.Next(5) == 0 ? ContentTypes[random.Next(ContentTypes.Length)] : random.Next(2) == 0 ? "image/jpeg" : "image/png"),
            < 8 => (Encoding.UTF8.GetBytes(JsonBody(random, session, token)), random.Next(6) == 0 ? ContentTypes[random.Next(ContentTypes.Length)] : "application/json"),
            8 => (Array.Empty<byte>(), ContentTypes[random.Next(ContentTypes.Length)]),
            _ => (RandomBytes(random, random.Next(0, 4096)), ContentTypes[random.Next(ContentTypes.Length)]),
        };
        if (method != HttpMethod.Get && method != HttpMethod.Delete || random.Next(4) == 0)
        {
            request.Content = new ByteArrayContent(content);
            if (type.Length > 0)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }

        return request;
    }

    private static byte[] Frame(Random random, Session session)
    {
        var (w, h) = random.Next(6) switch
        {
            0 => (65535, 65535),
            1 => (0, 0),
            2 => (random.Next(1, 5000), random.Next(1, 5000)),
            _ => (session.Width, session.Height),
        };
        var frame = random.Next(2) == 0 ? TestFrames.Jpeg(w, h, random.Next()) : TestFrames.Png(w, h, random.Next());
        return random.Next(5) switch
        {
            0 => frame[..random.Next(0, frame.Length)],
            1 or 2 => Mutate(random, frame),
            3 when random.Next(4) == 0 => [.. frame, .. RandomBytes(random, random.Next(0, 2_000_000))],
            _ => frame,
        };
    }

    private static string JsonBody(Random random, Session session, string? token)
    {
        string Value(int depth) => random.Next(depth > 3 ? 6 : 9) switch
        {
            0 => random.Next(int.MinValue, int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture),
            1 => "1e309",
            2 => "\"" + RandomText(random, random.Next(0, 100)).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
            3 => "null",
            4 => random.Next(2) == 0 ? "true" : "false",
            5 => "-0.5",
            6 => "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => Value(depth + 1))) + "]",
            7 => "{" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => $"\"{Key()}\":{Value(depth + 1)}")) + "}",
            _ => new string('[', 200) + new string(']', 200),
        };
        string Key() => random.Next(12) switch
        {
            0 => "imageWidth",
            1 => "imageHeight",
            2 => "challengeType",
            3 => "token",
            4 => "frameBase64",
            5 => "timestamp",
            6 => "resultToken",
            7 => "sessionId",
            8 => "photoBase64",
            _ => RandomText(random, random.Next(0, 12)).Replace("\"", string.Empty, StringComparison.Ordinal).Replace("\\", string.Empty, StringComparison.Ordinal),
        };

        var fields = new List<string>();
        switch (random.Next(4))
        {
            case 0:
                fields.Add($"\"imageWidth\":{(random.Next(2) == 0 ? session.Width.ToString(System.Globalization.CultureInfo.InvariantCulture) : Value(0))}");
                fields.Add($"\"imageHeight\":{(random.Next(2) == 0 ? session.Height.ToString(System.Globalization.CultureInfo.InvariantCulture) : Value(0))}");
                break;
            case 1:
                fields.Add($"\"token\":\"{token?.Replace("\\", string.Empty, StringComparison.Ordinal).Replace("\"", string.Empty, StringComparison.Ordinal)}\"");
                fields.Add($"\"frameBase64\":\"{(random.Next(3) == 0 ? "data:image/jpeg;base64," : string.Empty)}{Convert.ToBase64String(Frame(random, session))}\"");
                fields.Add($"\"timestamp\":{Value(0)}");
                break;
            case 2:
                fields.Add($"\"resultToken\":{Value(0)}");
                break;
        }

        for (var i = random.Next(0, 4); i > 0; i--)
        {
            fields.Add($"\"{Key()}\":{Value(0)}");
        }

        var json = "{" + string.Join(",", fields) + "}";
        return random.Next(8) switch
        {
            0 => json[..random.Next(0, json.Length)],
            1 => Value(0),
            2 => Encoding.Latin1.GetString(Mutate(random, Encoding.UTF8.GetBytes(json))),
            _ => json,
        };
    }

    private static byte[] Mutate(Random random, byte[] source)
    {
        var copy = (byte[])source.Clone();
        for (var n = random.Next(1, 6); n > 0 && copy.Length > 0; n--)
        {
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
        }

        return copy;
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string RandomText(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = random.Next(10) == 0 ? (char)random.Next(0x20, 0xD7FF) : (char)random.Next(0x20, 0x7F);
        }

        return new string(chars);
    }

    private static HttpMethod RandomMethod(Random random) => random.Next(5) switch
    {
        0 => HttpMethod.Get,
        1 => HttpMethod.Patch,
        2 => HttpMethod.Head,
        3 => HttpMethod.Options,
        _ => new HttpMethod("FUZZ"),
    };
}
