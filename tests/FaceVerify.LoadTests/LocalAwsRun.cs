using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using FaceVerify.Aws;
using FaceVerify.Aws.DynamoDb;
using FaceVerify.Aws.S3;

namespace FaceVerify.LoadTests;

/// <summary>
/// Phase 5 (<c>--local-aws</c>): the verify-phase sessions against the DynamoDB attempt store and the S3 frame store on
/// the local stack (dynalite, s3rver), counting the SDK's requests per session by operation, for each strategy and
/// scenario (the analyzer stays the fixed-latency stand-in: the local face engine needs real photos).
/// </summary>
internal static class LocalAwsRun
{
    public static async Task<IReadOnlyList<AwsCount>> RunAsync(LoadOptions options, Report report)
    {
        report.Progress("local-aws: starting dynalite and s3rver (tools/local-aws)");
        using var local = LocalAwsStack.Start(options);
        var stack = local.Endpoints;
        var dynamoCounter = new RequestCounter("DynamoDB");
        var s3Counter = new RequestCounter("S3");
        var dynamo = new AmazonDynamoDBClient(
            new BasicAWSCredentials(stack.AccessKeyId, stack.SecretAccessKey),
            new AmazonDynamoDBConfig { ServiceURL = stack.DynamoDb, AuthenticationRegion = stack.Region, HttpClientFactory = dynamoCounter, MaxErrorRetry = 3 });
        var s3 = new AmazonS3Client(
            new BasicAWSCredentials("S3RVER", "S3RVER"),
            new AmazonS3Config
            {
                ServiceURL = stack.S3,
                AuthenticationRegion = stack.Region,
                ForcePathStyle = true,
                HttpClientFactory = s3Counter,
                RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            });

        await using var host = await LoadHost.StartAsync(options, faceVerify =>
        {
            faceVerify.Services.AddKeyedSingleton<IAmazonDynamoDB>(FaceVerifyAwsServiceKeys.Client, dynamo);
            faceVerify.Services.AddKeyedSingleton<IAmazonS3>(FaceVerifyAwsServiceKeys.Client, s3);
            faceVerify
                .UseDynamoDb(o =>
                {
                    o.ServiceUrl = stack.DynamoDb;
                    o.Region = stack.Region;
                    o.TableName = "faceverify-load";
                })
                .UseS3(o =>
                {
                    o.ServiceUrl = stack.S3;
                    o.Region = stack.Region;
                    o.BucketName = "faceverify-load";
                    o.ForcePathStyle = true;
                    o.ChecksumsWhenRequiredOnly = true;
                });
        }).ConfigureAwait(false);

        await host.Services.GetRequiredService<DynamoDbAttemptStore>().EnsureTableAsync().ConfigureAwait(false);
        await host.Services.GetRequiredService<S3FrameStore>().EnsureBucketAsync().ConfigureAwait(false);

        var counts = new List<AwsCount>();
        foreach (var strategy in VerifyLatency.Strategies)
        {
            foreach (var scenario in LoadScenario.All.Where(s => s.Challenge == "nose"))
            {
                dynamoCounter.Reset();
                s3Counter.Reset();
                var runs = await VerifyLatency.RunAsync(host, options, report, [strategy], options.LocalAwsSessions, options.LocalAwsSessions, [scenario]).ConfigureAwait(false);
                counts.Add(new AwsCount(strategy.Name, $"{scenario.Challenge} {scenario.Name}", runs.Count, runs.Average(r => r.AnalyzerCalls), runs.Average(r => r.FramesSent), dynamoCounter.Snapshot(), s3Counter.Snapshot(), runs.Select(r => r.VerifyLatency.TotalMilliseconds).Average()));
            }
        }

        dynamo.Dispose();
        s3.Dispose();
        return counts;
    }
}

/// <summary>Requests per operation for <see cref="Sessions"/> sessions of one strategy and scenario.</summary>
internal sealed record AwsCount(string Strategy, string Scenario, int Sessions, double AnalyzerCalls, double FramesSent, IReadOnlyDictionary<string, int> DynamoDb, IReadOnlyDictionary<string, int> S3, double VerifyMs)
{
    private static readonly string[] ReadOperations = ["GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems"];

    public double DynamoReads => DynamoDb.Where(kv => ReadOperations.Contains(kv.Key)).Sum(kv => kv.Value) / (double)Sessions;

    public double DynamoWrites => DynamoDb.Where(kv => !ReadOperations.Contains(kv.Key) && kv.Key is not ("DescribeTable" or "CreateTable" or "UpdateTimeToLive" or "DescribeTimeToLive")).Sum(kv => kv.Value) / (double)Sessions;

    public double S3Requests => S3.Sum(kv => kv.Value) / (double)Sessions;
}
