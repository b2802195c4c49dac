using FaceVerify.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FaceVerify.Tests.Storage;

public class FaceVerificationBuilderStorageExtensionsTests
{
    private sealed class Builder : IFaceVerificationBuilder
    {
        public IServiceCollection Services { get; } = new ServiceCollection();
    }

    [Test]
    public void UseInMemoryStores_RegistersBothInMemoryStoresAsSingletons()
    {
        var builder = new Builder();

        builder.UseInMemoryStores().Should().BeSameAs(builder);
        using var provider = builder.Services.BuildServiceProvider();

        builder.Services.Where(d => d.ServiceType == typeof(IAttemptStore)).Should().ContainSingle().Which.Lifetime.Should().Be(ServiceLifetime.Singleton);
        builder.Services.Where(d => d.ServiceType == typeof(IFrameStore)).Should().ContainSingle().Which.Lifetime.Should().Be(ServiceLifetime.Singleton);
        provider.GetService(typeof(IAttemptStore)).Should().BeOfType<InMemoryAttemptStore>();
        provider.GetService(typeof(IFrameStore)).Should().BeOfType<InMemoryFrameStore>();
        provider.GetService(typeof(TimeProvider)).Should().BeSameAs(TimeProvider.System);
    }

    [Test]
    public void UseInMemoryStores_ReplacesEarlierStoreRegistrations()
    {
        var builder = new Builder();
        builder.Services.AddSingleton<IFrameStore>(_ => RecordingFrameStore.InMemory());
        builder.Services.AddSingleton<IFrameStore>(RecordingFrameStore.InMemory());

        builder.UseInMemoryStores();

        builder.Services.Where(d => d.ServiceType == typeof(IFrameStore)).Should().ContainSingle();
        builder.Services.BuildServiceProvider().GetService(typeof(IFrameStore)).Should().BeOfType<InMemoryFrameStore>();
    }

    [Test]
    public async Task UseInMemoryStores_UsesTheRegisteredTimeProvider()
    {
        var builder = new Builder();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.UseInMemoryStores();
        using var provider = builder.Services.BuildServiceProvider();
        var store = provider.GetRequiredService<IFrameStore>();
        await store.PutAsync("sessions/s/a.jpg", new byte[] { 1 }, "image/jpeg", time.GetUtcNow().AddMinutes(1), CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(1));

        (await store.GetAsync("sessions/s/a.jpg", CancellationToken.None)).Should().BeNull();
        builder.Services.Where(d => d.ServiceType == typeof(TimeProvider)).Should().ContainSingle("a registered TimeProvider is kept");
    }

    [Test]
    public async Task UseFileFrameStore_AfterInMemory_ReplacesOnlyTheFrameStore()
    {
        var root = Path.Combine(Path.GetTempPath(), "faceverify-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var builder = new Builder();

            builder.UseInMemoryStores().UseFileFrameStore(root);
            using var provider = builder.Services.BuildServiceProvider();
            var store = (IFrameStore)provider.GetService(typeof(IFrameStore))!;
            await store.PutAsync("sessions/s/a.jpg", new byte[] { 7 }, "image/jpeg", DateTimeOffset.MaxValue.AddYears(-1), CancellationToken.None);

            store.Should().BeOfType<FileFrameStore>();
            provider.GetService(typeof(IAttemptStore)).Should().BeOfType<InMemoryAttemptStore>();
            File.ReadAllBytes(Path.Combine(root, "sessions", "s", "a.jpg")).Should().Equal(7);
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    [Test]
    public void UseAttemptStore_ConcreteType_OneSingletonAsItselfAndAsTheInterface_ReplacingEarlierOnes()
    {
        var builder = new Builder();
        builder.UseInMemoryStores();
        builder.UseAttemptStore(_ => RecordingAttemptStore.InMemory());

        builder.UseAttemptStore(_ => RecordingAttemptStore.InMemory()).Should().BeSameAs(builder);
        using var provider = builder.Services.BuildServiceProvider();

        builder.Services.Where(d => d.ServiceType == typeof(IAttemptStore)).Should().ContainSingle();
        builder.Services.Where(d => d.ServiceType == typeof(RecordingAttemptStore)).Should().ContainSingle();
        provider.GetRequiredService<IAttemptStore>().Should().BeSameAs(provider.GetRequiredService<RecordingAttemptStore>());
        provider.GetService<IFrameStore>().Should().BeOfType<InMemoryFrameStore>("only the attempt store is replaced");
    }

    [Test]
    public void UseFrameStore_InterfaceType_RegistersOnlyTheInterface()
    {
        var builder = new Builder();
        var store = new InMemoryFrameStore(TimeProvider.System);

        builder.UseFrameStore<IFrameStore>(_ => store);
        using var provider = builder.Services.BuildServiceProvider();

        builder.Services.Should().ContainSingle().Which.ServiceType.Should().Be<IFrameStore>();
        provider.GetRequiredService<IFrameStore>().Should().BeSameAs(store);
    }

    [Test]
    public void UseRecordingInMemoryStores_AfterInMemory_RecordsTheCallsOfTheStoresInUse()
    {
        var builder = new Builder();

        builder.UseInMemoryStores().UseRecordingInMemoryStores();
        using var provider = builder.Services.BuildServiceProvider();

        provider.GetRequiredService<IAttemptStore>().Should().BeSameAs(provider.GetRequiredService<RecordingAttemptStore>());
        provider.GetRequiredService<IFrameStore>().Should().BeSameAs(provider.GetRequiredService<RecordingFrameStore>());
        builder.Services.Where(d => d.ServiceType == typeof(IAttemptStore) || d.ServiceType == typeof(IFrameStore)).Should().HaveCount(2);
    }

    [TestCase("")]
    [TestCase("   ")]
    public void UseFileFrameStore_BlankPath_Throws(string path)
    {
        var builder = new Builder();

        builder.Invoking(b => b.UseFileFrameStore(path)).Should().Throw<ArgumentException>();
    }
}
