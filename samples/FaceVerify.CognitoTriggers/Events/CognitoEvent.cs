using System.Text.Json;
using System.Text.Json.Nodes;

namespace FaceVerify.CognitoTriggers.Events;

/// <summary>
/// A Cognito user-pool trigger event, kept as the JSON tree it arrived as: Cognito expects the same object back with
/// <c>response</c> filled in, so every member the handler does not know (new fields, <c>callerContext</c>, …) is
/// echoed unchanged. The typed accessors validate what they read and throw <see cref="MalformedEventException"/>
/// naming the member (never its value) when the shape is wrong.
/// </summary>
public sealed class CognitoEvent
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 32, AllowDuplicateProperties = false };
    private readonly JsonObject _root;

    private CognitoEvent(JsonObject root, string triggerSource)
    {
        _root = root;
        TriggerSource = triggerSource;
    }

    /// <summary>The <c>triggerSource</c>, e.g. <c>DefineAuthChallenge_Authentication</c>.</summary>
    public string TriggerSource { get; }

    /// <summary>The <c>userName</c> (with e-mail as the user name attribute, the user's <c>sub</c>); may be empty when <see cref="UserNotFound"/>.</summary>
    public string UserName => OptionalString(_root, "userName") ?? string.Empty;

    /// <summary><c>callerContext.clientId</c>: the app client the user signed in with, or <see langword="null"/>.</summary>
    public string? CallerClientId => _root["callerContext"] is JsonObject caller ? OptionalString(caller, "clientId", "callerContext.") : null;

    /// <summary>The <c>request</c> object.</summary>
    private JsonObject Request => _root["request"] as JsonObject ?? throw new MalformedEventException("The event has no 'request' object.");

    /// <summary>Reads an event from its JSON bytes.</summary>
    /// <param name="input">The raw event.</param>
    /// <returns>The event.</returns>
    /// <exception cref="MalformedEventException">Not a JSON object, or no <c>triggerSource</c>/<c>request</c>.</exception>
    public static CognitoEvent Parse(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(input, documentOptions: ParseOptions);
        }
        catch (JsonException e)
        {
            throw new MalformedEventException("The event is not valid JSON.", e);
        }

        if (node is not JsonObject root)
        {
            throw new MalformedEventException("The event is not a JSON object.");
        }

        var source = OptionalString(root, "triggerSource") ?? throw new MalformedEventException("The event has no 'triggerSource' string.");
        if (root["request"] is not JsonObject)
        {
            throw new MalformedEventException("The event has no 'request' object.");
        }

        return new CognitoEvent(root, source);
    }

    /// <summary>Checks that the event is one the handler serves.</summary>
    /// <param name="handler">The handler's name, for the message.</param>
    /// <param name="allowed">The accepted trigger sources.</param>
    /// <exception cref="MalformedEventException">Another trigger source.</exception>
    public void RequireTriggerSource(string handler, params ReadOnlySpan<string> allowed)
    {
        foreach (var source in allowed)
        {
            if (string.Equals(source, TriggerSource, StringComparison.Ordinal))
            {
                return;
            }
        }

        throw new MalformedEventException($"{handler} does not handle triggerSource '{Sanitize(TriggerSource)}'.");
    }

    /// <summary>A user attribute (<c>request.userAttributes</c>; all values are strings), or <see langword="null"/>.</summary>
    /// <param name="name">The attribute name, e.g. <c>sub</c>, <c>email</c>.</param>
    /// <returns>The value.</returns>
    public string? UserAttribute(string name)
    {
        var attributes = Request["userAttributes"];
        if (attributes is null)
        {
            return null;
        }

        if (attributes is not JsonObject map)
        {
            throw new MalformedEventException("'request.userAttributes' must be an object.");
        }

        return OptionalString(map, name, "request.userAttributes.");
    }

    /// <summary><c>request.userNotFound</c>: true when the app client prevents user-existence errors and there is no such user. Missing means false.</summary>
    public bool UserNotFound => Request["userNotFound"] switch
    {
        null => false,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        _ => throw new MalformedEventException("'request.userNotFound' must be a boolean."),
    };

    /// <summary><c>request.challengeName</c> (Create), or <see langword="null"/>.</summary>
    public string? ChallengeName => OptionalString(Request, "challengeName", "request.");

    /// <summary><c>request.challengeAnswer</c> (Verify), or <see langword="null"/>.</summary>
    public string? ChallengeAnswer => OptionalString(Request, "challengeAnswer", "request.");

    /// <summary><c>request.session</c> (Define, Create): the rounds so far, oldest first. Missing or null means none.</summary>
    /// <returns>The rounds.</returns>
    public IReadOnlyList<ChallengeResultEntry> Session()
    {
        var node = Request["session"];
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray array)
        {
            throw new MalformedEventException("'request.session' must be an array.");
        }

        var rounds = new List<ChallengeResultEntry>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject entry)
            {
                throw new MalformedEventException($"'request.session[{i}]' must be an object.");
            }

            var name = OptionalString(entry, "challengeName", $"request.session[{i}].") ?? throw new MalformedEventException($"'request.session[{i}].challengeName' is missing.");
            var result = entry["challengeResult"] is JsonValue v && v.TryGetValue<bool>(out var b)
                ? b
                : throw new MalformedEventException($"'request.session[{i}].challengeResult' must be a boolean.");
            rounds.Add(new ChallengeResultEntry(name, result, OptionalString(entry, "challengeMetadata", $"request.session[{i}].")));
        }

        return rounds;
    }

    /// <summary><c>request.clientMetadata</c> (string → string); empty when missing or null.</summary>
    /// <returns>The metadata.</returns>
    public IReadOnlyDictionary<string, string> ClientMetadata() => StringMap("clientMetadata");

    /// <summary><c>request.privateChallengeParameters</c> (Verify; string → string); empty when missing or null.</summary>
    /// <returns>The parameters.</returns>
    public IReadOnlyDictionary<string, string> PrivateChallengeParameters() => StringMap("privateChallengeParameters");

    /// <summary>Replaces <c>response</c> with <paramref name="response"/>.</summary>
    /// <param name="response">The handler's answer.</param>
    public void SetResponse(JsonObject response) => _root["response"] = response;

    /// <summary>The event, with its response, as UTF-8 JSON.</summary>
    /// <returns>A readable stream positioned at 0.</returns>
    public MemoryStream ToStream()
    {
        var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            _root.WriteTo(writer);
        }

        stream.Position = 0;
        return stream;
    }

    /// <summary>The event as JSON text (for tests and the local driver).</summary>
    /// <returns>The JSON.</returns>
    public override string ToString() => _root.ToJsonString();

    /// <summary>Builds a string → string map for a response (Cognito requires string values).</summary>
    /// <param name="values">The values.</param>
    /// <returns>The JSON object.</returns>
    public static JsonObject StringMapNode(IEnumerable<KeyValuePair<string, string>> values)
    {
        var map = new JsonObject();
        foreach (var (key, value) in values)
        {
            map[key] = value;
        }

        return map;
    }

    private IReadOnlyDictionary<string, string> StringMap(string member)
    {
        var node = Request[member];
        if (node is null)
        {
            return new Dictionary<string, string>();
        }

        if (node is not JsonObject map)
        {
            throw new MalformedEventException($"'request.{member}' must be an object.");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var s))
            {
                values[key] = s;
            }
            else if (value is not null)
            {
                throw new MalformedEventException($"'request.{member}' values must be strings.");
            }
        }

        return values;
    }

    private static string? OptionalString(JsonObject parent, string name, string path = "")
    {
        var node = parent[name];
        if (node is null)
        {
            return null;
        }

        return node is JsonValue v && v.TryGetValue<string>(out var s)
            ? s
            : throw new MalformedEventException($"'{path}{name}' must be a string.");
    }

    /// <summary>A trigger source is echoed in an error message only when it looks like one (letters, digits, '_', at most 64).</summary>
    private static string Sanitize(string value)
        => value.Length <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? value : "(unrecognised)";
}
