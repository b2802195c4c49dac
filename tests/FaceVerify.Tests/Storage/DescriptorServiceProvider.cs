using Microsoft.Extensions.DependencyInjection;

namespace FaceVerify.Tests.Storage;

/// <summary>
/// A minimal container for registration tests (the test project does not reference Microsoft.Extensions.DependencyInjection):
/// resolves singletons registered as instances or factories, the last registration winning, and
/// <see cref="IEnumerable{T}"/> of instance registrations.
/// </summary>
internal sealed class DescriptorServiceProvider(IServiceCollection services) : IServiceProvider
{
    private readonly Dictionary<Type, object> _resolved = [];

    public object? GetService(Type serviceType)
    {
        if (serviceType == typeof(IServiceProvider))
        {
            return this;
        }

        if (serviceType.IsGenericType && serviceType.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            var itemType = serviceType.GetGenericArguments()[0];
            var items = services.Where(d => d.ServiceType == itemType).Select(Create).ToArray();
            var array = Array.CreateInstance(itemType, items.Length);
            Array.Copy(items, array, items.Length);
            return array;
        }

        if (_resolved.TryGetValue(serviceType, out var existing))
        {
            return existing;
        }

        var descriptor = services.LastOrDefault(d => d.ServiceType == serviceType);
        if (descriptor is null)
        {
            return null;
        }

        descriptor.Lifetime.Should().Be(ServiceLifetime.Singleton, $"{serviceType.Name} is registered as a singleton");
        var instance = Create(descriptor);
        _resolved[serviceType] = instance;
        return instance;
    }

    private object Create(ServiceDescriptor descriptor)
        => descriptor.ImplementationInstance
           ?? descriptor.ImplementationFactory?.Invoke(this)
           ?? throw new NotSupportedException($"{descriptor.ServiceType.Name}: only instance and factory registrations are supported here.");
}
