'use strict';

// Similarity calibration check for docs/local-stack.md. Run from tools/local-aws:  node bench/calibration.js
// (a) every pair of different faces among the faces found in face-api's six demo photos (taken to be different
//     people: the photos show different groups);
// (b) the same face under changes: another crop, mirror, 15 degree rotation, JPEG quality 40, blur.
// Prints distances and similarities as JSON lines.

const sharp = require('sharp');
const { startEngine, demoFaces, faceCrop } = require('../test-support/helpers');
const { euclidean, similarityFromDistance } = require('../src/engine/similarity');

const print = (o) => process.stdout.write(JSON.stringify(o) + '\n');

async function descriptorOf(engine, bytes) {
  const r = await engine.analyze(bytes, { descriptors: true, onlyLargest: true });
  return r.faces[0]?.descriptor ?? null;
}

async function main() {
  const { engine, close } = await startEngine();
  const faces = [];
  for (let n = 1; n <= 6; n++) {
    const { boxes } = await demoFaces(n);
    for (let i = 0; i < boxes.length; i++) {
      const d = await descriptorOf(engine, await faceCrop(n, i));
      if (d) faces.push({ id: `${n}.${i}`, n, i, d });
    }
  }
  const cross = [];
  for (let a = 0; a < faces.length; a++) {
    for (let b = a + 1; b < faces.length; b++) {
      const dist = euclidean(faces[a].d, faces[b].d);
      cross.push({ pair: `${faces[a].id}/${faces[b].id}`, dist, sim: similarityFromDistance(dist) });
    }
  }
  cross.sort((x, y) => x.dist - y.dist);
  const q = (arr, p) => arr[Math.floor(p * (arr.length - 1))];
  print({
    set: 'different faces in the demo photos',
    faces: faces.length,
    pairs: cross.length,
    minDistance: +cross[0].dist.toFixed(3),
    medianDistance: +q(cross, 0.5).dist.toFixed(3),
    atOrAbove80: cross.filter((c) => c.sim >= 80).length,
    atOrAbove90: cross.filter((c) => c.sim >= 90).length,
    closest: cross.slice(0, 5).map((c) => ({ pair: c.pair, distance: +c.dist.toFixed(3), similarity: +c.sim.toFixed(1) })),
  });

  const variants = {
    'other crop': (n, i) => faceCrop(n, i, { scale: 1.7, ox: 0.15, oy: 0.1, size: 400 }),
    mirror: async (n, i) => sharp(await faceCrop(n, i)).flop().jpeg().toBuffer(),
    'rotate 15': async (n, i) => sharp(await faceCrop(n, i)).rotate(15, { background: '#808080' }).jpeg().toBuffer(),
    'jpeg 40': async (n, i) => sharp(await faceCrop(n, i)).jpeg({ quality: 40 }).toBuffer(),
    'blur 2': async (n, i) => sharp(await faceCrop(n, i)).blur(2).jpeg().toBuffer(),
  };
  for (const [name, make] of Object.entries(variants)) {
    const sims = [];
    let missed = 0;
    for (const f of faces) {
      const d = await descriptorOf(engine, await make(f.n, f.i));
      if (!d) {
        missed++;
        continue;
      }
      sims.push(similarityFromDistance(euclidean(f.d, d)));
    }
    sims.sort((a, b) => a - b);
    print({ set: `same face, ${name}`, faces: sims.length, noFaceFound: missed, minSimilarity: +sims[0].toFixed(1), medianSimilarity: +q(sims, 0.5).toFixed(1), below90: sims.filter((s) => s < 90).length });
  }
  await close();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
