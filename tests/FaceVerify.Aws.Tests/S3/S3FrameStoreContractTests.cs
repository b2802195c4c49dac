using FaceVerify.Testing;

namespace FaceVerify.Aws.Tests.S3;

/// <summary>The shared frame-store contract, run against S3 on s3rver (one bucket for the whole run).</summary>
[TestFixture]
public sealed class S3FrameStoreContractTests : FrameStoreContractTests
{
    protected override async ValueTask<IFrameStore> CreateStoreAsync() => await S3TestBucket.GetStoreAsync();
}
