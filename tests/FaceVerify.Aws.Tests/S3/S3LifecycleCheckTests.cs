using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using FaceVerify.Aws.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace FaceVerify.Aws.Tests.S3;

/// <summary>
/// The start-up check of the bucket's lifecycle rules (<see cref="S3Options.LifecycleRules"/>), against a substitute
/// <see cref="IAmazonS3"/>: s3rver, the local stack's S3, answers every lifecycle call NotImplemented, so the rules are
/// checked here on the SDK's own request and response types.
/// </summary>
public class S3LifecycleCheckTests
{
    private const string Bucket = "faceverify-frames";

    [Test]
    public async Task Verify_NoLifecycleConfiguration_FailsNamingBucketPrefixesAndDays()
    {
        var s3 = Client(missing: true);

        var act = async () => await Check(s3, S3LifecycleRules.Verify).RunAsync(default);

        var failure = (await act.Should().ThrowAsync<FaceVerificationException>()).Which;
        failure.Message.Should().Contain($"'{Bucket}'").And.Contain("'sessions/' within 1 day(s)").And.Contain("'enrolments/' within 365 day(s)");
    }

    [Test]
    public async Task Verify_SessionRuleTooLong_FailsForSessionsOnly()
    {
        var s3 = Client(Rule("frames", "sessions/", 2), Rule("refs", "enrolments/", 365));

        var act = async () => await Check(s3, S3LifecycleRules.Verify).RunAsync(default);

        var failure = (await act.Should().ThrowAsync<FaceVerificationException>()).Which;
        failure.Message.Should().Contain("'sessions/' within 1 day(s)").And.NotContain("enrolments/'");
    }

    [Test]
    public async Task Verify_RetentionRoundedUpToDays_AcceptsMatchingRules()
    {
        var s3 = Client(Rule("frames", "sessions/", 2), Rule("refs", "enrolments/", 31));

        var problems = await Check(s3, S3LifecycleRules.Verify, o =>
        {
            o.RetentionPeriod = TimeSpan.FromHours(25);
            o.EnrolmentRetention = TimeSpan.FromDays(30.5);
        }).RunAsync(default);

        problems.Should().BeEmpty();
    }

    [Test]
    public async Task Verify_ShorterWholeBucketRule_CoversBothPrefixes()
    {
        var problems = await Check(Client(Rule("all", string.Empty, 1)), S3LifecycleRules.Verify).RunAsync(default);

        problems.Should().BeEmpty();
    }

    [TestCase("disabled")]
    [TestCase("tag")]
    [TestCase("size")]
    [TestCase("other-prefix")]
    public async Task Verify_RuleThatDoesNotCoverEveryObject_Fails(string variant)
    {
        var rule = Rule("frames", "sessions/", 1);
        switch (variant)
        {
            case "disabled": rule.Status = LifecycleRuleStatus.Disabled; break;
            case "tag": rule.Filter = new LifecycleFilter { Tag = new Tag { Key = "k", Value = "v" } }; break;
            case "size": rule.Filter = new LifecycleFilter { Prefix = "sessions/", ObjectSizeGreaterThan = 1024 }; break;
            default: rule.Filter = new LifecycleFilter { Prefix = "sessions/a" }; break;
        }

        var act = async () => await Check(Client(rule, Rule("refs", "enrolments/", 365)), S3LifecycleRules.Verify).RunAsync(default);

        (await act.Should().ThrowAsync<FaceVerificationException>()).Which.Message.Should().Contain("'sessions/' within 1 day(s)");
    }

    [Test]
    public async Task Create_OtherRulesExist_KeepsThemAndAddsOrReplacesFaceVerifysRules()
    {
        var other = Rule("logs", "logs/", 90);
        var s3 = Client(other, Rule(S3LifecycleCheck.SessionsRuleId, "sessions/", 7), Rule("refs", "enrolments/", 365));
        PutLifecycleConfigurationRequest? written = null;
        s3.PutLifecycleConfigurationAsync(Arg.Do<PutLifecycleConfigurationRequest>(r => written = r), Arg.Any<CancellationToken>()).Returns(new PutLifecycleConfigurationResponse());

        var problems = await Check(s3, S3LifecycleRules.Create).RunAsync(default);

        problems.Should().BeEmpty();
        written!.BucketName.Should().Be(Bucket);
        written.Configuration.Rules.Select(r => (r.Id, r.Filter?.Prefix, r.Expiration.Days)).Should().BeEquivalentTo(new[]
        {
            ("logs", (string?)"logs/", (int?)90),
            ("refs", "enrolments/", 365),
            (S3LifecycleCheck.SessionsRuleId, "sessions/", 1),
        });
    }

    [Test]
    public async Task Create_RulesAlreadyEnforceRetention_WritesNothing()
    {
        var s3 = Client(Rule("frames", "sessions/", 1), Rule("refs", "enrolments/", 200));

        await Check(s3, S3LifecycleRules.Create).RunAsync(default);

        await s3.DidNotReceiveWithAnyArgs().PutLifecycleConfigurationAsync(default!, default);
    }

    [Test]
    public async Task Warn_MissingRules_ReportsWithoutFailing()
    {
        var problems = await Check(Client(missing: true), S3LifecycleRules.Warn).RunAsync(default);

        problems.Should().HaveCount(2);
    }

    [Test]
    public async Task None_DoesNotReadTheConfiguration()
    {
        var s3 = Client(missing: true);

        (await Check(s3, S3LifecycleRules.None).RunAsync(default)).Should().BeEmpty();

        await s3.DidNotReceiveWithAnyArgs().GetLifecycleConfigurationAsync(default(GetLifecycleConfigurationRequest)!, default);
    }

    [Test]
    public async Task Verify_EngineWithoutLifecycleApi_FailsAndSaysHowToOptOut()
    {
        var s3 = Substitute.For<IAmazonS3>();
        s3.GetLifecycleConfigurationAsync(Arg.Any<GetLifecycleConfigurationRequest>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new AmazonS3Exception("not implemented") { ErrorCode = "NotImplemented", StatusCode = HttpStatusCode.NotImplemented });

        var act = async () => await Check(s3, S3LifecycleRules.Verify).RunAsync(default);

        (await act.Should().ThrowAsync<FaceVerificationException>()).Which.Message.Should().Contain("NotImplemented").And.Contain("LifecycleRules to None");
        (await Check(s3, S3LifecycleRules.Warn).RunAsync(default)).Should().ContainSingle();
    }

    [Test]
    public async Task UseS3_VerifyWithMissingRule_HostedStartupCheckFails()
    {
        var s3 = Client(Rule("refs", "enrolments/", 365));
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddKeyedSingleton(FaceVerifyAwsServiceKeys.Client, s3);
        services.AddFaceVerification().UseInMemoryStores().UseEphemeralSigningKey().UseS3(o =>
        {
            o.BucketName = Bucket;
            o.Region = "eu-west-1";
            o.LifecycleRules = S3LifecycleRules.Verify;
        });
        using var provider = services.BuildServiceProvider();
        var startup = provider.GetServices<IHostedService>().OfType<S3LifecycleStartup>().Should().ContainSingle("UseS3 registers the check as a hosted service").Subject;

        var act = async () => await startup.StartAsync(default);

        (await act.Should().ThrowAsync<FaceVerificationException>()).Which.Message.Should().Contain($"'{Bucket}'").And.Contain("'sessions/' within 1 day(s)");
    }

    private static S3LifecycleCheck Check(IAmazonS3 s3, S3LifecycleRules mode, Action<FaceVerificationOptions>? core = null)
    {
        var options = new FaceVerificationOptions();
        core?.Invoke(options);
        return new S3LifecycleCheck(s3, Options.Create(new S3Options { BucketName = Bucket, LifecycleRules = mode }), Options.Create(options), NullLogger<S3LifecycleCheck>.Instance);
    }

    private static LifecycleRule Rule(string id, string prefix, int days) => new()
    {
        Id = id,
        Status = LifecycleRuleStatus.Enabled,
        Filter = new LifecycleFilter { Prefix = prefix },
        Expiration = new LifecycleRuleExpiration { Days = days },
    };

    private static IAmazonS3 Client(params LifecycleRule[] rules) => Client(false, rules);

    private static IAmazonS3 Client(bool missing, params LifecycleRule[] rules)
    {
        var s3 = Substitute.For<IAmazonS3>();
        if (missing)
        {
            s3.GetLifecycleConfigurationAsync(Arg.Any<GetLifecycleConfigurationRequest>(), Arg.Any<CancellationToken>())
                .ThrowsAsync(new AmazonS3Exception("none") { ErrorCode = "NoSuchLifecycleConfiguration", StatusCode = HttpStatusCode.NotFound });
        }
        else
        {
            s3.GetLifecycleConfigurationAsync(Arg.Any<GetLifecycleConfigurationRequest>(), Arg.Any<CancellationToken>())
                .Returns(new GetLifecycleConfigurationResponse { Configuration = new LifecycleConfiguration { Rules = [.. rules] } });
        }

        return s3;
    }
}
