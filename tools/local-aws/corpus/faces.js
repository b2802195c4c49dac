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
const CACHE_VERSION = 1;

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
  return { version: CACHE_VERSION, triangles: Array.from(human.faceTriangulation), identities };
}

function round2(v) {
  return Math.round(v * 100) / 100;
}

/** The identities from the cache file, extracting (and writing the cache) when it is missing or stale. */
async function loadIdentities(cacheFile) {
  if (cacheFile && fs.existsSync(cacheFile)) {
    const cached = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
    if (cached.version === CACHE_VERSION) return cached;
  }
  const extracted = await extractIdentities();
  if (cacheFile) {
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
    fs.writeFileSync(cacheFile, JSON.stringify(extracted));
  }
  return extracted;
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

module.exports = { extractIdentities, loadIdentities, loadPhoto, PHOTO_DIR, PHOTOS };
