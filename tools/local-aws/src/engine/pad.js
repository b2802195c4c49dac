'use strict';

// Passive presentation-attack scores for the local engine: @vladmandic/human's "antispoof" (real vs. printed or
// replayed face) and "liveness" (live vs. not live) models, both shipped in the npm package and run on the same
// tfjs + wasm backend as the face engine. Models load lazily on the first call (nothing is downloaded).
//
// Its operation (src/rekognition/padOperations.js; a local extension, not an Amazon Rekognition operation):
//   X-Amz-Target: RekognitionService.DetectPresentationAttack
//   { "Image": { "Bytes": "<base64 JPEG/PNG>" } }
//   -> { "Faces": [ { "BoundingBox": {Width, Height, Left, Top}, "Real": 0..1, "Live": 0..1, "Confidence": 0..100 } ] }
// Faces are sorted largest first. Real/Live near 1 mean a genuine live face.

const sharp = require('sharp');

const HUMAN_FACE_CONFIG = Object.freeze({
  detector: { enabled: true, rotation: false, maxDetected: 5, minConfidence: 0.3, return: false },
  mesh: { enabled: true },
  iris: { enabled: false },
  description: { enabled: false },
  emotion: { enabled: false },
  antispoof: { enabled: true },
  liveness: { enabled: true },
});

/** A scorer over decoded images; `score(bytes)` returns the faces with their real/live scores. */
async function createPresentationAttackScorer() {
  const { loadHuman } = require('../human/loadHuman');
  const { human, tf } = await loadHuman(HUMAN_FACE_CONFIG);
  return {
    async score(bytes) {
      const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      const input = tf.tensor4d(new Uint8Array(data), [1, info.height, info.width, 3], 'int32');
      let result;
      try {
        result = await human.detect(input);
      } finally {
        input.dispose();
      }
      return result.face
        .map((f) => ({
          BoundingBox: { Width: f.box[2] / info.width, Height: f.box[3] / info.height, Left: f.box[0] / info.width, Top: f.box[1] / info.height },
          Real: round(f.real ?? 0),
          Live: round(f.live ?? 0),
          Confidence: round(100 * (f.faceScore ?? f.score ?? 0)),
        }))
        .sort((a, b) => b.BoundingBox.Width * b.BoundingBox.Height - a.BoundingBox.Width * a.BoundingBox.Height);
    },
  };
}

function round(v) {
  return Math.round(v * 10000) / 10000;
}

module.exports = { createPresentationAttackScorer };
