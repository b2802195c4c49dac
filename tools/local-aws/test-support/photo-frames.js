'use strict';

// Writes camera-frame-like JPEGs of two real people, cut from face-api's demo photos, for the .NET tests that run a
// liveness session against the real local engine (tests/FaceVerify.SecurityTests, PhotoSubstitutionLocalEngineTests):
//   node tools/local-aws/test-support/photo-frames.js OUTDIR [SIZE]
// OUTDIR/{alice,mallory}-reference.jpg: a frontal crop (the enrolment photo); OUTDIR/{alice,mallory}-NN.jpg (NN 00..11):
// the same person cropped a little differently each time (a head moving in front of the camera), SIZE x SIZE (480).
// Prints {"alice":[...], "mallory":[...]} with the engine's CompareFaces similarity of each frame to the reference,
// so the test (and docs/security.md) can quote them.

const fs = require('node:fs');
const path = require('node:path');
const { faceCrop } = require('./helpers');
const { FaceEngine } = require('../src/engine/faceEngine');
const { similarity } = require('../src/engine/similarity');

// alice: sample3 face 0; mallory: sample5 face 0 (two different people, below 90 % for the engine).
const PEOPLE = { alice: [3, 0], mallory: [5, 0] };
const FRAMES = 12;

async function main() {
  const out = process.argv[2];
  const size = Number.parseInt(process.argv[3] ?? '480', 10);
  if (!out) throw new Error('usage: photo-frames.js OUTDIR [SIZE]');
  fs.mkdirSync(out, { recursive: true });
  const engine = await FaceEngine.load();
  const descriptor = async (buf) => (await engine.analyze(buf, { descriptors: true, onlyLargest: true })).faces[0]?.descriptor;
  const report = {};
  for (const [name, [n, i]] of Object.entries(PEOPLE)) {
    const reference = await faceCrop(n, i, { scale: 2.2, size });
    fs.writeFileSync(path.join(out, `${name}-reference.jpg`), reference);
    const ref = await descriptor(reference);
    report[name] = [];
    for (let k = 0; k < FRAMES; k++) {
      // a head moving a little: scale 2.0..2.4, centre shifted up to ±0.12 face widths
      const t = k / (FRAMES - 1);
      const frame = await faceCrop(n, i, { scale: 2.0 + 0.4 * t, ox: 0.12 * Math.sin(k), oy: 0.08 * Math.cos(k), size });
      fs.writeFileSync(path.join(out, `${name}-${String(k).padStart(2, '0')}.jpg`), frame);
      const d = await descriptor(frame);
      report[name].push(d && ref ? Math.round(similarity(ref, d) * 10) / 10 : null);
    }
  }
  const a = await descriptor(fs.readFileSync(path.join(out, 'alice-reference.jpg')));
  const m = await descriptor(fs.readFileSync(path.join(out, 'mallory-reference.jpg')));
  report.aliceVsMallory = Math.round(similarity(a, m) * 10) / 10;
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
});
