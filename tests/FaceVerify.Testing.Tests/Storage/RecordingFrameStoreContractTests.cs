namespace FaceVerify.Testing.Tests.Storage;

/// <summary>The shared frame store contract, run against the recording decorator over the in-memory store.</summary>
[TestFixture]
public sealed class RecordingFrameStoreContractTests : FrameStoreContractTests
{
    protected override ValueTask<IFrameStore> CreateStoreAsync() => ValueTask.FromResult<IFrameStore>(RecordingFrameStore.InMemory());
}
