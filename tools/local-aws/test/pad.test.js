'use strict';

// DetectPresentationAttack: the local engine's passive presentation-attack extension (src/engine/pad.js).

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const { startEngine, rek, demoPath, b64 } = require('../test-support/helpers');

let engine;
before(async () => {
  engine = await startEngine();
});
after(() => engine.close());

test('DetectPresentationAttack scores every face of a demo photo with antispoof and liveness in 0..1', async () => {
  const r = await rek(engine.endpoint, 'DetectPresentationAttack', { Image: { Bytes: b64(fs.readFileSync(demoPath(1))) } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.ok(r.json.Faces.length >= 3, `${r.json.Faces.length} faces`);
  for (const face of r.json.Faces) {
    assert.ok(face.Real >= 0 && face.Real <= 1 && face.Live >= 0 && face.Live <= 1, JSON.stringify(face));
    assert.ok(face.BoundingBox.Width > 0 && face.BoundingBox.Left >= 0);
  }
  const areas = r.json.Faces.map((f) => f.BoundingBox.Width * f.BoundingBox.Height);
  assert.deepEqual(areas, [...areas].sort((a, b) => b - a), 'largest face first');
});

test('DetectPresentationAttack refuses what DetectFaces refuses', async () => {
  const missing = await rek(engine.endpoint, 'DetectPresentationAttack', {});
  assert.equal(missing.status, 400);
  assert.equal(missing.json.__type, 'InvalidParameterException');
  const notAnImage = await rek(engine.endpoint, 'DetectPresentationAttack', { Image: { Bytes: b64(Buffer.from('not an image at all')) } });
  assert.equal(notAnImage.status, 400);
  assert.equal(notAnImage.json.__type, 'InvalidImageFormatException');
});
