using System.Reflection;
using Microsoft.Extensions.Logging;

namespace FaceVerify.SecurityTests.Diagnostics;

/// <summary>
/// Every log message of the shipped packages has a unique EventId inside its area's documented range
/// (docs/observability.md), so a log query on an id finds one message. Helpers adding messages pick the next free id
/// of their area; this test fails on a duplicate (3001 was used twice before) or an id outside its range.
/// </summary>
public class EventIdTests
{
    private static readonly (Assembly Assembly, int Min, int Max)[] Areas =
    [
        (typeof(FaceVerifyTelemetry).Assembly, 1, 999),
        (typeof(Microsoft.AspNetCore.Builder.FaceVerificationEndpointRouteBuilderExtensions).Assembly, 3000, 3099),
        (typeof(FaceVerify.Aws.Rekognition.RekognitionOptions).Assembly, 3100, 3399),
    ];

    [Test]
    public void LoggerMessages_AcrossPackages_HaveUniqueEventIdsInTheirRanges()
    {
        var messages = Areas
            .SelectMany(area => area.Assembly.GetTypes()
                .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                .Select(m => (Method: $"{m.DeclaringType!.FullName}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>(), area.Min, area.Max)))
            .Where(m => m.Attribute is not null)
            .ToList();

        messages.Should().HaveCountGreaterThan(15, "the packages log through source-generated messages");
        messages.Should().OnlyContain(m => m.Attribute!.EventId >= m.Min && m.Attribute.EventId <= m.Max, "each package logs in its own EventId range");
        var duplicates = messages.GroupBy(m => m.Attribute!.EventId).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}");
        duplicates.Should().BeEmpty();
    }
}
