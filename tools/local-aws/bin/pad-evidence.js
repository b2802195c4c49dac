#!/usr/bin/env node
'use strict';

// Passive presentation-attack scores on the liveness corpus (docs/liveness-evidence.md): renders each seeded sequence
// (the same frames as bin/corpus.js) and scores its first and last frames with the local engine's
// DetectPresentationAttack (human's antispoof + liveness models). Writes one JSON line per sequence.
//
//   node bin/pad-evidence.js --out FILE [--classes genuine,still,...] [--seeds 1-4]

const fs = require('node:fs');
const path = require('node:path');
const { loadIdentities } = require('../corpus/faces');
const { CLASSES, describe, renderSequence } = require('../corpus/sequences');
const { createPresentationAttackScorer } = require('../src/engine/pad');

async function main() {
  const argv = process.argv.slice(2);
  let out = null;
  let classes = Object.keys(CLASSES);
  let seeds = [1, 4];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') out = argv[++i];
    else if (argv[i] === '--classes') classes = argv[++i].split(',');
    else if (argv[i] === '--seeds') seeds = argv[++i].split('-').map(Number);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!out) throw new Error('--out FILE is required');
  if (seeds.length === 1) seeds.push(seeds[0]);
  const corpus = await loadIdentities(path.join(__dirname, '..', 'corpus', '.cache', 'faces.json'));
  const scorer = await createPresentationAttackScorer();
  const heads = new Map();
  for (let seed = seeds[0]; seed <= seeds[1]; seed++) {
    for (const cls of classes) {
      const spec = describe(cls, seed, corpus);
      const sequence = await renderSequence(spec, corpus, heads);
      const scores = [];
      for (const index of [0, sequence.frames.length - 1]) {
        const faces = await scorer.score(sequence.frames[index].jpeg);
        scores.push({ frame: index, faces: faces.length, real: faces[0]?.Real ?? null, live: faces[0]?.Live ?? null });
      }
      fs.appendFileSync(out, JSON.stringify({ class: cls, seed, width: spec.width, height: spec.height, scores }) + '\n');
    }
    if (heads.size > 6) heads.clear();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
