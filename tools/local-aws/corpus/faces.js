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
const CACHE_VERSION = 3; // 3: iterative frontalisation (calibrate())

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
 * Frontalisation: the head pose the local engine reports for each identity rendered unturned (the photos are not all
 * frontal) is corrected iteratively. The first measurement is the photo's pose (`photoYaw`, `photoPitch`, which picks
 * the users); the head is pre-rotated by a correction (`restYaw`, `restPitch`) that is refined by re-measuring the
 * rendered unturned head and dividing the remaining pose by the engine's measured gain (the engine reports about half
 * a pre-rotation's degrees, so one step by the opposite of the photo's pose leaves an offset), until |yaw| and |pitch|
 * are below CALIBRATION_TOLERANCE or after CALIBRATION_STEPS corrections, keeping the best; the pose left is kept (`residualYaw`,
 * `residualPitch`), so every sequence starts from a face the engine sees as frontal, as a user centring the face does.
 */
const CALIBRATION_TOLERANCE = 2;
const CALIBRATION_STEPS = 6;
const CALIBRATION_FACE_PX = Object.freeze([150, 225]); // face widths of the 480-wide and 1280x720 sessions
const MAX_CORRECTION = 45;

async function calibrate(corpus) {
  const { createAnalyser } = require('./analyse');
  const analyser = await createAnalyser();
  for (const identity of corpus.identities) {
    Object.assign(identity, await calibrateIdentity(identity, corpus.triangles, analyser));
  }
}

/** The engine's pose of the identity's head rendered unturned with a pre-rotation (mean over two face sizes), or null. */
async function measureRestPose(identity, triangles, analyser, correction, sizes = CALIBRATION_FACE_PX) {
  const { prepareHead, project } = require('./scene');
  const R = require('./render');
  const head = await prepareHead({ ...identity, restYaw: correction.yaw, restPitch: correction.pitch }, triangles);
  let yaw = 0, pitch = 0;
  for (const facePx of sizes) {
    const frame = R.createFrame(480, 480);
    const camera = { focal: 384, distance: (head.faceWidth * 384) / facePx, u0: 240, v0: 240 };
    R.drawMesh(head.headTexture, project(head.world, { yaw: 0, pitch: 0, pivot: head.pivot }, camera), head.uv, head.triangles, frame);
    const faces = await analyser.detect(await R.toJpeg(frame, 90));
    if (faces.length !== 1) return null;
    yaw += faces[0].Pose.Yaw / sizes.length;
    pitch += faces[0].Pose.Pitch / sizes.length;
  }
  return { yaw, pitch };
}

async function calibrateIdentity(identity, triangles, analyser) {
  // the photo's pose as the first release measured it (one 150-pixel face), so the users stay the same 14 faces
  const photo = await measureRestPose(identity, triangles, analyser, { yaw: 0, pitch: 0 }, [CALIBRATION_FACE_PX[0]]);
  if (!photo) return { photoYaw: null, photoPitch: null, restYaw: null, restPitch: null, residualYaw: null, residualPitch: null, calibrationSteps: 0 };
  const clamp = (v) => Math.max(-MAX_CORRECTION, Math.min(MAX_CORRECTION, v));
  // the histogram rule and the turn direction read the yaw: it counts double in picking the best correction
  const size = (pose) => Math.abs(pose.yaw) + 0.5 * Math.abs(pose.pitch);
  const done = (pose) => Math.abs(pose.yaw) < CALIBRATION_TOLERANCE && Math.abs(pose.pitch) < CALIBRATION_TOLERANCE;
  // the first correction is the former one-step frontalisation (the opposite of the photo's pose)
  let previous = { correction: { yaw: photo.yaw, pitch: photo.pitch }, pose: await measureRestPose(identity, triangles, analyser, photo) };
  if (!previous.pose) return { photoYaw: round2(photo.yaw), photoPitch: round2(photo.pitch), restYaw: round2(photo.yaw), restPitch: round2(photo.pitch), residualYaw: null, residualPitch: null, calibrationSteps: 1 };
  let best = previous;
  const gain = { yaw: 1, pitch: 1 };
  let steps = 1;
  while (steps < CALIBRATION_STEPS && !done(best.pose)) {
    const correction = {};
    for (const axis of ['yaw', 'pitch']) correction[axis] = clamp(previous.correction[axis] + previous.pose[axis] / gain[axis]);
    steps++;
    const pose = await measureRestPose(identity, triangles, analyser, correction);
    if (!pose) break;
    for (const axis of ['yaw', 'pitch']) {
      const step = correction[axis] - previous.correction[axis];
      // the engine's measured gain (reported degrees per degree of pre-rotation), kept within a plausible range
      if (Math.abs(step) >= 0.5) gain[axis] = Math.max(0.3, Math.min(2, (previous.pose[axis] - pose[axis]) / step));
    }
    previous = { correction, pose };
    if (size(pose) < size(best.pose)) best = previous;
  }
  return {
    photoYaw: round2(photo.yaw),
    photoPitch: round2(photo.pitch),
    restYaw: round2(best.correction.yaw),
    restPitch: round2(best.correction.pitch),
    residualYaw: round2(best.pose.yaw),
    residualPitch: round2(best.pose.pitch),
    calibrationSteps: steps,
  };
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
    .map((id, i) => (id.photoYaw !== null && Math.abs(id.photoYaw) <= MAX_PHOTO_YAW && Math.abs(id.photoPitch) <= MAX_PHOTO_PITCH ? i : -1))
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

module.exports = { extractIdentities, loadIdentities, loadPhoto, measureRestPose, PHOTO_DIR, PHOTOS, MAX_PHOTO_YAW, CALIBRATION_TOLERANCE };
