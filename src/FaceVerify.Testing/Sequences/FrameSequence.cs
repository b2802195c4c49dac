using System.Collections;
using System.Collections.Immutable;

namespace FaceVerify.Testing;

/// <summary>
/// An immutable, timed sequence of analysed frames for one session: what a camera would have sent, as the faces an
/// analyzer finds in each frame and the server receive time of each frame (an offset from the first). Build one by
/// hand (<c>FrameSequence.Create(480, 480).Add(face).Repeat(3, blink).AddNoFace()</c>), or take one from
/// <see cref="NoseSequences"/> and <see cref="PoseSequences"/>; run it through a challenge with
/// <see cref="ChallengeHarness"/>, or through a whole session with <see cref="ScriptedFaceAnalyzer.Play"/> and
/// <see cref="ChallengeSessionServiceTestExtensions.SubmitFramesAsync"/>.
/// </summary>
public sealed class FrameSequence : IReadOnlyList<ScriptedFrame>
{
    /// <summary>The default time between frames: 200 ms (5 frames a second, the reference client's rate).</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(200);

    private readonly ImmutableArray<ScriptedFrame> _frames;

    private FrameSequence(int frameWidth, int frameHeight, TimeSpan interval, ImmutableArray<ScriptedFrame> frames)
    {
        FrameWidth = frameWidth;
        FrameHeight = frameHeight;
        Interval = interval;
        _frames = frames;
    }

    /// <summary>Width in pixels of the frames (the session's frame width); 0 when not known.</summary>
    public int FrameWidth { get; }

    /// <summary>Height in pixels of the frames; 0 when not known.</summary>
    public int FrameHeight { get; }

    /// <summary>The time between a frame added with <see cref="Add(FaceDetails[])"/> and the one before it.</summary>
    public TimeSpan Interval { get; }

    /// <summary>The receive offset of the last frame (zero when empty).</summary>
    public TimeSpan Duration => _frames.IsEmpty ? TimeSpan.Zero : _frames[^1].At;

    /// <inheritdoc />
    public int Count => _frames.Length;

    /// <inheritdoc />
    public ScriptedFrame this[int index] => _frames[index];

    /// <summary>An empty sequence for frames of the given size.</summary>
    /// <param name="frameWidth">Width in pixels of the session's frames (0 when it does not matter).</param>
    /// <param name="frameHeight">Height in pixels of the session's frames (0 when it does not matter).</param>
    /// <param name="interval">The time between frames. Default: <see cref="DefaultInterval"/>.</param>
    /// <returns>The empty sequence.</returns>
    public static FrameSequence Create(int frameWidth, int frameHeight, TimeSpan? interval = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frameWidth);
        ArgumentOutOfRangeException.ThrowIfNegative(frameHeight);
        var step = interval ?? DefaultInterval;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, TimeSpan.Zero, nameof(interval));
        return new FrameSequence(frameWidth, frameHeight, step, []);
    }

    /// <summary>Appends a frame with these faces, <see cref="Interval"/> after the last one (the first frame is at zero).</summary>
    /// <param name="faces">The faces in the frame; none for a frame without a face.</param>
    /// <returns>The longer sequence.</returns>
    public FrameSequence Add(params FaceDetails[] faces) => AddAt(NextAt(), faces);

    /// <summary>Appends a frame with these faces, <see cref="Interval"/> after the last one.</summary>
    /// <param name="faces">The faces in the frame, as builders.</param>
    /// <returns>The longer sequence.</returns>
    public FrameSequence Add(params FaceBuilder[] faces)
    {
        ArgumentNullException.ThrowIfNull(faces);
        return Add(faces.Select(f => f.Build()).ToArray());
    }

    /// <summary>Appends a frame in which the analyzer finds no face.</summary>
    /// <returns>The longer sequence.</returns>
    public FrameSequence AddNoFace() => Add(Array.Empty<FaceDetails>());

    /// <summary>Appends <paramref name="count"/> frames with the same faces, <see cref="Interval"/> apart.</summary>
    /// <param name="count">How many frames.</param>
    /// <param name="faces">The faces in each frame.</param>
    /// <returns>The longer sequence.</returns>
    public FrameSequence Repeat(int count, params FaceDetails[] faces)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var sequence = this;
        for (var i = 0; i < count; i++)
        {
            sequence = sequence.Add(faces);
        }

        return sequence;
    }

    /// <summary>Appends a frame received at <paramref name="at"/> after the start.</summary>
    /// <param name="at">The receive offset; not before the last frame's.</param>
    /// <param name="faces">The faces in the frame.</param>
    /// <returns>The longer sequence.</returns>
    public FrameSequence AddAt(TimeSpan at, params FaceDetails[] faces)
    {
        ArgumentNullException.ThrowIfNull(faces);
        if (!_frames.IsEmpty && at < Duration)
        {
            throw new ArgumentOutOfRangeException(nameof(at), at, $"Frames are received in order: {at} is before the last frame's {Duration}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(at, TimeSpan.Zero);
        return new FrameSequence(FrameWidth, FrameHeight, Interval, _frames.Add(new ScriptedFrame(at, [.. faces])));
    }

    /// <summary>Appends a frame received at <paramref name="at"/> after the start.</summary>
    /// <param name="at">The receive offset; not before the last frame's.</param>
    /// <param name="faces">The faces in the frame, as builders.</param>
    /// <returns>The longer sequence.</returns>
    public FrameSequence AddAt(TimeSpan at, params FaceBuilder[] faces)
    {
        ArgumentNullException.ThrowIfNull(faces);
        return AddAt(at, faces.Select(f => f.Build()).ToArray());
    }

    /// <summary>Appends <paramref name="count"/> frames with the same faces, <see cref="Interval"/> apart.</summary>
    /// <param name="count">How many frames.</param>
    /// <param name="faces">The faces in each frame, as builders.</param>
    /// <returns>The longer sequence.</returns>
    public FrameSequence Repeat(int count, params FaceBuilder[] faces)
    {
        ArgumentNullException.ThrowIfNull(faces);
        return Repeat(count, faces.Select(f => f.Build()).ToArray());
    }

    /// <summary>Appends the frames of <paramref name="other"/>, shifted to start <see cref="Interval"/> after this sequence's last frame.</summary>
    /// <param name="other">The frames to append.</param>
    /// <returns>The longer sequence.</returns>
    public FrameSequence Then(FrameSequence other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var shift = NextAt();
        return new FrameSequence(FrameWidth, FrameHeight, Interval, _frames.AddRange(other._frames.Select(f => f with { At = f.At + shift })));
    }

    /// <summary>The first <paramref name="count"/> frames.</summary>
    /// <param name="count">How many frames to keep.</param>
    /// <returns>The shorter sequence.</returns>
    public FrameSequence Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new FrameSequence(FrameWidth, FrameHeight, Interval, [.. _frames.Take(count)]);
    }

    /// <summary>Replaces every frame by <paramref name="map"/>(frame, index). Receive offsets must stay in order.</summary>
    /// <param name="map">The new frame for a frame and its index.</param>
    /// <returns>The new sequence.</returns>
    public FrameSequence Select(Func<ScriptedFrame, int, ScriptedFrame> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var frames = _frames.Select(map).ToImmutableArray();
        for (var i = 1; i < frames.Length; i++)
        {
            if (frames[i].At < frames[i - 1].At)
            {
                throw new InvalidOperationException($"Frame {i} would be received before frame {i - 1}.");
            }
        }

        return new FrameSequence(FrameWidth, FrameHeight, Interval, frames);
    }

    /// <summary>Adds <paramref name="face"/> to every frame from index <paramref name="fromFrame"/> on: a second person stepping into view.</summary>
    /// <param name="fromFrame">The first frame the face is in.</param>
    /// <param name="face">The extra face.</param>
    /// <returns>The new sequence.</returns>
    public FrameSequence WithFaceAddedFrom(int fromFrame, FaceDetails face)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromFrame);
        ArgumentNullException.ThrowIfNull(face);
        return Select((frame, i) => i < fromFrame ? frame : frame with { Faces = [.. frame.Faces, face] });
    }

    /// <summary>The frames as an evaluator sees them, received from <paramref name="start"/> on.</summary>
    /// <param name="start">The server time of the first frame's offset zero.</param>
    /// <returns>The analysed frames, with sequences 0, 1, 2, …</returns>
    public IReadOnlyList<AnalyzedFrame> ToAnalyzedFrames(DateTimeOffset start)
    {
        var frames = new AnalyzedFrame[_frames.Length];
        for (var i = 0; i < frames.Length; i++)
        {
            frames[i] = _frames[i].ToAnalyzedFrame(i, start);
        }

        return frames;
    }

    /// <summary>
    /// Header-valid JPEG bytes for every frame, of this sequence's size, built with <see cref="TestFrames.Jpeg"/> with
    /// variant <paramref name="firstVariant"/> + index: what the client uploads. A <see cref="ScriptedFaceAnalyzer"/>
    /// that <see cref="ScriptedFaceAnalyzer.Play">plays</see> this sequence answers each one with its frame's faces.
    /// </summary>
    /// <param name="firstVariant">The variant of the first frame (use different ones for sessions sharing an analyzer).</param>
    /// <returns>One JPEG per frame.</returns>
    /// <exception cref="InvalidOperationException">The sequence has no frame size.</exception>
    public IReadOnlyList<byte[]> ToJpegFrames(int firstVariant = 0)
    {
        if (FrameWidth == 0 || FrameHeight == 0)
        {
            throw new InvalidOperationException("This sequence has no frame size; create it with FrameSequence.Create(width, height).");
        }

        return [.. Enumerable.Range(0, _frames.Length).Select(i => TestFrames.Jpeg(FrameWidth, FrameHeight, firstVariant + i))];
    }

    /// <inheritdoc />
    public IEnumerator<ScriptedFrame> GetEnumerator() => ((IEnumerable<ScriptedFrame>)_frames).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private TimeSpan NextAt() => _frames.IsEmpty ? TimeSpan.Zero : Duration + Interval;
}
