using Microsoft.Extensions.DependencyInjection;
using FaceVerify.CognitoTriggers.Enrolment;
using FaceVerify.CognitoTriggers.Tests.Infrastructure;
using FaceVerify.Testing;

namespace FaceVerify.CognitoTriggers.Tests.Flows;

/// <summary>
/// Enrolment as the Cognito sample runs it: sign-up, an e-mail-code sign-in on the enrolment client (PostAuthentication),
/// a liveness session, then the photo uploaded as <c>uploads/{sub}/{session id}.jpg</c> (EnrolmentUpload). Re-enrolment
/// needs a fresh e-mail-code sign-in (the approval hook) or a face login; nothing else replaces a reference.
/// </summary>
public class EnrolmentFlowTests
{
    private const string EnrolmentClient = "4enrolmentclientexample0000";
    private const string FaceLoginClient = "7faceloginclientexample0000";
    private const int OtherPersonPhoto = 42;

    private TriggerTestHost _host = null!;

    [SetUp]
    public void SetUp()
    {
        _host = new TriggerTestHost(configureTriggers: o => o.EnrolmentClientId = EnrolmentClient);

        // The comparer sees the photo of "another person" (variant 42) as a different face from every live frame.
        _host.Comparer.SimilarityFunction = (a, b) => TestFrames.ReadVariant(a.Content.Span) == OtherPersonPhoto || TestFrames.ReadVariant(b.Content.Span) == OtherPersonPhoto ? 12 : 99;
    }

    [TearDown]
    public void TearDown() => _host.Dispose();

    [Test]
    public async Task SignUp_PhotoWithPassedLivenessSession_EnrolledAndFaceLoginWorks()
    {
        await SignInOnAsync(EnrolmentClient);

        var result = await UploadAsync(photoVariant: 1);

        result.Status.Should().Be(EnrolmentUploadStatus.Enrolled, result.Detail);
        var login = await new CognitoDriver(_host).SignInAsync(CognitoUser.Jane, (challenge, _) => _host.RunChallengeAsync(challenge));
        login.TokensIssued.Should().BeTrue();
    }

    [Test]
    public async Task SignUp_PhotoWithoutLivenessSession_Refused()
    {
        await SignInOnAsync(EnrolmentClient);
        var key = $"uploads/{Fixtures.JaneSub}/my-id-card.jpg";
        _host.Uploads.Put(Fixtures.UploadBucket, key, TestFrames.Jpeg(480, 480, 1));

        var result = await HandleAsync(key);

        result.Reason.Should().Be(EnrolmentUploadReason.LivenessSessionInvalid);
        _host.Collection.EnrolledUsers.Should().BeEmpty();
    }

    [Test]
    public async Task SignUp_PhotoOfAnotherPersonThanTheLiveFace_RefusedFaceMismatch()
    {
        var result = await UploadAsync(photoVariant: OtherPersonPhoto);

        result.Reason.Should().Be(EnrolmentUploadReason.FaceMismatch);
        _host.Collection.EnrolledUsers.Should().BeEmpty();
    }

    [Test]
    public async Task SignUp_LivenessSessionAlreadyUsedForALogin_Refused()
    {
        await _host.EnrolAsync(CognitoUser.Bob.Sub);
        var sessionId = await _host.PassLivenessAsync(CognitoUser.Bob.Sub);
        (await _host.Services.GetRequiredService<IFaceLoginService>().LoginAsync(CognitoUser.Bob.Sub, sessionId, default)).Succeeded.Should().BeTrue();
        _host.Time.Advance(TimeSpan.FromMinutes(15));
        await SignInOnAsync(EnrolmentClient, CognitoUser.Bob.Sub);
        var key = $"uploads/{CognitoUser.Bob.Sub}/{sessionId}.jpg";
        _host.Uploads.Put(Fixtures.UploadBucket, key, TestFrames.Jpeg(480, 480, 2));

        var result = await HandleAsync(key);

        result.Reason.Should().Be(EnrolmentUploadReason.LivenessSessionInvalid);
    }

    [Test]
    public async Task ReEnrolment_WithoutAFreshEmailCodeSignIn_RefusedReferenceUnchanged()
    {
        await SignInOnAsync(EnrolmentClient);
        (await UploadAsync(photoVariant: 1)).Status.Should().Be(EnrolmentUploadStatus.Enrolled);

        // Someone holding Jane's enrolment-client session uploads a new photo with their own live session: the sign-in
        // that set up face login was spent on the first enrolment, so nothing approves a replacement.
        var result = await UploadAsync(photoVariant: 2);

        result.Reason.Should().Be(EnrolmentUploadReason.StepUpRequired);
        Reference().Should().Be(1);
    }

    [Test]
    public async Task ReEnrolment_AfterAFreshEmailCodeSignIn_ReplacedOnce()
    {
        await SignInOnAsync(EnrolmentClient);
        (await UploadAsync(photoVariant: 1)).Status.Should().Be(EnrolmentUploadStatus.Enrolled);
        _host.Time.Advance(TimeSpan.FromMinutes(15));

        await SignInOnAsync(EnrolmentClient);
        var replaced = await UploadAsync(photoVariant: 2);
        var again = await UploadAsync(photoVariant: 3);

        replaced.Status.Should().Be(EnrolmentUploadStatus.Enrolled, replaced.Detail);
        again.Reason.Should().Be(EnrolmentUploadReason.StepUpRequired, "one e-mail code, one replacement");
        Reference().Should().Be(2);
        _host.Collection.FaceCount(Fixtures.JaneSub).Should().Be(1);
    }

    [Test]
    public async Task ReEnrolment_EmailCodeSignInOlderThanItsWindow_Refused()
    {
        await SignInOnAsync(EnrolmentClient);
        (await UploadAsync(photoVariant: 1)).Status.Should().Be(EnrolmentUploadStatus.Enrolled);
        await SignInOnAsync(EnrolmentClient);
        _host.Time.Advance(TimeSpan.FromMinutes(11));

        (await UploadAsync(photoVariant: 2)).Reason.Should().Be(EnrolmentUploadReason.StepUpRequired);
    }

    [Test]
    public async Task ReEnrolment_SignInOnAnotherClientWhenTheEnrolmentClientIsConfigured_Refused()
    {
        await SignInOnAsync(EnrolmentClient);
        (await UploadAsync(photoVariant: 1)).Status.Should().Be(EnrolmentUploadStatus.Enrolled);

        (await SignInOnAsync(FaceLoginClient)).Should().BeFalse();

        (await UploadAsync(photoVariant: 2)).Reason.Should().Be(EnrolmentUploadReason.StepUpRequired);
    }

    [Test]
    public async Task ReEnrolment_AfterAFaceLogin_Replaced()
    {
        await SignInOnAsync(EnrolmentClient);
        (await UploadAsync(photoVariant: 1)).Status.Should().Be(EnrolmentUploadStatus.Enrolled);
        _host.Time.Advance(TimeSpan.FromMinutes(15));
        var login = await new CognitoDriver(_host).SignInAsync(CognitoUser.Jane, (challenge, _) => _host.RunChallengeAsync(challenge));
        login.TokensIssued.Should().BeTrue();

        var replaced = await UploadAsync(photoVariant: 2);

        replaced.Status.Should().Be(EnrolmentUploadStatus.Enrolled, replaced.Detail);
        Reference().Should().Be(2);
    }

    private async Task<bool> SignInOnAsync(string clientId, string sub = Fixtures.JaneSub)
    {
        var evt = Fixtures.Json("post-authentication.json");
        evt["callerContext"]!["clientId"] = clientId;
        evt["userName"] = sub;
        evt["request"]!["userAttributes"]!["sub"] = sub;
        var parsed = FaceVerify.CognitoTriggers.Events.CognitoEvent.Parse(Fixtures.Stream(evt));
        var recorded = await _host.PostAuthentication.HandleAsync(parsed);
        Fixtures.Read(parsed.ToStream())["response"]!.AsObject().Should().BeEmpty();
        return recorded;
    }

    /// <summary>Jane passes a liveness session, then uploads a photo (variant) under <c>uploads/{sub}/{session id}.jpg</c>.</summary>
    private async Task<EnrolmentUploadResult> UploadAsync(int photoVariant)
    {
        var sessionId = await _host.PassLivenessAsync(Fixtures.JaneSub);
        var key = $"uploads/{Fixtures.JaneSub}/{sessionId}.jpg";
        _host.Uploads.Put(Fixtures.UploadBucket, key, TestFrames.Jpeg(480, 480, photoVariant));
        return await HandleAsync(key);
    }

    private async Task<EnrolmentUploadResult> HandleAsync(string key)
    {
        var evt = Fixtures.Json(Fixtures.S3ObjectCreated);
        evt["Records"]![0]!["s3"]!["object"]!["key"] = key;
        var results = await _host.Enrolment.HandleRecordsAsync(Fixtures.Stream(evt));
        return results.Should().ContainSingle().Subject;
    }

    /// <summary>The variant of Jane's stored reference photo.</summary>
    private int? Reference()
    {
        var bytes = _host.Services.GetRequiredService<IFrameStore>().GetAsync(FrameKeys.Enrolment(Fixtures.JaneSub, ImageFormat.Jpeg), default).AsTask().GetAwaiter().GetResult();
        return bytes is null ? null : TestFrames.ReadVariant(bytes);
    }
}
