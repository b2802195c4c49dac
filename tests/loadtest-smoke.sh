#!/usr/bin/env bash
# Smoke run of the load harness (tests/FaceVerify.LoadTests --smoke): every phase with small counts, in well under a
# minute after the build, on 127.0.0.1 only. Exits non-zero when a session ends otherwise than its scenario requires, a
# request fails, or the harness itself breaks. Timings are printed, never asserted. Extra arguments are passed on
# (e.g. --local-aws to include the DynamoDB/S3 request counts; needs `npm ci` in tools/local-aws).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/FaceVerify.LoadTests -c Release --nologo -v quiet -clp:ErrorsOnly
exec timeout 150 dotnet run -c Release --no-build --project tests/FaceVerify.LoadTests -- --smoke "$@"
