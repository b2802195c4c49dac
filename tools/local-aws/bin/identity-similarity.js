#!/usr/bin/env node
'use strict';

// Identity consistency evidence (docs/liveness-evidence.md, "Identity binding of turned faces"): the local engine's
// CompareFaces similarity between two frames as a function of their yaw difference, for the same person (every pair of
// one-face frames of a genuine head turn) and for different persons (the substituted frames of the subst1/substN
// sequences against the live head's frames of the same sequence, and frames of different identities across the
// genuine sequences).
//
//   node bin/identity-similarity.js --out FILE.jsonl [--genuine 1-40] [--subst 1-8] [--stride N]
//       renders the corpus's sequences (describe(class, seed): the recordings of artifacts/corpus-v2 for genuine) and
//       writes one line per sequence: every frame's ground truth, the engine's face count, reported pose and 128-d
//       descriptor (the one CompareFaces compares). Existing lines are kept (runs can be resumed). --stride N analyses
//       every Nth frame and the last (the engine's analysis is most of the cost; the pairs still cover every yaw
//       difference of the turn).
//   node bin/identity-similarity.js --summary FILE.jsonl [FILE2.jsonl ...]
//       the tables: yaw difference bucket -> same-person similarity min / p1 / p5 / median and different-person
//       max / p99 / p95 (by rendered and by reported yaw); per session the lowest score of the old star (every frame
//       vs the deciding frame) and of the nearest-pose tree (SessionIdentity.Plan); a threshold sweep of both.
//
// Similarity is the engine's own (src/engine/similarity.js on the descriptors of analyze({ descriptors: true })), the
// number CompareFaces returns for one-face frames.

const fs = require('node:fs');
const path = require('node:path');
const { similarity } = require('../src/engine/similarity');

function range(text) {
  const [a, b] = text.split('-').map(Number);
  const out = [];
  for (let i = a; i <= (b ?? a); i++) out.push(i);
  return out;
}

function parseArgs(argv) {
  const args = { out: null, genuine: [], subst: [], summary: null, stride: 1 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') args.out = argv[++i];
    else if (a === '--genuine') args.genuine = range(argv[++i]);
    else if (a === '--subst') args.subst = range(argv[++i]);
    else if (a === '--summary') args.summary = [argv[++i]];
    else if (args.summary && !a.startsWith('--')) args.summary.push(a);
    else if (a === '--stride') args.stride = Number(argv[++i]);
    else throw new Error(`unknown argument ${a}`);
  }
  if (!args.out && !args.summary) throw new Error('--out FILE.jsonl or --summary FILE.jsonl');
  return args;
}

async function measure(args) {
  const { loadIdentities } = require('../corpus/faces');
  const { describe, renderSequence } = require('../corpus/sequences');
  const { FaceEngine } = require('../src/engine/faceEngine');
  const corpus = await loadIdentities(path.join(__dirname, '..', 'corpus', '.cache', 'faces.json'));
  const engine = await FaceEngine.load();
  const done = new Set();
  if (fs.existsSync(args.out)) {
    for (const line of fs.readFileSync(args.out, 'utf8').split('\n').filter(Boolean)) {
      const r = JSON.parse(line);
      done.add(`${r.class}-${r.seed}`);
    }
  }
  const jobs = [...args.genuine.map((s) => ['genuine', s]), ...args.subst.flatMap((s) => [['subst1', s], ['substN', s]])];
  const heads = new Map();
  for (const [cls, seed] of jobs) {
    if (done.has(`${cls}-${seed}`)) continue;
    const spec = describe(cls, seed, corpus);
    const sequence = await renderSequence(spec, corpus, heads);
    const frames = [];
    for (const [index, frame] of sequence.frames.entries()) {
      if (index % args.stride !== 0 && index !== sequence.frames.length - 1 && !frame.truth.substituted) continue;
      const analysis = await engine.analyze(frame.jpeg, { descriptors: true });
      const face = analysis.faces[0];
      const pose = face ? FaceEngine.faceDetail(face, analysis.width, analysis.height, false).Pose : null;
      frames.push({
        index,
        truth: frame.truth,
        faces: analysis.faces.length,
        pose: pose ? { yaw: round(pose.Yaw), pitch: round(pose.Pitch), roll: round(pose.Roll) } : null,
        descriptor: face ? Array.from(face.descriptor, (v) => Math.round(v * 1e6) / 1e6) : null,
      });
    }
    fs.appendFileSync(args.out, `${JSON.stringify({ class: cls, seed, identity: spec.identity, other: spec.other, width: spec.width, height: spec.height, turn: spec.turn, frames })}\n`);
    process.stdout.write(`${cls}-${seed} ${spec.width}x${spec.height} turn ${spec.turn} frames ${frames.length}\n`);
    if (heads.size > 6) heads.clear();
  }
}

const round = (v) => Math.round(v * 100) / 100;

function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.floor(q * (sorted.length - 1))));
  return sorted[i];
}

const BUCKETS = [[0, 5], [5, 10], [10, 15], [15, 20], [20, 25], [25, 30], [30, 40]];

function bucketOf(d) {
  return BUCKETS.findIndex(([a, b]) => d >= a && d < b);
}

function summarise(files) {
  const { identities } = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'corpus', '.cache', 'faces.json'), 'utf8'));
  const photoOf = (i) => identities[i].photo;
  const sequences = files.flatMap((file) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)));
  const one = (f) => f.faces === 1 && f.descriptor;
  const pairs = { same: [], sceneDifferent: [], photoDifferent: [], otherPhoto: [] }; // [dTruthYaw, dReportedYaw, sim]
  const genuine = sequences.filter((s) => s.class === 'genuine');
  const sessions = []; // the live person's one-face frames of every sequence, for the star and tree schemes
  for (const s of sequences) {
    // the renderer's motion blur blends a frame with the one before, so the frame after a substituted one shows both
    // people: neither the same person nor another, left out (the check rejects it, rightly)
    const blended = (f, i) => i > 0 && !f.truth.substituted && s.frames[i - 1].truth.substituted;
    const live = s.frames.filter((f, i) => one(f) && !f.truth.substituted && !blended(f, i));
    const other = s.frames.filter((f) => one(f) && f.truth.substituted);
    sessions.push({ name: `${s.class}-${s.seed}`, live, other });
    for (let i = 0; i < live.length; i++) {
      for (let j = i + 1; j < live.length; j++) pairs.same.push(pair(live[i], live[j]));
      for (const o of other) pairs.sceneDifferent.push(pair(live[i], o));
    }
  }
  // different people: two faces of one group photo (certainly two people); faces of two different photos may show the
  // same actor (the demo photos repeat a cast), so those are listed apart, as an upper bound only
  for (let a = 0; a < genuine.length; a++) {
    for (let b = a + 1; b < genuine.length; b++) {
      if (genuine[a].identity === genuine[b].identity) continue;
      const target = photoOf(genuine[a].identity) === photoOf(genuine[b].identity) ? pairs.photoDifferent : pairs.otherPhoto;
      for (const fa of genuine[a].frames.filter(one)) {
        for (const fb of genuine[b].frames.filter(one)) target.push(pair(fa, fb));
      }
    }
  }
  const lines = [];
  const out = (s) => lines.push(s);
  const f = (v) => (v === undefined || Number.isNaN(v) ? '–' : v.toFixed(1));
  out(`sequences: ${genuine.length} genuine, ${sequences.length - genuine.length} substitution; pairs: same person ${pairs.same.length}, different (substituted frame, same scene) ${pairs.sceneDifferent.length}, different (two faces of one photo) ${pairs.photoDifferent.length}, faces of different photos ${pairs.otherPhoto.length}`);
  for (const [label, index] of [['rendered yaw difference (truth)', 0], ['reported yaw difference (the engine\'s Pose.Yaw, what the check reads)', 1]]) {
    out('');
    out(`by ${label}`);
    out('| Δyaw | same person: n | min | p1 | p5 | median | substituted frame (same scene): n | max | one photo, two faces: n | max | p99 | p95 | different photos (may be one actor): n | max | p99 |');
    out('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (let k = 0; k <= BUCKETS.length; k++) {
      const inBucket = (p) => (k === BUCKETS.length ? true : bucketOf(p[index]) === k);
      const sorted = (list) => list.filter(inBucket).map((p) => p[2]).sort((x, y) => x - y);
      const same = sorted(pairs.same);
      const scene = sorted(pairs.sceneDifferent);
      const photo = sorted(pairs.photoDifferent);
      const other = sorted(pairs.otherPhoto);
      const name = k === BUCKETS.length ? 'all' : `${BUCKETS[k][0]}–${BUCKETS[k][1]}°`;
      out(`| ${name} | ${same.length} | ${f(same[0])} | ${f(quantile(same, 0.01))} | ${f(quantile(same, 0.05))} | ${f(quantile(same, 0.5))} | ${scene.length} | ${f(scene[scene.length - 1])} | ${photo.length} | ${f(photo[photo.length - 1])} | ${f(quantile(photo, 0.99))} | ${f(quantile(photo, 0.95))} | ${other.length} | ${f(other[other.length - 1])} | ${f(quantile(other, 0.99))} |`);
    }
  }
  // the two schemes on each sequence's live frames, anchored at its last one-face frame (the deciding frame's pose):
  // star = every frame against the anchor (before), tree = each frame against the nearest-pose frame already joined
  // (SessionIdentity.Plan, on the reported yaw and pitch)
  const schemes = sessions.filter((s) => s.live.length >= 2).map((s) => {
    const anchor = s.live[s.live.length - 1];
    const star = Math.min(...s.live.slice(0, -1).map((x) => similarity(x.descriptor, anchor.descriptor)));
    const edges = plan(s.live, anchor);
    const tree = Math.min(...edges.map(([a, b]) => similarity(a.descriptor, b.descriptor)));
    const maxEdgeYaw = Math.max(...edges.map(([a, b]) => Math.abs(a.pose.yaw - b.pose.yaw)));
    // a substituted frame joins the tree at its nearest-pose live frame; the highest score it reaches with any live frame
    const intruder = s.other.length ? Math.max(...s.other.flatMap((o) => s.live.map((x) => similarity(o.descriptor, x.descriptor)))) : null;
    return { name: s.name, star, tree, maxEdgeYaw, intruder };
  });
  out('');
  out('per session (the live person\'s one-face frames, anchor = the last): lowest similarity of the star (every frame vs the anchor) and of the tree (nearest pose)');
  out(`| session | star min | tree min | tree's largest reported Δyaw on an edge | substituted frame's best score against any live frame |`);
  out('|---|---|---|---|---|');
  for (const x of schemes) out(`| ${x.name} | ${f(x.star)} | ${f(x.tree)} | ${f(x.maxEdgeYaw)} | ${x.intruder === null ? '–' : f(x.intruder)} |`);
  out('');
  out('threshold sweep: genuine sessions (live frames of every sequence) falsely rejected by each scheme; different-person pairs at or above (any pose)');
  out('| threshold | star: sessions rejected | tree: sessions rejected | substituted frames (same scene) ≥ | one photo, two faces ≥ |');
  out('|---|---|---|---|---|');
  for (const t of [60, 70, 80, 85, 88, 90, 92, 94]) {
    out(`| ${t} | ${schemes.filter((x) => x.star < t).length} of ${schemes.length} | ${schemes.filter((x) => x.tree < t).length} of ${schemes.length} | ${pairs.sceneDifferent.filter((p) => p[2] >= t).length} of ${pairs.sceneDifferent.length} | ${pairs.photoDifferent.filter((p) => p[2] >= t).length} of ${pairs.photoDifferent.length} |`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** SessionIdentity.Plan (src/FaceVerify/Security/SessionIdentity.cs): Prim's tree on the (yaw, pitch) distance. */
function plan(frames, anchor) {
  const distance = (a, b) => Math.hypot(a.pose.yaw - b.pose.yaw, a.pose.pitch - b.pose.pitch);
  const pending = frames.filter((x) => x !== anchor);
  const nearest = pending.map((x) => ({ target: anchor, d: distance(x, anchor) }));
  const edges = [];
  while (pending.length) {
    let next = 0;
    for (let i = 1; i < pending.length; i++) if (nearest[i].d < nearest[next].d) next = i;
    const joined = pending[next];
    edges.push([joined, nearest[next].target]);
    pending.splice(next, 1);
    nearest.splice(next, 1);
    for (let i = 0; i < pending.length; i++) {
      const d = distance(pending[i], joined);
      if (d < nearest[i].d) nearest[i] = { target: joined, d };
    }
  }
  return edges;
}

function pair(a, b) {
  const dTruth = Math.abs(a.truth.yaw - b.truth.yaw);
  const dReported = a.pose && b.pose ? Math.abs(a.pose.yaw - b.pose.yaw) : NaN;
  return [dTruth, dReported, similarity(a.descriptor, b.descriptor)];
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.summary) summarise(args.summary);
  else await measure(args);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
