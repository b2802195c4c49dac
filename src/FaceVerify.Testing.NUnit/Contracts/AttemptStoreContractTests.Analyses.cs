using NUnit.Framework;

namespace FaceVerify.Testing;

/// <content>The analyses part of the contract.</content>
public abstract partial class AttemptStoreContractTests
{
    /// <summary>A saved analysis comes back with the frame, faces field by field.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task SaveAnalysis_ThenGetFrames_ReturnsTheAnalysis()
    {
        var session = await CreateAsync().ConfigureAwait(false);
        await AppendAsync(session, 0).ConfigureAwait(false);
        await AppendAsync(session, 1).ConfigureAwait(false);
        var analysis = new StoredAnalysis([RichFace(0.1), RichFace(0.3)], null, Now().AddMilliseconds(5));

        await Store.SaveAnalysisAsync(session.Id, 1, analysis, CancellationToken.None).ConfigureAwait(false);
        var frames = await Store.GetFramesAsync(session.Id, CancellationToken.None).ConfigureAwait(false);

        Assert.That(frames[0].Analysis, Is.Null);
        AssertSameAnalysis(frames[1].Analysis, analysis);
    }

    /// <summary>An analysis with a rejection and no faces, and one with a minimal face, round-trip.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task SaveAnalysis_RejectionAndMinimalFace_RoundTrip()
    {
        var session = await CreateAsync().ConfigureAwait(false);
        await AppendAsync(session, 0).ConfigureAwait(false);
        await AppendAsync(session, 1).ConfigureAwait(false);
        var rejected = new StoredAnalysis([], ImageRejection.ImageTooLarge, Now());
        var minimal = new StoredAnalysis([new FaceDetails { Confidence = 50 }], null, Now());

        await Store.SaveAnalysisAsync(session.Id, 0, rejected, CancellationToken.None).ConfigureAwait(false);
        await Store.SaveAnalysisAsync(session.Id, 1, minimal, CancellationToken.None).ConfigureAwait(false);
        var frames = await Store.GetFramesAsync(session.Id, CancellationToken.None).ConfigureAwait(false);

        AssertSameAnalysis(frames[0].Analysis, rejected);
        AssertSameAnalysis(frames[1].Analysis, minimal);
    }

    /// <summary>Saving a frame's analysis twice keeps the first.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task SaveAnalysis_Twice_KeepsTheFirst()
    {
        var session = await CreateAsync().ConfigureAwait(false);
        await AppendAsync(session, 0).ConfigureAwait(false);
        var first = new StoredAnalysis([RichFace(0.2)], null, Now());
        var second = new StoredAnalysis([], ImageRejection.InvalidImageFormat, Now().AddSeconds(1));

        await Store.SaveAnalysisAsync(session.Id, 0, first, CancellationToken.None).ConfigureAwait(false);
        await Store.SaveAnalysisAsync(session.Id, 0, second, CancellationToken.None).ConfigureAwait(false);
        var frames = await Store.GetFramesAsync(session.Id, CancellationToken.None).ConfigureAwait(false);

        AssertSameAnalysis(frames[0].Analysis, first);
    }

    /// <summary>Saving analyses does not change the frame's metadata.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task SaveAnalysis_KeepsFrameMetadata()
    {
        var session = await CreateAsync().ConfigureAwait(false);
        var frame = NewFrame(session, 0);
        await Store.TryAppendFrameAsync(frame, 10, CancellationToken.None).ConfigureAwait(false);

        await Store.SaveAnalysisAsync(session.Id, 0, new StoredAnalysis([RichFace(0.4)], null, Now()), CancellationToken.None).ConfigureAwait(false);
        var read = (await Store.GetFramesAsync(session.Id, CancellationToken.None).ConfigureAwait(false))[0];

        Assert.That(read.ContentHash, Is.EqualTo(frame.ContentHash));
        Assert.That(read.StorageKey, Is.EqualTo(frame.StorageKey));
        Assert.That(read.Length, Is.EqualTo(frame.Length));
        AssertSameInstant(read.ReceivedAt, frame.ReceivedAt);
    }
}
