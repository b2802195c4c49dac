namespace FaceVerify.SecurityTests.Faults;

/// <summary>What an injected fault does to one call.</summary>
internal enum FaultKind
{
    None,

    /// <summary>The call fails before it has any effect.</summary>
    Fail,

    /// <summary>The call times out (the store adapters report this after their own retries).</summary>
    Timeout,

    /// <summary>The back end throttles the call.</summary>
    Throttle,

    /// <summary>The call takes effect, then the caller sees a failure (a lost response).</summary>
    FailAfterEffect,
}

/// <summary>A seeded, thread-safe source of faults, with counts of what it injected.</summary>
internal sealed class FaultPlan(int seed, double rate)
{
    private readonly Random _random = new(seed);
    private readonly Lock _lock = new();
    private readonly int[] _counts = new int[5];

    public bool Enabled { get; set; } = true;

    public FaultKind Next(bool write)
    {
        lock (_lock)
        {
            if (!Enabled || _random.NextDouble() >= rate)
            {
                return FaultKind.None;
            }

            var roll = _random.Next(10);
            var kind = roll switch
            {
                < 4 => FaultKind.Fail,
                < 6 => FaultKind.Timeout,
                < 8 => FaultKind.Throttle,
                _ => write ? FaultKind.FailAfterEffect : FaultKind.Fail,
            };
            _counts[(int)kind]++;
            return kind;
        }
    }

    public int Count(FaultKind kind)
    {
        lock (_lock)
        {
            return _counts[(int)kind];
        }
    }

    public int Total
    {
        get
        {
            lock (_lock)
            {
                return _counts.Sum();
            }
        }
    }

    /// <summary>The exception a store adapter surfaces after its own retries gave up.</summary>
    public static FaceVerificationException StoreFault(FaultKind kind, string operation) => kind switch
    {
        FaultKind.Timeout => new FaceVerificationException($"Injected: {operation} timed out.", new TimeoutException()),
        FaultKind.Throttle => new FaceVerificationException($"Injected: {operation} was throttled.", new IOException("ProvisionedThroughputExceededException")),
        FaultKind.FailAfterEffect => new FaceVerificationException($"Injected: {operation} succeeded but its response was lost.", new IOException("connection reset")),
        _ => new FaceVerificationException($"Injected: {operation} failed.", new IOException("connection refused")),
    };
}
