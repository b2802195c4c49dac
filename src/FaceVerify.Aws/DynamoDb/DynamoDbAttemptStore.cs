using Microsoft.Extensions.Options;

namespace FaceVerify.Aws.DynamoDb;

/// <summary>
/// <see cref="IAttemptStore"/> on one DynamoDB table (string keys <c>PK</c>/<c>SK</c>, TTL attribute <c>ttl</c>); the
/// single-table design is documented in docs/aws.md. Every state change is a conditional write; reads that decisions
/// depend on are strongly consistent; every item carries <c>ttl</c> (epoch seconds) from its retention time, and items
/// past their retention are treated as absent before DynamoDB's TTL sweep removes them.
/// </summary>
public sealed partial class DynamoDbAttemptStore : IAttemptStore
{
    private static readonly AwsServiceFaults Faults = new(
        "DynamoDB {0} on table '{1}'",
        ("ResourceNotFoundException", "The table '{1}' does not exist in this region: create it (docs/aws.md) or fix FaceVerify:DynamoDb:TableName / Region."),
        ("AccessDeniedException", "Grant the DynamoDB actions on table '{1}' in the IAM policy (docs/aws.md)."));

    private readonly IAmazonDynamoDB _dynamo;
    private readonly string _table;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates the store.</summary>
    /// <param name="dynamo">The DynamoDB client.</param>
    /// <param name="options">The options (table name).</param>
    /// <param name="timeProvider">The clock that decides whether an item is past its retention.</param>
    /// <param name="logger">The logger.</param>
    public DynamoDbAttemptStore(IAmazonDynamoDB dynamo, IOptions<DynamoDbOptions> options, TimeProvider timeProvider, ILogger<DynamoDbAttemptStore> logger)
    {
        ArgumentNullException.ThrowIfNull(dynamo);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _dynamo = dynamo;
        _table = options.Value.TableName;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    private FaceVerificationException Fault(string operation, AmazonServiceException exception)
    {
        LogFault(_logger, operation, exception.ErrorCode, _table);
        return Faults.Create(operation, _table, exception);
    }

    /// <summary>
    /// Runs one store operation. This is the only place service errors are handled: the SDK's retry policy
    /// (<see cref="DynamoDbOptions.MaxErrorRetry"/>, throttling and 5xx only) is the one retry layer, and an error that
    /// survives it becomes one <see cref="FaceVerificationException"/> naming the operation and the table.
    /// </summary>
    private async Task<T> CallAsync<T>(string operation, Func<Task<T>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (AmazonServiceException exception)
        {
            throw Fault(operation, exception);
        }
    }

    /// <inheritdoc cref="CallAsync{T}(string, Func{Task{T}})" />
    private async Task CallAsync(string operation, Func<Task> body)
        => await CallAsync(operation, async () =>
        {
            await body().ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);

    /// <summary>Runs an operation that is one conditional write: <see langword="false"/> when its condition did not hold.</summary>
    private Task<bool> TryWriteAsync(string operation, Func<Task> write)
        => CallAsync(operation, () => ConditionHoldsAsync(write));

    /// <summary>A conditional write inside an operation: <see langword="false"/> when its condition did not hold (<c>ConditionalCheckFailedException</c>).</summary>
    private static async Task<bool> ConditionHoldsAsync(Func<Task> write)
    {
        try
        {
            await write().ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private long NowSeconds() => _timeProvider.GetUtcNow().ToUnixTimeSeconds();

    [LoggerMessage(EventId = 3201, Level = LogLevel.Error, Message = "DynamoDB {Operation} on table {Table} failed with {Code}")]
    private static partial void LogFault(ILogger logger, string operation, string code, string table);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "TTL could not be enabled on table {Table} ({Code}); enable it on attribute 'ttl' with infrastructure code")]
    private static partial void LogTtlNotEnabled(ILogger logger, string table, string code);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Information, Message = "Deleted {Count} items of one user's data")]
    private static partial void LogUserDataDeleted(ILogger logger, int count);
}
