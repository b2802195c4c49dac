#!/usr/bin/env node
'use strict';

// The seeded target sweep of the liveness corpus (docs/liveness-evidence.md, "Target sweep"): every sequence of the
// given classes and seeds rendered again for N further nose targets, each drawn by the challenge's own parameter
// generation (corpus/random.js noseParameters, as NoseGeometry.cs) from a seeded generator, and analysed by the local
// engine. A corpus recording decides one target per sequence; a print that passes for one target and fails for
// another only shows up over many. Identity, frame size, turn and camera effects are the corpus sequence's own
// (`--as-corpus` of bin/render-sequence.js); only the target, and so the motion towards it, changes.
//
//   node bin/target-sweep.js --out DIR [--classes genuine,still,...] [--seeds 1-4] [--targets 10] [--target-seed 1]
//
// Writes DIR/<class>-<seed>-t<k>.json (the replay format of bin/corpus.js, with corpus.target = k and
// corpus.targetSeed). Existing files are kept, so runs can be split and resumed. The loop runs target by target, so a
// run stopped early has the same number of targets for every class and seed. A still print does not move, so its
// frames do not depend on the target: it is rendered and analysed once per seed and written with each target's
// parameters (corpus.reusedFrames = true).

const fs = require('node:fs');
const path = require('node:path');
const { loadIdentities } = require('../corpus/faces');
const { CLASSES, describe, renderSequence } = require('../corpus/sequences');
const { createRandom, noseParameters } = require('../corpus/random');
const { createAnalyser, analyseSequence } = require('../corpus/analyse');

const PRINTS_AND_GENUINE = ['genuine', 'still', 'slide', 'tilt', 'cylinder', 'bump', 'bend'];

function parseArgs(argv) {
  const args = { out: null, classes: PRINTS_AND_GENUINE, seeds: [1, 4], targets: 10, targetSeed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') args.out = argv[++i];
    else if (a === '--classes') args.classes = argv[++i].split(',');
    else if (a === '--seeds') args.seeds = argv[++i].split('-').map(Number);
    else if (a === '--targets') args.targets = Number(argv[++i]);
    else if (a === '--target-seed') args.targetSeed = Number(argv[++i]);
    else throw new Error(`unknown argument ${a}`);
  }
  if (!args.out) throw new Error('--out DIR is required');
  if (args.seeds.length === 1) args.seeds.push(args.seeds[0]);
  for (const c of args.classes) {
    if (!CLASSES[c]) throw new Error(`unknown class ${c}; known: ${Object.keys(CLASSES).join(', ')}`);
    if (c === 'screen') throw new Error('screen replays a recording made for another target: sweep it by replay (ReplayOdds), not here');
  }
  return args;
}

/** Target k of a seed: the same for every class of that seed (all classes of a seed share its frame size). */
function sweepTarget(width, height, seed, k, targetSeed) {
  return noseParameters(width, height, createRandom((targetSeed * 1000003 + seed * 7919 + k * 104729 + 11) >>> 0));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  fs.mkdirSync(args.out, { recursive: true });
  const corpus = await loadIdentities(path.join(__dirname, '..', 'corpus', '.cache', 'faces.json'));
  let analyser = null;
  const heads = new Map();
  const stillFrames = new Map();
  for (let k = 0; k < args.targets; k++) {
    for (let seed = args.seeds[0]; seed <= args.seeds[1]; seed++) {
      for (const cls of args.classes) {
        const file = path.join(args.out, `${cls}-${seed}-t${String(k).padStart(2, '0')}.json`);
        if (fs.existsSync(file)) continue;
        const own = describe(cls, seed, corpus);
        const parameters = sweepTarget(own.width, own.height, seed, k, args.targetSeed);
        const spec = describe(cls, seed, corpus, { parameters, asCorpus: true });
        const started = Date.now();
        analyser ??= await createAnalyser();
        let recording;
        if (cls === 'still' && stillFrames.has(seed)) {
          recording = { ...stillFrames.get(seed), parameters, corpus: { ...stillFrames.get(seed).corpus, reusedFrames: true } };
        } else {
          const sequence = await renderSequence(spec, corpus, heads);
          recording = await analyseSequence(analyser, sequence);
          if (cls === 'still') stillFrames.set(seed, recording);
        }
        recording = { ...recording, description: `liveness corpus target sweep: ${cls} seed ${seed} target ${k}`, corpus: { ...recording.corpus, target: k, targetSeed: args.targetSeed } };
        fs.writeFileSync(file, JSON.stringify(recording));
        process.stdout.write(`${path.basename(file)} ${spec.width}x${spec.height} nose ${parameters.noseLeft},${parameters.noseTop} ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      }
      if (heads.size > 6) heads.clear(); // bounded memory
    }
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

module.exports = { sweepTarget };
