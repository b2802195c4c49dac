'use strict';

const path = require('node:path');
const sharp = require('sharp');
const tf = require('@tensorflow/tfjs');
const wasm = require('@tensorflow/tfjs-backend-wasm');
const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');
const { EngineError } = require('./errors');
const { toRekognitionLandmarks, eyeAspectRatio, mouthAspectRatio, landmarkBox } = require('./landmarks');
const { estimatePose } = require('./pose');
const { faceQuality } = require('./quality');
const iris = require('./iris');

const MAX_IMAGE_BYTES = 5 * 1024 * 1024; // 5 MB as Rekognition counts it (5 242 880 bytes)
const MIN_IMAGE_SIDE = 80;
const MAX_ANALYSIS_SIDE = 1920; // larger images are downscaled before analysis (results are ratios)
const MAX_FACES = 100; // Rekognition considers the 100 largest faces
// Width x height above which an image is refused from its header, before any pixel is decoded (sharp's own default is
// 16383 x 16383, which a 2 MB PNG can declare: 1.6 GB of 16-bit pixels). Same default as FaceVerify:MaxImagePixels.
const MAX_INPUT_PIXELS = parsePixels(process.env.LOCAL_AWS_MAX_INPUT_PIXELS) ?? 16_777_216;

// sharp's operation cache keeps decoded images (and their memory) after a request: off, every image is decoded once.
sharp.cache(false);

const MODEL_DIR = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
const WASM_DIR = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep;

// Detection: face-api's tiny face detector, run at several input sizes and merged, because one input size only
// finds faces within about a 2.5x range of sizes relative to the image's longer side (measured on 22 demo faces
// placed in 480 px frames: size 160 finds faces of 27-63 % of the side, 320 finds 19-50 %, 416 finds 12-50 %;
// 128 adds the largest faces, up to ~80 %).
// Frames up to 800 px (camera frames) use 128+160+320 for speed: faces from about 19 % of the longer side.
// Larger images (ID photos, group photos) use 160+416+608: faces from about 6 % of the longer side.
// LOCAL_AWS_DETECTOR_SIZES overrides both (e.g. 128,160,416 finds smaller faces in camera frames for ~20 ms more).
const FRAME_SCALES = Object.freeze([128, 160, 320]);
const LARGE_IMAGE_SCALES = Object.freeze([160, 416, 608]);
const LARGE_IMAGE_SIDE = 800;
const DEFAULT_SCORE_THRESHOLD = 0.5;
const MIN_LANDMARK_TO_DETECTOR_WIDTH = 0.6;

// Detector score s (0..1) to Rekognition Confidence (0..100): 100 * (1 - (1 - s)^log2(10)), monotonic, so that the
// detector's own threshold s = 0.5 maps to 90, s = 0.75 to 99, s = 0.9 to 99.95. The tiny detector's scores for
// clear faces sit around 0.6-0.95, lower than SSD's; Rekognition reports ~99+ for clear faces.
const CONFIDENCE_EXPONENT = Math.log2(10);
function confidenceFromScore(s) {
  return 100 * (1 - Math.pow(1 - Math.max(0, Math.min(1, s)), CONFIDENCE_EXPONENT));
}

// Thresholds for the boolean attributes (see docs/local-stack.md).
const EAR_OPEN_THRESHOLD = 0.2;
const EAR_CONFIDENCE_SCALE = 0.05;
const MAR_OPEN_THRESHOLD = 0.15;
const MAR_CONFIDENCE_SCALE = 0.08;

const EMOTION_TYPES = Object.freeze({
  neutral: 'CALM',
  happy: 'HAPPY',
  sad: 'SAD',
  angry: 'ANGRY',
  fearful: 'FEAR',
  disgusted: 'DISGUSTED',
  surprised: 'SURPRISED',
});

/** LOCAL_AWS_MAX_INPUT_PIXELS="16777216": the largest width x height decoded. */
function parsePixels(text) {
  if (!text) return null;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 6400 || n > 268_402_689) {
    throw new Error(`LOCAL_AWS_MAX_INPUT_PIXELS must be an integer between 6400 and 268402689, got '${text}'`);
  }
  return n;
}

/** LOCAL_AWS_DETECTOR_SIZES="160,320": tiny-detector input sizes (multiples of 32) for every image. */
function parseSizes(text) {
  if (!text) return null;
  const sizes = text.split(',').map((s) => Number(s.trim()));
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 64 || n > 1024 || n % 32 !== 0)) {
    throw new Error(`LOCAL_AWS_DETECTOR_SIZES must be comma-separated multiples of 32 between 64 and 1024, got '${text}'`);
  }
  return sizes;
}

function boolAttribute(value, margin, scale) {
  return { Value: value, Confidence: 50 + 50 * Math.tanh(Math.abs(margin) / scale) };
}

function iou(a, b) {
  const x1 = Math.max(a.x, b.x);
  const y1 = Math.max(a.y, b.y);
  const x2 = Math.min(a.x + a.width, b.x + b.width);
  const y2 = Math.min(a.y + a.height, b.y + b.height);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  const areaA = a.width * a.height;
  const areaB = b.width * b.height;
  return { iou: inter / (areaA + areaB - inter), containment: inter / Math.min(areaA, areaB) };
}

/**
 * The 128-d descriptor of a face turned upright: the recognition model was trained on faces with level eyes, so
 * the face is rotated by its eye-line angle (tf.image.rotateWithOffset) and cut to its landmark box padded by
 * 20 % (face-api's own alignment pads the same way but does not rotate). Measured on the demo faces: same face
 * rotated 15 degrees, lowest similarity 90.8 -> 97.8; pairs of different people at >= 90, 8 -> 3 of 210.
 */
async function uprightDescriptor(input, points, width, height) {
  const meanOf = (from, to) => {
    let x = 0;
    let y = 0;
    for (let i = from; i <= to; i++) {
      x += points[i][0];
      y += points[i][1];
    }
    return [x / (to - from + 1), y / (to - from + 1)];
  };
  const [lx, ly] = meanOf(36, 41);
  const [rx, ry] = meanOf(42, 47);
  const angle = Math.atan2(ry - ly, rx - lx);
  const [cx, cy] = meanOf(0, 67);
  const cos = Math.cos(-angle);
  const sin = Math.sin(-angle);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    const ux = (x - cx) * cos - (y - cy) * sin;
    const uy = (x - cx) * sin + (y - cy) * cos;
    minX = Math.min(minX, ux);
    maxX = Math.max(maxX, ux);
    minY = Math.min(minY, uy);
    maxY = Math.max(maxY, uy);
  }
  // face-api's own alignment pads the landmark box by 20 %
  const padX = (maxX - minX) * 0.2;
  const padY = (maxY - minY) * 0.2;
  minX -= padX;
  maxX += padX;
  minY -= padY;
  maxY += padY;
  const side = 2 * Math.max(Math.abs(minX), Math.abs(maxX), Math.abs(minY), Math.abs(maxY)) * Math.SQRT2;
  const cropSize = Math.max(32, Math.min(320, Math.round(side)));
  const k = cropSize / side;
  const chip = tf.tidy(() => {
    const box = [[(cy - side / 2) / height, (cx - side / 2) / width, (cy + side / 2) / height, (cx + side / 2) / width]];
    const crop = tf.image.cropAndResize(tf.expandDims(tf.cast(input, 'float32'), 0), box, [0], [cropSize, cropSize], 'bilinear', 0);
    const upright = tf.image.rotateWithOffset(crop, angle, 0, 0.5);
    const top = Math.max(0, Math.round(cropSize / 2 + minY * k));
    const left = Math.max(0, Math.round(cropSize / 2 + minX * k));
    const h = Math.min(cropSize - top, Math.round((maxY - minY) * k));
    const w = Math.min(cropSize - left, Math.round((maxX - minX) * k));
    return tf.slice(tf.squeeze(upright, [0]), [top, left, 0], [h, w, 3]);
  });
  try {
    return Array.from(await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(chip));
  } finally {
    chip.dispose();
  }
}

/** Runs one task at a time: tfjs on wasm is single-threaded, so queueing keeps latency predictable. */
class SerialQueue {
  constructor() {
    this._tail = Promise.resolve();
  }

  run(fn) {
    const result = this._tail.then(fn, fn);
    this._tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

class FaceEngine {
  constructor(options = {}) {
    this._scoreThreshold = options.scoreThreshold ?? DEFAULT_SCORE_THRESHOLD;
    this._scales = options.scales ?? parseSizes(process.env.LOCAL_AWS_DETECTOR_SIZES);
    this._queue = new SerialQueue();
    this.loadMs = 0;
  }

  /** Loads the wasm backend and the four models from the installed packages (nothing is downloaded). */
  static async load(options = {}) {
    const engine = new FaceEngine(options);
    const started = performance.now();
    wasm.setWasmPaths(WASM_DIR, false);
    await tf.setBackend('wasm');
    await tf.ready();
    await faceapi.nets.tinyFaceDetector.loadFromDisk(MODEL_DIR);
    await faceapi.nets.faceLandmark68Net.loadFromDisk(MODEL_DIR);
    await faceapi.nets.faceRecognitionNet.loadFromDisk(MODEL_DIR);
    await faceapi.nets.faceExpressionNet.loadFromDisk(MODEL_DIR);
    engine._iris = await iris.loadIrisModel();
    // warm-up on a demo photo shipped with face-api: the first inference of each model allocates and compiles
    const warm = await sharp(path.join(MODEL_DIR, '..', 'demo', 'sample1.jpg')).resize(480, 480, { fit: 'cover' }).jpeg().toBuffer();
    await engine.analyze(warm, { descriptors: true, expressions: true });
    engine.loadMs = performance.now() - started;
    return engine;
  }

  /**
   * Validates and decodes image bytes with Rekognition's limits; refuses bad input with an EngineError (./errors.js),
   * which the Rekognition front end maps to Rekognition's errors.
   * @param {Buffer} bytes
   */
  static async decode(bytes) {
    if (!bytes || bytes.length === 0) {
      throw new EngineError('EmptyImage', 'the image has no bytes');
    }
    if (bytes.length > MAX_IMAGE_BYTES) {
      throw new EngineError('ImageTooManyBytes', `the image has ${bytes.length} bytes; at most ${MAX_IMAGE_BYTES} are accepted`);
    }
    const isJpeg = bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
    const isPng = bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    if (!isJpeg && !isPng) {
      throw new EngineError('UnsupportedImage', 'the image is not a decodable JPEG or PNG');
    }
    let meta;
    try {
      meta = await sharp(bytes).metadata(); // reads the header only
    } catch {
      throw new EngineError('UnsupportedImage', 'the image is not a decodable JPEG or PNG');
    }
    if ((meta.format !== 'jpeg' && meta.format !== 'png') || !meta.width || !meta.height) {
      throw new EngineError('UnsupportedImage', 'the image is not a decodable JPEG or PNG');
    }
    if (meta.width * meta.height > MAX_INPUT_PIXELS) {
      throw new EngineError(
        'ImageTooManyPixels',
        `${meta.width}x${meta.height} px; at most ${MAX_INPUT_PIXELS} pixels are decoded`,
      );
    }
    if (meta.width < MIN_IMAGE_SIDE || meta.height < MIN_IMAGE_SIDE) {
      throw new EngineError(
        'ImageTooSmall',
        `the image is ${meta.width}x${meta.height} px; the minimum is ${MIN_IMAGE_SIDE} px on each side`,
      );
    }
    try {
      const { data, info } = await sharp(bytes, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS })
        .rotate() // apply the EXIF orientation, as Rekognition does
        .resize({ width: MAX_ANALYSIS_SIDE, height: MAX_ANALYSIS_SIDE, fit: 'inside', withoutEnlargement: true })
        .removeAlpha()
        .toColourspace('srgb')
        .raw()
        .toBuffer({ resolveWithObject: true });
      return { data, width: info.width, height: info.height, channels: info.channels };
    } catch {
      throw new EngineError('UnsupportedImage', 'the image is not a decodable JPEG or PNG');
    }
  }

  /**
   * Decodes and analyses an image: every face with its box (pixels), detector score, 68 landmarks (pixels),
   * and, when asked, its expressions (needed for Smile and Emotions) and its 128-d descriptor. Faces are sorted by
   * box area, largest first.
   * @param {Buffer} bytes image bytes
   * @param {{descriptors?: boolean, expressions?: boolean, maxFaces?: number, onlyLargest?: boolean}} [options]
   */
  async analyze(bytes, options = {}) {
    const image = await FaceEngine.decode(bytes);
    return this._queue.run(() => this._analyzeDecoded(image, options));
  }

  async _analyzeDecoded(image, { descriptors = false, expressions: withExpressions = false, maxFaces = MAX_FACES, onlyLargest = false } = {}) {
    const { width, height } = image;
    const input = tf.tensor3d(image.data, [height, width, 3], 'int32');
    try {
      const scales = this._scales ?? (Math.max(width, height) > LARGE_IMAGE_SIDE ? LARGE_IMAGE_SCALES : FRAME_SCALES);
      const found = [];
      for (const inputSize of scales) {
        const dets = await faceapi.detectAllFaces(input, new faceapi.TinyFaceDetectorOptions({ inputSize, scoreThreshold: this._scoreThreshold }));
        found.push(...dets.map((d) => ({ score: d.score, box: { x: d.box.x, y: d.box.y, width: d.box.width, height: d.box.height } })));
      }
      found.sort((a, b) => b.score - a.score);
      const kept = [];
      for (const f of found) {
        if (kept.some((k) => {
          const o = iou(k.box, f.box);
          return o.iou > 0.3 || o.containment > 0.7;
        })) continue;
        kept.push(f);
      }
      kept.sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
      const chosen = kept.slice(0, MAX_FACES);

      // stage 1: landmarks for every detection, boxes from the landmarks
      const faces = [];
      for (const det of chosen) {
        const clipped = new faceapi.Rect(det.box.x, det.box.y, det.box.width, det.box.height).clipAtImageBorders(width, height);
        if (clipped.width < 2 || clipped.height < 2) continue;
        const [crop] = await faceapi.extractFaceTensors(input, [clipped]);
        let landmarks;
        try {
          landmarks = await faceapi.nets.faceLandmark68Net.detectLandmarks(crop);
        } finally {
          crop.dispose();
        }
        const shifted = landmarks.shiftBy(clipped.x, clipped.y);
        const points = shifted.positions.map((p) => [p.x, p.y]);
        const box = landmarkBox(points);
        // the landmark net fits a face into any crop; on a false detection (measured: a box straddling two
        // neighbouring faces) the fitted face is far narrower than the detector's box: drop those
        if (box.width < MIN_LANDMARK_TO_DETECTOR_WIDTH * det.box.width) continue;
        faces.push({ box, detectorBox: det.box, score: det.score, points, landmarks: shifted });
      }
      // a second suppression on the landmark boxes removes detections of a part of a face already found
      // (e.g. a box straddling two neighbouring faces), keeping the higher detector score
      faces.sort((a, b) => b.score - a.score);
      const distinct = [];
      for (const f of faces) {
        if (distinct.some((k) => {
          const o = iou(k.box, f.box);
          return o.iou > 0.3 || o.containment > 0.5;
        })) continue;
        distinct.push(f);
      }
      // largest (landmark box) first, as Rekognition picks "the largest face"
      distinct.sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
      const result = distinct.slice(0, onlyLargest ? 1 : maxFaces);

      // stage 2: quality, expressions and descriptors for the faces returned
      for (const face of result) {
        face.quality = faceQuality(image, face.box);
        face.expressions = null;
        if (withExpressions) {
          const aligned = face.landmarks.align().clipAtImageBorders(width, height);
          const [alignedCrop] = await faceapi.extractFaceTensors(input, [aligned]);
          try {
            face.expressions = { ...(await faceapi.nets.faceExpressionNet.predictExpressions(alignedCrop)) };
          } finally {
            alignedCrop.dispose();
          }
        }
        face.descriptor = descriptors ? await uprightDescriptor(input, face.points, width, height) : undefined;
        face.pupils = this._iris ? await iris.pupils(this._iris, input, face.points, width, height) : undefined;
        delete face.landmarks;
      }
      return { width, height, faces: result };
    } finally {
      input.dispose();
    }
  }

  /**
   * A Rekognition FaceDetail for one analysed face.
   * @param {object} face from analyze()
   * @param {number} width image width
   * @param {number} height image height
   * @param {boolean} all true for Attributes ALL
   */
  static faceDetail(face, width, height, all) {
    const detail = {
      BoundingBox: FaceEngine.boundingBox(face, width, height),
    };
    if (all) {
      if (!face.expressions) throw new Error('faceDetail(all) needs analyze(..., { expressions: true })');
      const ear = eyeAspectRatio(face.points);
      const mar = mouthAspectRatio(face.points);
      const happy = face.expressions.happy ?? 0;
      detail.Smile = { Value: happy >= 0.5, Confidence: 100 * Math.max(happy, 1 - happy) };
      detail.EyesOpen = boolAttribute(ear >= EAR_OPEN_THRESHOLD, ear - EAR_OPEN_THRESHOLD, EAR_CONFIDENCE_SCALE);
      if (face.pupils) detail.EyesOpen = iris.eyesOpen(face.pupils); // the iris model's lid contours, when loaded
      detail.MouthOpen = boolAttribute(mar >= MAR_OPEN_THRESHOLD, mar - MAR_OPEN_THRESHOLD, MAR_CONFIDENCE_SCALE);
      detail.Emotions = FaceEngine.emotions(face);
    }
    detail.Landmarks = iris.withPupils(toRekognitionLandmarks(face.points, width, height), face.pupils, width, height);
    detail.Pose = estimatePose(face.points);
    detail.Quality = { Brightness: face.quality.Brightness, Sharpness: face.quality.Sharpness };
    detail.Confidence = confidenceFromScore(face.score);
    return detail;
  }

  static emotions(face) {
    return Object.entries(EMOTION_TYPES)
      .map(([k, type]) => ({ Type: type, Confidence: 100 * (face.expressions[k] ?? 0) }))
      .sort((a, b) => b.Confidence - a.Confidence);
  }

  static boundingBox(face, width, height) {
    return {
      Width: face.box.width / width,
      Height: face.box.height / height,
      Left: face.box.x / width,
      Top: face.box.y / height,
    };
  }

  static confidence(face) {
    return confidenceFromScore(face.score);
  }
}

module.exports = {
  FaceEngine,
  confidenceFromScore,
  MAX_IMAGE_BYTES,
  MAX_INPUT_PIXELS,
  MIN_IMAGE_SIDE,
  EAR_OPEN_THRESHOLD,
  MAR_OPEN_THRESHOLD,
};
