namespace FaceVerify.AspNetCore.Tests;

/// <summary>A fresh <see cref="FaceVerifyApiFactory"/> per test (fixtures are instance-per-test-case), disposed after it.</summary>
public abstract class ApiTestBase
{
    private protected FaceVerifyApiFactory _factory = null!;

    [SetUp]
    public void CreateFactory() => _factory = new FaceVerifyApiFactory();

    [TearDown]
    public void DisposeFactory() => _factory.Dispose();
}
