using System.Net;
using FaceVerify.Aws.Rekognition;

namespace FaceVerify.Aws.Tests.Rekognition;

public class RekognitionErrorsTests
{
    [TestCase("ThrottlingException", "ThrottlingException")]
    [TestCase("com.amazonaws.rekognition.v20160627#ProvisionedThroughputExceededException", "ProvisionedThroughputExceededException")]
    [TestCase("ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.availability/", "ThrottlingException")]
    [TestCase("aws.protocoltests#InvalidParameterException:http://internal.amazon.com/", "InvalidParameterException")]
    public void NormalizeCode_Variants_StripsNamespaceAndSuffix(string raw, string expected)
        => RekognitionErrors.NormalizeCode(raw).Should().Be(expected);

    [TestCase("throttling.json", 400, "ThrottlingException", "Slow down.", true)]
    [TestCase("provisioned-throughput-namespaced.json", 400, "ProvisionedThroughputExceededException", "Provisioned Rate exceeded.", true)]
    [TestCase("internal-server-error.json", 500, "InternalServerError", "Internal server error", true)]
    [TestCase("invalid-image-format.json", 400, "InvalidImageFormatException", "Request has invalid image format", false)]
    [TestCase("access-denied.json", 400, "AccessDeniedException", "User: arn:aws:sts::123456789012:assumed-role/app/i-0 is not authorized to perform: rekognition:IndexFaces", false)]
    public void Parse_BodyForm_ReadsCodeMessageAndClassification(string fixture, int status, string code, string message, bool transient)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);

        var error = RekognitionErrors.Parse((HttpStatusCode)status, response.Headers, RekognitionTestData.Load("errors/" + fixture));

        error.ErrorCode.Should().Be(code);
        error.ServiceMessage.Should().Be(message);
        error.IsTransient.Should().Be(transient);
    }

    [Test]
    public void Parse_HeaderForm_ReadsCodeFromErrorTypeHeaderAndLowercaseMessage()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadRequest);
        response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.availability/");
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", "b2c3");

        var error = RekognitionErrors.Parse(HttpStatusCode.BadRequest, response.Headers, RekognitionTestData.Load("errors/header-form-throttling.json"));

        error.ErrorCode.Should().Be("ThrottlingException");
        error.ServiceMessage.Should().Be("Rate exceeded");
        error.RequestId.Should().Be("b2c3");
        error.IsTransient.Should().BeTrue();
    }

    [Test]
    public void Parse_EmptyBody503_IsTransientWithStatusCode()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        var error = RekognitionErrors.Parse(HttpStatusCode.ServiceUnavailable, response.Headers, string.Empty);

        error.ErrorCode.Should().Be("Http503");
        error.IsTransient.Should().BeTrue();
    }

    [TestCase("InvalidImageFormatException", ImageRejection.InvalidImageFormat)]
    [TestCase("ImageTooLargeException", ImageRejection.ImageTooLarge)]
    [TestCase("InvalidParameterException", ImageRejection.InvalidParameter)]
    public void ToRejection_ImageErrors_MapToRejection(string code, ImageRejection expected)
        => RekognitionErrors.ToRejection(code).Should().Be(expected);

    [Test]
    public void ToRejection_Throttling_IsNoRejection() => RekognitionErrors.ToRejection("ThrottlingException").Should().BeNull();
}
