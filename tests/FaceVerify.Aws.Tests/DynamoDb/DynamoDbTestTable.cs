using FaceVerify.Aws.DynamoDb;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FaceVerify.Aws.Tests.DynamoDb;

/// <summary>One DynamoDB table on the local stack, created once for the test run.</summary>
internal static class DynamoDbTestTable
{
    public const string TableName = "faceverify-tests";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static DynamoDbAttemptStore? _store;

    public static async Task<DynamoDbOptions> OptionsAsync()
    {
        var stack = await LocalAwsStack.GetAsync("dynamodb,s3");
        return new DynamoDbOptions
        {
            TableName = TableName,
            ServiceUrl = stack.DynamoDb,
            Region = stack.Region,
            AccessKeyId = stack.AccessKeyId,
            SecretAccessKey = stack.SecretAccessKey,
        };
    }

    public static async Task<DynamoDbAttemptStore> GetStoreAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_store is null)
            {
                var options = await OptionsAsync();
                var store = new DynamoDbAttemptStore(AwsClients.CreateDynamoDb(options), Options.Create(options), TimeProvider.System, NullLogger<DynamoDbAttemptStore>.Instance);
                await store.EnsureTableAsync();
                _store = store;
            }

            return _store;
        }
        finally
        {
            Gate.Release();
        }
    }
}
