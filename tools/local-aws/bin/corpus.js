#!/usr/bin/env node
'use strict';

// The liveness corpus (docs/liveness-evidence.md): renders seeded sequences from the face-api demo photos with the
// face mesh of @vladmandic/human, analyses them with the local face engine and writes replay recordings.
//
//   node bin/corpus.js --out DIR [--classes genuine,still,...] [--seeds 1-40] [--frames] [--pad]
//
// The pose challenge's classes (corpus/poses.js: pose, pose-still, pose-held, pose-replay) are rendered when named in
// --classes; the default is every nose class.
//
// --frames also writes every frame as JPEG (DIR/<class>-<seed>/NNN.jpg) for the browser fake camera;
// --pad adds the passive presentation-attack scores (human's antispoof + liveness) of every frame to the recording.

const fs = require('node:fs');
const path = require('node:path');
const { loadIdentities } = require('../corpus/faces');
const { CLASSES, describe, renderSequence } = require('../corpus/sequences');
const { createAnalyser, analyseSequence } = require('../corpus/analyse');
const { POSE_CLASSES, describePose, renderPoseSequence } = require('../corpus/poses');

function parseArgs(argv) {
  const args = { out: null, classes: Object.keys(CLASSES), seeds: [1, 20], frames: false, pad: false, identity: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') args.out = argv[++i];
    else if (a === '--classes') args.classes = argv[++i].split(',');
    else if (a === '--seeds') args.seeds = argv[++i].split('-').map(Number);
    else if (a === '--frames') args.frames = true;
    else if (a === '--pad') args.pad = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!args.out) throw new Error('--out DIR is required');
  if (args.seeds.length === 1) args.seeds.push(args.seeds[0]);
  for (const c of args.classes) if (!CLASSES[c] && !POSE_CLASSES[c]) throw new Error(`unknown class ${c}; known: ${[...Object.keys(CLASSES), ...Object.keys(POSE_CLASSES)].join(', ')}`);
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  fs.mkdirSync(args.out, { recursive: true });
  const corpus = await loadIdentities(path.join(__dirname, '..', 'corpus', '.cache', 'faces.json'));
  const analyser = await createAnalyser();
  const pad = args.pad ? await require('../src/engine/pad').createPresentationAttackScorer() : null;
  const heads = new Map();
  for (let seed = args.seeds[0]; seed <= args.seeds[1]; seed++) {
    for (const cls of args.classes) {
      const file = path.join(args.out, `${cls}-${seed}.json`);
      if (fs.existsSync(file)) continue;
      const pose = Boolean(POSE_CLASSES[cls]);
      const spec = pose ? describePose(cls, seed, corpus) : describe(cls, seed, corpus);
      const sequence = pose ? await renderPoseSequence(spec, corpus, heads) : await renderSequence(spec, corpus, heads);
      const recording = await analyseSequence(analyser, sequence, pose ? 'pose' : 'nose');
      if (pad) {
        recording.corpus.pad = [];
        for (const frame of sequence.frames) recording.corpus.pad.push(await pad.score(frame.jpeg));
      }
      if (args.frames) {
        const dir = path.join(args.out, `${cls}-${seed}`);
        fs.mkdirSync(dir, { recursive: true });
        sequence.frames.forEach((f, i) => fs.writeFileSync(path.join(dir, `${String(i).padStart(3, '0')}.jpg`), f.jpeg));
      }
      fs.writeFileSync(file, JSON.stringify(recording));
      process.stdout.write(`${cls}-${seed} ${spec.width}x${spec.height} ${pose ? `poses ${spec.parameters.poses.map((p) => `${p.eyes}/${p.mouth}`).join(',')}` : `turn ${spec.turn}`} frames ${sequence.frames.length}\n`);
    }
    if (heads.size > 6) heads.clear(); // bounded memory
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
