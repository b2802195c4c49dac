namespace FaceVerify;

/// <summary>The registered attempt store's <see cref="IEnrolmentExpiryIndex"/>, if it has one (the services get an instrumented wrapper of the store, which does not expose it).</summary>
/// <param name="Index">The index, or <see langword="null"/>.</param>
internal sealed record EnrolmentExpiryIndexSource(IEnrolmentExpiryIndex? Index);
