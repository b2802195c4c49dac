using System.Security.Cryptography;
using System.Text;

namespace FaceVerify;

/// <summary>
/// The stable pseudonym of a user id (hex SHA-256 of a domain-separated user id, first 32 characters): what FaceVerify
/// writes wherever a user id would otherwise leave the application — logs, frame-store keys, the face engine's
/// external image id — so none of them holds a raw user id. The same user always has the same pseudonym, so an
/// operator can find one user's log lines and stored objects. Pseudonymous, not anonymous: whoever knows the user id
/// can compute it.
/// </summary>
public static class UserPseudonym
{
    /// <summary>The pseudonym of <paramref name="userId"/>.</summary>
    /// <param name="userId">The user id.</param>
    /// <returns>32 lower-case hex characters.</returns>
    public static string Of(string userId)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("faceverify/user/" + userId));
        return Convert.ToHexStringLower(hash, 0, 16);
    }
}
