namespace FaceVerify.CognitoTriggers.Events;

/// <summary>The <c>triggerSource</c> values the handlers accept (Cognito developer guide, "Lambda trigger sources").</summary>
public static class TriggerSources
{
    /// <summary>Define auth challenge, custom authentication flow.</summary>
    public const string DefineAuthChallenge = "DefineAuthChallenge_Authentication";

    /// <summary>Create auth challenge, custom authentication flow.</summary>
    public const string CreateAuthChallenge = "CreateAuthChallenge_Authentication";

    /// <summary>Verify auth challenge response, custom authentication flow.</summary>
    public const string VerifyAuthChallengeResponse = "VerifyAuthChallengeResponse_Authentication";

    /// <summary>Pre sign-up: a user signs up (SignUp API).</summary>
    public const string PreSignUp = "PreSignUp_SignUp";

    /// <summary>Pre sign-up: an administrator creates the user (AdminCreateUser API).</summary>
    public const string PreSignUpAdminCreateUser = "PreSignUp_AdminCreateUser";

    /// <summary>Pre sign-up: a federated (external provider) user signs in for the first time.</summary>
    public const string PreSignUpExternalProvider = "PreSignUp_ExternalProvider";

    /// <summary>Post authentication: a user signed in (any flow; the handler acts only for the enrolment app client).</summary>
    public const string PostAuthentication = "PostAuthentication_Authentication";
}
