'use strict';

// Pupils and EyesOpen from the iris model, on real faces: the hand-labelled demo faces (test/fixtures/demo-faces.json)
// and the pose frames (real photos with digitally edited eyes, test-support/pose-frames.js).

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const sharp = require('sharp');
const { measure } = require('../bench/demo-accuracy');
const { writePoseFrames } = require('../test-support/pose-frames');
const { startEngine, rek, faceCrop, b64, landmark } = require('../test-support/helpers');

let engine;
let server;
let framesDir;
before(async () => {
  server = await startEngine();
  engine = server.engine;
  framesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pose-frames-'));
});
after(() => {
  server.close();
  fs.rmSync(framesDir, { recursive: true, force: true });
});

test('pupils sit on the hand-marked irises of the demo faces, closer than the eye-contour centre', async () => {
  const { faces, missed, pupils } = await measure(engine);
  assert.equal(missed, 0, 'every labelled face is found');
  assert.equal(faces, 21);
  assert.equal(pupils.eyes, 27);
  // measured: mean 0.067, max 0.145 eye widths (2.3 px, at most 4.6 px); the eye-contour centre: 0.131 and 0.314
  assert.ok(pupils.meanErrorOfEyeWidth < 0.08, `mean error ${pupils.meanErrorOfEyeWidth}`);
  assert.ok(pupils.maxErrorOfEyeWidth < 0.16, `max error ${pupils.maxErrorOfEyeWidth}`);
  assert.ok(pupils.meanErrorOfEyeWidth < pupils.centroidMeanErrorOfEyeWidth / 1.5);
});

test('EyesOpen, Smile and MouthOpen on the hand-labelled demo faces', async () => {
  const { attributes } = await measure(engine);
  // measured: EyesOpen 21/21 (the 68-point eye aspect ratio it replaced: 16/21), Smile 19/21, MouthOpen 18/21
  assert.ok(attributes.eyesOpen.correct >= 20, JSON.stringify(attributes.eyesOpen));
  assert.ok(attributes.smile.correct >= 19, JSON.stringify(attributes.smile));
  assert.ok(attributes.mouthOpen.correct >= 18, JSON.stringify(attributes.mouthOpen));
});

test('the pose frames read as the pose they show: gaze left and right on both eyes, eyes closed, mouth', async () => {
  const readings = Object.fromEntries((await writePoseFrames(engine, framesDir)).map((r) => [r.frame.replace('.png', ''), r]));
  for (const mouth of ['smile', 'closed']) {
    const open = readings[`${mouth}-open`];
    assert.equal(open.eyesOpen, true, `${mouth}-open`);
    assert.deepEqual(readings[`${mouth}-left`].gaze, ['LEFT', 'LEFT'], `${mouth}-left`);
    assert.deepEqual(readings[`${mouth}-right`].gaze, ['RIGHT', 'RIGHT'], `${mouth}-right`);
    assert.equal(readings[`${mouth}-closed`].eyesOpen, false, `${mouth}-closed`);
    for (const eyes of ['open', 'left', 'right', 'closed']) {
      const r = readings[`${mouth}-${eyes}`];
      assert.equal(r.smile, mouth === 'smile', `${mouth}-${eyes} smile`);
      assert.equal(r.mouthOpen, mouth === 'smile', `${mouth}-${eyes} mouthOpen`);
      assert.ok(r.confidence >= 90 && Math.abs(r.pose.Yaw) <= 20 && Math.abs(r.pose.Pitch) <= 20 && Math.abs(r.pose.Roll) <= 20, JSON.stringify(r));
    }
  }
});

test('DetectFaces: pupils are inside their eye, and mirroring the image swaps them', async () => {
  const frame = await faceCrop(3, 1, { scale: 1.7 });
  const detect = async (buf) => {
    const r = await rek(server.endpoint, 'DetectFaces', { Image: { Bytes: b64(buf) } });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(r.json.FaceDetails.length, 1);
    return r.json.FaceDetails[0];
  };
  const face = await detect(frame);
  for (const [pupil, l, r] of [['leftPupil', 'leftEyeLeft', 'leftEyeRight'], ['rightPupil', 'rightEyeLeft', 'rightEyeRight']]) {
    const p = landmark(face, pupil);
    assert.ok(p.X > landmark(face, l).X && p.X < landmark(face, r).X, `${pupil} between its corners`);
    assert.ok(Math.abs(p.Y - (landmark(face, l).Y + landmark(face, r).Y) / 2) < 0.03, `${pupil} on the eye line`);
  }
  const mirrored = await detect(await sharp(frame).flop().jpeg({ quality: 92 }).toBuffer());
  // the image-left eye of the mirrored image is the image-right eye of the original
  assert.ok(Math.abs(landmark(mirrored, 'leftPupil').X - (1 - landmark(face, 'rightPupil').X)) < 0.01);
  assert.ok(Math.abs(landmark(mirrored, 'rightPupil').X - (1 - landmark(face, 'leftPupil').X)) < 0.01);
});
