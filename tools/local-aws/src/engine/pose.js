'use strict';

// Head pose from 2-D landmarks: a scaled-orthographic (weak-perspective) fit of a generic 3-D face model.
//
// Model: the 14-point anthropometric head model used by many open-source head-pose estimators (points for the
// 68-point indices below; units are arbitrary). Source frame: x toward the image's left, y up, z toward the
// camera. We use it in the camera frame x right, y down, z away from the camera, i.e. negate all three axes.
//
// Method:
//   1. centre the 14 image points (pixels) and the 14 model points;
//   2. least-squares affine projection A (2x3) with image = A * model  (A = B G^-1, B = X^T P, G = P^T P);
//   3. the two rows of A, normalised and made orthogonal symmetrically, are the first two rows of the rotation
//      R; the third row is their cross product;
//   4. R = Rz(roll) * Ry(phi) * Rx(psi) is decomposed; roll acts last, in the image plane.
//
// Sign conventions (chosen to match Rekognition; see docs/local-stack.md):
//   Yaw   > 0 when the nose points toward the image's right (a recorded Rekognition response with the nose toward
//         the image's left has Yaw -33; the liveness framework treats Yaw > 5 as "turned toward the right half").
//         Yaw = -phi. Mirroring the image flips its sign.
//   Roll  = the in-plane angle, positive clockwise on screen (image y points down): the angle of the line from
//         the image-left eye to the image-right eye. Rotating the image clockwise by t adds t. (Rekognition: the
//         image-right eye higher than the image-left eye gives a negative Roll.)
//   Pitch > 0 when the face turns up (chin up). Pitch = -psi. Mirroring leaves it unchanged. This sign is our
//         choice; no public Rekognition statement fixes it. The generic model reads faces photographed level as
//         looking down by about 10 degrees (mean raw pitch of the 22 faces in face-api's demo photos: -10.5), so
//         PITCH_OFFSET_DEG is added to the raw pitch.

const PITCH_OFFSET_DEG = 10;

const MODEL_INDICES = Object.freeze([17, 21, 22, 26, 36, 39, 42, 45, 31, 35, 48, 54, 57, 8]);

// [x (toward image left), y (up), z (toward camera)]
const MODEL_SOURCE = Object.freeze([
  [6.825897, 6.760612, 4.402142], // 17 brow, image-left end
  [1.330353, 7.122144, 6.903745], // 21 brow, inner end
  [-1.330353, 7.122144, 6.903745], // 22
  [-6.825897, 6.760612, 4.402142], // 26
  [5.311432, 5.485328, 3.987654], // 36 eye outer corner
  [1.78993, 5.393625, 4.413414], // 39 eye inner corner
  [-1.78993, 5.393625, 4.413414], // 42
  [-5.311432, 5.485328, 3.987654], // 45
  [2.005628, 1.409845, 6.165652], // 31 nostril wing
  [-2.005628, 1.409845, 6.165652], // 35
  [2.774015, -2.080775, 5.048531], // 48 mouth corner
  [-2.774015, -2.080775, 5.048531], // 54
  [0, -3.116408, 6.097667], // 57 lower lip
  [0, -7.415691, 4.070434], // 8 chin
]);

const MODEL = MODEL_SOURCE.map(([x, y, z]) => [-x, -y, -z]);
const MODEL_CENTRED = (() => {
  const c = [0, 0, 0];
  for (const p of MODEL) for (let k = 0; k < 3; k++) c[k] += p[k] / MODEL.length;
  return MODEL.map((p) => [p[0] - c[0], p[1] - c[1], p[2] - c[2]]);
})();
const G_INV = (() => {
  const g = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  for (const p of MODEL_CENTRED) for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) g[i][j] += p[i] * p[j];
  return invert3(g);
})();

function invert3(m) {
  const [a, b, c] = m[0];
  const [d, e, f] = m[1];
  const [g, h, i] = m[2];
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    [A / det, -(b * i - c * h) / det, (b * f - c * e) / det],
    [B / det, (a * i - c * g) / det, -(a * f - c * d) / det],
    [C / det, -(a * h - b * g) / det, (a * e - b * d) / det],
  ];
}

const norm = (v) => Math.hypot(v[0], v[1], v[2]);
const scale = (v, s) => [v[0] * s, v[1] * s, v[2] * s];
const add = (a, b) => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
const sub = (a, b) => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const unit = (v) => scale(v, 1 / norm(v));
const cross = (a, b) => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const deg = (r) => (r * 180) / Math.PI;

/**
 * Pose in degrees from 68 landmark points in pixels.
 * @param {number[][]} points 68 [x, y] pixel positions
 * @returns {{Roll:number, Yaw:number, Pitch:number}}
 */
function estimatePose(points) {
  const img = MODEL_INDICES.map((i) => points[i]);
  const cx = img.reduce((s, p) => s + p[0], 0) / img.length;
  const cy = img.reduce((s, p) => s + p[1], 0) / img.length;
  // B = X^T P (2x3)
  const B = [
    [0, 0, 0],
    [0, 0, 0],
  ];
  img.forEach((p, n) => {
    const q = MODEL_CENTRED[n];
    for (let k = 0; k < 3; k++) {
      B[0][k] += (p[0] - cx) * q[k];
      B[1][k] += (p[1] - cy) * q[k];
    }
  });
  const row = (r) => [0, 1, 2].map((j) => r[0] * G_INV[0][j] + r[1] * G_INV[1][j] + r[2] * G_INV[2][j]);
  const a = unit(row(B[0]));
  const b = unit(row(B[1]));
  // symmetric orthonormalisation of the two projection rows
  const u = unit(add(a, b));
  const v = unit(sub(a, b));
  const r1 = scale(add(u, v), Math.SQRT1_2);
  const r2 = scale(sub(u, v), Math.SQRT1_2);
  const r3 = cross(r1, r2);
  const phi = Math.asin(Math.max(-1, Math.min(1, -r3[0])));
  const roll = Math.atan2(r2[0], r1[0]);
  const psi = Math.atan2(r3[1], r3[2]);
  return { Roll: deg(roll), Yaw: -deg(phi), Pitch: -deg(psi) + PITCH_OFFSET_DEG };
}

module.exports = { estimatePose, MODEL_INDICES, PITCH_OFFSET_DEG };
