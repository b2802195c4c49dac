using FaceVerify.Testing;

namespace FaceVerify.Tests.Storage;

[TestFixture]
public sealed class InMemoryAttemptStoreContractTests : AttemptStoreContractTests
{
    protected override ValueTask<IAttemptStore> CreateStoreAsync() => ValueTask.FromResult<IAttemptStore>(new InMemoryAttemptStore(TimeProvider.System));
}
