using FaceVerify.Testing;

namespace FaceVerify.Tests.Storage;

[TestFixture]
public sealed class FileFrameStoreContractTests : FrameStoreContractTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "faceverify-tests", Guid.NewGuid().ToString("N"));

    protected override ValueTask<IFrameStore> CreateStoreAsync() => ValueTask.FromResult<IFrameStore>(new FileFrameStore(_root, TimeProvider.System));

    protected override ValueTask DisposeStoreAsync()
    {
        Directory.Delete(_root, recursive: true);
        return ValueTask.CompletedTask;
    }
}
