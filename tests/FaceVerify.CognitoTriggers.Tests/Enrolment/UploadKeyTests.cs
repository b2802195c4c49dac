using FaceVerify.CognitoTriggers.Enrolment;
using FaceVerify.CognitoTriggers.Tests.Infrastructure;

namespace FaceVerify.CognitoTriggers.Tests.Enrolment;

public class UploadKeyTests
{
    [TestCase("uploads/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/reference.jpg", "reference.jpg")]
    [TestCase("uploads/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/selfie_2026-01-01.PNG.png", "selfie_2026-01-01.PNG.png")]
    [TestCase("uploads/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/photo.jpeg", "photo.jpeg")]
    [TestCase("uploads%2F6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f%2Fphoto.jpg", "photo.jpg")]
    public void TryParse_KeyUnderAUsersPrefix_YieldsThatUser(string key, string file)
    {
        UploadKey.TryParse(key, "uploads/", out var parsed).Should().BeTrue();

        parsed!.UserId.Should().Be(Fixtures.JaneSub);
        parsed.FileName.Should().Be(file);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("public/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/reference.jpg")]
    [TestCase("uploads/reference.jpg")]
    [TestCase("uploads/jane@example.com/reference.jpg")]
    [TestCase("uploads/6F1C2D3E-4B5A-4C7D-8E9F-0A1B2C3D4E5F/reference.jpg")]
    [TestCase("uploads/eu-west-1:6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/reference.jpg")]
    [TestCase("uploads/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/")]
    [TestCase("uploads/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/sub/reference.jpg")]
    [TestCase("uploads/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/../0b0b0b0b-1111-4222-8333-444455556666/x.jpg")]
    [TestCase("uploads/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/..jpg")]
    [TestCase("uploads/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/reference.gif")]
    [TestCase("uploads/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/my+photo.jpg")]
    [TestCase("uploads/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/reference.jpg%0A")]
    [TestCase("uploads/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f%2F..%2F0b0b0b0b-1111-4222-8333-444455556666%2Fx.jpg")]
    [TestCase("xuploads/6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f/reference.jpg")]
    public void TryParse_KeyOutsideThePattern_IsRefused(string? key)
    {
        UploadKey.TryParse(key, "uploads/", out var parsed).Should().BeFalse();
        parsed.Should().BeNull();
    }
}
