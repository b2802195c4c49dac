'use strict';

// Identities of the liveness corpus: every face of the face-api demo photos (shipped in the npm package), with the
// 468-point face mesh of @vladmandic/human (x, y in photo pixels, z depth in the same scale) found by Human's own
// detector + mesh models on the tfjs wasm backend. Extraction is deterministic (same photos, same models, same
// backend); the result is cached as JSON so rendering does not need the models.

const fs = require('node:fs');
const path = require('node:path');
const sharp = require('sharp');

const PHOTO_DIR = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo');
const PHOTOS = Object.freeze(['sample1.jpg', 'sample2.jpg', 'sample3.jpg', 'sample4.jpg', 'sample5.jpg', 'sample6.jpg']);
const MIN_FACE_PX = 200; // faces smaller than this in the photo would be upscaled too much for 1280x720 frames
const CACHE_VERSION = 2;

/** Extracts the identities (runs Human once per photo). */
async function extractIdentities() {
  const { loadHuman } = require('../src/human/loadHuman');
  const { human, tf } = await loadHuman({
    detector: { enabled: true, rotation: false, maxDetected: 10, minConfidence: 0.5, return: false },
    mesh: { enabled: true },
    iris: { enabled: false },
    description: { enabled: false },
    emotion: { enabled: false },
    antispoof: { enabled: false },
    liveness: { enabled: false },
  });
  const identities = [];
  for (const photo of PHOTOS) {
    const { data, info } = await sharp(path.join(PHOTO_DIR, photo)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const input = tf.tensor4d(new Uint8Array(data), [1, info.height, info.width, 3], 'int32');
    let result;
    try {
      result = await human.detect(input);
    } finally {
      input.dispose();
    }
    const faces = result.face
      .filter((f) => f.mesh.length === 468 && f.box[2] >= MIN_FACE_PX)
      .sort((a, b) => a.box[0] - b.box[0]); // left to right: a stable order
    faces.forEach((f, i) => {
      identities.push({
        id: `${photo.replace('.jpg', '')}-${i}`,
        photo,
        photoWidth: info.width,
        photoHeight: info.height,
        box: f.box.map((v) => Math.round(v)),
        mesh: f.mesh.map(([x, y, z]) => [round2(x), round2(y), round2(z)]),
      });
    });
  }
  const corpus = { version: CACHE_VERSION, triangles: Array.from(human.faceTriangulation), identities };
  await calibrate(corpus);
  return corpus;
}

/**
 * The head pose the local engine reports for each identity rendered unturned (the photos are not all frontal; the
 * engine's yaw is about twice what the mesh's cheek depths suggest). Rendering pre-rotates each head by the opposite,
 * so every sequence starts from a face the engine sees as frontal, as a user centring the face does.
 */
async function calibrate(corpus) {
  const { prepareHead, project } = require('./scene');
  const R = require('./render');
  const { createAnalyser } = require('./analyse');
  const analyser = await createAnalyser();
  for (const identity of corpus.identities) {
    identity.restYaw = 0;
    identity.restPitch = 0;
    const head = await prepareHead(identity, corpus.triangles);
    const frame = R.createFrame(480, 480);
    const camera = { focal: 384, distance: (head.faceWidth * 384) / 150, u0: 240, v0: 240 };
    R.drawMesh(head.headTexture, project(head.world, { yaw: 0, pitch: 0, pivot: head.pivot }, camera), head.uv, head.triangles, frame);
    const faces = await analyser.detect(await R.toJpeg(frame, 90));
    identity.restYaw = faces.length === 1 ? round2(faces[0].Pose.Yaw) : null;
    identity.restPitch = faces.length === 1 ? round2(faces[0].Pose.Pitch) : null;
  }
}

function round2(v) {
  return Math.round(v * 100) / 100;
}

/**
 * Faces photographed within this many degrees of frontal (yaw as the engine reports it) are the corpus's users (14 of
 * the 21 demo faces): the texture only shows what the photo saw, and the frontalised head turns up to 35° more.
 */
const MAX_PHOTO_YAW = 20;
const MAX_PHOTO_PITCH = 20;

/** The identities from the cache file, extracting (and writing the cache) when it is missing or stale. */
async function loadIdentities(cacheFile) {
  let corpus = null;
  if (cacheFile && fs.existsSync(cacheFile)) {
    const cached = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
    if (cached.version === CACHE_VERSION) corpus = cached;
  }
  if (!corpus) {
    corpus = await extractIdentities();
    if (cacheFile) {
      fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
      // written whole, then renamed: test processes running in parallel may build and read the cache at once
      const partial = `${cacheFile}.${process.pid}.partial`;
      fs.writeFileSync(partial, JSON.stringify(corpus));
      fs.renameSync(partial, cacheFile);
    }
  }
  corpus.frontal = corpus.identities
    .map((id, i) => (id.restYaw !== null && Math.abs(id.restYaw) <= MAX_PHOTO_YAW && Math.abs(id.restPitch) <= MAX_PHOTO_PITCH ? i : -1))
    .filter((i) => i >= 0);
  return corpus;
}

/** The RGB pixels of a photo (cached per process). */
const photoCache = new Map();
async function loadPhoto(photo) {
  if (!photoCache.has(photo)) {
    const { data, info } = await sharp(path.join(PHOTO_DIR, photo)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    photoCache.set(photo, { data, width: info.width, height: info.height });
  }
  return photoCache.get(photo);
}

module.exports = { extractIdentities, loadIdentities, loadPhoto, PHOTO_DIR, PHOTOS, MAX_PHOTO_YAW };
