'use strict';

// Camera frames for the pose challenge built from REAL photos (face-api's demo photos), with DIGITALLY EDITED eyes:
//   OPEN           the photo as it is (a real face, eyes open, looking at the camera)
//   LOOKING_LEFT   the iris moved toward the image-left eye corner: inside each eye opening, pixels are remapped
//   LOOKING_RIGHT  horizontally (piecewise linear, corners fixed, iris centre moved to GAZE_TARGET of the eye width),
//                  so the sclera on one side is compressed and on the other stretched, as when the eye turns
//   CLOSED         each eye opening filled with skin blended from just above and below it, and a dark lash line
// The mouth is never edited: a smiling open-mouthed face gives the SMILE poses and a neutral closed-mouthed face (a
// different person) the CLOSED-mouth poses. The eye opening and the iris come from the engine's own iris model, so
// the edits follow the real eye.
//
//   node test-support/pose-frames.js OUTDIR     writes OUTDIR/{smile,closed}-{open,left,right,closed}.png (480x480)
//                                               and prints the engine's reading of each frame as JSON lines

const fs = require('node:fs');
const path = require('node:path');
const sharp = require('sharp');
const tf = require('@tensorflow/tfjs');
const { faceCrop } = require('./helpers');
const { FaceEngine } = require('../src/engine/faceEngine');
const iris = require('../src/engine/iris');

const SIZE = 480;
const GAZE_TARGET = 0.15; // where the iris centre is moved to, as a fraction of the eye's width from the corner
// the two faces (POSE_PEOPLE overrides): a smile with parted lips (sample3, face 1) and a neutral closed mouth
// (sample6, face 3); faces are numbered as the engine returns them, largest first
const PEOPLE = Object.freeze(JSON.parse(process.env.POSE_PEOPLE ?? 'null') ?? { smile: { sample: 3, face: 1 }, closed: { sample: 6, face: 3 } });
const SCALE = Number(process.env.POSE_SCALE ?? 1.7); // the crop's side in face-box widths: the face fills about 60 % of the frame

/**
 * The eye opening and its lashes as a polygon: the model's second contour around the eye, a little outside the lids'
 * edges (16-24 below, corner to corner, then 31-25 above).
 */
function opening(contour) {
  return [...contour.slice(16, 25), ...contour.slice(25, 32).reverse()];
}

function inside(poly, x, y) {
  let c = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}

function sample(src, w, x, y, k) {
  const x0 = Math.max(0, Math.min(w - 2, Math.floor(x)));
  const y0 = Math.max(0, Math.min(SIZE - 2, Math.floor(y)));
  const fx = Math.max(0, Math.min(1, x - x0));
  const fy = Math.max(0, Math.min(1, y - y0));
  const at = (xx, yy) => src[(yy * w + xx) * 3 + k];
  return (1 - fy) * ((1 - fx) * at(x0, y0) + fx * at(x0 + 1, y0)) + fy * ((1 - fx) * at(x0, y0 + 1) + fx * at(x0 + 1, y0 + 1));
}

/**
 * Moves the iris of one eye horizontally by shift (pixels) inside the eye opening: the iris (radius r) is translated
 * rigidly and the sclera on either side is compressed or stretched, the eye's corners staying fixed.
 */
function shiftGaze(src, dst, w, contour, irisPoints, shift) {
  const poly = opening(contour);
  const left = Math.min(contour[16][0], contour[24][0]);
  const right = Math.max(contour[16][0], contour[24][0]);
  const c = irisPoints[0][0];
  const r = 1.15 * Math.max(...irisPoints.slice(1).map((p) => Math.abs(p[0] - c)));
  const d = Math.max(left + r + 1 - c, Math.min(right - r - 1 - c, shift)); // keep the whole iris inside the eye
  // destination x -> source x, piecewise linear through (left,left), (c-r+d, c-r), (c+r+d, c+r), (right,right)
  const knots = [[left, left], [c - r + d, c - r], [c + r + d, c + r], [right, right]];
  const source = (x) => {
    for (let i = 1; i < knots.length; i++) {
      if (x <= knots[i][0]) {
        const [x0, s0] = knots[i - 1];
        const [x1, s1] = knots[i];
        return s0 + ((x - x0) * (s1 - s0)) / Math.max(1e-6, x1 - x0);
      }
    }
    return x;
  };
  const ys = poly.map((p) => p[1]);
  for (let y = Math.floor(Math.min(...ys)); y <= Math.ceil(Math.max(...ys)); y++) {
    for (let x = Math.floor(left); x <= Math.ceil(right); x++) {
      if (!inside(poly, x + 0.5, y + 0.5)) continue;
      const sx = source(x);
      for (let k = 0; k < 3; k++) dst[(y * w + x) * 3 + k] = sample(src, w, sx, y, k);
    }
  }
}

/** y of a polyline (points sorted by x) at x, clamped at its ends. */
function lineAt(line, x) {
  const pts = [...line].sort((a, b) => a[0] - b[0]);
  if (x <= pts[0][0]) return pts[0][1];
  for (let i = 1; i < pts.length; i++) {
    if (x <= pts[i][0]) {
      const t = (x - pts[i - 1][0]) / Math.max(1e-6, pts[i][0] - pts[i - 1][0]);
      return pts[i - 1][1] + t * (pts[i][1] - pts[i - 1][1]);
    }
  }
  return pts[pts.length - 1][1];
}

/**
 * Closes one eye: between the model's second contours around the eye (16-24 below, 25-31 above, a little outside
 * the lids' edges) every column is filled by blending the skin on the third contours (32-40 below, 41-47 above),
 * then a lash line is drawn where the lids meet.
 */
function closeEye(src, dst, w, contour) {
  const lower1 = contour.slice(16, 25);
  const upper1 = [contour[16], ...contour.slice(25, 32), contour[24]];
  const lower2 = contour.slice(32, 41);
  const upper2 = [contour[32], ...contour.slice(41, 48), contour[40]];
  const xs = lower1.map((p) => p[0]);
  const x0 = Math.ceil(Math.min(...xs));
  const x1 = Math.floor(Math.max(...xs));
  for (let x = x0; x <= x1; x++) {
    const top = lineAt(upper1, x);
    const bottom = lineAt(lower1, x);
    const skinTop = lineAt(upper2, x);
    const skinBottom = lineAt(lower2, x);
    const lashY = bottom - 0.3 * (bottom - top);
    // fade the fill out over the outer 15 % of the eye's width, so that the corners blend
    const edge = Math.min(x - x0, x1 - x) / Math.max(1, 0.15 * (x1 - x0));
    const alpha = Math.min(1, edge);
    const skinAt = (yy, k) => {
      let sum = 0;
      for (let dx = -4; dx <= 4; dx++) for (let dy = -1; dy <= 1; dy++) sum += sample(src, w, x + dx, yy + dy, k);
      return sum / 27;
    };
    const above = [0, 1, 2].map((k) => skinAt(skinTop - 1, k));
    const below = [0, 1, 2].map((k) => skinAt(skinBottom + 1, k));
    for (let y = Math.floor(top); y <= Math.ceil(bottom); y++) {
      const t = Math.max(0, Math.min(1, (y - skinTop) / Math.max(1e-6, skinBottom - skinTop)));
      const lash = Math.max(0, 1 - Math.abs(y - lashY) / 1.2) * alpha;
      for (let k = 0; k < 3; k++) {
        const skin = (1 - t) * above[k] + t * below[k];
        const i = (y * w + x) * 3 + k;
        const filled = alpha * skin + (1 - alpha) * src[i];
        dst[i] = filled * (1 - 0.5 * lash);
      }
    }
  }
}

/** The four eye states of one face, as PNG buffers, and what the engine found on the original. */
async function framesOf(engine, person) {
  const jpeg = await faceCrop(person.sample, person.face, { scale: SCALE, size: SIZE });
  const { data, width, height } = await FaceEngine.decode(jpeg);
  const { faces } = await engine.analyze(jpeg);
  const face = faces[0];
  const input = tf.tensor3d(data, [height, width, 3], 'int32');
  let eyes;
  try {
    eyes = await iris.pupils(engine._iris, input, face.points, width, height);
  } finally {
    input.dispose();
  }
  const png = (buf) => sharp(Buffer.from(buf), { raw: { width, height, channels: 3 } }).png().toBuffer();
  const edit = (fn) => {
    const out = new Uint8ClampedArray(data);
    fn(out);
    return png(out);
  };
  // the iris centre moves to GAZE_TARGET of the eye's width (68-point corners) from the corner it looks toward
  const P = face.points;
  const shiftTo = (l, r, pupil, sign) => {
    const target = sign < 0 ? P[l][0] + GAZE_TARGET * (P[r][0] - P[l][0]) : P[r][0] - GAZE_TARGET * (P[r][0] - P[l][0]);
    return target - pupil[0];
  };
  const gaze = (sign) =>
    edit((out) => {
      shiftGaze(data, out, width, eyes.leftContour, eyes.leftIris, shiftTo(36, 39, eyes.left, sign));
      shiftGaze(data, out, width, eyes.rightContour, eyes.rightIris, shiftTo(42, 45, eyes.right, sign));
    });
  return {
    open: await png(data),
    left: await gaze(-1),
    right: await gaze(1),
    closed: await edit((out) => {
      closeEye(data, out, width, eyes.leftContour);
      closeEye(data, out, width, eyes.rightContour);
    }),
  };
}

/** What the engine reads in a frame, as the pose challenge judges it (PoseMatcher.cs). */
function reading(detail) {
  const lm = Object.fromEntries(detail.Landmarks.map((l) => [l.Type, l]));
  const gaze = (l, r, p) => {
    const third = (lm[r].X - lm[l].X) / 3;
    if (lm[p].X <= lm[l].X + third * 1.2) return 'LEFT';
    return lm[p].X >= lm[r].X - third * 1.2 ? 'RIGHT' : 'CENTRE';
  };
  return {
    confidence: +detail.Confidence.toFixed(2),
    pose: Object.fromEntries(Object.entries(detail.Pose).map(([k, v]) => [k, +v.toFixed(1)])),
    eyesOpen: detail.EyesOpen.Value,
    smile: detail.Smile.Value,
    mouthOpen: detail.MouthOpen.Value,
    gaze: [gaze('leftEyeLeft', 'leftEyeRight', 'leftPupil'), gaze('rightEyeLeft', 'rightEyeRight', 'rightPupil')],
    pupilAt: [
      +((lm.leftPupil.X - lm.leftEyeLeft.X) / (lm.leftEyeRight.X - lm.leftEyeLeft.X)).toFixed(2),
      +((lm.rightPupil.X - lm.rightEyeLeft.X) / (lm.rightEyeRight.X - lm.rightEyeLeft.X)).toFixed(2),
    ],
  };
}

/** Writes every frame to dir and returns the engine's reading of each. */
async function writePoseFrames(engine, dir) {
  fs.mkdirSync(dir, { recursive: true });
  const readings = [];
  for (const [mouth, person] of Object.entries(PEOPLE)) {
    const frames = await framesOf(engine, person);
    for (const [eyes, buf] of Object.entries(frames)) {
      const file = path.join(dir, `${mouth}-${eyes}.png`);
      fs.writeFileSync(file, buf);
      const { width, height, faces } = await engine.analyze(buf, { expressions: true });
      const r = faces.length === 1 ? reading(FaceEngine.faceDetail(faces[0], width, height, true)) : { faces: faces.length };
      readings.push({ frame: path.basename(file), ...r });
    }
  }
  return readings;
}

if (require.main === module) {
  (async () => {
    const dir = process.argv[2];
    if (!dir) throw new Error('usage: node test-support/pose-frames.js OUTDIR');
    const engine = await FaceEngine.load();
    for (const r of await writePoseFrames(engine, dir)) process.stdout.write(JSON.stringify(r) + '\n');
  })().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

module.exports = { writePoseFrames, reading, PEOPLE, GAZE_TARGET };
