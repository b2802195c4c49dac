using FaceVerify.CognitoTriggers.Events;
using FaceVerify.CognitoTriggers.Handlers;
using FaceVerify.CognitoTriggers.Tests.Infrastructure;

namespace FaceVerify.CognitoTriggers.Tests.Handlers;

public class PreSignUpHandlerTests
{
    private readonly TriggerTestHost _host = new();

    [TearDown]
    public void TearDown() => _host.Dispose();

    [Test]
    public async Task Handle_RecordedSignUp_NeitherAutoConfirmsNorAutoVerifies()
    {
        var response = Fixtures.Read(await _host.PreSignUp.HandleAsync(Fixtures.Stream(Fixtures.Text(Fixtures.PreSignUp))))["response"]!;

        response["autoConfirmUser"]!.GetValue<bool>().Should().BeFalse("the e-mailed confirmation code proves the address (the reference auto-confirmed)");
        response["autoVerifyEmail"]!.GetValue<bool>().Should().BeFalse();
        response["autoVerifyPhone"]!.GetValue<bool>().Should().BeFalse();
    }

    [Test]
    public async Task Handle_AdminCreateUser_IsAccepted()
    {
        var evt = Fixtures.Json(Fixtures.PreSignUp);
        evt["triggerSource"] = TriggerSources.PreSignUpAdminCreateUser;

        var response = Fixtures.Read(await _host.PreSignUp.HandleAsync(Fixtures.Stream(evt)))["response"]!;

        response["autoConfirmUser"]!.GetValue<bool>().Should().BeFalse();
    }

    [Test]
    public async Task Handle_ExternalProvider_IsRefusedWithAUserFacingMessage()
    {
        var evt = Fixtures.Json(Fixtures.PreSignUp);
        evt["triggerSource"] = TriggerSources.PreSignUpExternalProvider;

        var act = () => _host.PreSignUp.HandleAsync(Fixtures.Stream(evt));

        await act.Should().ThrowAsync<SignUpRefusedException>().WithMessage("*external identity provider*");
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("jane")]
    [TestCase("jane@")]
    [TestCase("@example.com")]
    [TestCase("jane@example")]
    [TestCase("jane@@example.com")]
    [TestCase("ja ne@example.com")]
    [TestCase("jane@example.com.")]
    public async Task Handle_NoPlausibleEmail_IsRefused(string? email)
    {
        var evt = Fixtures.Json(Fixtures.PreSignUp);
        evt["request"]!["userAttributes"]!["email"] = email;

        var act = () => _host.PreSignUp.HandleAsync(Fixtures.Stream(evt));

        await act.Should().ThrowAsync<SignUpRefusedException>().WithMessage("A valid e-mail address is required.");
    }
}
