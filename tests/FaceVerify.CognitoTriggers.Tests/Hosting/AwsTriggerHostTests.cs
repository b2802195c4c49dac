using System.Collections;
using System.Text.RegularExpressions;
using FaceVerify.CognitoTriggers.Hosting;
using Microsoft.Extensions.Options;

namespace FaceVerify.CognitoTriggers.Tests.Hosting;

public partial class AwsTriggerHostTests
{
    /// <summary>The environment template.yaml sets, with deploy-time values filled in.</summary>
    private static Hashtable TemplateEnvironment() => new()
    {
        ["LOG_LEVEL"] = "Warning",
        ["AWS_REGION"] = "eu-west-1",
        ["FaceVerify__SimilarityThreshold"] = "90",
        ["FaceVerify__SessionLifetime"] = "00:03:00",
        ["FaceVerify__LoginWindow"] = "00:05:00",
        ["FaceVerify__MaxSessionsPerUser"] = "5",
        ["FaceVerify__AttemptWindow"] = "00:15:00",
        ["FaceVerify__RetentionPeriod"] = "1.00:00:00",
        ["FaceVerify__EnrolmentRetention"] = "365.00:00:00",
        ["FaceVerify__DynamoDb__TableName"] = "stack-AttemptsTable-1ABC",
        ["FaceVerify__DynamoDb__Region"] = "eu-west-1",
        ["FaceVerify__S3__BucketName"] = "stack-framesbucket-1abc",
        ["FaceVerify__S3__Region"] = "eu-west-1",
        ["FaceVerify__Rekognition__Region"] = "eu-west-1",
        ["FaceVerify__Rekognition__CollectionId"] = "faceverify-users",
        ["FaceVerify__Tokens__SigningKeys__0__Id"] = "k1",
        ["FaceVerify__Tokens__SigningKeys__0__Secret"] = Convert.ToBase64String(new byte[32]),
        ["CognitoTriggers__MaxWrongAnswers"] = "3",
        ["CognitoTriggers__DefaultFrameWidth"] = "640",
        ["CognitoTriggers__DefaultFrameHeight"] = "480",
        ["CognitoTriggers__TriggerBudget"] = "00:00:03.500",
        ["CognitoTriggers__ApiUrl"] = "https://faceverify.example.com",
        ["CognitoTriggers__UploadBucket"] = "stack-uploads-123456789012",
        ["CognitoTriggers__UploadPrefix"] = "uploads/",
    };

    [Test]
    public void Build_TemplateEnvironment_ResolvesEveryHandlerAndBindsTheSettings()
    {
        using var services = AwsTriggerHost.Build(TemplateEnvironment());

        foreach (var name in TriggerNames.All)
        {
            TriggerNames.Resolve(services, name).Should().NotBeNull(name);
        }

        var triggers = ((IOptions<CognitoTriggerOptions>)services.GetService(typeof(IOptions<CognitoTriggerOptions>))!).Value;
        triggers.UploadBucket.Should().Be("stack-uploads-123456789012");
        triggers.TriggerBudget.Should().Be(TimeSpan.FromSeconds(3.5));
        var core = ((IOptions<FaceVerificationOptions>)services.GetService(typeof(IOptions<FaceVerificationOptions>))!).Value;
        core.RetentionPeriod.Should().Be(TimeSpan.FromDays(1));
        services.GetService(typeof(IAttemptStore))!.GetType().Name.Should().Be("DynamoDbAttemptStore");
        services.GetService(typeof(IFrameStore))!.GetType().Name.Should().Be("S3FrameStore");
        services.GetService(typeof(IFaceCollection))!.GetType().Name.Should().Be("RekognitionFaceCollection");
    }

    [Test]
    public void Build_EveryVariableTheTemplateSets_IsOneThisTestChecks()
    {
        var template = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "template.yaml"));
        var names = VariableName().Matches(template).Select(m => m.Groups[1].Value).ToHashSet();

        names.Should().NotBeEmpty();
        TemplateEnvironment().Keys.Cast<string>().Should().Contain(names);
    }

    [TestCase("FaceVerify__SimilarityThreshold", "101", "SimilarityThreshold")]
    [TestCase("CognitoTriggers__TriggerBudget", "00:00:06", "TriggerBudget")]
    [TestCase("FaceVerify__Tokens__SigningKeys__0__Secret", "", "Secret")]
    [TestCase("FaceVerify__DynamoDb__Region", "", "Region")]
    public void Build_BadSetting_FailsAtColdStartNamingIt(string variable, string value, string named)
    {
        var environment = TemplateEnvironment();
        environment[variable] = value;

        var act = () => AwsTriggerHost.Build(environment);

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain(named);
    }

    [GeneratedRegex(@"^\s{8}((?:FaceVerify|CognitoTriggers)__[A-Za-z0-9_]+|LOG_LEVEL):", RegexOptions.Multiline)]
    private static partial Regex VariableName();
}
