using FaceVerify.Testing;

namespace FaceVerify.Tests.Storage;

[TestFixture]
public sealed class InMemoryFrameStoreContractTests : FrameStoreContractTests
{
    protected override ValueTask<IFrameStore> CreateStoreAsync() => ValueTask.FromResult<IFrameStore>(new InMemoryFrameStore(TimeProvider.System));
}
