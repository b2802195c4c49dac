using System.Security.Cryptography;
using System.Text.Json;
using FaceVerify.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FaceVerify.Tests.Challenges.Pose;

/// <summary>"Never ask what the analyzer cannot judge": the pose challenge draws only poses the analyzer's declared attributes can judge.</summary>
public class PoseCapabilityTests
{
    private const int Samples = 2_000;
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static ServiceProvider Build(FaceAttributes measured, IDictionary<string, string?>? settings = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build());
        services.AddFaceVerification()
            .UseInMemoryStores()
            .UseEphemeralSigningKey()
            .UseFaceAnalyzer(new ScriptedFaceAnalyzer((_, _) => FaceAnalysis.NoFaces) { MeasuredAttributes = measured });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static PoseChallenge Pose(ServiceProvider provider) => provider.GetServices<IChallenge>().OfType<PoseChallenge>().Single();

    private static IReadOnlyList<RequestedPose> Draw(PoseChallenge challenge, RandomNumberGenerator random)
        => challenge.CreateParameters(new ChallengeParametersArguments(480, 480, random)).Deserialize<PoseChallengeParameters>(Web)!.Poses;

    [Test]
    public void Start_AnalyzerWithoutGaze_DefaultEyeStates_FailsNamingTheSetting()
    {
        using var provider = Build(FaceAttributes.All & ~FaceAttributes.Gaze);

        var act = () => provider.GetRequiredService<IOptions<FaceVerificationOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*FaceVerify:Pose:EyeStates*LookingLeft, LookingRight*Gaze*");
    }

    [Test]
    public void CreateParameters_AnalyzerWithoutGaze_DefaultEyeStates_ThrowsInsteadOfAskingAUser()
    {
        using var provider = Build(FaceAttributes.All & ~FaceAttributes.Gaze);

        var act = () => Draw(Pose(provider), RandomNumberGenerator.Create());

        act.Should().Throw<InvalidOperationException>().WithMessage("*EyeStates*");
    }

    [Test]
    public void CreateParameters_AnalyzerWithoutGaze_OpenAndClosedConfigured_NeverAsksForAGaze()
    {
        using var provider = Build(FaceAttributes.All & ~FaceAttributes.Gaze, new Dictionary<string, string?>
        {
            ["FaceVerify:Pose:EyeStates:0"] = "Open",
            ["FaceVerify:Pose:EyeStates:1"] = "Closed",
            ["FaceVerify:Pose:PoseCount"] = "3",
        });
        provider.GetRequiredService<IOptions<FaceVerificationOptions>>().Value.Should().NotBeNull("the configuration is valid");
        var challenge = Pose(provider);
        using var random = RandomNumberGenerator.Create();
        var seen = new HashSet<(PoseEyes, PoseMouth)>();

        for (var i = 0; i < Samples; i++)
        {
            var poses = Draw(challenge, random);
            poses.Should().HaveCount(3);
            for (var j = 0; j < poses.Count; j++)
            {
                seen.Add((poses[j].Eyes, poses[j].Mouth));
                if (j > 0)
                {
                    PoseMatcher.AreCompatible(poses[j - 1], poses[j]).Should().BeFalse();
                }
            }
        }

        seen.Should().BeEquivalentTo(new[]
        {
            (PoseEyes.Open, PoseMouth.Closed), (PoseEyes.Open, PoseMouth.Smile), (PoseEyes.Closed, PoseMouth.Closed), (PoseEyes.Closed, PoseMouth.Smile),
        });
    }

    [Test]
    public void CreateParameters_AnalyzerMeasuringAll_AsksForEveryPoseIncludingGaze()
    {
        using var provider = Build(FaceAttributes.All);
        provider.GetRequiredService<IOptions<FaceVerificationOptions>>().Value.Should().NotBeNull();
        var challenge = Pose(provider);
        using var random = RandomNumberGenerator.Create();
        var seen = new HashSet<(PoseEyes, PoseMouth)>();

        for (var i = 0; i < Samples; i++)
        {
            foreach (var pose in Draw(challenge, random))
            {
                seen.Add((pose.Eyes, pose.Mouth));
            }
        }

        seen.Should().HaveCount(8);
    }

    [Test]
    public void Start_AnalyzerWithoutSmile_FailsBecauseNoPoseCanBeJudged()
    {
        using var provider = Build(FaceAttributes.EyesOpen | FaceAttributes.Gaze | FaceAttributes.MouthOpen);

        var act = () => provider.GetRequiredService<IOptions<FaceVerificationOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*pose challenge cannot be judged*Smile*EnabledChallengeTypes*");
    }

    [Test]
    public void Start_AnalyzerWithoutSmile_PoseNotEnabled_Starts()
    {
        using var provider = Build(FaceAttributes.EyesOpen, new Dictionary<string, string?> { ["FaceVerify:EnabledChallengeTypes:0"] = "nose" });

        var act = () => provider.GetRequiredService<IOptions<FaceVerificationOptions>>().Value;

        act.Should().NotThrow("a host that never asks for a pose need not be able to judge one");
    }

    [Test]
    public void Constructor_NoAnalyzerGiven_AssumesEveryAttributeAsBefore()
        => Draw(new PoseChallenge(), RandomNumberGenerator.Create()).Should().HaveCount(2);
}
