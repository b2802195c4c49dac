#!/usr/bin/env bash
# Records the public API of every packable project in its PublicAPI.Unshipped.txt (Microsoft.CodeAnalysis.PublicApiAnalyzers).
# Run after an intended public API change, then review the diff of the PublicAPI.*.txt files:
#   tools/public-api.sh            # add new symbols (RS0016) and remove deleted ones (RS0017)
set -euo pipefail
cd "$(dirname "$0")/.."
for project in src/*/*.csproj; do
  dotnet format analyzers "$project" --diagnostics RS0016 RS0017 --severity info -v q
done
git --no-pager diff --stat -- 'src/*/PublicAPI.*.txt' || true
