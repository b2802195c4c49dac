'use strict';

// Pupils from MediaPipe's iris landmark model, as shipped in @vladmandic/human (models/iris.json + iris.bin, a tfjs
// graph model run on the same tfjs + wasm backend as face-api; nothing is downloaded).
//
// The model takes a 64x64 RGB crop (values 0..1) of one eye and returns 76 points (x, y, z in crop pixels): 71 on
// the eye's contours, then 5 on the iris (index 71 is the iris centre). It was trained on one eye side: the other
// eye is mirrored before and after (as Human does). The crop is the square around the eye's two corners,
// 2.3 x the corner distance wide (Human's default iris scale), here taken from the 68-point landmarks
// (image-left eye: points 36 and 39; image-right eye: 42 and 45).

const fs = require('node:fs');
const path = require('node:path');
const tf = require('@tensorflow/tfjs');

// the package's "exports" hide package.json from require.resolve: look in the module search paths instead
const MODEL_DIR = (() => {
  for (const dir of require.resolve.paths('@vladmandic/human') ?? []) {
    const models = path.join(dir, '@vladmandic', 'human', 'models');
    if (fs.existsSync(path.join(models, 'iris.json'))) return models;
  }
  throw new Error('@vladmandic/human is not installed (npm ci in tools/local-aws): its models/iris.json is needed');
})();
const INPUT_SIZE = 64;
const CROP_SCALE = 2.3;
const POINTS = 76;
const IRIS_CENTRE = 71;

/** Loads the iris graph model from the installed package. */
async function loadIrisModel() {
  const json = JSON.parse(fs.readFileSync(path.join(MODEL_DIR, 'iris.json'), 'utf8'));
  const weightSpecs = [];
  const buffers = [];
  for (const group of json.weightsManifest) {
    weightSpecs.push(...group.weights);
    for (const p of group.paths) buffers.push(fs.readFileSync(path.join(MODEL_DIR, p)));
  }
  const all = Buffer.concat(buffers);
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
  return tf.loadGraphModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData, format: json.format, generatedBy: json.generatedBy, convertedBy: json.convertedBy }));
}

/** The square crop box [x0, y0, size] around two eye corners. */
function eyeBox(a, b) {
  const cx = (a[0] + b[0]) / 2;
  const cy = (a[1] + b[1]) / 2;
  const size = CROP_SCALE * Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]), 1);
  return [cx - size / 2, cy - size / 2, size];
}

/**
 * The two pupils (iris centres) of one face, in image pixels.
 * @param {import('@tensorflow/tfjs').GraphModel} model from loadIrisModel()
 * @param {import('@tensorflow/tfjs').Tensor3D} input the image, int32 [height, width, 3]
 * @param {number[][]} points the face's 68 landmarks in pixels
 * @param {number} width image width
 * @param {number} height image height
 * @returns {Promise<{left: number[], right: number[], leftContour: number[][], rightContour: number[][], leftIris: number[][], rightIris: number[][]}>}
 *   left = the image-left eye's pupil, right = the image-right eye's; contours are the model's 71 eye points,
 *   iris its 5 iris points (centre first, then four on the iris edge)
 */
async function pupils(model, input, points, width, height) {
  const boxes = [eyeBox(points[36], points[39]), eyeBox(points[42], points[45])];
  const out = tf.tidy(() => {
    const image = tf.div(tf.expandDims(tf.cast(input, 'float32'), 0), 255);
    const cropBoxes = boxes.map(([x, y, s]) => [y / height, x / width, (y + s) / height, (x + s) / width]);
    const crops = tf.image.cropAndResize(image, cropBoxes, [0, 0], [INPUT_SIZE, INPUT_SIZE], 'bilinear', 0);
    // the image-right eye is mirrored so that both eyes look like the side the model was trained on
    const [left, right] = tf.split(crops, 2, 0);
    const batch = tf.concat([left, tf.image.flipLeftRight(right)], 0);
    return model.execute(batch);
  });
  let data;
  try {
    data = await out.data();
  } finally {
    out.dispose();
  }
  const decode = (offset, [x0, y0, s], mirrored) => {
    const pts = [];
    for (let i = 0; i < POINTS; i++) {
      const u = data[offset + i * 3] / INPUT_SIZE;
      const v = data[offset + i * 3 + 1] / INPUT_SIZE;
      pts.push([x0 + (mirrored ? 1 - u : u) * s, y0 + v * s]);
    }
    return pts;
  };
  const l = decode(0, boxes[0], false);
  const r = decode(POINTS * 3, boxes[1], true);
  return {
    left: l[IRIS_CENTRE],
    right: r[IRIS_CENTRE],
    leftContour: l.slice(0, IRIS_CENTRE),
    rightContour: r.slice(0, IRIS_CENTRE),
    leftIris: l.slice(IRIS_CENTRE),
    rightIris: r.slice(IRIS_CENTRE),
  };
}

// Eye openness from the model's lid contour: of the 71 contour points, 0-8 are the lower lid's edge (0 and 8 the
// corners) and 9-15 the upper lid's (Human's facemeshcoords irisIndices: EyeLower0, EyeUpper0). Openness = the mean
// gap between the three middle points of each lid over the corner distance. Measured on the 21 hand-labelled demo
// faces (bench/demo-accuracy.js): open eyes 0.23-0.45, downcast or shut eyes 0.06-0.21 (the lower of a face's two
// eyes). The 68-point eye aspect ratio could not tell them apart (open 0.29-0.38, downcast 0.20-0.30).
const LOWER_LID_MIDDLE = [3, 4, 5];
const UPPER_LID_MIDDLE = [11, 12, 13];
const OPEN_THRESHOLD = 0.22;
const OPEN_CONFIDENCE_SCALE = 0.05;

/** Lid gap over eye width for one eye's 71 contour points. */
function openness(contour) {
  const width = Math.hypot(contour[8][0] - contour[0][0], contour[8][1] - contour[0][1]);
  let gap = 0;
  for (let k = 0; k < 3; k++) {
    const u = contour[UPPER_LID_MIDDLE[k]];
    const l = contour[LOWER_LID_MIDDLE[k]];
    gap += Math.hypot(u[0] - l[0], u[1] - l[1]);
  }
  return gap / 3 / Math.max(1e-6, width);
}

/**
 * Rekognition EyesOpen from the lid contours: open when the less open eye's openness is at least OPEN_THRESHOLD
 * (a face with one eye shut reads as eyes closed). Confidence grows with the distance from the threshold.
 */
function eyesOpen(found) {
  const o = Math.min(openness(found.leftContour), openness(found.rightContour));
  const margin = o - OPEN_THRESHOLD;
  return { Value: margin >= 0, Confidence: 50 + 50 * Math.tanh(Math.abs(margin) / OPEN_CONFIDENCE_SCALE) };
}

/**
 * Rekognition landmarks with leftPupil/rightPupil moved onto the iris centres (unchanged when pupils is undefined,
 * e.g. an engine built without the iris model). leftPupil is the image-left eye's, as for every Left/Right pair.
 */
function withPupils(landmarks, found, width, height) {
  if (!found) return landmarks;
  return landmarks.map((l) => {
    if (l.Type === 'leftPupil') return { Type: l.Type, X: found.left[0] / width, Y: found.left[1] / height };
    if (l.Type === 'rightPupil') return { Type: l.Type, X: found.right[0] / width, Y: found.right[1] / height };
    return l;
  });
}

module.exports = { loadIrisModel, pupils, withPupils, eyesOpen, openness, eyeBox, OPEN_THRESHOLD, IRIS_MODEL_DIR: MODEL_DIR };
