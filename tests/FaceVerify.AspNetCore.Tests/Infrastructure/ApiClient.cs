using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FaceVerify.Testing;

namespace FaceVerify.AspNetCore.Tests;

/// <summary>Small helpers over <see cref="HttpClient"/> for the FaceVerify routes.</summary>
internal static class ApiClient
{
    public const string Prefix = "/faceverify";

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static ByteArrayContent Image(byte[] bytes, string contentType = "image/jpeg")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    public static async Task<StartedSession> StartAsync(this HttpClient client, int width = 480, int height = 480)
    {
        var response = await client.PostAsync($"{Prefix}/challenge", Json($"{{\"imageWidth\":{width},\"imageHeight\":{height}}}"));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new StartedSession(body.GetProperty("id").GetString()!, body.GetProperty("token").GetString()!, width, height);
    }

    public static Task<HttpResponseMessage> PutRawFrameAsync(this HttpClient client, StartedSession session, int variant, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"{Prefix}/challenge/{session.Id}/frame")
        {
            Content = Image(TestFrames.Jpeg(session.Width, session.Height, variant)),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? session.Token);
        return client.SendAsync(request);
    }

    /// <summary>Starts a session and uploads the three one-face frames the scripted test challenge needs to pass.</summary>
    public static async Task<StartedSession> StartWithPassingFramesAsync(this HttpClient client)
    {
        var session = await client.StartAsync();
        for (var i = 1; i <= 3; i++)
        {
            await client.PutRawFrameAsync(session, i);
        }

        return session;
    }

    /// <summary>POST /enrolments with the raw photo and, when given, the liveness session and approval headers.</summary>
    public static async Task<HttpResponseMessage> EnrolAsync(this HttpClient client, byte[] photo, string? sessionId, string? approval = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Prefix}/enrolments") { Content = Image(photo) };
        if (sessionId is not null)
        {
            request.Headers.Add(FaceVerificationHeaders.LivenessSession, sessionId);
        }

        if (approval is not null)
        {
            request.Headers.Add(FaceVerificationHeaders.EnrolmentApproval, approval);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Passes a liveness session, then enrols <paramref name="photo"/> with it (the enrolment flow of a client).</summary>
    public static async Task<HttpResponseMessage> EnrolWithLivenessAsync(this HttpClient client, byte[] photo)
    {
        var session = await client.StartWithPassingFramesAsync();
        (await client.VerifyAsync(session)).StatusCode.Should().Be(HttpStatusCode.OK);
        return await client.EnrolAsync(photo, session.Id);
    }

    public static Task<HttpResponseMessage> VerifyAsync(this HttpClient client, StartedSession session, string? token = null)
        => client.PostAsync($"{Prefix}/challenge/{session.Id}/verify", Json(JsonSerializer.Serialize(new { token = token ?? session.Token })));

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>Asserts a problem-details response with <paramref name="status"/> and <paramref name="code"/>, and returns it.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", text);
        var problem = JsonDocument.Parse(text).RootElement;
        problem.GetProperty("code").GetString().Should().Be(code, text);
        problem.GetProperty("status").GetInt32().Should().Be((int)status);
        return problem;
    }
}

internal sealed record StartedSession(string Id, string Token, int Width, int Height);
