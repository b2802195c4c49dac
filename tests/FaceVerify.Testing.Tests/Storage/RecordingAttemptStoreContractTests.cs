namespace FaceVerify.Testing.Tests.Storage;

/// <summary>The shared attempt store contract, run against the recording decorator over the in-memory store: how a user runs it against theirs.</summary>
[TestFixture]
public sealed class RecordingAttemptStoreContractTests : AttemptStoreContractTests
{
    protected override ValueTask<IAttemptStore> CreateStoreAsync() => ValueTask.FromResult<IAttemptStore>(RecordingAttemptStore.InMemory());
}
