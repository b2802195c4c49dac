using System.ComponentModel.DataAnnotations;

namespace FaceVerify.CognitoTriggers.Hosting;

/// <summary>
/// Options of the Cognito triggers, bound from configuration section <c>"CognitoTriggers"</c> (environment variables
/// <c>CognitoTriggers__MaxWrongAnswers</c>, …; see docs/cognito.md).
/// </summary>
public class CognitoTriggerOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "CognitoTriggers";

    /// <summary>The <c>challengeMetadata</c> the Create trigger sets, which Define checks before issuing tokens.</summary>
    public const string ChallengeMetadata = "FACEVERIFY_LIVENESS_v1";

    /// <summary>Wrong answers after which Define fails the authentication. Default: 3.</summary>
    [Range(1, 10)]
    public int MaxWrongAnswers { get; set; } = 3;

    /// <summary>Frame width used when the client sends no valid <c>frameWidth</c> in clientMetadata (always the case in the first round: InitiateAuth's metadata does not reach Create). Default: 640.</summary>
    [Range(80, 4096)]
    public int DefaultFrameWidth { get; set; } = 640;

    /// <summary>Frame height used when the client sends no valid <c>frameHeight</c>. Default: 480.</summary>
    [Range(80, 4096)]
    public int DefaultFrameHeight { get; set; } = 480;

    /// <summary>
    /// The time the Create and Verify triggers give their FaceVerify calls before they answer "wrong" (Cognito allows 5 s per
    /// invocation, then retries; a late answer is worth nothing). Default: 3.5 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:04.500")]
    public TimeSpan TriggerBudget { get; set; } = TimeSpan.FromSeconds(3.5);

    /// <summary>The public base URL of the FaceVerify HTTP API the client runs the challenge against; sent in the challenge parameters. Default: none (the client knows it).</summary>
    [Url]
    public string? ApiUrl { get; set; }

    /// <summary>The S3 bucket enrolment photos are uploaded to; events from other buckets are refused. Default: none (required by the enrolment handler).</summary>
    public string? UploadBucket { get; set; }

    /// <summary>The key prefix of enrolment uploads: keys must be <c>{UploadPrefix}{sub}/{file}</c>. Default: <c>uploads/</c>.</summary>
    [RegularExpression("^[a-z0-9-]{1,32}/$")]
    public string UploadPrefix { get; set; } = "uploads/";

    /// <summary>Whether the enrolment handler deletes the uploaded object after processing it (the reference copy lives in the frame store with its own retention). Default: true.</summary>
    public bool DeleteUploadAfterProcessing { get; set; } = true;

    /// <summary>
    /// When set, only sign-ins on this app client (the enrolment client, which signs users in with Cognito's e-mail
    /// one-time code) approve a re-enrolment (PostAuthentication). Default: none, meaning a sign-in on any client of the
    /// pool approves one: the enrolment client's is an e-mail code, the face-login client's a face login with the current
    /// reference — both are step-ups. (template.yaml cannot pass the client id to the trigger without a circular
    /// dependency between the pool and its trigger; set it after deployment if the pool has other clients.)
    /// </summary>
    public string? EnrolmentClientId { get; set; }

    /// <summary>How long an e-mail-code sign-in on the enrolment client approves a re-enrolment. Default: 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan EnrolmentApprovalWindow { get; set; } = TimeSpan.FromMinutes(10);
}
