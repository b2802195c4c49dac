using System.Text.Json.Nodes;
using FaceVerify.CognitoTriggers.Enrolment;
using FaceVerify.CognitoTriggers.Events;
using FaceVerify.CognitoTriggers.Tests.Infrastructure;
using FaceVerify.Testing;

namespace FaceVerify.CognitoTriggers.Tests.Enrolment;

public class EnrolmentUploadHandlerTests
{
    private const string JaneKey = "uploads/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/reference.jpg";
    private readonly TriggerTestHost _host = new();

    [TearDown]
    public void TearDown() => _host.Dispose();

    private static JsonObject Event(string? key = null, string? bucket = null, string? eventName = null, long? size = null)
    {
        var evt = Fixtures.Json(Fixtures.S3ObjectCreated);
        var record = evt["Records"]![0]!.AsObject();
        if (eventName is not null)
        {
            record["eventName"] = eventName;
        }

        if (bucket is not null)
        {
            record["s3"]!["bucket"]!["name"] = bucket;
        }

        if (key is not null)
        {
            record["s3"]!["object"]!["key"] = key;
        }

        if (size is not null)
        {
            record["s3"]!["object"]!["size"] = size;
        }

        return evt;
    }

    private async Task<EnrolmentUploadResult> HandleAsync(JsonObject evt)
    {
        var results = await _host.Enrolment.HandleRecordsAsync(Fixtures.Stream(evt));
        return results.Should().ContainSingle().Subject;
    }

    /// <summary>Jane passes a liveness session and uploads her photo under <c>uploads/{sub}/{session id}.jpg</c>.</summary>
    private async Task<(string Key, JsonObject Event)> JaneUploadsAsync(byte[] photo)
    {
        var sessionId = await _host.PassLivenessAsync(Fixtures.JaneSub);
        var key = $"uploads/{Fixtures.JaneSub}/{sessionId}.jpg";
        _host.Uploads.Put(Fixtures.UploadBucket, key, photo);
        return (key, Event(key));
    }

    [Test]
    public async Task Handle_RecordedEventPhotoWithoutLivenessSession_IsRefusedNothingEnrolled()
    {
        // The recorded key names no liveness session ("reference.jpg"): a photo alone no longer enrols.
        _host.Uploads.Put(Fixtures.UploadBucket, JaneKey, TestFrames.Jpeg(480, 480, 1));

        var result = await HandleAsync(Fixtures.Json(Fixtures.S3ObjectCreated));

        result.Status.Should().Be(EnrolmentUploadStatus.Refused);
        result.Reason.Should().Be(EnrolmentUploadReason.LivenessSessionInvalid);
        _host.Collection.EnrolledUsers.Should().BeEmpty();
    }

    [Test]
    public async Task Handle_JanesPhotoWithHerPassedSession_EnrolsJaneOnlyAndDeletesTheUpload()
    {
        var (key, evt) = await JaneUploadsAsync(TestFrames.Jpeg(480, 480, 1));

        var result = await HandleAsync(evt);

        result.Status.Should().Be(EnrolmentUploadStatus.Enrolled, result.Detail);
        result.OpaqueUserId.Should().Be(FrameKeys.OpaqueUserId(Fixtures.JaneSub));
        result.FaceId.Should().NotBeNullOrEmpty();
        _host.Collection.EnrolledUsers.Should().Equal(Fixtures.JaneSub);
        _host.Uploads.Contains(Fixtures.UploadBucket, key).Should().BeFalse("the upload is deleted; the reference copy lives in the frame store");
    }

    [Test]
    public async Task Handle_MetadataNamingAnotherUser_IsIgnored_OwnerComesFromTheKey()
    {
        // The reference trusted x-amz-meta-email; S3 event records do not even carry user metadata, and the handler never asks for it.
        var (_, evt) = await JaneUploadsAsync(TestFrames.Jpeg(480, 480, 1));
        evt["Records"]![0]!["s3"]!["object"]!["userMetadata"] = new JsonObject { ["email"] = "bob@example.com" };

        await HandleAsync(evt);

        _host.Collection.EnrolledUsers.Should().Equal(Fixtures.JaneSub);
    }

    [TestCase("public/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/reference.jpg")]
    [TestCase("uploads/reference.jpg")]
    [TestCase("uploads/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/nested/reference.jpg")]
    [TestCase("uploads/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/../0b0b0b0b-1111-4222-8333-444455556666/reference.jpg")]
    public async Task Handle_KeyOutsideTheUserPrefixPattern_IsRefusedAndNothingIsRead(string key)
    {
        _host.Uploads.Put(Fixtures.UploadBucket, key, TestFrames.Jpeg(480, 480, 1));

        var result = await HandleAsync(Event(key));

        result.Status.Should().Be(EnrolmentUploadStatus.Refused);
        result.Reason.Should().Be(EnrolmentUploadReason.KeyOutsidePrefix);
        _host.Uploads.Reads.Should().BeEmpty();
        _host.Collection.EnrolledUsers.Should().BeEmpty();
    }

    [Test]
    public async Task Handle_OtherBucket_IsIgnored()
    {
        _host.Uploads.Put("someone-elses-bucket", JaneKey, TestFrames.Jpeg(480, 480, 1));

        var result = await HandleAsync(Event(bucket: "someone-elses-bucket"));

        result.Status.Should().Be(EnrolmentUploadStatus.Ignored);
        result.Reason.Should().Be(EnrolmentUploadReason.WrongBucket);
        _host.Collection.EnrolledUsers.Should().BeEmpty();
    }

    [Test]
    public async Task Handle_NotAnObjectCreatedEvent_IsIgnored()
    {
        var result = await HandleAsync(Event(eventName: "ObjectRemoved:Delete"));

        result.Reason.Should().Be(EnrolmentUploadReason.NotObjectCreated);
    }

    [TestCase(TriggerTestHost.NoFace, EnrolmentUploadReason.NoFace)]
    [TestCase(TriggerTestHost.TwoFaces, EnrolmentUploadReason.MultipleFaces)]
    public async Task Handle_PhotoWithoutExactlyOneFace_IsRefusedWithTheReason(int variant, EnrolmentUploadReason reason)
    {
        var (key, evt) = await JaneUploadsAsync(TestFrames.Jpeg(480, 480, variant));

        var result = await HandleAsync(evt);

        result.Status.Should().Be(EnrolmentUploadStatus.Refused);
        result.Reason.Should().Be(reason);
        result.Detail.Should().NotBeNullOrEmpty();
        _host.Collection.EnrolledUsers.Should().BeEmpty();
        _host.Uploads.Contains(Fixtures.UploadBucket, key).Should().BeFalse("refused photos are not kept either");
    }

    [Test]
    public async Task Handle_NotAnImage_IsRefusedAsInvalid()
    {
        var (_, evt) = await JaneUploadsAsync("not an image"u8.ToArray());

        var result = await HandleAsync(evt);

        result.Reason.Should().Be(EnrolmentUploadReason.InvalidImage);
    }

    [Test]
    public async Task Handle_SizeAboveTheLimit_IsRefusedWithoutReading()
    {
        var result = await HandleAsync(Event(size: 6 * 1024 * 1024));

        result.Reason.Should().Be(EnrolmentUploadReason.TooLarge);
        _host.Uploads.Reads.Should().BeEmpty();
    }

    [Test]
    public async Task Handle_ObjectAlreadyGone_IsRefusedAsMissing()
    {
        var result = await HandleAsync(Fixtures.Json(Fixtures.S3ObjectCreated));

        result.Reason.Should().Be(EnrolmentUploadReason.Missing);
    }

    [Test]
    public async Task HandleAsync_Output_IsTheResultsAsJson()
    {
        var (_, evt) = await JaneUploadsAsync(TestFrames.Jpeg(480, 480, 1));

        var output = Fixtures.Read(await _host.Enrolment.HandleAsync(Fixtures.Stream(evt)));

        output["results"]![0]!["status"]!.GetValue<string>().Should().Be("Enrolled");
        output.ToJsonString().Should().NotContain(Fixtures.JaneSub, "the output names users only by their opaque id");
    }

    [TestCase("{}")]
    [TestCase("{\"Records\":{}}")]
    [TestCase("{\"Records\":[{\"s3\":{}}]}")]
    [TestCase("not json")]
    public async Task Handle_MalformedEvent_IsAClearError(string json)
    {
        var act = () => _host.Enrolment.HandleRecordsAsync(Fixtures.Stream(json));

        await act.Should().ThrowAsync<MalformedEventException>();
    }
}
