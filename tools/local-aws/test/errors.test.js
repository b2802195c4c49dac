'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const sharp = require('sharp');
const { startEngine, rek, request, faceCrop, b64 } = require('../test-support/helpers');

let engine;
before(async () => {
  engine = await startEngine();
});
after(() => engine.close());

/** Asserts Rekognition's error shape: status, JSON {__type, Message}, x-amzn-ErrorType header. */
function assertError(r, code, status = 400) {
  assert.equal(r.status, status, JSON.stringify(r.json));
  assert.equal(r.json.__type, code);
  assert.equal(typeof r.json.Message, 'string');
  assert.ok(r.json.Message.length > 0);
  assert.equal(r.headers['x-amzn-errortype'], code);
  assert.equal(r.headers['content-type'], 'application/x-amz-json-1.1');
}

const detect = (bytes, opts) => rek(engine.endpoint, 'DetectFaces', { Image: { Bytes: b64(bytes) } }, opts);

test('a GIF image returns InvalidImageFormatException', async () => {
  const gif = await sharp({ create: { width: 100, height: 100, channels: 3, background: '#fff' } }).gif().toBuffer();
  assertError(await detect(gif), 'InvalidImageFormatException');
});

test('text bytes return InvalidImageFormatException', async () => {
  assertError(await detect(Buffer.from('this is not an image at all, just text')), 'InvalidImageFormatException');
});

test('a corrupt JPEG returns InvalidImageFormatException', async () => {
  const jpeg = await faceCrop(1, 0);
  const corrupt = Buffer.concat([jpeg.subarray(0, 40), Buffer.alloc(4000, 0x55)]);
  assertError(await detect(corrupt), 'InvalidImageFormatException');
});

test('an image over 5 MB returns ImageTooLargeException', async () => {
  const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0);
  big[0] = 0xff;
  big[1] = 0xd8;
  big[2] = 0xff;
  assertError(await detect(big), 'ImageTooLargeException');
});

test('an image under 80 px on one side returns InvalidParameterException', async () => {
  const thin = await sharp({ create: { width: 79, height: 300, channels: 3, background: '#888' } }).png().toBuffer();
  assertError(await detect(thin), 'InvalidParameterException');
  const ok = await sharp({ create: { width: 80, height: 80, channels: 3, background: '#888' } }).png().toBuffer();
  assert.equal((await detect(ok)).status, 200);
});

test('Image.S3Object returns InvalidParameterException naming the local engine', async () => {
  const r = await rek(engine.endpoint, 'DetectFaces', { Image: { S3Object: { Bucket: 'b', Name: 'k.jpg' } } });
  assertError(r, 'InvalidParameterException');
  assert.equal(r.json.Message, 'S3Object not supported by the local engine');
});

test('bad arguments return InvalidParameterException', async () => {
  const img = { Bytes: b64(await faceCrop(1, 0)) };
  assertError(await rek(engine.endpoint, 'DetectFaces', {}), 'InvalidParameterException');
  assertError(await rek(engine.endpoint, 'DetectFaces', { Image: img, Attributes: ['EVERYTHING'] }), 'InvalidParameterException');
  assertError(await rek(engine.endpoint, 'CreateCollection', { CollectionId: 'has space' }), 'InvalidParameterException');
  assertError(await rek(engine.endpoint, 'CompareFaces', { SourceImage: img, TargetImage: img, SimilarityThreshold: 101 }), 'InvalidParameterException');
  assertError(await rek(engine.endpoint, 'DeleteFaces', { CollectionId: 'x', FaceIds: ['not-a-uuid'] }), 'InvalidParameterException');
  await rek(engine.endpoint, 'CreateCollection', { CollectionId: 'args' });
  assertError(await rek(engine.endpoint, 'IndexFaces', { CollectionId: 'args', Image: img, MaxFaces: 0 }), 'InvalidParameterException');
  assertError(await rek(engine.endpoint, 'IndexFaces', { CollectionId: 'args', Image: img, ExternalImageId: 'a@b.c' }), 'InvalidParameterException');
});

test('an unknown collection returns ResourceNotFoundException', async () => {
  const img = { Bytes: b64(await faceCrop(1, 0)) };
  assertError(await rek(engine.endpoint, 'IndexFaces', { CollectionId: 'nope', Image: img }), 'ResourceNotFoundException');
  assertError(await rek(engine.endpoint, 'SearchFacesByImage', { CollectionId: 'nope', Image: img }), 'ResourceNotFoundException');
  assertError(await rek(engine.endpoint, 'DeleteCollection', { CollectionId: 'nope' }), 'ResourceNotFoundException');
  assertError(await rek(engine.endpoint, 'DeleteFaces', { CollectionId: 'nope', FaceIds: ['11111111-2222-4333-8444-555555555555'] }), 'ResourceNotFoundException');
});

test('creating a collection twice returns ResourceAlreadyExistsException', async () => {
  assert.equal((await rek(engine.endpoint, 'CreateCollection', { CollectionId: 'twice' })).status, 200);
  assertError(await rek(engine.endpoint, 'CreateCollection', { CollectionId: 'twice' }), 'ResourceAlreadyExistsException');
});

test('SearchFacesByImage without a face returns InvalidParameterException', async () => {
  await rek(engine.endpoint, 'CreateCollection', { CollectionId: 'noface' });
  const blank = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#406080' } }).jpeg().toBuffer();
  assertError(await rek(engine.endpoint, 'SearchFacesByImage', { CollectionId: 'noface', Image: { Bytes: b64(blank) } }), 'InvalidParameterException');
});

test('an unknown operation returns UnknownOperationException', async () => {
  assertError(await rek(engine.endpoint, 'DetectLabels', {}), 'UnknownOperationException');
});

test('a body that is not JSON returns SerializationException', async () => {
  assertError(await rek(engine.endpoint, 'ListCollections', {}, { rawBody: '{not json' }), 'SerializationException');
});

test('an unsigned request returns MissingAuthenticationTokenException', async () => {
  const r = await request(engine.endpoint, {
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'RekognitionService.ListCollections' },
    body: '{}',
  });
  assertError(r, 'MissingAuthenticationTokenException');
});

test('an unknown access key returns UnrecognizedClientException', async () => {
  assertError(await rek(engine.endpoint, 'ListCollections', {}, { accessKeyId: 'AKIAOTHER' }), 'UnrecognizedClientException');
});

test('a wrong secret returns InvalidSignatureException', async () => {
  assertError(await rek(engine.endpoint, 'ListCollections', {}, { secretAccessKey: 'wrong' }), 'InvalidSignatureException');
});

test('a body changed after signing returns InvalidSignatureException', async () => {
  assertError(await rek(engine.endpoint, 'ListCollections', {}, { body: '{"MaxResults":1}' }), 'InvalidSignatureException');
});

test('a request signed 20 minutes ago returns InvalidSignatureException', async () => {
  assertError(await rek(engine.endpoint, 'ListCollections', {}, { date: new Date(Date.now() - 20 * 60 * 1000) }), 'InvalidSignatureException');
});

test('requests beyond --rekognition-max-inflight return ThrottlingException', async () => {
  const throttled = await startEngine({ maxInflight: 1 });
  try {
    const img = await faceCrop(3, 0);
    const results = await Promise.all([0, 1, 2, 3].map(() => rek(throttled.endpoint, 'DetectFaces', { Image: { Bytes: b64(img) } })));
    const codes = results.map((r) => r.json.__type ?? r.status);
    assert.ok(codes.includes(200), codes.join());
    const rejected = results.filter((r) => r.status !== 200);
    assert.ok(rejected.length >= 1, codes.join());
    for (const r of rejected) assertError(r, 'ThrottlingException', 500);
  } finally {
    await throttled.close();
  }
});
