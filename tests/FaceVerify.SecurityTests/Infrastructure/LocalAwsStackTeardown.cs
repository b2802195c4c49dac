namespace FaceVerify.SecurityTests.Infrastructure;

/// <summary>Stops every local AWS stack the tests started, once all tests of the assembly ran.</summary>
[SetUpFixture]
public sealed class LocalAwsStackTeardown
{
    [OneTimeTearDown]
    public async Task StopLocalStacksAsync() => await LocalAwsStack.StopAllAsync();
}
