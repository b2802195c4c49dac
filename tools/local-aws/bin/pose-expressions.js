#!/usr/bin/env node
'use strict';

// What the local engine sees of each expression the corpus renders (corpus/expressions.js) on each pose user, at
// fractions of the default strength: per user, state and amount, EyesOpen, Smile, MouthOpen, both pupils' position in
// their eye (0 = the eye's image-left corner, 1 = its right corner; PoseMatcher: LOOKING_LEFT <= 0.4, LOOKING_RIGHT >= 0.6)
// and whether the frame matches the pose the state renders (docs/liveness-evidence.md "Pose challenge").
//
//   node bin/pose-expressions.js [--amounts 0,0.5,1] [--users sample3-0,...] [--strength '{"gaze":0.15}'] [--json FILE]
//
// --strength overrides corpus/expressions.js DEFAULT_STRENGTH (the amounts scale the result).

const fs = require('node:fs');
const path = require('node:path');
const { loadIdentities } = require('../corpus/faces');
const { prepareHead } = require('../corpus/scene');
const { createRandom } = require('../corpus/random');
const { renderPerformance, poseUsers } = require('../corpus/poses');
const { createAnalyser } = require('../corpus/analyse');
const R = require('../corpus/render');

// each state with the pose it renders (mouth 'closed' is rendered with every eye state; 'smile' with eyes open)
const STATES = Object.freeze([
  { eyes: 'open', mouth: 'closed', pose: { eyes: 'OPEN', mouth: 'CLOSED' } },
  { eyes: 'closed', mouth: 'closed', pose: { eyes: 'CLOSED', mouth: 'CLOSED' } },
  { eyes: 'left', mouth: 'closed', pose: { eyes: 'LOOKING_LEFT', mouth: 'CLOSED' } },
  { eyes: 'right', mouth: 'closed', pose: { eyes: 'LOOKING_RIGHT', mouth: 'CLOSED' } },
  { eyes: 'open', mouth: 'smile', pose: { eyes: 'OPEN', mouth: 'SMILE' } },
]);

/** The pupil's position in its eye (0..1 between the eye's corners) for the image-left and image-right eye. */
function gaze(face) {
  const L = Object.fromEntries(face.Landmarks.map((l) => [l.Type, l]));
  const at = (a, b, p) => (L[p].X - L[a].X) / (L[b].X - L[a].X);
  return [at('leftEyeLeft', 'leftEyeRight', 'leftPupil'), at('rightEyeLeft', 'rightEyeRight', 'rightPupil')];
}

/** PoseMatcher.Match's eyes and mouth parts (the head-pose and confidence parts are reported separately). */
function matches(face, pose) {
  if (face.EyesOpen.Value === (pose.eyes === 'CLOSED')) return 'eyes';
  if (pose.eyes === 'LOOKING_LEFT' && !gaze(face).every((g) => g <= 0.4)) return 'gaze';
  if (pose.eyes === 'LOOKING_RIGHT' && !gaze(face).every((g) => g >= 0.6)) return 'gaze';
  const smile = face.Smile.Value && face.MouthOpen.Value;
  const closed = !face.Smile.Value && !face.MouthOpen.Value;
  return (pose.mouth === 'SMILE' ? smile : closed) ? 'ok' : 'mouth';
}

async function main() {
  const args = { amounts: [0, 0.5, 0.75, 1], users: null, json: null, strength: undefined };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--amounts') args.amounts = argv[++i].split(',').map(Number);
    else if (argv[i] === '--users') args.users = argv[++i].split(',');
    else if (argv[i] === '--json') args.json = argv[++i];
    else if (argv[i] === '--strength') args.strength = JSON.parse(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  const corpus = await loadIdentities(path.join(__dirname, '..', 'corpus', '.cache', 'faces.json'));
  const analyser = await createAnalyser();
  const users = args.users ? args.users.map((id) => corpus.identities.findIndex((x) => x.id === id)) : corpus.frontal;
  const rows = [];
  for (const index of users) {
    const identity = corpus.identities[index];
    const head = await prepareHead(identity, corpus.triangles);
    for (const state of STATES) {
      for (const amount of args.amounts) {
        const spec = { width: 480, height: 480, fps: 12 };
        const plan = [{ state: amount > 0 ? state : null, amount, strength: args.strength, pose: { yaw: 0, pitch: 0, roll: 0 } }];
        const [{ frame }] = renderPerformance(spec, head, identity, plan, createRandom(index + 1));
        const faces = await analyser.detect(await R.toJpeg(frame, 90));
        const face = faces.length === 1 ? faces[0] : null;
        const row = {
          user: identity.id,
          state: `${state.eyes}/${state.mouth}`,
          amount,
          faces: faces.length,
          ...(face ? {
            eyesOpen: face.EyesOpen.Value, smile: face.Smile.Value, mouthOpen: face.MouthOpen.Value,
            gaze: gaze(face).map((g) => Math.round(g * 100) / 100), roll: Math.round(face.Pose.Roll * 10) / 10,
            match: matches(face, state.pose),
          } : { match: 'faces' }),
        };
        rows.push(row);
        process.stdout.write(`${JSON.stringify(row)}\n`);
      }
    }
  }
  // summary: per state and amount, how many users' frames show the pose
  process.stdout.write('\nstate            amount  match/users  mismatches\n');
  for (const state of STATES) {
    for (const amount of args.amounts) {
      const sel = rows.filter((r) => r.state === `${state.eyes}/${state.mouth}` && r.amount === amount);
      const why = {};
      for (const r of sel) if (r.match !== 'ok') why[r.match] = (why[r.match] ?? 0) + 1;
      process.stdout.write(`${`${state.eyes}/${state.mouth}`.padEnd(16)} ${String(amount).padEnd(7)} ${`${sel.filter((r) => r.match === 'ok').length}/${sel.length}`.padEnd(12)} ${JSON.stringify(why)}\n`);
    }
  }
  if (args.json) fs.writeFileSync(args.json, JSON.stringify(rows, null, 1));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
