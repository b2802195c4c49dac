using System.Globalization;

namespace FaceVerify.LoadTests;

/// <summary>The command line of the load harness. Every count and duration is bounded; <c>--smoke</c> picks small ones.</summary>
internal sealed class LoadOptions
{
    public bool Smoke { get; private set; }

    /// <summary>The fixed analyzer latency L that stands in for a Rekognition DetectFaces round trip.</summary>
    public int LatencyMs { get; private set; } = 100;

    /// <summary>Concurrent clients of the upload-throughput phase.</summary>
    public int Clients { get; private set; } = 64;

    /// <summary>Measured seconds per upload mode (after a warm-up of a third of it).</summary>
    public double UploadSeconds { get; private set; } = 8;

    /// <summary>Bytes of one uploaded frame.</summary>
    public int FrameBytes { get; private set; } = 20 * 1024;

    /// <summary>Sessions per scenario and strategy in the verify phase.</summary>
    public int Sessions { get; private set; } = 24;

    /// <summary>Virtual users running verify-phase sessions at the same time.</summary>
    public int Users { get; private set; } = 8;

    /// <summary>Frames a verify-phase client sends per second (the reference client's MAX_FPS is 12).</summary>
    public double Fps { get; private set; } = 12;

    /// <summary>Frames of a verify-phase nose session.</summary>
    public int Frames { get; private set; } = 60;

    /// <summary>FaceVerifyOptions.MaxConcurrentAnalyses of the host (library default 4).</summary>
    public int AnalysisConcurrency { get; private set; } = 32;

    /// <summary>Open sessions of the memory phase.</summary>
    public int MemorySessions { get; private set; } = 10_000;

    /// <summary>Frames per session of the memory phase's "frames included" measurement.</summary>
    public int MemoryFrames { get; private set; } = 10;

    public bool LocalAws { get; private set; }

    /// <summary>The upload phase's frame store: <c>discard</c> (default: bytes leave the process, as with S3) or <c>memory</c> (the in-memory store keeps every frame in the heap).</summary>
    public string UploadStore { get; private set; } = "discard";

    /// <summary>Diagnostic: decorate the token service with a cache of validated session tokens.</summary>
    public bool TokenCache { get; private set; }

    /// <summary>Diagnostic: map FaceVerify's routes without the rate limiter.</summary>
    public bool NoRateLimit { get; private set; }

    /// <summary>Where to write every table as JSON (<c>--json FILE</c>).</summary>
    public string? JsonPath { get; private set; }

    /// <summary>Skip the verify phase's second host with the every-frame strategy (<c>--no-every-frame</c>).</summary>
    public bool NoEveryFrame { get; private set; }

    /// <summary>Directory of recorded sessions (replay format) for the verdict-equality phase (<c>--recordings DIR</c>); synthetic sequences are always included.</summary>
    public string? RecordingsPath { get; private set; }

    /// <summary>Sparse-strategy trials per case in the verdict-equality phase (<c>--equality-trials N</c>).</summary>
    public int EqualityTrials { get; private set; } = 20;

    /// <summary>The verdict-equality phase reads only the recordings, not the synthetic sequences (<c>--recordings-only</c>).</summary>
    public bool RecordingsOnly { get; private set; }

    /// <summary>Sessions per scenario and strategy of the local-AWS phase.</summary>
    public int LocalAwsSessions { get; private set; } = 3;

    public string? LocalAwsPath { get; private set; }

    public string NodePath { get; private set; } = "node";

    /// <summary>Phases to run: memory, submit, upload, verify, equality (and aws with --local-aws).</summary>
    public HashSet<string> Phases { get; private set; } = new(["memory", "submit", "upload", "verify", "equality"], StringComparer.OrdinalIgnoreCase);

    public TimeSpan Latency => TimeSpan.FromMilliseconds(LatencyMs);

    public static string Usage =>
        """
        usage: FaceVerify.LoadTests [--smoke] [--latency-ms 100] [--clients 64] [--upload-seconds 8] [--frame-bytes 20480]
                                    [--sessions 24] [--users 8] [--fps 12] [--frames 60] [--analysis-concurrency 32]
                                    [--memory-sessions 10000] [--memory-frames 10] [--only memory,submit,upload,verify,equality,aws] [--no-rate-limit] [--token-cache] [--upload-store discard|memory]
                                    [--local-aws] [--local-aws-sessions 3] [--local-aws-path DIR] [--node node]
                                    [--json FILE] [--no-every-frame] [--recordings DIR] [--recordings-only] [--equality-trials 20]
        """;

    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions();
        if (args.Contains("--smoke"))
        {
            options.Smoke = true;
            options.Clients = 8;
            options.UploadSeconds = 1.5;
            options.Sessions = 1;
            options.Users = 6;
            options.MemorySessions = 1_000;
            options.LocalAwsSessions = 1;
        }

        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value.\n{Usage}");
            int Int(int min, int max)
            {
                var value = int.Parse(Next(), CultureInfo.InvariantCulture);
                return value < min || value > max ? throw new ArgumentException($"{arg} must be between {min} and {max}.") : value;
            }

            double Real(double min, double max)
            {
                var value = double.Parse(Next(), CultureInfo.InvariantCulture);
                return value < min || value > max ? throw new ArgumentException($"{arg} must be between {min} and {max}.") : value;
            }

            switch (arg)
            {
                case "--smoke":
                    break;
                case "--latency-ms":
                    options.LatencyMs = Int(0, 5_000);
                    break;
                case "--clients":
                    options.Clients = Int(1, 512);
                    break;
                case "--upload-seconds":
                    options.UploadSeconds = Real(0.5, 120);
                    break;
                case "--frame-bytes":
                    options.FrameBytes = Int(64, 1024 * 1024);
                    break;
                case "--sessions":
                    options.Sessions = Int(1, 1_000);
                    break;
                case "--users":
                    options.Users = Int(1, 256);
                    break;
                case "--fps":
                    options.Fps = Real(1, 100);
                    break;
                case "--frames":
                    options.Frames = Int(12, 150);
                    break;
                case "--analysis-concurrency":
                    options.AnalysisConcurrency = Int(1, 256);
                    break;
                case "--memory-sessions":
                    options.MemorySessions = Int(10, 100_000);
                    break;
                case "--memory-frames":
                    options.MemoryFrames = Int(1, 150);
                    break;
                case "--local-aws":
                    options.LocalAws = true;
                    options.Phases.Add("aws");
                    break;
                case "--upload-store":
                    options.UploadStore = Next() is "memory" or "discard" ? args[i] : throw new ArgumentException("--upload-store is memory or discard.");
                    break;
                case "--token-cache":
                    options.TokenCache = true;
                    break;
                case "--json":
                    options.JsonPath = Next();
                    break;
                case "--no-every-frame":
                    options.NoEveryFrame = true;
                    break;
                case "--recordings":
                    options.RecordingsPath = Next();
                    options.Phases.Add("equality");
                    break;
                case "--recordings-only":
                    options.RecordingsOnly = true;
                    break;
                case "--equality-trials":
                    options.EqualityTrials = Int(1, 1000);
                    break;
                case "--no-rate-limit":
                    options.NoRateLimit = true;
                    break;
                case "--local-aws-sessions":
                    options.LocalAwsSessions = Int(1, 100);
                    break;
                case "--local-aws-path":
                    options.LocalAwsPath = Next();
                    break;
                case "--node":
                    options.NodePath = Next();
                    break;
                case "--only":
                    options.Phases = new HashSet<string>(Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
                    if (options.Phases.Contains("aws"))
                    {
                        options.LocalAws = true;
                    }

                    break;
                case "--help" or "-h":
                    throw new ArgumentException(Usage);
                default:
                    throw new ArgumentException($"Unknown argument {arg}.\n{Usage}");
            }
        }

        return options;
    }
}
