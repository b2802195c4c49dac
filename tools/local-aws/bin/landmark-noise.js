#!/usr/bin/env node
'use strict';

// The local engine's landmark noise on the liveness corpus recordings (docs/liveness-evidence.md), per landmark group,
// as a percentage of the face size (√(box width × box height)):
//   still faces: the standard deviation of each landmark over the frames of the `still` class (a print held still;
//                only sensor noise, lighting drift and JPEG re-encoding change between frames);
//   genuine corpus: the RMS deviation of each landmark from a quadratic in time fitted over a sliding window of 5
//                frames (the smooth head motion removed; what is left is frame-to-frame jitter).
//
//   node bin/landmark-noise.js DIR [--frame WxH]
//
// --frame keeps only the recordings of one frame size (e.g. 1280x720).

const fs = require('node:fs');
const path = require('node:path');

const GROUPS = {
  eyes: ['eyeLeft', 'eyeRight', 'leftEyeLeft', 'leftEyeRight', 'leftEyeUp', 'leftEyeDown', 'rightEyeLeft', 'rightEyeRight', 'rightEyeUp', 'rightEyeDown'],
  brows: ['leftEyeBrowLeft', 'leftEyeBrowRight', 'leftEyeBrowUp', 'rightEyeBrowLeft', 'rightEyeBrowRight', 'rightEyeBrowUp'],
  nose: ['nose', 'noseLeft', 'noseRight'],
  mouth: ['mouthLeft', 'mouthRight', 'mouthUp', 'mouthDown'],
  jaw: ['upperJawlineLeft', 'midJawlineLeft', 'chinBottom', 'midJawlineRight', 'upperJawlineRight'],
};

function series(rec) {
  const { imageWidth: W, imageHeight: H } = rec.parameters;
  return rec.frames.filter((f) => f.faceDetails.length === 1).map((f) => {
    const face = f.faceDetails[0];
    const size = Math.sqrt(face.BoundingBox.Width * W * face.BoundingBox.Height * H);
    const points = Object.fromEntries(face.Landmarks.map((l) => [l.Type, [l.X * W, l.Y * H]]));
    return { size, points };
  });
}

function stillNoise(frames, types) {
  const out = [];
  for (const t of types) {
    const xs = frames.map((f) => f.points[t][0]);
    const ys = frames.map((f) => f.points[t][1]);
    const sd = (a) => { const m = a.reduce((s, v) => s + v, 0) / a.length; return Math.sqrt(a.reduce((s, v) => s + (v - m) ** 2, 0) / (a.length - 1)); };
    const size = frames.reduce((s, f) => s + f.size, 0) / frames.length;
    out.push(Math.hypot(sd(xs), sd(ys)) / size);
  }
  return out;
}

function jitter(frames, types) {
  const out = [];
  for (let i = 2; i + 2 < frames.length; i++) {
    const window = frames.slice(i - 2, i + 3);
    for (const t of types) {
      let e = 0;
      for (const k of [0, 1]) {
        // quadratic through 5 equally spaced samples (Savitzky-Golay, window 5, order 2): centre estimate
        const v = window.map((f) => f.points[t][k]);
        const smooth = (-3 * v[0] + 12 * v[1] + 17 * v[2] + 12 * v[3] - 3 * v[4]) / 35;
        e += (v[2] - smooth) ** 2;
      }
      out.push(Math.sqrt(e) / frames[i].size);
    }
  }
  return out;
}

const pct = (a) => {
  if (a.length === 0) return '–';
  const s = [...a].sort((x, y) => x - y);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `${(100 * q(0.5)).toFixed(2)} % median, ${(100 * q(0.9)).toFixed(2)} % p90 (n ${s.length})`;
};

const dir = process.argv[2];
const frameAt = process.argv.indexOf('--frame');
const frame = frameAt > 0 ? process.argv[frameAt + 1] : null;
if (!dir || (frameAt > 0 && !/^\d+x\d+$/.test(frame ?? ''))) {
  console.error('usage: node bin/landmark-noise.js DIR [--frame WxH]');
  process.exit(2);
}
const recordings = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')))
  .filter((r) => !frame || `${r.parameters.imageWidth}x${r.parameters.imageHeight}` === frame);
console.log('| landmark group | still prints: SD over frames | genuine corpus: frame-to-frame jitter |');
console.log('|---|---|---|');
for (const [group, types] of Object.entries(GROUPS)) {
  const still = recordings.filter((r) => r.corpus.class === 'still').flatMap((r) => { const s = series(r); return s.length >= 5 ? stillNoise(s, types) : []; });
  const genuine = recordings.filter((r) => r.corpus.class === 'genuine').flatMap((r) => jitter(series(r), types));
  console.log(`| ${group} | ${pct(still)} | ${pct(genuine)} |`);
}
const perStill = recordings.filter((r) => r.corpus.class === 'still').map((r) => {
  const s = series(r);
  const all = stillNoise(s, Object.values(GROUPS).flat());
  return `${r.corpus.seed}: ${(100 * all.reduce((a, v) => a + v, 0) / all.length).toFixed(2)} %`;
});
console.log(`\nMean still-print SD per sequence (seed: value): ${perStill.join(', ')}`);
