using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FaceVerify.Tests.Tokens;

public class FaceVerificationBuilderTokenExtensionsTests
{
    private sealed class Builder : IFaceVerificationBuilder
    {
        public IServiceCollection Services { get; } = new ServiceCollection();
    }

    private sealed class CapturingLoggerFactory : ILoggerFactory, ILogger
    {
        public List<string> Messages { get; } = [];

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => Messages.Add($"{logLevel}: {formatter(state, exception)}");
    }

    private static TokenOptions Build(IServiceCollection services, Action<TokenOptions>? configure = null)
    {
        using var provider = services.BuildServiceProvider();
        var options = new TokenOptions();
        configure?.Invoke(options);
        foreach (var post in provider.GetServices<IPostConfigureOptions<TokenOptions>>())
        {
            post.PostConfigure(Options.DefaultName, options);
        }

        return options;
    }

    [Test]
    public void UseEphemeralSigningKey_NoKeyConfigured_AddsValidRandomKeyAndLogsOnlyItsId()
    {
        var builder = new Builder();
        var logs = new CapturingLoggerFactory();
        builder.Services.AddSingleton<ILoggerFactory>(logs);

        builder.UseEphemeralSigningKey().Should().BeSameAs(builder);
        var options = Build(builder.Services);

        var key = options.SigningKeys.Should().ContainSingle().Subject;
        options.ActiveKeyId.Should().Be(key.Id);
        Convert.FromBase64String(key.Secret).Should().HaveCount(32);
        new TokenOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
        logs.Messages.Should().ContainSingle().Which.Should().StartWith("Warning:").And.Contain(key.Id).And.NotContain(key.Secret);
    }

    [Test]
    public void UseEphemeralSigningKey_KeyConfigured_KeepsConfiguredKey()
    {
        var builder = new Builder();
        builder.UseEphemeralSigningKey();

        var options = Build(builder.Services, o =>
        {
            o.SigningKeys.Add(new TokenSigningKey { Id = "prod", Secret = TokenOptions.GenerateSecret() });
            o.ActiveKeyId = "prod";
        });

        options.SigningKeys.Should().ContainSingle().Which.Id.Should().Be("prod");
        options.ActiveKeyId.Should().Be("prod");
    }

    [Test]
    public void UseEphemeralSigningKey_OptionsBuiltTwice_SameKeySoTokensKeepValidating()
    {
        var builder = new Builder();
        builder.UseEphemeralSigningKey();

        var first = Build(builder.Services).SigningKeys.Single();
        var second = Build(builder.Services).SigningKeys.Single();

        second.Id.Should().Be(first.Id);
        second.Secret.Should().Be(first.Secret);
    }

    [Test]
    public void UseEphemeralSigningKey_WithoutLoggerFactory_DoesNotThrow()
    {
        var builder = new Builder();
        builder.UseEphemeralSigningKey();

        Build(builder.Services).SigningKeys.Should().ContainSingle();
    }
}
