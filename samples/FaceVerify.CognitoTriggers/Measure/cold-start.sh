#!/usr/bin/env bash
# Cold start of the published Lambda artifact against a local fake of the Lambda Runtime API (no AWS needed):
# publishes bootstrap (self-contained, ReadyToRun), then N times: start the process, serve one event, time
# "process start -> response posted". Usage: cold-start.sh [runs=5] [handler=DefineAuthChallenge] [event.json]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
runs="${1:-5}"; handler="${2:-DefineAuthChallenge}"
event="${3:-$root/tests/FaceVerify.CognitoTriggers.Tests/TestData/define-auth-challenge.json}"
out="${PUBLISH_DIR:-/tmp/faceverify-cognito-publish}"
[ -x "$out/bootstrap" ] || dotnet publish "$root/samples/FaceVerify.CognitoTriggers" -c Release -r linux-x64 --self-contained \
  -p:PublishReadyToRun=true -o "$out" > /dev/null
export _HANDLER="$handler" LOG_LEVEL=Warning \
  FaceVerify__DynamoDb__TableName=faceverify FaceVerify__DynamoDb__Region=eu-west-1 \
  FaceVerify__S3__BucketName=faceverify-frames FaceVerify__S3__Region=eu-west-1 FaceVerify__Rekognition__Region=eu-west-1 \
  FaceVerify__Tokens__SigningKeys__0__Id=k1 FaceVerify__Tokens__SigningKeys__0__Secret="$(head -c 32 /dev/urandom | base64)" \
  CognitoTriggers__UploadBucket=faceverify-uploads
for i in $(seq 1 "$runs"); do
  port=$(( 39000 + RANDOM % 1000 ))
  python3 "$here/fake_runtime.py" "$port" "$event" > /tmp/faceverify-fake-runtime.out &
  fake=$!
  sleep 0.5
  start=$(date +%s%N)
  AWS_LAMBDA_RUNTIME_API="127.0.0.1:$port" timeout 20 "$out/bootstrap" > /dev/null &
  boot=$!
  wait "$fake"
  end=$(date +%s%N)
  kill "$boot" 2>/dev/null || true; wait "$boot" 2>/dev/null || true
  echo "run $i: process start -> response posted $(( (end - start) / 1000000 )) ms; $(cut -c1-120 /tmp/faceverify-fake-runtime.out)"
done
