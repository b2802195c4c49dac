using System.Security.Cryptography;
using FaceVerify.Aws.Rekognition;
using FaceVerify.SampleHost;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;

// FaceVerify sample host: the HTTP API plus a camera page, running offline by default (local face engine from
// tools/local-aws as a child process, in-memory stores). See README.md beside this file.
// A first run that cannot work (no Node, npm ci failing, port busy, engine not starting) ends in ONE line saying what
// to do and exit code 2 (FirstRun.Guard), never in a stack trace.
var builder = WebApplication.CreateBuilder(args);
var urls = builder.Configuration["urls"] is { Length: > 0 } configuredUrls ? configuredUrls : builder.Configuration["ASPNETCORE_URLS"];
if (string.IsNullOrEmpty(urls))
{
    urls = "http://127.0.0.1:5180";
    builder.WebHost.UseUrls(urls);
}

FirstRun.Guard(() => PortCheck.EnsureFree(urls));

var sample = builder.Configuration.GetSection(SampleOptions.SectionName).Get<SampleOptions>() ?? new SampleOptions();
using var startupLogs = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true));
var startupLogger = startupLogs.CreateLogger("FaceVerify.SampleHost");

string? toolPath = null;
try
{
    toolPath = sample.Mode == SampleMode.Aws
        ? LocalAwsProcess.FindToolPath(sample.LocalAwsPath, builder.Environment.ContentRootPath)
        : FirstRun.Guard(() => LocalAwsProcess.FindToolPath(sample.LocalAwsPath, builder.Environment.ContentRootPath));
}
catch (SampleStartupException) when (sample.Mode == SampleMode.Aws)
{
    // Real AWS needs no local tools; the page then runs without in-browser guidance.
}

LocalAwsProcess? local = null;
var faceVerification = builder.Services.AddFaceVerification();
switch (sample.Mode)
{
    case SampleMode.Local:
        local = FirstRun.Guard(() => LocalAwsProcess.Start(toolPath!, sample.NodePath, ["rekognition"], startupLogger, TimeSpan.FromMinutes(3)));
        faceVerification.UseInMemoryStores().UseRekognition(o => UseLocalRekognition(o, local.Endpoints));
        break;
    case SampleMode.LocalStack:
        local = FirstRun.Guard(() => LocalAwsProcess.Start(toolPath!, sample.NodePath, ["rekognition", "dynamodb", "s3"], startupLogger, TimeSpan.FromMinutes(3)));
        faceVerification
            .UseRekognition(o => UseLocalRekognition(o, local.Endpoints))
            .UseDynamoDb(o =>
            {
                o.ServiceUrl = local.Endpoints.DynamoDb;
                o.Region = local.Endpoints.Region;
                o.AccessKeyId = local.Endpoints.AccessKeyId;
                o.SecretAccessKey = local.Endpoints.SecretAccessKey;
            })
            .UseS3(o =>
            {
                o.ServiceUrl = local.Endpoints.S3;
                o.Region = local.Endpoints.Region;
                o.BucketName ??= "faceverify-frames";
                o.ForcePathStyle = true;
                o.ChecksumsWhenRequiredOnly = true;
                o.AccessKeyId = "S3RVER";
                o.SecretAccessKey = "S3RVER";
            });
        break;
    default:
        faceVerification.UseRekognition().UseDynamoDb().UseS3();
        break;
}

if (builder.Configuration.GetSection("FaceVerify:Tokens:SigningKeys").GetChildren().Any() is false)
{
    // Development only: tokens signed with a key that lives as long as the process. Configure
    // FaceVerify:Tokens:SigningKeys (from a secret store) for anything else.
    faceVerification.UseEphemeralSigningKey();
}

if (sample.FixedSeed is { } seed)
{
    SampleLog.FixedSeed(startupLogger);
    builder.Services.Replace(ServiceDescriptor.Singleton<RandomNumberGenerator>(new FixedChallengeRandomNumberGenerator(seed)));
}

// Behind a reverse proxy: trust X-Forwarded-For from the configured proxies only (ForwardedHeaders section).
var behindProxy = SampleSecurity.AddForwardedHeaders(builder);

// DEMO STAND-IN FOR REAL SIGN-IN: the user is whatever name the page sends in X-Demo-User.
builder.Services.AddFaceVerificationEndpoints(o => o.UserIdResolver = DemoUser.Resolve);
builder.Services.AddHostedService<AwsResourceInitializer>();
builder.Services.AddHealthChecks().AddFaceVerificationHealthChecks();
SampleTelemetryExport.Configure(builder.Services, sample.Telemetry);

var app = builder.Build();
app.Lifetime.ApplicationStopped.Register(() => local?.Dispose());

if (behindProxy)
{
    app.UseForwardedHeaders();
}

app.UseSecurityHeaders();
app.UseDefaultFiles();
app.UseStaticFiles();
if (toolPath is not null)
{
    // face-api.js (browser bundle and model weights) from the local npm install, never from the internet.
    var faceApi = Path.Combine(toolPath, "node_modules", "@vladmandic", "face-api");
    var types = new FileExtensionContentTypeProvider();
    types.Mappings[".bin"] = "application/octet-stream";
    foreach (var folder in new[] { "dist", "model" })
    {
        var path = Path.Combine(faceApi, folder);
        if (Directory.Exists(path))
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(path), RequestPath = "/vendor/face-api/" + folder, ContentTypeProvider = types });
        }
    }
}

app.UseRateLimiter();
app.MapFaceVerification("/faceverify");
HealthEndpoints.Map(app);
SamplePageEndpoints.Map(app);
app.Lifetime.ApplicationStarted.Register(() =>
{
    var urls = string.Join(", ", app.Urls);
    SampleLog.Ready(startupLogger, sample.Mode, urls);
});

try
{
    FirstRun.Guard(() => app.Run(), urls, local);
}
finally
{
    local?.Dispose();
}

static void UseLocalRekognition(RekognitionOptions options, LocalAwsEndpoints endpoints)
{
    options.ServiceUrl = endpoints.Rekognition;
    options.Region = endpoints.Region;
    options.AccessKeyId = endpoints.AccessKeyId;
    options.SecretAccessKey = endpoints.SecretAccessKey;
}

/// <summary>The sample host's entry point (public for WebApplicationFactory-style tests).</summary>
public partial class Program;
