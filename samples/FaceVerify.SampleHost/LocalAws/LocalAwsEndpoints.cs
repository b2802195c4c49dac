namespace FaceVerify.SampleHost;

/// <summary>The JSON line tools/local-aws/bin/start.js prints when its services are ready (with the credentials it made for this start).</summary>
internal sealed record LocalAwsEndpoints(string? Rekognition, string? Dynamodb, string? S3, string Region, string AccessKeyId, string SecretAccessKey);
