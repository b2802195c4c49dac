#!/usr/bin/env node
'use strict';

// Copies a fixed seeded subset of the corpus recordings into the test fixtures, slimmed (the fields the nose
// challenge reads, coordinates rounded to 1e-5 of the frame) so the fixtures stay small.
//
//   node bin/corpus-subset.js FROM_DIR TO_DIR

const fs = require('node:fs');
const path = require('node:path');

const SUBSET = {
  genuine: [1, 2, 3, 9, 10, 11, 12, 13, 14, 15, 16],
  still: [1, 2, 3], slide: [1, 2, 3], tilt: [1, 2, 3], cylinder: [1, 2, 3], bump: [1, 2, 3], bend: [1, 2, 3],
  screen: [1, 2], subst1: [1, 2], substN: [1, 2], second: [1, 2],
};

const r5 = (v) => Math.round(v * 1e5) / 1e5;
const r2 = (v) => Math.round(v * 100) / 100;
const [from, to] = process.argv.slice(2);
fs.mkdirSync(to, { recursive: true });
for (const [cls, seeds] of Object.entries(SUBSET)) {
  for (const seed of seeds) {
    const file = path.join(from, `${cls}-${seed}.json`);
    if (!fs.existsSync(file)) {
      console.error(`missing ${file}`);
      process.exitCode = 1;
      continue;
    }
    const rec = JSON.parse(fs.readFileSync(file, 'utf8'));
    rec.frames = rec.frames.map((f) => ({
      timestampMs: f.timestampMs,
      faceDetails: f.faceDetails.map((d) => ({
        BoundingBox: { Width: r5(d.BoundingBox.Width), Height: r5(d.BoundingBox.Height), Left: r5(d.BoundingBox.Left), Top: r5(d.BoundingBox.Top) },
        Landmarks: d.Landmarks.map((l) => ({ Type: l.Type, X: r5(l.X), Y: r5(l.Y) })),
        Pose: { Roll: r2(d.Pose.Roll), Yaw: r2(d.Pose.Yaw), Pitch: r2(d.Pose.Pitch) },
        Confidence: r2(d.Confidence),
      })),
    }));
    rec.corpus.truth = rec.corpus.truth.map((t) => ({ yaw: t.yaw }));
    fs.writeFileSync(path.join(to, `${cls}-${seed}.json`), JSON.stringify(rec));
  }
}
