using Amazon.S3;
using Amazon.S3.Model;
using FaceVerify.Aws.S3;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace FaceVerify.Aws.Tests.S3;

public class S3FrameStoreTests
{
    [Test]
    public async Task PutAsync_DefaultOptions_SendsContentTypeSseS3AndRetentionMetadata()
    {
        var s3 = Substitute.For<IAmazonS3>();
        PutObjectRequest? sent = null;
        s3.PutObjectAsync(Arg.Do<PutObjectRequest>(r => sent = r), Arg.Any<CancellationToken>()).Returns(new PutObjectResponse());
        var store = Create(s3, new S3Options { BucketName = "frames-bucket", Region = "eu-west-1" });

        await store.PutAsync("sessions/s1/abc.jpg", new byte[] { 1, 2, 3 }, "image/jpeg", new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), CancellationToken.None);

        sent.Should().NotBeNull();
        sent!.BucketName.Should().Be("frames-bucket");
        sent.Key.Should().Be("sessions/s1/abc.jpg");
        sent.ContentType.Should().Be("image/jpeg");
        sent.ServerSideEncryptionMethod.Should().Be(ServerSideEncryptionMethod.AES256);
        sent.ExpectedBucketOwner.Should().BeNull();
        sent.UseChunkEncoding.Should().BeTrue();
        sent.Metadata["retain-until"].Should().Be("2026-12-01T10:00:00Z");
    }

    [Test]
    public async Task PutAsync_KmsAndOwnerOptions_SendsKmsKeyAndExpectedOwner()
    {
        var s3 = Substitute.For<IAmazonS3>();
        PutObjectRequest? sent = null;
        s3.PutObjectAsync(Arg.Do<PutObjectRequest>(r => sent = r), Arg.Any<CancellationToken>()).Returns(new PutObjectResponse());
        var store = Create(s3, new S3Options
        {
            BucketName = "frames-bucket",
            Region = "eu-west-1",
            ServerSideEncryption = "aws:kms",
            KmsKeyId = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd",
            ExpectedBucketOwner = "123456789012",
            ChecksumsWhenRequiredOnly = true,
        });

        await store.PutAsync("enrolments/u/reference.png", new byte[] { 9 }, "image/png", DateTimeOffset.UnixEpoch.AddDays(30000), CancellationToken.None);

        sent!.ServerSideEncryptionMethod.Should().Be(ServerSideEncryptionMethod.AWSKMS);
        sent.ServerSideEncryptionKeyManagementServiceKeyId.Should().Be("arn:aws:kms:eu-west-1:123456789012:key/1234abcd");
        sent.ExpectedBucketOwner.Should().Be("123456789012");
        sent.UseChunkEncoding.Should().BeFalse();
    }

    [Test]
    public async Task GetAsync_AccessDenied_ThrowsFaceVerificationExceptionNamingBucket()
    {
        var s3 = Substitute.For<IAmazonS3>();
        s3.GetObjectAsync(Arg.Any<GetObjectRequest>(), Arg.Any<CancellationToken>())
            .Returns<GetObjectResponse>(_ => throw new AmazonS3Exception("Access Denied") { ErrorCode = "AccessDenied", StatusCode = System.Net.HttpStatusCode.Forbidden });
        var store = Create(s3, new S3Options { BucketName = "frames-bucket", Region = "eu-west-1" });

        var act = async () => await store.GetAsync("sessions/s1/abc.jpg", CancellationToken.None);

        (await act.Should().ThrowExactlyAsync<FaceVerificationException>()).Which.Message.Should().Contain("'frames-bucket'").And.Contain("IAM");
    }

    [Test]
    public async Task PutAsync_OnS3rver_StoresContentTypeAndRetentionMetadata()
    {
        var store = await S3TestBucket.GetStoreAsync();
        var options = await S3TestBucket.OptionsAsync();
        using var client = AwsClients.CreateS3(options);
        var key = FrameKeys.Frame("s-" + Guid.NewGuid().ToString("N"), new string('c', 64), ImageFormat.Png);

        await store.PutAsync(key, new byte[] { 137, 80, 78, 71 }, "image/png", new DateTimeOffset(2027, 1, 2, 3, 4, 5, TimeSpan.Zero), CancellationToken.None);

        var head = await client.GetObjectMetadataAsync(S3TestBucket.BucketName, key);
        head.Headers.ContentType.Should().Be("image/png");
        head.Metadata["x-amz-meta-retain-until"].Should().Be("2027-01-02T03:04:05Z");
    }

    private static S3FrameStore Create(IAmazonS3 s3, S3Options options) => new(s3, Options.Create(options), NullLogger<S3FrameStore>.Instance);
}
