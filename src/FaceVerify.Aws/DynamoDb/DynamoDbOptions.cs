using System.ComponentModel.DataAnnotations;

namespace FaceVerify.Aws.DynamoDb;

/// <summary>Options of <see cref="DynamoDbAttemptStore"/>, bound from configuration section <c>FaceVerify:DynamoDb</c>. Either <see cref="Region"/> or <see cref="ServiceUrl"/> is required.</summary>
public class DynamoDbOptions : IAwsClientOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "FaceVerify:DynamoDb";

    /// <summary>The table (3–255 of <c>[a-zA-Z0-9_.-]</c>) with string keys <c>PK</c> and <c>SK</c> and TTL on <c>ttl</c>. Default: <c>faceverify</c>.</summary>
    [Required(ErrorMessage = "FaceVerify:DynamoDb:TableName is required.")]
    [RegularExpression("^[a-zA-Z0-9_.\\-]{3,255}$", ErrorMessage = "FaceVerify:DynamoDb:TableName must be 3–255 characters of a-z, A-Z, 0-9, '_', '.', '-'.")]
    public string TableName { get; set; } = "faceverify";

    /// <summary>The AWS region, e.g. <c>eu-west-1</c>. Default: none (required unless <see cref="ServiceUrl"/> is set).</summary>
    public string? Region { get; set; }

    /// <summary>An endpoint override, e.g. <c>http://127.0.0.1:4567</c> for dynalite. Default: none.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>An explicit access key id (local endpoints). Default: none (the SDK's default credential chain).</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>The secret of <see cref="AccessKeyId"/>. Default: none.</summary>
    public string? SecretAccessKey { get; set; }

    /// <summary>Retries of the SDK's own retry policy (throttling, 5xx) per call. Default: 3.</summary>
    [Range(0, 20, ErrorMessage = "FaceVerify:DynamoDb:MaxErrorRetry must be between 0 and 20.")]
    public int MaxErrorRetry { get; set; } = 3;

    /// <summary>The SDK's timeout of one HTTP attempt. Default: 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00", ErrorMessage = "FaceVerify:DynamoDb:Timeout must be between 50 ms and 5 minutes.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
