using System.Text.Json.Nodes;
using FaceVerify.CognitoTriggers.Events;
using FaceVerify.CognitoTriggers.Tests.Infrastructure;

namespace FaceVerify.CognitoTriggers.Tests.Events;

public class CognitoEventTests
{
    [Test]
    public void Parse_DefineFixtureAfterWrongAnswer_ReadsEveryRequestField()
    {
        var evt = CognitoEvent.Parse(Fixtures.Stream(Fixtures.Text(Fixtures.DefineAfterWrongAnswer)));

        evt.TriggerSource.Should().Be(TriggerSources.DefineAuthChallenge);
        evt.UserName.Should().Be(Fixtures.JaneSub);
        evt.UserAttribute("sub").Should().Be(Fixtures.JaneSub);
        evt.UserAttribute("email_verified").Should().Be("true", "user attributes are all strings");
        evt.UserNotFound.Should().BeFalse();
        evt.Session().Should().Equal(new ChallengeResultEntry("CUSTOM_CHALLENGE", false, "FACE_v1"));
        evt.ClientMetadata().Should().Contain("frameWidth", "640");
    }

    [Test]
    public void Parse_VerifyFixture_ReadsPrivateParametersAndAnswer()
    {
        var evt = CognitoEvent.Parse(Fixtures.Stream(Fixtures.Text(Fixtures.Verify)));

        evt.PrivateChallengeParameters().Should().Contain("faceId", "ff43d742-0c13-5d16-a3e8-03d3f58e980b");
        evt.ChallengeAnswer.Should().StartWith("<base64 JPEG");
        evt.ClientMetadata().Should().Contain("app", "web");
    }

    [Test]
    public void Parse_PreSignUpFixture_NullMapsReadAsEmpty()
    {
        var evt = CognitoEvent.Parse(Fixtures.Stream(Fixtures.Text(Fixtures.PreSignUp)));

        evt.ClientMetadata().Should().BeEmpty();
        evt.Session().Should().BeEmpty();
    }

    [Test]
    public void ToStream_AfterSetResponse_EchoesEveryOtherMemberUnchanged()
    {
        var original = Fixtures.Json(Fixtures.Create);
        original["futureField"] = new JsonObject { ["x"] = 1 };
        var evt = CognitoEvent.Parse(Fixtures.Stream(original));

        evt.SetResponse(new JsonObject { ["challengeMetadata"] = "m" });
        var echoed = Fixtures.Read(evt.ToStream());

        echoed["response"]!["challengeMetadata"]!.GetValue<string>().Should().Be("m");
        echoed.Remove("response");
        original.Remove("response");
        JsonNode.DeepEquals(echoed, original).Should().BeTrue();
    }

    [TestCase("", "not valid JSON")]
    [TestCase("{", "not valid JSON")]
    [TestCase("[1,2]", "not a JSON object")]
    [TestCase("{\"request\":{}}", "'triggerSource'")]
    [TestCase("{\"triggerSource\":5,\"request\":{}}", "'triggerSource'")]
    [TestCase("{\"triggerSource\":\"DefineAuthChallenge_Authentication\"}", "'request'")]
    [TestCase("{\"triggerSource\":\"DefineAuthChallenge_Authentication\",\"request\":[]}", "'request'")]
    [TestCase("{\"triggerSource\":\"x\",\"triggerSource\":\"y\",\"request\":{}}", "not valid JSON")]
    public void Parse_Malformed_ThrowsMalformedEventNamingTheProblem(string json, string expected)
    {
        var act = () => CognitoEvent.Parse(Fixtures.Stream(json));

        act.Should().Throw<MalformedEventException>().WithMessage($"*{expected}*");
    }

    [TestCase("{\"session\":{}}", "'request.session' must be an array")]
    [TestCase("{\"session\":[1]}", "'request.session[0]' must be an object")]
    [TestCase("{\"session\":[{\"challengeResult\":true}]}", "'request.session[0].challengeName' is missing")]
    [TestCase("{\"session\":[{\"challengeName\":\"CUSTOM_CHALLENGE\",\"challengeResult\":\"true\"}]}", "'request.session[0].challengeResult' must be a boolean")]
    public void Session_WrongShape_Throws(string request, string expected)
    {
        var evt = CognitoEvent.Parse(Fixtures.Stream($"{{\"triggerSource\":\"t\",\"request\":{request}}}"));

        var act = () => evt.Session();

        act.Should().Throw<MalformedEventException>().WithMessage($"*{expected}*");
    }

    [TestCase("{\"userNotFound\":\"yes\"}")]
    [TestCase("{\"clientMetadata\":{\"a\":1}}")]
    [TestCase("{\"userAttributes\":{\"sub\":7}}")]
    [TestCase("{\"challengeAnswer\":{\"a\":\"b\"}}")]
    public void Accessors_WrongTypes_Throw(string request)
    {
        var evt = CognitoEvent.Parse(Fixtures.Stream($"{{\"triggerSource\":\"t\",\"request\":{request}}}"));

        var act = () => (evt.UserNotFound, evt.ClientMetadata(), evt.UserAttribute("sub"), evt.ChallengeAnswer);

        act.Should().Throw<MalformedEventException>();
    }

    [Test]
    public void RequireTriggerSource_Other_NamesItWhenItLooksLikeOne()
    {
        var evt = CognitoEvent.Parse(Fixtures.Stream(Fixtures.Text(Fixtures.Create)));

        var act = () => evt.RequireTriggerSource("Define", TriggerSources.DefineAuthChallenge);

        act.Should().Throw<MalformedEventException>().WithMessage("Define does not handle triggerSource 'CreateAuthChallenge_Authentication'.");
    }

    [Test]
    public void RequireTriggerSource_ValueWithPersonalData_IsNotEchoed()
    {
        var evt = CognitoEvent.Parse(Fixtures.Stream("{\"triggerSource\":\"jane@example.com\",\"request\":{}}"));

        var act = () => evt.RequireTriggerSource("Define", TriggerSources.DefineAuthChallenge);

        act.Should().Throw<MalformedEventException>().Which.Message.Should().NotContain("jane");
    }
}
