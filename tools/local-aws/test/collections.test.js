'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const sharp = require('sharp');
const { startEngine, rek, faceCrop, demoFaces, demoPath, b64 } = require('../test-support/helpers');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let engine;
let dataDir;
before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-aws-test-'));
  engine = await startEngine({ dataDir });
});
after(async () => {
  await engine.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function ok(op, input, endpoint = engine.endpoint) {
  const r = await rek(endpoint, op, input);
  assert.equal(r.status, 200, `${op}: ${JSON.stringify(r.json)}`);
  return r.json;
}

const image = (buf) => ({ Bytes: b64(buf) });

test('CompareFaces scores the same face cropped two ways at 90 or more', async () => {
  for (const [n, i] of [[1, 1], [3, 0], [5, 0], [6, 3]]) {
    const a = await faceCrop(n, i, { scale: 2.2 });
    const b = await faceCrop(n, i, { scale: 1.7, ox: 0.15, oy: 0.1, size: 400 });
    const r = await ok('CompareFaces', { SourceImage: image(a), TargetImage: image(b), SimilarityThreshold: 0 });
    assert.equal(r.FaceMatches.length, 1);
    assert.ok(r.FaceMatches[0].Similarity >= 90, `sample${n} face ${i}: ${r.FaceMatches[0].Similarity}`);
    assert.ok(r.SourceImageFace.Confidence >= 90);
  }
});

test('CompareFaces scores the same face mirrored at 90 or more', async () => {
  const a = await faceCrop(3, 0);
  const r = await ok('CompareFaces', { SourceImage: image(a), TargetImage: image(await sharp(a).flop().toBuffer()), SimilarityThreshold: 0 });
  assert.ok(r.FaceMatches[0].Similarity >= 90, `${r.FaceMatches[0].Similarity}`);
});

test('CompareFaces scores two different people below 90', async () => {
  for (const [x, y] of [[[1, 0], [5, 0]], [[3, 0], [6, 3]], [[2, 0], [4, 3]], [[1, 1], [3, 1]]]) {
    const r = await ok('CompareFaces', { SourceImage: image(await faceCrop(...x)), TargetImage: image(await faceCrop(...y)), SimilarityThreshold: 0 });
    const sim = r.FaceMatches[0]?.Similarity ?? 0;
    assert.ok(sim < 90, `${x} vs ${y}: ${sim}`);
  }
});

test('CompareFaces with the default threshold puts a different person in UnmatchedFaces with ComparedFace fields', async () => {
  const r = await ok('CompareFaces', { SourceImage: image(await faceCrop(1, 0)), TargetImage: image(await faceCrop(5, 0)) });
  assert.equal(r.FaceMatches.length, 0);
  assert.equal(r.UnmatchedFaces.length, 1);
  const f = r.UnmatchedFaces[0];
  assert.deepEqual(Object.keys(f).sort(), ['BoundingBox', 'Confidence', 'Emotions', 'Landmarks', 'Pose', 'Quality', 'Smile']);
  assert.deepEqual(f.Landmarks.map((l) => l.Type), ['eyeLeft', 'eyeRight', 'nose', 'mouthLeft', 'mouthRight']);
});

test('CompareFaces matches the source face among the faces of a group photo', async () => {
  const target = await sharp(demoPath(3)).toBuffer();
  const r = await ok('CompareFaces', { SourceImage: image(await faceCrop(3, 1, { scale: 1.8 })), TargetImage: image(target), SimilarityThreshold: 90 });
  assert.equal(r.FaceMatches.length, 1);
  assert.equal(r.UnmatchedFaces.length, 2);
});

// Face login sends a session frame as the source and the reference photo as the target, relying on this (as Rekognition
// documents): only the largest face of the source is compared, so a small face elsewhere in a frame never counts.
test('CompareFaces compares only the largest face of the source image', async () => {
  const { boxes } = await demoFaces(3);
  const bySize = boxes.map((b, i) => ({ i, area: b.width * b.height })).sort((a, b) => b.area - a.area);
  const largest = bySize[0].i;
  const smaller = bySize[bySize.length - 1].i;
  const group = await sharp(demoPath(3)).toBuffer();
  const same = await ok('CompareFaces', { SourceImage: image(group), TargetImage: image(await faceCrop(3, largest)), SimilarityThreshold: 0 });
  const other = await ok('CompareFaces', { SourceImage: image(group), TargetImage: image(await faceCrop(3, smaller)), SimilarityThreshold: 0 });
  assert.ok(same.FaceMatches[0].Similarity >= 90, `largest face: ${same.FaceMatches[0].Similarity}`);
  assert.ok(other.FaceMatches[0].Similarity < 90, `a smaller face of the same source photo: ${other.FaceMatches[0].Similarity}`);
});

test('CompareFaces without a face in the source returns InvalidParameterException', async () => {
  const blank = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#406080' } }).jpeg().toBuffer();
  const r = await rek(engine.endpoint, 'CompareFaces', { SourceImage: image(blank), TargetImage: image(await faceCrop(1, 0)) });
  assert.equal(r.status, 400);
  assert.equal(r.json.__type, 'InvalidParameterException');
});

test('collections: create, list, index, search, delete faces, delete collection', async () => {
  const created = await ok('CreateCollection', { CollectionId: 'people' });
  assert.equal(created.StatusCode, 200);
  assert.match(created.CollectionArn, /collection\/people$/);
  assert.ok((await ok('ListCollections', {})).CollectionIds.includes('people'));

  const enrolled = {};
  for (const [key, n, i] of [['alice', 1, 1], ['bea', 3, 0], ['cora', 5, 0], ['dana', 6, 3]]) {
    const r = await ok('IndexFaces', { CollectionId: 'people', Image: image(await faceCrop(n, i)), ExternalImageId: `user_${key}`, MaxFaces: 1 });
    assert.equal(r.FaceRecords.length, 1, key);
    const face = r.FaceRecords[0].Face;
    assert.match(face.FaceId, UUID);
    assert.match(face.ImageId, UUID);
    assert.equal(face.ExternalImageId, `user_${key}`);
    assert.ok(r.FaceRecords[0].FaceDetail.Landmarks.length === 30);
    enrolled[key] = face.FaceId;
  }

  // a different crop of bea finds bea first, at 90 or more
  const probe = await faceCrop(3, 0, { scale: 1.7, ox: -0.1, size: 360 });
  const found = await ok('SearchFacesByImage', { CollectionId: 'people', Image: image(probe), FaceMatchThreshold: 80, MaxFaces: 5 });
  assert.ok(found.FaceMatches.length >= 1);
  assert.equal(found.FaceMatches[0].Face.FaceId, enrolled.bea);
  assert.equal(found.FaceMatches[0].Face.ExternalImageId, 'user_bea');
  assert.ok(found.FaceMatches[0].Similarity >= 90);
  assert.ok(found.SearchedFaceConfidence >= 90);
  assert.ok(found.SearchedFaceBoundingBox.Width > 0);
  for (let k = 1; k < found.FaceMatches.length; k++) assert.ok(found.FaceMatches[k - 1].Similarity >= found.FaceMatches[k].Similarity);

  // ListFaces pages through every indexed face with its ExternalImageId, never the descriptor
  const listed = [];
  let token;
  do {
    const pageOfFaces = await ok('ListFaces', { CollectionId: 'people', MaxResults: 1, ...(token ? { NextToken: token } : {}) });
    assert.ok(pageOfFaces.Faces.length <= 1);
    listed.push(...pageOfFaces.Faces);
    token = pageOfFaces.NextToken;
  } while (token);
  assert.deepEqual(listed.map((f) => f.FaceId).sort(), Object.values(enrolled).sort());
  assert.ok(listed.some((f) => f.FaceId === enrolled.bea && f.ExternalImageId === 'user_bea'));
  assert.ok(listed.every((f) => !('descriptor' in f)));

  const deleted = await ok('DeleteFaces', { CollectionId: 'people', FaceIds: [enrolled.bea, '11111111-2222-4333-8444-555555555555'] });
  assert.deepEqual(deleted.DeletedFaces, [enrolled.bea]);
  assert.deepEqual(deleted.UnsuccessfulFaceDeletions, [{ FaceId: '11111111-2222-4333-8444-555555555555', Reasons: ['FACE_NOT_FOUND'] }]);
  const again = await ok('SearchFacesByImage', { CollectionId: 'people', Image: image(probe), FaceMatchThreshold: 90 });
  assert.ok(again.FaceMatches.every((m) => m.Face.FaceId !== enrolled.bea));

  assert.equal((await ok('DeleteCollection', { CollectionId: 'people' })).StatusCode, 200);
  assert.ok(!(await ok('ListCollections', {})).CollectionIds.includes('people'));
});

test('IndexFaces honours MaxFaces and reports the rest as UnindexedFaces EXCEEDS_MAX_FACES', async () => {
  await ok('CreateCollection', { CollectionId: 'group' });
  const r = await ok('IndexFaces', { CollectionId: 'group', Image: image(await sharp(demoPath(5)).toBuffer()), MaxFaces: 2, QualityFilter: 'NONE', DetectionAttributes: ['ALL'] });
  assert.equal(r.FaceRecords.length, 2);
  assert.equal(r.UnindexedFaces.length, 3);
  for (const u of r.UnindexedFaces) assert.deepEqual(u.Reasons, ['EXCEEDS_MAX_FACES']);
  assert.ok('Smile' in r.FaceRecords[0].FaceDetail);
  // largest first
  const area = (f) => f.BoundingBox.Width * f.BoundingBox.Height;
  assert.ok(area(r.FaceRecords[0].Face) >= area(r.FaceRecords[1].Face));
  assert.ok(area(r.FaceRecords[1].Face) >= area(r.UnindexedFaces[0].FaceDetail));
});

test('IndexFaces with QualityFilter HIGH rejects a blurred face with LOW_SHARPNESS', async () => {
  await ok('CreateCollection', { CollectionId: 'quality' });
  const blurred = await sharp(await faceCrop(6, 1)).blur(6).jpeg().toBuffer();
  const r = await ok('IndexFaces', { CollectionId: 'quality', Image: image(blurred), QualityFilter: 'HIGH' });
  assert.equal(r.FaceRecords.length, 0);
  assert.ok(r.UnindexedFaces[0].Reasons.includes('LOW_SHARPNESS'), JSON.stringify(r.UnindexedFaces[0].Reasons));
  const none = await ok('IndexFaces', { CollectionId: 'quality', Image: image(blurred), QualityFilter: 'NONE' });
  assert.equal(none.FaceRecords.length, 1);
});

test('IndexFaces of the same image with the same ExternalImageId stores no duplicate', async () => {
  await ok('CreateCollection', { CollectionId: 'dedupe' });
  const img = image(await faceCrop(3, 1));
  const first = await ok('IndexFaces', { CollectionId: 'dedupe', Image: img, ExternalImageId: 'u1' });
  const second = await ok('IndexFaces', { CollectionId: 'dedupe', Image: img, ExternalImageId: 'u1' });
  assert.equal(second.FaceRecords[0].Face.FaceId, first.FaceRecords[0].Face.FaceId);
  const third = await ok('IndexFaces', { CollectionId: 'dedupe', Image: img, ExternalImageId: 'u2' });
  assert.notEqual(third.FaceRecords[0].Face.FaceId, first.FaceRecords[0].Face.FaceId);
});

test('collections and their faces survive a restart with the same data dir', async () => {
  await ok('CreateCollection', { CollectionId: 'durable' });
  const indexed = await ok('IndexFaces', { CollectionId: 'durable', Image: image(await faceCrop(5, 0)), ExternalImageId: 'kept' });
  const restarted = await startEngine({ dataDir });
  try {
    assert.ok((await ok('ListCollections', {}, restarted.endpoint)).CollectionIds.includes('durable'));
    const found = await ok('SearchFacesByImage', { CollectionId: 'durable', Image: image(await faceCrop(5, 0, { scale: 1.8 })) }, restarted.endpoint);
    assert.equal(found.FaceMatches[0].Face.FaceId, indexed.FaceRecords[0].Face.FaceId);
    assert.equal(found.FaceMatches[0].Face.ExternalImageId, 'kept');
  } finally {
    await restarted.close();
  }
});

test('ListCollections pages with MaxResults and NextToken', async () => {
  for (const id of ['page-a', 'page-b', 'page-c']) await ok('CreateCollection', { CollectionId: id });
  const seen = [];
  let token;
  do {
    const r = await ok('ListCollections', { MaxResults: 2, ...(token ? { NextToken: token } : {}) });
    assert.ok(r.CollectionIds.length <= 2);
    assert.equal(r.FaceModelVersions.length, r.CollectionIds.length);
    seen.push(...r.CollectionIds);
    token = r.NextToken;
  } while (token);
  for (const id of ['page-a', 'page-b', 'page-c']) assert.ok(seen.includes(id));
});
