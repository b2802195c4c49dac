#!/usr/bin/env bash
# Package consumer test: packs every project under src/ into a local folder feed, then, outside the repository (so
# nothing of Directory.Build.props / Directory.Packages.props is inherited), creates a fresh app that references the
# packages BY VERSION from that feed, registers AddFaceVerification() with a custom challenge, verifies sessions with
# FaceVerify.Testing, and installs and runs the `faceverify` dotnet tool from the feed. Fails when a package is
# missing, lacks an asset (README, XML docs, symbols), or lacks a dependency. Cleans up after itself.
#
# Usage: tests/package-test.sh            (from anywhere; ~1-3 minutes)
#        KEEP=1 tests/package-test.sh     (keep the temporary directory for inspection)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/faceverify-pkgtest.XXXXXX")"
cleanup() {
  # The pack restored the src projects against this run's package folder; restore them against the usual one again,
  # so that obj/ does not point at a deleted folder (a later build or MinVer query would fail until a restore).
  if [[ -f "$WORK/src.slnf" ]]; then
    env -u NUGET_PACKAGES dotnet restore "$WORK/src.slnf" -nologo -v:q > "$WORK/restore.log" 2>&1 \
      || { cat "$WORK/restore.log" >&2; echo "package-test: restoring src/ against the usual package folder failed" >&2; }
  fi
  if [[ "${KEEP:-0}" == "1" ]]; then echo "package-test: kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# A version no cache can hold: stale packages from an earlier pack can never be picked up.
VERSION="1.0.0-pkgtest.$(date +%s).$$"
FEED="$WORK/feed"
export NUGET_PACKAGES="$WORK/packages"          # empty cache: FaceVerify packages come from this run's feed only
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
GLOBAL_PACKAGES="${HOME}/.nuget/packages"       # read-only fallback for third-party packages (saves downloads)
mkdir -p "$FEED" "$NUGET_PACKAGES"

fail() { echo "package-test: FAIL: $*" >&2; exit 1; }
step() { echo "package-test: $*"; }

# ---------------------------------------------------------------- version from git tags (MinVer)
# Without an override, the packages take their version from the latest `v*` tag (MinVer); with no tag reachable it is
# 1.0.0-rc.0.<height>. Check that the clone this runs in yields a sane SemVer 2 version >= 1.0.0, then pack this run
# with an override so that no cache can hold a stale copy.
MINVER_VERSION="$(cd "$ROOT" && dotnet msbuild src/FaceVerify/FaceVerify.csproj -t:MinVer -getProperty:PackageVersion -nologo 2>"$WORK/minver.log")" \
  || { cat "$WORK/minver.log" >&2; fail "MinVer could not compute a version"; }
[[ "$MINVER_VERSION" =~ ^[1-9][0-9]*\.[0-9]+\.[0-9]+(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$ ]] \
  || fail "MinVer computed '$MINVER_VERSION', not a SemVer 2 version >= 1.0.0"
step "MinVer: this clone would pack as $MINVER_VERSION ($(cd "$ROOT" && git describe --tags --abbrev=0 --match 'v*' 2>/dev/null || echo 'no v* tag'))"

# ---------------------------------------------------------------- pack
mapfile -t PROJECTS < <(cd "$ROOT" && ls src/*/*.csproj)
step "packing ${#PROJECTS[@]} project(s) as $VERSION: ${PROJECTS[*]}"
IN_SLN=()
for project in "${PROJECTS[@]}"; do
  if grep -qF "\"${project//\//\\}\"" "$ROOT/FaceVerify.sln"; then IN_SLN+=("$project"); fi
done
{
  echo '{"solution":{"path":"'"$ROOT"'/FaceVerify.sln","projects":['
  for i in "${!IN_SLN[@]}"; do [[ $i -gt 0 ]] && echo ','; echo "\"${IN_SLN[$i]}\""; done
  echo ']}}'
} > "$WORK/src.slnf"
# Packing through a solution filter builds the src projects in one parallel build; missing projects in the
# solution (a src project not yet added to FaceVerify.sln) are packed one by one below.
if ! dotnet pack "$WORK/src.slnf" -c Release -o "$FEED" -p:MinVerVersionOverride="$VERSION" -p:ContinuousIntegrationBuild=true \
     -nologo -v:q > "$WORK/pack.log" 2>&1; then
  cat "$WORK/pack.log" >&2; fail "dotnet pack failed"
fi

LIBRARIES=()
TOOL=""
for project in "${PROJECTS[@]}"; do
  id="$(basename "$project" .csproj)"
  nupkg="$FEED/$id.$VERSION.nupkg"
  if [[ ! -f "$nupkg" ]]; then
    dotnet pack "$ROOT/$project" -c Release -o "$FEED" -p:MinVerVersionOverride="$VERSION" -p:ContinuousIntegrationBuild=true -nologo -v:q >> "$WORK/pack.log" 2>&1 \
      || { cat "$WORK/pack.log" >&2; fail "dotnet pack $project failed"; }
  fi
  [[ -f "$nupkg" ]] || fail "no package for $project"
  [[ -f "$FEED/$id.$VERSION.snupkg" ]] || fail "$id: no symbol package (.snupkg)"
  listing="$(unzip -l "$nupkg")"
  nuspec="$(unzip -p "$nupkg" "$id.nuspec")"
  grep -q ' README.md$' <<< "$listing" || fail "$id: README.md is not in the package"
  grep -q '<readme>README.md</readme>' <<< "$nuspec" || fail "$id: the nuspec does not name the README"
  grep -q '<license type="expression">Apache-2.0</license>' <<< "$nuspec" || fail "$id: no Apache-2.0 licence expression"
  grep -q '<projectUrl>' <<< "$nuspec" || fail "$id: no project URL"
  grep -q '<repository type="git" url="[^"]*" .*commit="[0-9a-f]\{40\}"' <<< "$nuspec" || fail "$id: no repository URL and commit"
  grep -q '<description>[^<]\{20,\}' <<< "$nuspec" || fail "$id: no description"
  grep -q '<tags>[^<]' <<< "$nuspec" || fail "$id: no tags"
  if grep -q '<packageType name="DotnetTool"' <<< "$nuspec"; then
    TOOL="$id"
    grep -q "tools/net10.0/any/$id.dll" <<< "$listing" || fail "$id: the tool's entry assembly is not in tools/net10.0/any"
  else
    LIBRARIES+=("$id")
    grep -q "lib/net10.0/$id.dll" <<< "$listing" || fail "$id: lib/net10.0/$id.dll is missing"
    grep -q "lib/net10.0/$id.xml" <<< "$listing" || fail "$id: XML documentation (lib/net10.0/$id.xml) is missing"
  fi
  # SourceLink: the symbol package's PDB must map sources to the repository.
  pdb="$(unzip -l "$FEED/$id.$VERSION.snupkg" | awk '/\.pdb$/ {print $4; exit}')"
  if [[ -z "$pdb" ]]; then
    fail "$id: no PDB in the symbol package"
  # grep -c reads the whole stream: with -q it would exit at the first match, unzip would die of SIGPIPE and
  # pipefail would report the largest PDBs as having no map.
  elif ! unzip -p "$FEED/$id.$VERSION.snupkg" "$pdb" | grep -ac '{"documents":{' > /dev/null; then
    echo "package-test: WARNING: $id: the PDB has no SourceLink map (the repository has no git remote; see docs/packaging.md)" >&2
    [[ "${REQUIRE_SOURCELINK:-0}" == "1" ]] && fail "$id: no SourceLink"
  fi
  step "  $id: package, symbols, README, licence, repository, $( [[ "$id" == "$TOOL" ]] && echo 'tool assets' || echo 'XML docs') ok"
done
[[ " ${LIBRARIES[*]} " == *" FaceVerify "* ]] || fail "FaceVerify was not packed"
[[ " ${LIBRARIES[*]} " == *" FaceVerify.Testing "* ]] || fail "FaceVerify.Testing was not packed"
[[ " ${LIBRARIES[*]} " == *" FaceVerify.Testing.NUnit "* ]] || fail "FaceVerify.Testing.NUnit was not packed"
# The doubles work with any test framework: FaceVerify.Testing must not depend on one (the NUnit fixtures are in
# FaceVerify.Testing.NUnit).
testing_nuspec="$(unzip -p "$FEED/FaceVerify.Testing.$VERSION.nupkg" FaceVerify.Testing.nuspec)"
if grep -qiE '<dependency id="(NUnit|xunit|MSTest)' <<< "$testing_nuspec"; then
  fail "FaceVerify.Testing depends on a test framework: $(grep -oiE '<dependency id="(NUnit|xunit|MSTest)[^"]*"' <<< "$testing_nuspec" | head -1)"
fi
grep -q '<dependency id="NUnit"' <<< "$(unzip -p "$FEED/FaceVerify.Testing.NUnit.$VERSION.nupkg" FaceVerify.Testing.NUnit.nuspec)" \
  || fail "FaceVerify.Testing.NUnit does not declare its NUnit dependency"

# ---------------------------------------------------------------- consumer app, outside the repository
cat > "$WORK/NuGet.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local-feed" value="$FEED" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
  </packageSources>
  <fallbackPackageFolders>
    <add key="global" value="$GLOBAL_PACKAGES" />
  </fallbackPackageFolders>
  <packageSourceMapping>
    <packageSource key="local-feed"><package pattern="FaceVerify" /><package pattern="FaceVerify.*" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
EOF

# A consumer project as an application writes it: the SDK, one extra property line, then Id=Version package references.
consumer_csproj() {
  local sdk="$1" extra="$2" reference; shift 2
  cat <<EOF
<Project Sdk="$sdk">
  <PropertyGroup>
    $extra
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <NuGetAudit>false</NuGetAudit>
    <NoWarn>\$(NoWarn);NU1603</NoWarn>
  </PropertyGroup>
  <ItemGroup>
EOF
  for reference in "$@"; do echo "    <PackageReference Include=\"${reference%%=*}\" Version=\"${reference#*=}\" />"; done
  cat <<EOF
  </ItemGroup>
</Project>
EOF
}

APP="$WORK/consumer"
mkdir -p "$APP"
cp "$WORK/NuGet.config" "$APP/NuGet.config"
consumer_csproj Microsoft.NET.Sdk "<OutputType>Exe</OutputType>" \
  "Microsoft.Extensions.DependencyInjection=10.0.15" $(for id in "${LIBRARIES[@]}"; do echo "$id=$VERSION"; done) \
  > "$APP/Consumer.csproj"
# Make the app's directory tree free of any Directory.Build.* / Directory.Packages.props.
for f in Directory.Build.props Directory.Build.targets Directory.Packages.props; do
  d="$APP"; while [[ "$d" != "/" ]]; do [[ -f "$d/$f" ]] && fail "$d/$f would be inherited by the consumer"; d="$(dirname "$d")"; done
done

OTHER_ASSEMBLIES=""
for id in "${LIBRARIES[@]}"; do
  [[ "$id" == "FaceVerify" || "$id" == "FaceVerify.Testing" ]] || OTHER_ASSEMBLIES+="\"$id\", "
done

cat > "$APP/Program.cs" <<'EOF'
using System.Reflection;
using System.Text.Json;
using FaceVerify;
using FaceVerify.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

var failures = new List<string>();
void Check(bool condition, string what)
{
    Console.WriteLine($"  {(condition ? "ok  " : "FAIL")} {what}");
    if (!condition)
    {
        failures.Add(what);
    }
}

// 1. A custom challenge registered with AddFaceVerification(), verified end to end with FaceVerify.Testing doubles.
var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
var analyzer = ScriptedFaceAnalyzer.Always(FaceAnalysis.NoFaces);
var services = new ServiceCollection();
services.AddSingleton<TimeProvider>(clock);
services.AddFaceVerification(o => o.AnalysisRetryDelay = TimeSpan.Zero)
    .ClearChallenges()
    .AddChallenge<BlinkChallenge>()
    .UseInMemoryStores()
    .UseEphemeralSigningKey()
    .UseFaceAnalyzer(analyzer);
await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
var sessions = provider.GetRequiredService<IChallengeSessionService>();

var started = await sessions.StartAsync(new StartChallengeRequest { UserId = "alice", FrameWidth = 640, FrameHeight = 480 }, default);
Check(started.Succeeded && started.ChallengeType == "blink", $"session started with the custom challenge ({started.ChallengeType})");
var open = Face.CenteredAt(0.5, 0.5, 0.3, 0.45);
var frames = FrameSequence.Create(640, 480).Add(open).Add(open.EyesClosed()).Add(open).Add(open.EyesClosed()).Add(open);
analyzer.Play(frames);
var uploads = await sessions.SubmitFramesAsync(started, frames, clock);
Check(uploads.All(u => u.Succeeded), "every TestFrames JPEG accepted");
var verified = await sessions.VerifyAsync(started.SessionId!, new SessionAccess(started.SessionToken), default);
Check(verified.Succeeded && verified.DecidedAtFrame == 3, $"blink session passed at frame 3 ({verified.Reason}, {verified.DecidedAtFrame})");
var redeemed = await sessions.RedeemResultAsync(verified.ResultToken?.Token, default);
Check(redeemed.Succeeded, "result token redeemed once");
Check(!(await sessions.RedeemResultAsync(verified.ResultToken?.Token, default)).Succeeded, "result token refused the second time");

var second = await sessions.StartAsync(new StartChallengeRequest { UserId = "alice", FrameWidth = 640, FrameHeight = 480 }, default);
var staring = FrameSequence.Create(640, 480).Repeat(5, open.Build());
analyzer.Play(staring);
await sessions.SubmitFramesAsync(second, staring, clock);
var notBlinking = await sessions.VerifyAsync(second.SessionId!, new SessionAccess(second.SessionToken), default);
Check(!notBlinking.Succeeded && notBlinking.Reason == ChallengeReason.ChallengeNotCompleted, $"a face that never blinks fails ({notBlinking.Reason})");

// 2. The built-in challenges through the harness and the sequence builders.
var nose = ChallengeHarness.CreateParameters<NoseChallengeParameters>(new NoseTargetChallenge(), 640, 480);
var genuine = ChallengeHarness.Run(new NoseTargetChallenge(), nose, NoseSequences.Genuine(nose));
Check(genuine.Passed, $"nose genuine path passes ({genuine.Reason})");
var photo = ChallengeHarness.Run(new NoseTargetChallenge(), nose, NoseSequences.RigidPhoto(nose));
Check(photo.Reason == ChallengeReason.InsufficientLandmarkMovement, $"nose rigid photo fails ({photo.Reason})");
var pose = ChallengeHarness.CreateParameters<PoseChallengeParameters>(new PoseChallenge(), 640, 480);
Check(ChallengeHarness.Run(new PoseChallenge(), pose, PoseSequences.Genuine(pose)).Passed, "pose genuine sequence passes");
Check(ChallengeHarness.Run(new PoseChallenge(), pose, PoseSequences.NeutralPhoto(pose)).Reason == ChallengeReason.StateTimeout, "pose neutral photo times out");

// 3. Replay files for the faceverify tool, written from the same sequences.
WriteReplay("genuine.json", nose, NoseSequences.Genuine(nose));
WriteReplay("photo.json", nose, NoseSequences.RigidPhoto(nose));

// 4. Every other FaceVerify package's assembly loads with its dependencies.
foreach (var name in new string[] { /*OTHER*/ })
{
    try
    {
        var types = Assembly.Load(name).GetExportedTypes();
        Check(types.Length > 0, $"{name} loads ({types.Length} public types)");
    }
    catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or ReflectionTypeLoadException or TypeLoadException)
    {
        Check(false, $"{name} loads: {ex.Message}");
    }
}

Console.WriteLine(failures.Count == 0 ? "consumer: all checks passed" : $"consumer: {failures.Count} check(s) failed");
return failures.Count == 0 ? 0 : 1;

static void WriteReplay(string path, NoseChallengeParameters parameters, FrameSequence frames)
{
    var json = new
    {
        challengeType = "nose",
        parameters = ChallengeHarness.ToJson(parameters),
        frames = frames.Select(f => new { timestampMs = (long)f.At.TotalMilliseconds, faceDetails = JsonDocument.Parse(FaceDetailsJson.Serialize(f.Faces)).RootElement }),
    };
    File.WriteAllText(path, JsonSerializer.Serialize(json));
}

/// <summary>The user's own challenge: blink twice (eyes closed on two frames, one face only), within 10 s.</summary>
internal sealed class BlinkChallenge : IChallenge
{
    public string Type => "blink";

    public JsonElement CreateParameters(in ChallengeParametersArguments arguments)
        => JsonSerializer.SerializeToElement(new { blinks = 2 });

    public IChallengeEvaluator CreateEvaluator(in ChallengeEvaluatorArguments arguments)
        => new Evaluator(arguments.Parameters.GetProperty("blinks").GetInt32());

    private sealed class Evaluator(int blinks) : IChallengeEvaluator
    {
        private DateTimeOffset? _start;
        private int _closed;

        public ChallengeVerdict Evaluate(in AnalyzedFrame frame)
        {
            _start ??= frame.ReceivedAt;
            if (frame.ReceivedAt - _start > TimeSpan.FromSeconds(10))
            {
                return ChallengeVerdict.Fail(ChallengeReason.StateTimeout);
            }

            if (frame.Faces.Count > 1)
            {
                return ChallengeVerdict.Fail(ChallengeReason.MultipleFaces);
            }

            return frame.Faces.Count == 1 && frame.Faces[0].EyesOpen is { Value: false } && ++_closed >= blinks
                ? ChallengeVerdict.Passed
                : ChallengeVerdict.Continue;
        }
    }
}
EOF
sed -i "s|/\*OTHER\*/|${OTHER_ASSEMBLIES}|" "$APP/Program.cs"

step "restoring and building the consumer app from the feed (packages: ${LIBRARIES[*]})"
( cd "$APP" && dotnet build -c Release -nologo -v:q > "$WORK/consumer-build.log" 2>&1 ) \
  || { cat "$WORK/consumer-build.log" >&2; fail "the consumer app does not build against the packages"; }
for id in "${LIBRARIES[@]}"; do
  [[ -d "$NUGET_PACKAGES/$(tr '[:upper:]' '[:lower:]' <<< "$id")/$VERSION" ]] || fail "$id $VERSION was not restored from the feed"
done
step "running the consumer app"
( cd "$APP" && dotnet "bin/Release/net10.0/Consumer.dll" ) || fail "the consumer app's checks failed"

# ---------------------------------------------------------------- the web component from the packed FaceVerify.AspNetCore
if [[ " ${LIBRARIES[*]} " == *" FaceVerify.AspNetCore "* ]]; then
  WEB="$WORK/webapp"
  mkdir -p "$WEB/wwwroot"
  cp "$WORK/NuGet.config" "$WEB/NuGet.config"
  consumer_csproj Microsoft.NET.Sdk.Web "" "FaceVerify=$VERSION" "FaceVerify.AspNetCore=$VERSION" "FaceVerify.Aws=$VERSION" \
    > "$WEB/WebApp.csproj"
  # The quick start of docs/web-component.md, as a plain ASP.NET Core app writes it.
  cat > "$WEB/Program.cs" <<'EOF'
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddFaceVerification().UseRekognition().UseInMemoryStores().UseEphemeralSigningKey();
builder.Services.AddFaceVerificationEndpoints();
var app = builder.Build();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseRateLimiter();
app.MapFaceVerification("/faceverify");
app.Run();
EOF
  cat > "$WEB/wwwroot/index.html" <<'EOF'
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>component</title>
<script type="module" src="/faceverify/client/faceverify.js"></script>
<script type="module" src="/check.js"></script></head>
<body><faceverify-liveness locale="de"></faceverify-liveness></body></html>
EOF
  cat > "$WEB/wwwroot/check.js" <<'EOF'
import '/faceverify/client/faceverify.js';
const el = document.querySelector('faceverify-liveness');
document.body.dataset.component = customElements.get('faceverify-liveness') ? 'defined' : 'missing';
document.body.dataset.start = el.shadowRoot?.querySelector('[data-testid="fv-start"]')?.textContent || '';
EOF
  step "building a fresh ASP.NET Core app that serves the web component from the packed FaceVerify.AspNetCore"
  ( cd "$WEB" && dotnet build -c Release -nologo -v:q > "$WORK/webapp-build.log" 2>&1 ) \
    || { cat "$WORK/webapp-build.log" >&2; fail "the web app does not build against the packages"; }
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  ( cd "$WEB" && exec dotnet bin/Release/net10.0/WebApp.dll --urls "http://127.0.0.1:$PORT" --FaceVerify:Rekognition:Region=eu-west-1 > "$WORK/webapp.log" 2>&1 ) &
  WEB_PID=$!
  stop_web() { kill "$WEB_PID" 2>/dev/null; wait "$WEB_PID" 2>/dev/null || true; }
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/" > /dev/null && break; kill -0 "$WEB_PID" 2>/dev/null || { cat "$WORK/webapp.log" >&2; fail "the web app exited"; }; sleep 1; done
  headers="$(curl -s -D - -o "$WORK/faceverify.js" "http://127.0.0.1:$PORT/faceverify/client/faceverify.js")" || { stop_web; fail "GET /faceverify/client/faceverify.js failed"; }
  grep -qi '^content-type: text/javascript' <<< "$headers" || { stop_web; fail "the component is not served as JavaScript: $headers"; }
  grep -qi '^cache-control: public, max-age=' <<< "$headers" || { stop_web; fail "the component has no cache headers: $headers"; }
  grep -qi '^etag: ' <<< "$headers" || { stop_web; fail "the component has no ETag"; }
  want="sha384-$(openssl dgst -sha384 -binary "$WORK/faceverify.js" | openssl base64 -A)"
  # Parsed as JSON: the serializer may escape characters of the base64 value (a '+' comes as \u002B).
  curl -sf "http://127.0.0.1:$PORT/faceverify/client/integrity.json" \
    | python3 -c 'import json, sys; sys.exit(0 if json.load(sys.stdin).get("faceverify.js") == sys.argv[1] else 1)' "$want" \
    || { stop_web; fail "integrity.json does not list $want for faceverify.js"; }
  step "  GET /faceverify/client/faceverify.js: JavaScript, Cache-Control, ETag, integrity $want"
  if command -v chromium > /dev/null 2>&1; then
    dom="$(timeout 60 chromium --headless --no-sandbox --disable-gpu --virtual-time-budget=10000 --dump-dom "http://127.0.0.1:$PORT/" 2>/dev/null)"
    grep -q 'data-component="defined"' <<< "$dom" || { stop_web; fail "the browser did not define <faceverify-liveness>: $dom"; }
    grep -q 'data-start="Prüfung starten"' <<< "$dom" || { stop_web; fail "the component did not render its German start button: $dom"; }
    step "  Chromium loaded <faceverify-liveness> from the package (German start button: Prüfung starten)"
  else
    echo "package-test: WARNING: chromium is not installed; the component was fetched but not loaded in a browser" >&2
  fi
  stop_web
fi

# ---------------------------------------------------------------- the dotnet tool
if [[ -n "$TOOL" ]]; then
  step "installing the $TOOL tool from the feed"
  dotnet tool install "$TOOL" --version "$VERSION" --tool-path "$WORK/tools" --configfile "$WORK/NuGet.config" > "$WORK/tool.log" 2>&1 \
    || { cat "$WORK/tool.log" >&2; fail "dotnet tool install $TOOL failed"; }
  [[ -x "$WORK/tools/faceverify" ]] || fail "the tool did not install a 'faceverify' command"
  out="$("$WORK/tools/faceverify" replay "$APP/genuine.json")" || fail "faceverify replay genuine.json exited $? ($out)"
  grep -q '"outcome":"passed"' <<< "$out" || fail "faceverify replay genuine.json: $out"
  step "  faceverify replay genuine.json -> $out"
  set +e
  out="$("$WORK/tools/faceverify" replay "$APP/photo.json")"; code=$?
  set -e
  [[ $code -eq 1 ]] && grep -qi 'insufficientLandmarkMovement' <<< "$out" || fail "faceverify replay photo.json: exit $code, $out"
  step "  faceverify replay photo.json -> exit 1, $out"
else
  echo "package-test: WARNING: no dotnet tool package was packed (src/FaceVerify.Cli missing?)" >&2
fi

step "PASS"
