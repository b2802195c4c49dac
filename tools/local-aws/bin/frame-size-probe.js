#!/usr/bin/env node
'use strict';

// Engine probe for docs/liveness-evidence.md, "Genuine sessions at 1280x720": renders genuine sequences once and
// analyses every frame three ways, writing one replay recording per way:
//   DIR/default     the engine as shipped (frames wider than 800 px use the detector sizes 160+416+608)
//   DIR/frame-scales the same frames with the camera-frame detector sizes 128+160+320
//   DIR/half        the frames downscaled by 2 (1280x720 -> 640x360) before analysis (results are ratios)
//   DIR/near        other frames: the same sequence rendered with the camera's focal length 0.8 x frame HEIGHT instead
//                   of width, i.e. the head as many face widths from the camera as at 480x480, analysed as shipped
// The recordings are then replayed by FrameSizeEvidenceTests (FACEVERIFY_LIVENESS_CORPUS=DIR/<way>).
//
//   node bin/frame-size-probe.js --out DIR --seeds 4,6,10 [--ways default,frame-scales,half,near]
//
// Only the analysis differs between the three folders; DIR/default reproduces artifacts/corpus-v2 byte for byte.

const fs = require('node:fs');
const path = require('node:path');
const sharp = require('sharp');
const { loadIdentities } = require('../corpus/faces');
const { describe, renderSequence } = require('../corpus/sequences');
const { analyseSequence } = require('../corpus/analyse');
const { FaceEngine } = require('../src/engine/faceEngine');
const { createOperations } = require('../src/rekognition/operations');

function parseArgs(argv) {
  const args = { out: null, seeds: [], ways: ['default', 'frame-scales', 'half', 'near'] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') args.out = argv[++i];
    else if (argv[i] === '--seeds') args.seeds = argv[++i].split(',').map(Number);
    else if (argv[i] === '--ways') args.ways = argv[++i].split(',');
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!args.out || args.seeds.length === 0) throw new Error('--out DIR --seeds a,b,c are required');
  return args;
}

function analyser(engine, transform = async (jpeg) => jpeg) {
  const operations = createOperations({ engine, store: null, region: 'us-east-1' });
  return {
    async detect(jpeg) {
      const bytes = await transform(jpeg);
      return (await operations.DetectFaces({ Image: { Bytes: bytes.toString('base64') }, Attributes: ['ALL'] })).FaceDetails;
    },
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const corpus = await loadIdentities(path.join(__dirname, '..', 'corpus', '.cache', 'faces.json'));
  const shipped = await FaceEngine.load();
  const frameScales = await FaceEngine.load({ scales: [128, 160, 320] });
  const ways = {
    default: analyser(shipped),
    'frame-scales': analyser(frameScales),
    half: analyser(shipped, async (jpeg) => {
      const { width } = await sharp(jpeg).metadata();
      return sharp(jpeg).resize({ width: Math.round(width / 2) }).jpeg({ quality: 95 }).toBuffer();
    }),
  };
  ways.near = ways.default;
  for (const way of args.ways) {
    if (!ways[way]) throw new Error(`unknown way ${way}`);
    fs.mkdirSync(path.join(args.out, way), { recursive: true });
  }
  const heads = new Map();
  for (const seed of args.seeds) {
    const spec = describe('genuine', seed, corpus);
    const sequences = {};
    for (const way of args.ways) {
      const file = path.join(args.out, way, `genuine-${seed}.json`);
      if (fs.existsSync(file)) continue;
      const key = way === 'near' ? 'near' : 'shipped';
      sequences[key] ??= await renderSequence(key === 'near' ? { ...spec, focal: 0.8 * spec.height } : spec, corpus, heads);
      fs.writeFileSync(file, JSON.stringify(await analyseSequence(ways[way], sequences[key], 'nose')));
    }
    process.stdout.write(`genuine-${seed} ${spec.width}x${spec.height} turn ${spec.turn}\n`);
    if (heads.size > 6) heads.clear();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
