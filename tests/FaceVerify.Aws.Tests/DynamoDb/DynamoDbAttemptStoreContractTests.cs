using FaceVerify.Testing;

namespace FaceVerify.Aws.Tests.DynamoDb;

/// <summary>The shared attempt-store contract, run against DynamoDB on dynalite (one table for the whole run).</summary>
[TestFixture]
public sealed class DynamoDbAttemptStoreContractTests : AttemptStoreContractTests
{
    protected override async ValueTask<IAttemptStore> CreateStoreAsync() => await DynamoDbTestTable.GetStoreAsync();
}
