using System.Collections;
using FaceVerify.CognitoTriggers.Hosting;
using Microsoft.Extensions.Configuration;

namespace FaceVerify.CognitoTriggers.Tests.Hosting;

public class EnvironmentConfigurationTests
{
    [Test]
    public void Build_DoubleUnderscores_BecomeSectionSeparators()
    {
        var configuration = EnvironmentConfiguration.Build(new Hashtable { ["FaceVerify__Tokens__SigningKeys__0__Id"] = "k1", ["CognitoTriggers__MaxWrongAnswers"] = "2" });

        configuration["FaceVerify:Tokens:SigningKeys:0:Id"].Should().Be("k1");
        configuration["CognitoTriggers:MaxWrongAnswers"].Should().Be("2");
    }

    [Test]
    public void Build_OtherVariables_AreNotRead()
    {
        var configuration = EnvironmentConfiguration.Build(new Hashtable { ["AWS_SECRET_ACCESS_KEY"] = "secret", ["PATH"] = "/bin", ["FaceVerifyX__A"] = "x" });

        configuration.AsEnumerable().Should().BeEmpty();
    }
}
