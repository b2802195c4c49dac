#!/usr/bin/env bash
# Frame-analysis latency on the sample host (Local mode: the real local face engine), alone and while N enrolments run
# in parallel (issue 12, item 4). Each probe starts a session, uploads one 640x480 frame with a face and calls verify,
# which waits for that frame's analysis: the printed time is upload + analysis + verify.
#
#   tests/enrolment-flood.sh [N] [sample host settings...]
#   e.g. tests/enrolment-flood.sh 30 --FaceVerify:RequireLivenessForEnrolment=false
#
# The sample host must be built (dotnet build samples/FaceVerify.SampleHost) and tools/local-aws installed (npm ci).
# Enrolments are sent as the raw photo of N different users; with the strict default they are refused before any
# engine call (liveness_required), so pass RequireLivenessForEnrolment=false to make them reach the engine.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-30}
shift || true
dll=$root/samples/FaceVerify.SampleHost/bin/Debug/net10.0/FaceVerify.SampleHost.dll
demo=$root/tools/local-aws/node_modules/@vladmandic/face-api/demo/sample6.jpg
work=$(mktemp -d)
ffmpeg -loglevel error -y -i "$demo" -vf "crop=440:520:1460:123" -q:v 3 "$work/photo.jpg"
ffmpeg -loglevel error -y -i "$demo" -vf "crop=440:520:1460:123,scale=-2:480,pad=640:480:(ow-iw)/2:0" -q:v 3 "$work/frame.jpg"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd "$root/samples/FaceVerify.SampleHost" && exec dotnet "$dll" --urls "http://127.0.0.1:$port" "$@") > "$work/host.log" 2>&1 &
host=$!
cleanup() { kill "$host" 2>/dev/null || true; wait "$host" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 1 240); do curl -fs -o /dev/null "http://127.0.0.1:$port/" && break; sleep 1; done
base="http://127.0.0.1:$port/faceverify"

probe() {
  local user="probe-$RANDOM$RANDOM" started id token t0 t1
  started=$(curl -fs -H "X-Demo-User: $user" -H 'Content-Type: application/json' -d '{"imageWidth":640,"imageHeight":480}' "$base/challenge")
  id=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])' <<<"$started")
  token=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])' <<<"$started")
  t0=$(date +%s.%N)
  curl -fs -o /dev/null -X PUT -H "X-Demo-User: $user" -H "Authorization: Bearer $token" -H 'Content-Type: image/jpeg' --data-binary "@$work/frame.jpg" "$base/challenge/$id/frame"
  curl -s -o /dev/null -H "X-Demo-User: $user" -H 'Content-Type: application/json' -d "{\"token\":\"$token\"}" "$base/challenge/$id/verify"
  t1=$(date +%s.%N)
  python3 -c "print(f'{$t1 - $t0:.2f}')"
}

probe >/dev/null # warm-up (model load, JIT)
alone=$(for _ in 1 2 3; do probe; done | tr '\n' ' ')
echo "frame alone (s): $alone"

for i in $(seq 1 "$n"); do
  curl -s -o "$work/enrol-$i.json" -w '%{http_code}\n' -X POST -H "X-Demo-User: flood-$i-$RANDOM" -H 'Content-Type: image/jpeg' \
    --data-binary "@$work/photo.jpg" "$base/enrolments" > "$work/enrol-$i.code" &
done
sleep 0.5
during=$(for _ in 1 2 3; do probe; done | tr '\n' ' ')
wait $(jobs -p | grep -v "^$host$") 2>/dev/null || true
echo "frame during $n enrolments (s): $during"
echo "enrolment answers: $(cat "$work"/enrol-*.code | sort | uniq -c | tr -s ' ' | tr '\n' ';')"
