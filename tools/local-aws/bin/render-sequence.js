#!/usr/bin/env node
'use strict';

// Renders one corpus sequence for a live session's nose parameters (as the session returned them), for end-to-end
// tests that drive FaceVerify with the frames: writes DIR/000.jpg, 001.jpg, ... and DIR/sequence.json (the frames'
// time offsets and ground truth).
//
//   node bin/render-sequence.js --class genuine --seed 3 [--turn 30] --parameters '{"imageWidth":480,...}' --out DIR
//   node bin/render-sequence.js --class pose --seed 3 --parameters '{"imageWidth":480,"imageHeight":480,"poses":[...]}' --out DIR
// (the pose classes, corpus/poses.js, take a pose session's parameters: its frame size and requested poses)
//
// Options for a fake camera (a browser test plays the frames as a video at the page's frame rate):
//   --identity ID        the face (an identity id such as sample6-3, see corpus/faces.js) instead of the seed's
//   --fps N              frames per second (default 12)
//   --rest-frames N      frames held before the turn starts (default 3-5, from the seed)
//   --total-frames N     the whole length: the end pose is held until then (default: 3 frames after the turn)
// and for runs of the corpus's own sequences with a live session's nose target:
//   --as-corpus          identity, other person and turn as the corpus's sequence of this class and seed
//                        (the parameters must have that sequence's frame size)
//   --describe           print the sequence's description as JSON (frame size, turn, and each identity's id, photo
//                        and face box [x, y, width, height] in the photo) and render nothing;
//                        --parameters may then be left out; --reference-photos DIR also writes DIR/<id>.jpg, a
//                        frontal portrait of each identity rendered as a rest frame (a reference photo for enrolment)

const fs = require('node:fs');
const path = require('node:path');
const { loadIdentities, PHOTO_DIR } = require('../corpus/faces');
const { describe, renderSequence, renderPortrait } = require('../corpus/sequences');
const { POSE_CLASSES, describePose, renderPoseSequence } = require('../corpus/poses');

const FLAGS = new Set(['as-corpus', 'describe']);

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    args[name] = FLAGS.has(name) ? true : argv[++i];
  }
  if (!args.class || !args.seed || (!args.describe && (!args.out || !args.parameters))) {
    throw new Error('usage: --class C --seed N --parameters JSON --out DIR [--turn DEG] [--identity ID] [--fps N] [--rest-frames N] [--total-frames N] [--as-corpus] | --class C --seed N --describe');
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const corpus = await loadIdentities(path.join(__dirname, '..', 'corpus', '.cache', 'faces.json'));
  const overrides = {};
  if (args.parameters) overrides.parameters = JSON.parse(args.parameters);
  if (args.turn) overrides.turn = Number(args.turn);
  if (args.fps) overrides.fps = Number(args.fps);
  if (args['rest-frames']) overrides.restFrames = Number(args['rest-frames']);
  if (args['total-frames']) overrides.totalFrames = Number(args['total-frames']);
  if (args['as-corpus']) overrides.asCorpus = true;
  if (args.identity) {
    overrides.identity = corpus.identities.findIndex((id) => id.id === args.identity);
    if (overrides.identity < 0) throw new Error(`unknown identity ${args.identity}`);
  }
  if (POSE_CLASSES[args.class]) {
    const spec = describePose(args.class, Number(args.seed), corpus, overrides);
    const sequence = await renderPoseSequence(spec, corpus);
    fs.mkdirSync(args.out, { recursive: true });
    sequence.frames.forEach((f, i) => fs.writeFileSync(path.join(args.out, `${String(i).padStart(3, '0')}.jpg`), f.jpeg));
    fs.writeFileSync(path.join(args.out, 'sequence.json'), JSON.stringify({
      class: spec.class, seed: spec.seed, identity: spec.identity, fps: spec.fps, identityId: corpus.identities[spec.identity].id,
      poses: spec.parameters.poses, ...(spec.recordedPoses ? { recordedPoses: spec.recordedPoses } : {}),
      frames: sequence.frames.map((f) => ({ timestampMs: f.timestampMs, truth: f.truth })),
    }));
    process.stdout.write(`${sequence.frames.length}\n`);
    return;
  }
  const spec = describe(args.class, Number(args.seed), corpus, overrides);
  if (args.describe) {
    const face = (i) => ({ id: corpus.identities[i].id, photo: path.join(PHOTO_DIR, corpus.identities[i].photo), box: corpus.identities[i].box });
    if (args['reference-photos']) {
      fs.mkdirSync(args['reference-photos'], { recursive: true });
      for (const i of [spec.identity, spec.other]) fs.writeFileSync(path.join(args['reference-photos'], `${corpus.identities[i].id}.jpg`), await renderPortrait(corpus, i));
    }
    process.stdout.write(`${JSON.stringify({ class: spec.class, seed: spec.seed, width: spec.width, height: spec.height, turn: spec.turn, identity: face(spec.identity), other: face(spec.other) })}\n`);
    return;
  }
  const sequence = await renderSequence(spec, corpus);
  fs.mkdirSync(args.out, { recursive: true });
  sequence.frames.forEach((f, i) => fs.writeFileSync(path.join(args.out, `${String(i).padStart(3, '0')}.jpg`), f.jpeg));
  fs.writeFileSync(path.join(args.out, 'sequence.json'), JSON.stringify({
    class: spec.class, seed: spec.seed, identity: spec.identity, other: spec.other, turn: spec.turn, fps: spec.fps,
    identityId: corpus.identities[spec.identity].id, otherId: corpus.identities[spec.other].id,
    frames: sequence.frames.map((f) => ({ timestampMs: f.timestampMs, truth: f.truth })),
  }));
  process.stdout.write(`${sequence.frames.length}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
