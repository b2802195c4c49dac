using System.Diagnostics;

namespace FaceVerify.LoadTests;

/// <summary>Progress on stderr, the figures as Markdown on stdout, and the failures that make the run exit non-zero.</summary>
internal sealed class Report
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<string> _failures = [];

    public IReadOnlyList<string> Failures => _failures;

    public void Progress(string message) => Console.Error.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:0.0} s] {message}");

    public void Fail(string message)
    {
        lock (_failures)
        {
            _failures.Add(message);
        }

        Console.Error.WriteLine($"FAILED: {message}");
    }

    public static void Line(string text = "") => Console.Out.WriteLine(text);
}
