'use strict';

// The local engine throws its own errors (src/engine/errors.js); the Rekognition front end (operations.js) maps them
// to Rekognition's error codes and messages. No models are loaded here: decode() only needs sharp.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const sharp = require('sharp');
const { EngineError } = require('../src/engine/errors');
const { FaceEngine } = require('../src/engine/faceEngine');
const { toRekognitionError, withRekognitionErrors } = require('../src/rekognition/operations');
const { RekognitionError } = require('../src/rekognition/errors');

const png = (w, h) => sharp({ create: { width: w, height: h, channels: 3, background: '#888' } }).png().toBuffer();

async function rejectsWithKind(promise, kind) {
  await assert.rejects(promise, (err) => {
    assert.ok(err instanceof EngineError, `an EngineError, not ${err && err.constructor && err.constructor.name}`);
    assert.equal(err.kind, kind);
    return true;
  });
}

test('decode refuses bad input with engine errors, not Rekognition errors', async () => {
  await rejectsWithKind(FaceEngine.decode(Buffer.alloc(0)), 'EmptyImage');
  await rejectsWithKind(FaceEngine.decode(Buffer.from('not an image at all, just some text')), 'UnsupportedImage');
  const gif = await sharp({ create: { width: 100, height: 100, channels: 3, background: '#fff' } }).gif().toBuffer();
  await rejectsWithKind(FaceEngine.decode(gif), 'UnsupportedImage');
  await rejectsWithKind(FaceEngine.decode(await png(20, 20)), 'ImageTooSmall');
});

test('decode accepts a plain PNG', async () => {
  const image = await FaceEngine.decode(await png(120, 90));
  assert.equal(image.width, 120);
  assert.equal(image.height, 90);
});

test('every engine error kind maps to the Rekognition error for the same input', () => {
  const cases = {
    EmptyImage: ['InvalidParameterException', /^Request has invalid parameters/],
    ImageTooManyBytes: ['ImageTooLargeException', /^Image size is too large\.$/],
    ImageTooManyPixels: ['ImageTooLargeException', /^Image size is too large: 9000x9000 px/],
    ImageTooSmall: ['InvalidParameterException', /^Request has invalid parameters: the image is 20x20 px/],
    UnsupportedImage: ['InvalidImageFormatException', /^Request has invalid image format$/],
  };
  assert.deepEqual(Object.keys(cases).sort(), Object.keys(EngineError.Kinds).sort(), 'every kind has a mapping case');
  const details = { ImageTooManyPixels: '9000x9000 px; at most 1 pixels are decoded', ImageTooSmall: 'the image is 20x20 px; the minimum is 40 px on each side' };
  for (const [kind, [code, message]] of Object.entries(cases)) {
    const mapped = toRekognitionError(new EngineError(kind, details[kind] ?? 'detail'));
    assert.ok(mapped instanceof RekognitionError, kind);
    assert.equal(mapped.code, code, kind);
    assert.equal(mapped.status, 400, kind);
    assert.match(mapped.message, message, kind);
  }
});

test('errors that are not the engine\'s pass through unchanged', () => {
  const own = new RekognitionError('ResourceNotFoundException', 'gone');
  const bug = new TypeError('a bug');
  assert.equal(toRekognitionError(own), own);
  assert.equal(toRekognitionError(bug), bug);
  assert.throws(() => new EngineError('NoSuchKind', 'x'), TypeError);
});

test('operations wrapped with withRekognitionErrors answer engine errors as Rekognition errors', async () => {
  const ops = withRekognitionErrors({
    async DetectFaces() {
      throw new EngineError('UnsupportedImage', 'the image is not a decodable JPEG or PNG');
    },
    async Echo(input) {
      return input;
    },
  });
  await assert.rejects(ops.DetectFaces({}), (err) => err instanceof RekognitionError && err.code === 'InvalidImageFormatException');
  assert.deepEqual(await ops.Echo({ a: 1 }), { a: 1 });
});

test('the engine does not depend on the Rekognition front end', () => {
  const dir = path.join(__dirname, '..', 'src', 'engine');
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.js'))) {
    const source = fs.readFileSync(path.join(dir, file), 'utf8');
    assert.doesNotMatch(source, /require\([^)]*rekognition/, `${file} requires the Rekognition front end`);
    assert.doesNotMatch(source, /new RekognitionError\b/, `${file} throws Rekognition errors`);
  }
});
