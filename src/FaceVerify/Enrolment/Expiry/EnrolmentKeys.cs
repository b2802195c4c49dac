namespace FaceVerify;

/// <summary>Frame-store keys of an enrolment besides the reference photo (<see cref="FrameKeys.Enrolment"/>).</summary>
internal static class EnrolmentKeys
{
    /// <summary>The object that holds the indexed face's id (UTF-8), written with the enrolment's retention.</summary>
    /// <param name="userId">The user.</param>
    /// <returns><c>enrolments/{opaqueUserId}/face-id</c>.</returns>
    public static string FaceId(string userId) => FrameKeys.EnrolmentPrefix(userId) + "face-id";
}
