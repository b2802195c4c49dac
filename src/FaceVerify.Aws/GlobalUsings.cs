// Usings shared by the DynamoDbAttemptStore partials (and most of the AWS adapters); kept in one place so each
// partial starts with its namespace.
global using System.Globalization;
global using System.Net;
global using System.Text.Json;
global using Amazon.DynamoDBv2;
global using Amazon.DynamoDBv2.Model;
global using Amazon.Runtime;
global using Microsoft.Extensions.Logging;
global using static FaceVerify.Aws.DynamoDb.DynamoDbItemMapper;
global using static FaceVerify.Aws.DynamoDb.DynamoDbItems;
