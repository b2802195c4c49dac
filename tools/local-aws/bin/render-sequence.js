#!/usr/bin/env node
'use strict';

// Renders one corpus sequence for a live session's nose parameters (as the session returned them), for end-to-end
// tests that drive FaceVerify with the frames: writes DIR/000.jpg, 001.jpg, ... and DIR/sequence.json (the frames'
// time offsets and ground truth).
//
//   node bin/render-sequence.js --class genuine --seed 3 [--turn 30] --parameters '{"imageWidth":480,...}' --out DIR

const fs = require('node:fs');
const path = require('node:path');
const { loadIdentities } = require('../corpus/faces');
const { describe, renderSequence } = require('../corpus/sequences');

async function main() {
  const argv = process.argv.slice(2);
  const args = {};
  for (let i = 0; i < argv.length; i += 2) args[argv[i].replace(/^--/, '')] = argv[i + 1];
  if (!args.out || !args.class || !args.seed || !args.parameters) throw new Error('usage: --class C --seed N --parameters JSON --out DIR');
  const corpus = await loadIdentities(path.join(__dirname, '..', 'corpus', '.cache', 'faces.json'));
  const spec = describe(args.class, Number(args.seed), corpus, { parameters: JSON.parse(args.parameters), ...(args.turn ? { turn: Number(args.turn) } : {}) });
  const sequence = await renderSequence(spec, corpus);
  fs.mkdirSync(args.out, { recursive: true });
  sequence.frames.forEach((f, i) => fs.writeFileSync(path.join(args.out, `${String(i).padStart(3, '0')}.jpg`), f.jpeg));
  fs.writeFileSync(path.join(args.out, 'sequence.json'), JSON.stringify({
    class: spec.class, seed: spec.seed, identity: spec.identity, turn: spec.turn,
    frames: sequence.frames.map((f) => ({ timestampMs: f.timestampMs, truth: f.truth })),
  }));
  process.stdout.write(`${sequence.frames.length}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
