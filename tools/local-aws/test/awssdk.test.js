'use strict';

// The local engine called by the real AWS SDK for JavaScript v3 (@aws-sdk/client-rekognition), not only by our own
// signer: the SDK signs, serialises and, above all, parses responses and errors with AWS's own service model.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const sharp = require('sharp');
const {
  RekognitionClient, DetectFacesCommand, CreateCollectionCommand, IndexFacesCommand, ListFacesCommand,
  SearchFacesByImageCommand, DeleteFacesCommand, CompareFacesCommand, ThrottlingException, ResourceNotFoundException,
  InvalidParameterException,
} = require('@aws-sdk/client-rekognition');
const { startEngine, faceCrop, demoPath } = require('../test-support/helpers');

let engine;
before(async () => {
  engine = await startEngine();
});
after(() => engine.close());

const MODEL_VERSION = /^[0-9.]+$/; // AWS's model: FaceModelVersion / IndexFacesModelVersion pattern

function client(target) {
  return new RekognitionClient({
    endpoint: target.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: target.accessKeyId ?? 'local', secretAccessKey: target.secretAccessKey ?? 'local-secret' },
    maxAttempts: 1,
  });
}

test('DetectFaces through the AWS SDK returns FaceDetails the SDK parses', async () => {
  const out = await client(engine).send(new DetectFacesCommand({ Image: { Bytes: await faceCrop(1, 0) }, Attributes: ['ALL'] }));
  assert.equal(out.$metadata.httpStatusCode, 200);
  assert.equal(out.FaceDetails.length, 1);
  const face = out.FaceDetails[0];
  assert.ok(face.BoundingBox.Width > 0 && face.Confidence > 50);
  assert.ok(face.Landmarks.some((l) => l.Type === 'nose'));
  assert.equal(typeof face.Pose.Yaw, 'number');
});

test('collections through the AWS SDK: model versions match the model pattern, MaxFaces above 100 is accepted', async () => {
  const rek = client(engine);
  const created = await rek.send(new CreateCollectionCommand({ CollectionId: 'sdk-people' }));
  assert.match(created.FaceModelVersion, MODEL_VERSION);

  const group = await sharp(demoPath(5)).toBuffer();
  const indexed = await rek.send(new IndexFacesCommand({ CollectionId: 'sdk-people', Image: { Bytes: group }, MaxFaces: 150, QualityFilter: 'NONE', ExternalImageId: 'group_5' }));
  assert.ok(indexed.FaceRecords.length >= 1 && indexed.FaceRecords.length <= 100);
  assert.match(indexed.FaceModelVersion, MODEL_VERSION);
  for (const record of indexed.FaceRecords) assert.match(record.Face.IndexFacesModelVersion, MODEL_VERSION);

  const listed = await rek.send(new ListFacesCommand({ CollectionId: 'sdk-people', MaxResults: 1 }));
  assert.equal(listed.Faces.length, 1);
  assert.match(listed.FaceModelVersion, MODEL_VERSION);
  assert.match(listed.Faces[0].IndexFacesModelVersion, MODEL_VERSION);

  const one = await rek.send(new IndexFacesCommand({ CollectionId: 'sdk-people', Image: { Bytes: await faceCrop(2, 0) }, MaxFaces: 1, ExternalImageId: 'user_2' }));
  const search = await rek.send(new SearchFacesByImageCommand({ CollectionId: 'sdk-people', Image: { Bytes: await faceCrop(2, 1) }, MaxFaces: 5, FaceMatchThreshold: 80 }));
  assert.ok(search.FaceMatches.some((m) => m.Face.FaceId === one.FaceRecords[0].Face.FaceId));
  const deleted = await rek.send(new DeleteFacesCommand({ CollectionId: 'sdk-people', FaceIds: [one.FaceRecords[0].Face.FaceId] }));
  assert.deepEqual(deleted.DeletedFaces, [one.FaceRecords[0].Face.FaceId]);
});

test('errors through the AWS SDK become its typed exceptions with the model fault', async () => {
  const rek = client(engine);
  await assert.rejects(rek.send(new ListFacesCommand({ CollectionId: 'sdk-missing' })), (e) => e instanceof ResourceNotFoundException && e.$fault === 'client');
  await assert.rejects(
    rek.send(new CompareFacesCommand({ SourceImage: { Bytes: Buffer.from('not an image') }, TargetImage: { Bytes: await faceCrop(1, 0) } })),
    (e) => e.$metadata.httpStatusCode === 400 && e.$fault === 'client',
  );
  await assert.rejects(rek.send(new IndexFacesCommand({ CollectionId: 'sdk-missing', Image: { Bytes: await faceCrop(1, 0) }, MaxFaces: 0 })), (e) => e.$fault === 'client');
  assert.ok(InvalidParameterException);
});

test('ThrottlingException through the AWS SDK is a server fault (HTTP 500), as in AWS model', async () => {
  const throttled = await startEngine({ maxInflight: 1 });
  try {
    const rek = client(throttled);
    const img = await faceCrop(3, 0);
    const results = await Promise.allSettled([0, 1, 2, 3].map(() => rek.send(new DetectFacesCommand({ Image: { Bytes: img } }))));
    const rejected = results.filter((r) => r.status === 'rejected').map((r) => r.reason);
    assert.ok(rejected.length >= 1, 'at least one call beyond max-inflight is throttled');
    for (const e of rejected) {
      assert.ok(e instanceof ThrottlingException, e.name);
      assert.equal(e.$fault, 'server');
      assert.equal(e.$metadata.httpStatusCode, 500);
    }
  } finally {
    await throttled.close();
  }
});
