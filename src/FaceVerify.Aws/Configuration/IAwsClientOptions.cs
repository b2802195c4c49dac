namespace FaceVerify.Aws;

/// <summary>
/// What the options of every AWS client (DynamoDB, S3, Rekognition) have in common: where the endpoint comes from and
/// the optional explicit key pair. Internal: the options classes stay independent public POCOs, and one validator base
/// (<see cref="AwsOptionsValidator{TOptions}"/>) checks these members for all of them.
/// </summary>
internal interface IAwsClientOptions
{
    /// <summary>The AWS region; none to resolve it from the service URL or the environment.</summary>
    string? Region { get; }

    /// <summary>An endpoint override.</summary>
    string? ServiceUrl { get; }

    /// <summary>An explicit access key id; none for the SDK's default credential chain.</summary>
    string? AccessKeyId { get; }

    /// <summary>The secret of <see cref="AccessKeyId"/>.</summary>
    string? SecretAccessKey { get; }
}
