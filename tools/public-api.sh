#!/usr/bin/env bash
# Records the public API of every packable project in its PublicAPI.Unshipped.txt
# (Microsoft.CodeAnalysis.PublicApiAnalyzers): builds each project under src/, adds every symbol the build reports as
# undeclared (RS0016) and removes every declared symbol the build no longer finds (RS0017), then shows the diff.
# Run after an intended public API change and review the diff of the PublicAPI.*.txt files:
#   tools/public-api.sh
#   PUBLIC_API_PROJECTS=src/FaceVerify/FaceVerify.csproj tools/public-api.sh   # one project
# (A symbol listed in PublicAPI.Shipped.txt that is gone is reported, not edited: removing shipped API is a breaking
# change to decide on by hand.)
set -euo pipefail
cd "$(dirname "$0")/.."
for project in ${PUBLIC_API_PROJECTS:-src/*/*.csproj}; do
  dir=$(dirname "$project")
  unshipped="$dir/PublicAPI.Unshipped.txt"
  [ -f "$unshipped" ] || printf '#nullable enable\n' > "$unshipped"
  messages=$(dotnet build "$project" --nologo -v q --no-incremental -p:TreatWarningsAsErrors=false 2>&1 \
    | grep -oE "RS001[67]: Symbol '[^']*'" | sort -u || true)
  [ -n "$messages" ] || continue
  added=$(sed -nE "s/^RS0016: Symbol '(.*)'$/\1/p" <<<"$messages")
  removed=$(sed -nE "s/^RS0017: Symbol '(.*)'$/\1/p" <<<"$messages")
  body=$(tail -n +2 "$unshipped")
  if [ -n "$removed" ]; then
    while IFS= read -r symbol; do
      if grep -qxF -- "$symbol" "$dir/PublicAPI.Shipped.txt"; then
        echo "$dir: shipped symbol removed, decide by hand: $symbol" >&2
      fi
    done <<<"$removed"
    body=$(grep -vxF -f <(printf '%s\n' "$removed") <<<"$body" || true)
  fi
  { head -n 1 "$unshipped"; printf '%s\n%s\n' "$body" "$added" | sed '/^$/d'; } > "$unshipped.tmp"
  mv "$unshipped.tmp" "$unshipped"
  echo "$dir: $(grep -c . <<<"$added" || true) added, $(grep -c . <<<"$removed" || true) removed"
done
git --no-pager diff --stat -- 'src/*/PublicAPI.*.txt' || true
