#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need when it is missing (npm packages of
# tools/local-aws, Debian's chromium and ffmpeg for the browser tests), then runs `dotnet test` on the solution and
# the Node tests, and prints one closing line "Tests: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '\n== %s\n' "$*"; }

# 1. npm packages (lockfile committed; npm ci installs exactly it).
if [ -f tools/local-aws/package.json ]; then
  if [ ! -d tools/local-aws/node_modules ] || [ tools/local-aws/package-lock.json -nt tools/local-aws/node_modules/.package-lock.json ]; then
    log "npm ci (tools/local-aws)"
    (cd tools/local-aws && npm ci --no-audit --no-fund --loglevel=error) || { echo "npm ci failed"; exit 1; }
  fi
fi

# 1b. npm packages the web component's browser tests inject into the page (axe-core).
if [ -f tests/FaceVerify.WebComponent.Tests/package.json ]; then
  if [ ! -d tests/FaceVerify.WebComponent.Tests/node_modules ] || [ tests/FaceVerify.WebComponent.Tests/package-lock.json -nt tests/FaceVerify.WebComponent.Tests/node_modules/.package-lock.json ]; then
    log "npm ci (tests/FaceVerify.WebComponent.Tests)"
    (cd tests/FaceVerify.WebComponent.Tests && npm ci --no-audit --no-fund --loglevel=error) || { echo "npm ci failed"; exit 1; }
  fi
fi

# 1c. The corpus generator's identity cache (face meshes of the demo photos, calibrated with the local engine; git-ignored).
#     Built once here, before the test projects that render camera videos from it run in parallel.
if [ -f tools/local-aws/corpus/faces.js ]; then
  log "corpus identity cache (tools/local-aws/corpus/.cache)"
  (cd tools/local-aws && node -e "require('./corpus/faces').loadIdentities(require('node:path').join('corpus', '.cache', 'faces.json')).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); })") \
    || { echo "building the corpus identity cache failed"; exit 1; }
fi

# 2. Debian packages for the browser tests (only when a browser test project exists).
if ls tests/*/*.csproj 2>/dev/null | xargs -r grep -l "Microsoft.Playwright" >/dev/null 2>&1; then
  missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
  if [ ${#missing[@]} -gt 0 ]; then
    log "apt-get install ${missing[*]}"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || { echo "apt-get install ${missing[*]} failed"; exit 1; }
  fi
fi

passed=0; failed=0; skipped=0; status=0

# 3. .NET tests.
log "dotnet test FaceVerify.sln"
dotnet_log=$(mktemp)
dotnet test FaceVerify.sln --nologo 2>&1 | tee "$dotnet_log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
while IFS= read -r line; do
  f=$(sed -nE 's/.*Failed: *([0-9]+),.*/\1/p' <<<"$line")
  p=$(sed -nE 's/.*Passed: *([0-9]+),.*/\1/p' <<<"$line")
  s=$(sed -nE 's/.*Skipped: *([0-9]+),.*/\1/p' <<<"$line")
  failed=$((failed + ${f:-0})); passed=$((passed + ${p:-0})); skipped=$((skipped + ${s:-0}))
done < <(grep -E '^(Passed|Failed)! +- +Failed:' "$dotnet_log")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; echo "dotnet test failed before running tests (build error?)"; fi
rm -f "$dotnet_log"

# 4. Node tests.
if [ -d tools/local-aws/test ]; then
  log "node --test (tools/local-aws)"
  node_log=$(mktemp)
  (cd tools/local-aws && node --test --test-reporter=spec test/) 2>&1 | tee "$node_log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  p=$(sed -nE 's/^ℹ pass ([0-9]+)$/\1/p' "$node_log" | tail -1)
  f=$(sed -nE 's/^ℹ fail ([0-9]+)$/\1/p' "$node_log" | tail -1)
  s=$(sed -nE 's/^ℹ skipped ([0-9]+)$/\1/p' "$node_log" | tail -1)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${s:-0}))
  if [ "$status" -ne 0 ] && [ "${f:-0}" -eq 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
  rm -f "$node_log"
fi

# 5. Load-harness smoke run (small counts; timings printed, never asserted) so the harness cannot rot.
log "tests/loadtest-smoke.sh"
if bash tests/loadtest-smoke.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi

# 6. Package consumer test: pack into a folder feed, build a fresh app from it, install and run the faceverify tool.
log "tests/package-test.sh"
if REQUIRE_SOURCELINK=1 bash tests/package-test.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi

# 7. The public API baseline is enforced: an undeclared public type fails the build (RS0016).
log "tests/api-baseline-test.sh"
if bash tests/api-baseline-test.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi

echo
echo "Tests: $passed passed, $failed failed, $skipped skipped"
exit $status
