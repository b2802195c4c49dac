namespace FaceVerify.Aws;

/// <summary>
/// The DI service key under which FaceVerify registers its own AWS SDK clients (<c>IAmazonDynamoDB</c>,
/// <c>IAmazonS3</c>), so they never collide with clients the application registers for itself. Register a keyed
/// client under this key before <c>UseDynamoDb()</c>/<c>UseS3()</c> to supply a customised one.
/// </summary>
public static class FaceVerifyAwsServiceKeys
{
    /// <summary>The service key: <c>FaceVerify</c>.</summary>
    public const string Client = "FaceVerify";
}
