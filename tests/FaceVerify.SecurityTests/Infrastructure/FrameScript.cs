using System.Collections.Concurrent;
using FaceVerify.Testing;

namespace FaceVerify.SecurityTests.Infrastructure;

/// <summary>
/// What the (scripted) analyzer sees in each uploaded frame, and whose face it is: every registered frame gets a fresh
/// variant number embedded in its JPEG, so sessions running side by side never share frames by accident. The face
/// comparer compares the registered people (same person 99, another 5).
/// </summary>
internal sealed class FrameScript
{
    private readonly ConcurrentDictionary<int, (IReadOnlyList<FaceDetails> Faces, string Person)> _frames = new();
    private int _next;

    public ScriptedFaceAnalyzer Analyzer { get; }

    public FakeFaceComparer Comparer { get; }

    public FrameScript()
    {
        Analyzer = new ScriptedFaceAnalyzer((image, _) => Lookup(image) is { } f && f.Faces.Count > 0 ? new FaceAnalysis(f.Faces) : FaceAnalysis.NoFaces);
        Comparer = new FakeFaceComparer { SimilarityFunction = (a, b) => Lookup(a)?.Person == Lookup(b)?.Person ? 99 : 5 };
    }

    /// <summary>Registers a frame showing <paramref name="faces"/> of <paramref name="person"/> and returns its JPEG bytes.</summary>
    public byte[] Frame(int width, int height, IReadOnlyList<FaceDetails> faces, string person = "alice")
    {
        var variant = Interlocked.Increment(ref _next);
        _frames[variant] = (faces, person);
        return TestFrames.Jpeg(width, height, variant);
    }

    /// <summary>
    /// Registers a real JPEG photo (e.g. cut from a demo photo by tools/local-aws/test-support/photo-frames.js) as showing
    /// <paramref name="faces"/> of <paramref name="person"/>: the variant goes into a JFIF APP0 + comment header put in
    /// front of the photo's own segments, so the scripted analyzer recognises it and a real engine still decodes it.
    /// </summary>
    public byte[] Photo(byte[] jpeg, IReadOnlyList<FaceDetails> faces, string person)
    {
        ArgumentNullException.ThrowIfNull(jpeg);
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            throw new ArgumentException("Not a JPEG.", nameof(jpeg));
        }

        var variant = Interlocked.Increment(ref _next);
        _frames[variant] = (faces, person);
        var header = TestFrames.Jpeg(16, 16, variant).AsSpan(0, 28); // SOI, APP0 JFIF, COM with the variant
        return [.. header, .. jpeg.AsSpan(2)];
    }

    /// <summary>Registers every frame of a sequence (all of <paramref name="person"/>).</summary>
    public IReadOnlyList<byte[]> Frames(FrameSequence sequence, string person = "alice")
        => sequence.Select(f => Frame(sequence.FrameWidth, sequence.FrameHeight, f.Faces ?? [], person)).ToArray();

    /// <summary>Whose face a registered frame or photo shows, or <see langword="null"/> for bytes the script does not know.</summary>
    public string? PersonOf(FaceImage image) => Lookup(image)?.Person;

    /// <summary>The faces a registered frame or photo shows, or <see langword="null"/> for bytes the script does not know.</summary>
    public IReadOnlyList<FaceDetails>? FacesOf(FaceImage image) => Lookup(image)?.Faces;

    private (IReadOnlyList<FaceDetails> Faces, string Person)? Lookup(FaceImage image)
        => TestFrames.ReadVariant(image.Content.Span) is { } v && _frames.TryGetValue(v, out var f) ? f : null;
}
