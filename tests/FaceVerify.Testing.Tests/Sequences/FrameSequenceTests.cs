namespace FaceVerify.Testing.Tests.Sequences;

public class FrameSequenceTests
{
    private static readonly FaceDetails A = Face.CenteredAt(0.5, 0.5, 0.3, 0.4).Build();
    private static readonly FaceDetails B = Face.CenteredAt(0.2, 0.2, 0.1, 0.1).Build();

    [Test]
    public void Add_FramesAreIntervalApartFromZero()
    {
        var frames = FrameSequence.Create(480, 480, TimeSpan.FromMilliseconds(250)).Add(A).AddNoFace().Repeat(2, A, B);

        frames.Select(f => f.At.TotalMilliseconds).Should().Equal(0, 250, 500, 750);
        frames.Select(f => f.Faces.Count).Should().Equal(1, 0, 2, 2);
        frames.Duration.Should().Be(TimeSpan.FromMilliseconds(750));
    }

    [Test]
    public void Add_IsImmutable()
    {
        var empty = FrameSequence.Create(480, 480);

        var one = empty.Add(A);

        empty.Should().BeEmpty();
        one.Should().HaveCount(1);
    }

    [Test]
    public void AddAt_BeforeTheLastFrame_Throws()
    {
        var frames = FrameSequence.Create(480, 480).AddAt(TimeSpan.FromSeconds(2), A);

        frames.Invoking(f => f.AddAt(TimeSpan.FromSeconds(1), A)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void Add_AfterAddAt_ContinuesFromIt()
    {
        var frames = FrameSequence.Create(480, 480).Add(A).AddAt(TimeSpan.FromSeconds(5), A).Add(A);

        frames[^1].At.Should().Be(TimeSpan.FromMilliseconds(5200));
    }

    [Test]
    public void Then_ShiftsTheSecondSequenceAfterTheFirst()
    {
        var first = FrameSequence.Create(480, 480).Repeat(2, A);
        var second = FrameSequence.Create(480, 480).Add(B).AddAt(TimeSpan.FromSeconds(1), B);

        var both = first.Then(second);

        both.Select(f => f.At.TotalMilliseconds).Should().Equal(0, 200, 400, 1400);
    }

    [Test]
    public void WithFaceAddedFrom_AddsTheFaceFromThatFrameOn()
    {
        var frames = FrameSequence.Create(480, 480).Repeat(4, A).WithFaceAddedFrom(2, B);

        frames.Select(f => f.Faces.Count).Should().Equal(1, 1, 2, 2);
        frames[3].Faces[1].Should().BeSameAs(B);
    }

    [Test]
    public void Select_OutOfOrderResult_Throws()
    {
        var frames = FrameSequence.Create(480, 480).Repeat(3, A);

        frames.Invoking(f => f.Select((frame, i) => frame with { At = TimeSpan.FromSeconds(3 - i) })).Should().Throw<InvalidOperationException>();
    }

    [Test]
    public void Take_KeepsTheFirstFrames()
        => FrameSequence.Create(480, 480).Repeat(5, A).Take(2).Should().HaveCount(2);

    [Test]
    public void ToAnalyzedFrames_NumbersFramesAndAddsOffsetsToStart()
    {
        var start = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var analyzed = FrameSequence.Create(480, 480).Add(A).AddNoFace().ToAnalyzedFrames(start);

        analyzed.Select(f => f.Sequence).Should().Equal(0, 1);
        analyzed[1].ReceivedAt.Should().Be(start.AddMilliseconds(200));
        analyzed[1].Faces.Should().BeEmpty();
    }

    [Test]
    public void ToJpegFrames_HeaderValidFramesOfTheSizeWithConsecutiveVariants()
    {
        var jpegs = FrameSequence.Create(640, 480).Repeat(3, A).ToJpegFrames(firstVariant: 10);

        jpegs.Select(j => TestFrames.ReadVariant(j)).Should().Equal(10, 11, 12);
        jpegs.Should().OnlyHaveUniqueItems(j => Convert.ToBase64String(j));
        // SOF0 height and width, big-endian, after the JFIF and comment segments.
        var sof = jpegs[0].AsSpan(28);
        sof[0].Should().Be(0xFF);
        sof[1].Should().Be(0xC0);
        ((sof[5] << 8) | sof[6]).Should().Be(480);
        ((sof[7] << 8) | sof[8]).Should().Be(640);
    }

    [Test]
    public void ToJpegFrames_WithoutFrameSize_Throws()
        => FrameSequence.Create(0, 0).Add(A).Invoking(f => f.ToJpegFrames()).Should().Throw<InvalidOperationException>();

    [Test]
    public void Create_NonPositiveInterval_Throws()
        => FluentActions.Invoking(() => FrameSequence.Create(480, 480, TimeSpan.Zero)).Should().Throw<ArgumentOutOfRangeException>();
}
