'use strict';

// Mapping from the iBUG 68-point layout (what face-api's faceLandmark68Net returns, 0-based indices) to
// Amazon Rekognition's 30 landmark types.
//
// Left/right follow Rekognition's own output, which is IMAGE-based: "eyeLeft" is the eye on the left of the
// image (the subject's right eye), "leftEyeLeft" is that eye's corner nearer the image's left edge. A recorded
// Rekognition response shows it (eyeLeft X 0.497 < eyeRight X 0.618, leftEyeLeft X 0.477 < leftEyeRight X 0.521,
// upperJawlineLeft X 0.448 on the image's left edge, leftPupil equal to eyeLeft). The 68-point layout is
// image-based in the same way (point 36 is the image-left eye's outer corner), so the mapping needs no swap and
// mirroring an image swaps every Left/Right pair.
//
// Each entry is a list of 68-point indices; the landmark is their mean.
const LANDMARK_MAP = Object.freeze([
  ['eyeLeft', [36, 37, 38, 39, 40, 41]],
  ['eyeRight', [42, 43, 44, 45, 46, 47]],
  ['nose', [30]],
  ['mouthLeft', [48]],
  ['mouthRight', [54]],
  ['leftEyeBrowLeft', [17]],
  ['leftEyeBrowRight', [21]],
  ['leftEyeBrowUp', [19]],
  ['rightEyeBrowLeft', [22]],
  ['rightEyeBrowRight', [26]],
  ['rightEyeBrowUp', [24]],
  ['leftEyeLeft', [36]],
  ['leftEyeRight', [39]],
  ['leftEyeUp', [37, 38]],
  ['leftEyeDown', [40, 41]],
  ['rightEyeLeft', [42]],
  ['rightEyeRight', [45]],
  ['rightEyeUp', [43, 44]],
  ['rightEyeDown', [46, 47]],
  ['noseLeft', [31]],
  ['noseRight', [35]],
  ['mouthUp', [51]],
  ['mouthDown', [57]],
  // The 68-point model has no iris point: the pupil is the eye-contour centroid (Rekognition's own output
  // often reports leftPupil equal to eyeLeft as well).
  ['leftPupil', [36, 37, 38, 39, 40, 41]],
  ['rightPupil', [42, 43, 44, 45, 46, 47]],
  ['upperJawlineLeft', [0]],
  ['midJawlineLeft', [4]],
  ['chinBottom', [8]],
  ['midJawlineRight', [12]],
  ['upperJawlineRight', [16]],
]);

/** The five landmarks CompareFaces returns on a ComparedFace. */
const COMPARED_FACE_TYPES = Object.freeze(['eyeLeft', 'eyeRight', 'mouthLeft', 'mouthRight', 'nose']);

function mean(points, indices) {
  let x = 0;
  let y = 0;
  for (const i of indices) {
    x += points[i][0];
    y += points[i][1];
  }
  return [x / indices.length, y / indices.length];
}

/**
 * Rekognition landmarks (ratios of the image) from 68 points in pixels.
 * @param {number[][]} points 68 [x, y] pixel positions
 * @param {number} width image width in pixels
 * @param {number} height image height in pixels
 * @param {readonly string[]} [types] subset of types to return, in LANDMARK_MAP order
 */
function toRekognitionLandmarks(points, width, height, types) {
  const out = [];
  for (const [type, indices] of LANDMARK_MAP) {
    if (types && !types.includes(type)) continue;
    const [x, y] = mean(points, indices);
    out.push({ Type: type, X: x / width, Y: y / height });
  }
  return out;
}

function dist(a, b) {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/**
 * Eye aspect ratio (Soukupová and Čech 2016): (|p2-p6| + |p3-p5|) / (2 |p1-p4|), averaged over both eyes.
 * About 0.25-0.35 for an open eye, below 0.2 for a closed one.
 */
function eyeAspectRatio(points) {
  const one = (p1, p2, p3, p4, p5, p6) =>
    (dist(points[p2], points[p6]) + dist(points[p3], points[p5])) / (2 * dist(points[p1], points[p4]));
  return (one(36, 37, 38, 39, 40, 41) + one(42, 43, 44, 45, 46, 47)) / 2;
}

/**
 * Mouth aspect ratio on the inner lip contour: mean gap between the lips (61-67, 62-66, 63-65) over the inner
 * mouth width (60-64). About 0 for closed lips.
 */
function mouthAspectRatio(points) {
  const gap = (dist(points[61], points[67]) + dist(points[62], points[66]) + dist(points[63], points[65])) / 3;
  return gap / Math.max(1e-6, dist(points[60], points[64]));
}

/**
 * The face's bounding box (pixels) derived from the 68 landmarks, which track the face far more steadily than the
 * detector's box (measured: the detector box jitters up to 0.07 of the image between two translated crops, the
 * landmarks 0.01). Like Rekognition's box it spans the jaw line horizontally, from the forehead (brows raised by
 * 35 % of the brow-to-chin distance) to just under the chin (5 %). It is built in the face's upright frame (undoing
 * the eye-line roll) and the axis-aligned box of its rotated corners is returned.
 * @param {number[][]} points 68 [x, y] pixel positions
 */
function landmarkBox(points) {
  const [lx, ly] = mean(points, [36, 37, 38, 39, 40, 41]);
  const [rx, ry] = mean(points, [42, 43, 44, 45, 46, 47]);
  const angle = Math.atan2(ry - ly, rx - lx);
  const cos = Math.cos(-angle);
  const sin = Math.sin(-angle);
  const up = points.map(([x, y]) => [x * cos - y * sin, x * sin + y * cos]);
  let left = Infinity;
  let right = -Infinity;
  let chin = -Infinity;
  for (let i = 0; i <= 16; i++) {
    left = Math.min(left, up[i][0]);
    right = Math.max(right, up[i][0]);
    chin = Math.max(chin, up[i][1]);
  }
  let brow = Infinity;
  for (let i = 17; i <= 26; i++) brow = Math.min(brow, up[i][1]);
  const span = chin - brow;
  const top = brow - 0.35 * span;
  const bottom = chin + 0.05 * span;
  const back = ([x, y]) => [x * Math.cos(angle) - y * Math.sin(angle), x * Math.sin(angle) + y * Math.cos(angle)];
  const corners = [back([left, top]), back([right, top]), back([left, bottom]), back([right, bottom])];
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

module.exports = {
  landmarkBox,
  LANDMARK_MAP,
  COMPARED_FACE_TYPES,
  toRekognitionLandmarks,
  eyeAspectRatio,
  mouthAspectRatio,
};
