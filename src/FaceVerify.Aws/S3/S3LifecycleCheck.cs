using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace FaceVerify.Aws.S3;

/// <summary>
/// Checks, and with <see cref="S3LifecycleRules.Create"/> writes, the bucket's lifecycle rules that enforce retention:
/// a rule that covers <c>sessions/</c> and one that covers <c>enrolments/</c>, each enabled, with no tag or size filter,
/// and expiring objects within the retention rounded up to whole days. A rule covers a prefix when its own prefix is a
/// prefix of it (an empty prefix covers the whole bucket).
/// </summary>
internal sealed partial class S3LifecycleCheck(IAmazonS3 s3, IOptions<S3Options> options, IOptions<FaceVerificationOptions> core, ILogger<S3LifecycleCheck> logger)
{
    internal const string SessionsRuleId = "faceverify-sessions";
    internal const string EnrolmentsRuleId = "faceverify-enrolments";

    private readonly S3Options _options = options.Value;

    /// <summary>The prefixes and the most days each may be kept.</summary>
    internal IReadOnlyList<(string Id, string Prefix, int Days)> Needed =>
    [
        (SessionsRuleId, "sessions/", DaysUp(core.Value.RetentionPeriod)),
        (EnrolmentsRuleId, "enrolments/", DaysUp(core.Value.EnrolmentRetention)),
    ];

    /// <summary>Runs the check of <see cref="S3Options.LifecycleRules"/>.</summary>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The problems found (empty when the rules enforce retention, or after Create wrote them).</returns>
    /// <exception cref="FaceVerificationException">Verify found a problem, or Create could not write the rules.</exception>
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken cancellationToken)
    {
        var mode = _options.LifecycleRules;
        if (mode == S3LifecycleRules.None)
        {
            return [];
        }

        var bucket = _options.BucketName!;
        List<LifecycleRule> rules;
        try
        {
            rules = await ReadAsync(bucket, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException exception)
        {
            var problem = $"The lifecycle configuration of S3 bucket '{bucket}' could not be read ({exception.ErrorCode}), so FaceVerify cannot tell whether S3 enforces retention (FaceVerify:S3:LifecycleRules = {mode}). Grant s3:GetLifecycleConfiguration, or set FaceVerify:S3:LifecycleRules to None where the engine has no lifecycle rules.";
            return Report(mode, [problem], exception);
        }

        var missing = Needed.Where(n => !rules.Any(r => Covers(r, n.Prefix, n.Days))).ToList();
        if (missing.Count == 0)
        {
            return [];
        }

        if (mode == S3LifecycleRules.Create)
        {
            var kept = rules.Where(r => !missing.Any(m => string.Equals(r.Id, m.Id, StringComparison.Ordinal))).ToList();
            kept.AddRange(missing.Select(m => new LifecycleRule
            {
                Id = m.Id,
                Status = LifecycleRuleStatus.Enabled,
                Filter = new LifecycleFilter { Prefix = m.Prefix },
                Expiration = new LifecycleRuleExpiration { Days = m.Days },
                AbortIncompleteMultipartUpload = new LifecycleRuleAbortIncompleteMultipartUpload { DaysAfterInitiation = 1 },
            }));
            try
            {
                await s3.PutLifecycleConfigurationAsync(new PutLifecycleConfigurationRequest { BucketName = bucket, ExpectedBucketOwner = Owner, Configuration = new LifecycleConfiguration { Rules = kept } }, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonServiceException exception)
            {
                throw new FaceVerificationException($"The lifecycle rules of S3 bucket '{bucket}' could not be written ({exception.ErrorCode}): grant s3:PutLifecycleConfiguration, or create them with infrastructure code (docs/aws.md) and set FaceVerify:S3:LifecycleRules to Verify.", exception);
            }

            foreach (var m in missing)
            {
                LogRuleWritten(logger, bucket, m.Prefix, m.Days);
            }

            return [];
        }

        var problems = missing.Select(m => $"S3 bucket '{bucket}' has no enabled lifecycle rule that expires '{m.Prefix}' within {m.Days} day(s) (the retention rounded up to whole days), so S3 keeps biometric data longer than FaceVerify promises. Add a rule with Filter Prefix '{m.Prefix}' and Expiration Days {m.Days} (docs/aws.md, section 4), or set FaceVerify:S3:LifecycleRules to Create.").ToList();
        return Report(mode, problems, null);
    }

    private string? Owner => string.IsNullOrEmpty(_options.ExpectedBucketOwner) ? null : _options.ExpectedBucketOwner;

    private async Task<List<LifecycleRule>> ReadAsync(string bucket, CancellationToken cancellationToken)
    {
        try
        {
            var response = await s3.GetLifecycleConfigurationAsync(new GetLifecycleConfigurationRequest { BucketName = bucket, ExpectedBucketOwner = Owner }, cancellationToken).ConfigureAwait(false);
            return response.Configuration?.Rules ?? [];
        }
        catch (AmazonS3Exception exception) when (exception.ErrorCode == "NoSuchLifecycleConfiguration")
        {
            return [];
        }
    }

    private IReadOnlyList<string> Report(S3LifecycleRules mode, IReadOnlyList<string> problems, Exception? cause)
    {
        if (mode == S3LifecycleRules.Warn)
        {
            foreach (var problem in problems)
            {
                LogRuleProblem(logger, problem);
            }

            return problems;
        }

        throw new FaceVerificationException(string.Join(" ", problems), cause!);
    }

    /// <summary>Whether <paramref name="rule"/> deletes every object under <paramref name="prefix"/> within <paramref name="days"/> days.</summary>
    internal static bool Covers(LifecycleRule rule, string prefix, int days)
    {
        if (rule.Status != LifecycleRuleStatus.Enabled || rule.Expiration?.Days is not ({ } d and > 0) || d > days)
        {
            return false;
        }

        string? rulePrefix;
        if (rule.Filter is { } filter)
        {
            // A tag, an And or a size limit narrows the rule to some objects: it does not cover the prefix.
            if (filter.Tag is not null || filter.And is not null || filter.ObjectSizeGreaterThan is > 0 || filter.ObjectSizeLessThan is > 0)
            {
                return false;
            }

            rulePrefix = filter.Prefix;
        }
        else
        {
#pragma warning disable CS0618 // The legacy top-level Prefix is still what older configurations use.
            rulePrefix = rule.Prefix;
#pragma warning restore CS0618
        }

        return prefix.StartsWith(rulePrefix ?? string.Empty, StringComparison.Ordinal);
    }

    private static int DaysUp(TimeSpan retention) => (int)Math.Ceiling(retention.TotalDays);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Warning, Message = "{Problem}")]
    private static partial void LogRuleProblem(ILogger logger, string problem);

    [LoggerMessage(EventId = 3303, Level = LogLevel.Information, Message = "Wrote the lifecycle rule of S3 bucket {Bucket} that expires {Prefix} after {Days} day(s)")]
    private static partial void LogRuleWritten(ILogger logger, string bucket, string prefix, int days);
}
