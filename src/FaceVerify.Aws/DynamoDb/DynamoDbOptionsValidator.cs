namespace FaceVerify.Aws.DynamoDb;

/// <summary>Cross-field rules of <see cref="DynamoDbOptions"/>: those of every AWS client (<see cref="AwsOptionsValidator{TOptions}"/>).</summary>
internal sealed class DynamoDbOptionsValidator(AwsDefaults defaults)
    : AwsOptionsValidator<DynamoDbOptions>(defaults, DynamoDbOptions.SectionName);
