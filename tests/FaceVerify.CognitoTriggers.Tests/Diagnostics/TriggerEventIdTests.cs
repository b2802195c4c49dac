using System.Reflection;
using Microsoft.Extensions.Logging;

namespace FaceVerify.CognitoTriggers.Tests.Diagnostics;

/// <summary>
/// Every log message of the Cognito trigger sample has a unique EventId in its documented range 100–199
/// (docs/observability.md), so an operator's log query on an id finds one message (109 was used twice before).
/// </summary>
public class TriggerEventIdTests
{
    [Test]
    public void LoggerMessages_OfTheSample_HaveUniqueEventIdsInItsRange()
    {
        var messages = typeof(FaceVerify.CognitoTriggers.Hosting.TriggerNames).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => (Method: $"{m.DeclaringType!.FullName}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();

        messages.Should().HaveCountGreaterThan(10, "the sample logs through source-generated messages");
        messages.Should().OnlyContain(m => m.Attribute!.EventId >= 100 && m.Attribute.EventId <= 199);
        messages.GroupBy(m => m.Attribute!.EventId).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}")
            .Should().BeEmpty();
    }
}
