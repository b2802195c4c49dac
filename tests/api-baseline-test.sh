#!/usr/bin/env bash
# Proves the public API baseline is enforced: a copy of src/FaceVerify with one undeclared public type must fail to
# build with RS0016 (Microsoft.CodeAnalysis.PublicApiAnalyzers), and the same copy without it must build.
# Run by test.sh; on its own: bash tests/api-baseline-test.sh
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src"
cp "$root/Directory.Build.props" "$root/Directory.Packages.props" "$root/global.json" "$root/README.md" "$work/"
[ -f "$root/nuget.config" ] && cp "$root/nuget.config" "$work/"
cp -r "$root/src/FaceVerify" "$work/src/FaceVerify"
rm -rf "$work/src/FaceVerify/bin" "$work/src/FaceVerify/obj"
(cd "$work" && git init -q && git add -A >/dev/null && git -c user.email=t@t -c user.name=t commit -qm base) || true

build() { dotnet build "$work/src/FaceVerify/FaceVerify.csproj" --nologo -v q -p:TreatWarningsAsErrors=true 2>&1; }

out=$(build); rc=$?
if [ $rc -ne 0 ]; then echo "$out" | tail -20; echo "FAIL: the unmodified copy does not build (is the baseline up to date? run tools/public-api.sh)"; exit 1; fi

cat > "$work/src/FaceVerify/ApiBaselineProbe.cs" <<'CS'
namespace FaceVerify;

/// <summary>A public type the baseline does not declare.</summary>
public static class ApiBaselineProbe
{
    /// <summary>An undeclared public member.</summary>
    public static int Answer => 42;
}
CS
out=$(build); rc=$?
if [ $rc -eq 0 ]; then echo "FAIL: an undeclared public type built without error"; exit 1; fi
if ! grep -q "RS0016.*ApiBaselineProbe" <<<"$out"; then echo "$out" | tail -20; echo "FAIL: the build failed, but not with RS0016 for the probe"; exit 1; fi
echo "api-baseline-test: an unrecorded public API change fails the build (RS0016)"
