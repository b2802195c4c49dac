namespace FaceVerify.AspNetCore;

/// <summary>The kind of body a request declares with its <c>Content-Type</c>.</summary>
internal enum BodyKind
{
    /// <summary>No <c>Content-Type</c>.</summary>
    None,

    /// <summary><c>application/json</c> or <c>*/*+json</c>.</summary>
    Json,

    /// <summary><c>image/jpeg</c> or <c>image/png</c>.</summary>
    Image,

    /// <summary>Anything else.</summary>
    Other,
}
