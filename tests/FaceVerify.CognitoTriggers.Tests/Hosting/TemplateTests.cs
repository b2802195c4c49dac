using FaceVerify.CognitoTriggers.Hosting;
using YamlDotNet.RepresentationModel;

namespace FaceVerify.CognitoTriggers.Tests.Hosting;

/// <summary>template.yaml parsed as YAML (CloudFormation's short tags such as <c>!Ref</c> stay tags on their nodes).</summary>
public class TemplateTests
{
    [Test]
    public void Functions_OneForEveryHandlerName()
    {
        var handlers = Functions().Select(f => Scalar(f.Value, "Properties", "Handler")).ToList();

        handlers.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(TriggerNames.All);
    }

    [Test]
    public void ExpirySweepFunction_RunsHourlyOnAnEventBridgeSchedule()
    {
        var function = Functions().Single(f => Scalar(f.Value, "Properties", "Handler") == "ExpirySweep").Value;

        var events = (YamlMappingNode)Node(function, "Properties", "Events");
        var schedule = events.Children.Values.Cast<YamlMappingNode>().Should().ContainSingle().Subject;
        Scalar(schedule, "Type").Should().Be("Schedule");
        Scalar(schedule, "Properties", "Schedule").Should().Be("rate(1 hour)");
        int.Parse(Scalar(function, "Properties", "Timeout"), System.Globalization.CultureInfo.InvariantCulture)
            .Should().BeGreaterThan(5, "the global 5 s is Cognito's budget; one pass of each sweeper needs longer");
    }

    [Test]
    public void ExpirySweepFunction_MayDoWhatTheSweepersDoAndNoMore()
    {
        var function = Functions().Single(f => Scalar(f.Value, "Properties", "Handler") == "ExpirySweep").Value;

        var actions = ((YamlSequenceNode)Node(function, "Properties", "Policies"))
            .Cast<YamlMappingNode>()
            .SelectMany(p => (YamlSequenceNode)Node(p, "Statement"))
            .Cast<YamlMappingNode>()
            .SelectMany(s => Node(s, "Action") is YamlSequenceNode list ? list.Cast<YamlScalarNode>().Select(a => a.Value!) : [Scalar(s, "Action")])
            .ToList();

        actions.Should().BeEquivalentTo(
            "dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
            "s3:GetObject", "s3:DeleteObject", "s3:ListBucket",
            "rekognition:DeleteFaces", "rekognition:ListFaces");
    }

    private static IEnumerable<KeyValuePair<YamlNode, YamlNode>> Functions()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(TestContext.CurrentContext.TestDirectory, "template.yaml")))
        {
            yaml.Load(reader);
        }

        var resources = (YamlMappingNode)Node(yaml.Documents.Should().ContainSingle().Subject.RootNode, "Resources");
        return resources.Children.Where(r => Scalar(r.Value, "Type") == "AWS::Serverless::Function").ToList();
    }

    private static YamlNode Node(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            node = ((YamlMappingNode)node).Children[new YamlScalarNode(key)];
        }

        return node;
    }

    private static string Scalar(YamlNode node, params string[] path) => ((YamlScalarNode)Node(node, path)).Value!;
}
