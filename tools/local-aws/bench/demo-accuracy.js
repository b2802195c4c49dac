'use strict';

// Accuracy of the engine's pupils and boolean attributes against the hand-labelled demo faces
// (test/fixtures/demo-faces.json). Run from tools/local-aws:
//   node bench/demo-accuracy.js          (prints a JSON summary and one line per face)
// test/demo-accuracy.test.js pins the figures this prints.

const fs = require('node:fs');
const path = require('node:path');
const { FaceEngine } = require('../src/engine/faceEngine');

const FIXTURE = path.join(__dirname, '..', 'test', 'fixtures', 'demo-faces.json');
const DEMO_DIR = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo');
const MATCH_PX = 20;

// The pose challenge's gaze rule (src/FaceVerify/Challenges/Pose/PoseMatcher.cs): the eye's width in thirds, a band
// of 1.2 thirds (40 %) at each corner.
function gaze(leftCornerX, rightCornerX, pupilX) {
  const third = (rightCornerX - leftCornerX) / 3;
  if (pupilX <= leftCornerX + third * 1.2) return 'LEFT';
  return pupilX >= rightCornerX - third * 1.2 ? 'RIGHT' : 'CENTRE';
}

/** Runs the engine over the demo photos and compares with the fixture. */
async function measure(engine) {
  const fixture = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
  const samples = [...new Set(fixture.faces.map((f) => f.sample))];
  const rows = [];
  let detectedNotInFixture = 0;
  for (const sample of samples) {
    const bytes = fs.readFileSync(path.join(DEMO_DIR, sample));
    const { width, height, faces } = await engine.analyze(bytes, { expressions: true });
    const labelled = fixture.faces.filter((f) => f.sample === sample);
    const used = new Set();
    for (const face of faces) {
      const detail = FaceEngine.faceDetail(face, width, height, true);
      const lm = Object.fromEntries(detail.Landmarks.map((l) => [l.Type, [l.X * width, l.Y * height]]));
      const eyes = [
        (lm.leftEyeLeft[0] + lm.leftEyeRight[0] + lm.rightEyeLeft[0] + lm.rightEyeRight[0]) / 4,
        (lm.leftEyeLeft[1] + lm.leftEyeRight[1] + lm.rightEyeLeft[1] + lm.rightEyeRight[1]) / 4,
      ];
      const truth = labelled.find((f) => !used.has(f) && Math.hypot(f.eyes[0] - eyes[0], f.eyes[1] - eyes[1]) <= MATCH_PX);
      if (!truth) {
        detectedNotInFixture++;
        continue;
      }
      used.add(truth);
      const eyeRows = [];
      for (const [side, pupilType, centreType, lType, rType] of [
        ['left', 'leftPupil', 'eyeLeft', 'leftEyeLeft', 'leftEyeRight'],
        ['right', 'rightPupil', 'eyeRight', 'rightEyeLeft', 'rightEyeRight'],
      ]) {
        const t = truth[pupilType];
        if (!t) continue;
        const eyeWidth = Math.hypot(lm[rType][0] - lm[lType][0], lm[rType][1] - lm[lType][1]);
        const err = (p) => Math.hypot(p[0] - t[0], p[1] - t[1]);
        eyeRows.push({
          side,
          eyeWidth,
          pupilError: err(lm[pupilType]),
          centroidError: err(lm[centreType]),
          gazeTruth: gaze(lm[lType][0], lm[rType][0], t[0]),
          gazeEngine: gaze(lm[lType][0], lm[rType][0], lm[pupilType][0]),
        });
      }
      rows.push({
        sample,
        eyes: truth.eyes,
        truth: { eyesOpen: truth.eyesOpen, smile: truth.smile, mouthOpen: truth.mouthOpen },
        ambiguous: truth.ambiguous ?? [],
        engine: { eyesOpen: detail.EyesOpen.Value, smile: detail.Smile.Value, mouthOpen: detail.MouthOpen.Value },
        eyeRows,
      });
    }
  }
  const missed = fixture.faces.length - rows.length;
  const attributes = {};
  for (const a of ['eyesOpen', 'smile', 'mouthOpen']) {
    const all = rows.filter((r) => r.truth[a] === r.engine[a]).length;
    const clear = rows.filter((r) => !r.ambiguous.includes(a));
    attributes[a] = {
      correct: all,
      of: rows.length,
      correctClear: clear.filter((r) => r.truth[a] === r.engine[a]).length,
      ofClear: clear.length,
      wrong: rows.filter((r) => r.truth[a] !== r.engine[a]).map((r) => `${r.sample}@${r.eyes.join(',')}: ${r.engine[a]}`),
    };
  }
  const eyes = rows.flatMap((r) => r.eyeRows);
  const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const max = (xs) => Math.max(...xs);
  const pupils = {
    eyes: eyes.length,
    meanErrorPx: mean(eyes.map((e) => e.pupilError)),
    maxErrorPx: max(eyes.map((e) => e.pupilError)),
    meanErrorOfEyeWidth: mean(eyes.map((e) => e.pupilError / e.eyeWidth)),
    maxErrorOfEyeWidth: max(eyes.map((e) => e.pupilError / e.eyeWidth)),
    centroidMeanErrorOfEyeWidth: mean(eyes.map((e) => e.centroidError / e.eyeWidth)),
    centroidMaxErrorOfEyeWidth: max(eyes.map((e) => e.centroidError / e.eyeWidth)),
    gazeAgrees: eyes.filter((e) => e.gazeTruth === e.gazeEngine).length,
  };
  return { faces: rows.length, missed, detectedNotInFixture, pupils, attributes, rows };
}

if (require.main === module) {
  (async () => {
    const engine = await FaceEngine.load();
    const result = await measure(engine);
    const { rows, ...summary } = result;
    const round = (o) => JSON.parse(JSON.stringify(o, (k, v) => (typeof v === 'number' ? +v.toFixed(3) : v)));
    process.stdout.write(JSON.stringify(round(summary), null, 1) + '\n');
    for (const r of rows) {
      const e = r.eyeRows.map((x) => `${x.side} ${x.pupilError.toFixed(1)}px/${(x.pupilError / x.eyeWidth).toFixed(2)}w (centroid ${(x.centroidError / x.eyeWidth).toFixed(2)}w) ${x.gazeEngine}`).join('; ');
      process.stdout.write(`${r.sample} ${r.eyes}: truth ${JSON.stringify(r.truth)} engine ${JSON.stringify(r.engine)} ${e}\n`);
    }
  })().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

module.exports = { measure, gaze };
