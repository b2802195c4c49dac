using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FaceVerify.Tests.DependencyInjection;

public class MaxImagePixelsOptionsTests
{
    [Test]
    public void MaxImagePixels_Default_Is16Megapixels()
    {
        Options(_ => { }).MaxImagePixels.Should().Be(16_777_216);
    }

    [TestCase(6_399)]
    [TestCase(67_108_865)]
    public void MaxImagePixels_OutOfRange_FailsNamingTheSetting(int pixels)
    {
        var act = () => Options(o => o.MaxImagePixels = pixels);

        act.Should().Throw<OptionsValidationException>().WithMessage("*MaxImagePixels*");
    }

    [Test]
    public void MaxImagePixels_BelowMaxFrameSizeSquared_FailsNamingBothSettings()
    {
        var act = () => Options(o =>
        {
            o.MaxFrameSize = 1280;
            o.MaxImagePixels = (1280 * 1280) - 1;
        });

        act.Should().Throw<OptionsValidationException>().WithMessage("*FaceVerify:MaxImagePixels*FaceVerify:MaxFrameSize*");
    }

    private static FaceVerificationOptions Options(Action<FaceVerificationOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddFaceVerification(configure).UseInMemoryStores().UseEphemeralSigningKey();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<FaceVerificationOptions>>().Value;
    }
}
