'use strict';

// bin/landmark-noise.js (docs/liveness-evidence.md "Landmark noise of the local engine") on synthetic recordings
// whose noise is known: two still prints of two frame sizes with alternating ±d px landmark offsets, and a genuine turn whose landmarks move along a quadratic in time (no jitter).

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const SCRIPT = path.join(__dirname, '..', 'bin', 'landmark-noise.js');
const TYPES = [
  'eyeLeft', 'eyeRight', 'leftEyeLeft', 'leftEyeRight', 'leftEyeUp', 'leftEyeDown', 'rightEyeLeft', 'rightEyeRight', 'rightEyeUp', 'rightEyeDown',
  'leftEyeBrowLeft', 'leftEyeBrowRight', 'leftEyeBrowUp', 'rightEyeBrowLeft', 'rightEyeBrowRight', 'rightEyeBrowUp',
  'nose', 'noseLeft', 'noseRight', 'mouthLeft', 'mouthRight', 'mouthUp', 'mouthDown',
  'upperJawlineLeft', 'midJawlineLeft', 'chinBottom', 'midJawlineRight', 'upperJawlineRight',
];

// frames of one face (box 0.5 × 0.5 of the frame); offset(i) moves every landmark by [dx, dy] px in frame i
function recording(cls, seed, W, H, n, offset) {
  const frames = [];
  for (let i = 0; i < n; i++) {
    const [dx, dy] = offset(i);
    const Landmarks = TYPES.map((Type, k) => ({ Type, X: (0.3 + 0.4 * ((k % 7) / 7)) + dx / W, Y: (0.3 + 0.4 * (Math.floor(k / 7) / 4)) + dy / H }));
    frames.push({ timestampMs: 83 * i, faceDetails: [{ BoundingBox: { Left: 0.25, Top: 0.25, Width: 0.5, Height: 0.5 }, Landmarks }] });
  }
  return { parameters: { imageWidth: W, imageHeight: H }, frames, corpus: { class: cls, seed } };
}

function run(dir, ...args) {
  return execFileSync(process.execPath, [SCRIPT, dir, ...args], { encoding: 'utf8' });
}

test('landmark-noise: still-print SD and genuine jitter as a ratio of the face size, filtered by frame size', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landmark-noise-'));
  try {
    // 480×480, face 240 px: ±2.4 px alternating over 10 frames → SD 2.4·√(10/9) px = 1.05 % of the face
    fs.writeFileSync(path.join(dir, 'still-1.json'), JSON.stringify(recording('still', 1, 480, 480, 10, (i) => [i % 2 ? -2.4 : 2.4, 0])));
    // 1280×720, face √(640·360) = 480 px: ±1.2 px → 0.26 %
    fs.writeFileSync(path.join(dir, 'still-2.json'), JSON.stringify(recording('still', 2, 1280, 720, 10, (i) => [0, i % 2 ? 1.2 : -1.2])));
    fs.writeFileSync(path.join(dir, 'genuine-1.json'), JSON.stringify(recording('genuine', 1, 480, 480, 12, (i) => [0.5 * i * i + 3 * i, -2 * i])));

    const all = run(dir);
    assert.match(all, /\| eyes \| 1\.05 % median, 1\.05 % p90 \(n 20\) \| 0\.00 % median, 0\.00 % p90 \(n 80\) \|/);
    assert.match(all, /Mean still-print SD per sequence \(seed: value\): 1: 1\.05 %, 2: 0\.26 %/);

    const small = run(dir, '--frame', '480x480');
    assert.match(small, /\| jaw \| 1\.05 % median, 1\.05 % p90 \(n 5\) \| 0\.00 % median, 0\.00 % p90 \(n 40\) \|/);
    assert.doesNotMatch(small, /2: 0\.26 %/);

    const large = run(dir, '--frame', '1280x720');
    assert.match(large, /\| nose \| 0\.26 % median, 0\.26 % p90 \(n 3\) \| – \|/);
    assert.doesNotMatch(large, /1: 1\.05 %/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('landmark-noise: an unusable --frame is refused', () => {
  assert.throws(() => execFileSync(process.execPath, [SCRIPT, os.tmpdir(), '--frame', 'x'], { stdio: 'pipe' }), /usage/);
});
