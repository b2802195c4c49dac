'use strict';

const crypto = require('node:crypto');
const { RekognitionError } = require('./errors');
const { EngineError } = require('../engine/errors');
const { FaceEngine } = require('../engine/faceEngine');
const { toRekognitionLandmarks, COMPARED_FACE_TYPES } = require('../engine/landmarks');
const { estimatePose } = require('../engine/pose');
const { similarity } = require('../engine/similarity');

// AWS's model constrains FaceModelVersion / IndexFacesModelVersion to [0-9\.]+ ("7.0"); the local engine says 7.0.
const FACE_MODEL_VERSION = '7.0';
const ACCOUNT = '000000000000';
const COLLECTION_ID = /^[a-zA-Z0-9_.-]+$/;
const EXTERNAL_IMAGE_ID = /^[a-zA-Z0-9_.\-:]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ATTRIBUTES = new Set([
  'DEFAULT', 'ALL', 'AGE_RANGE', 'BEARD', 'EMOTIONS', 'EYE_DIRECTION', 'EYEGLASSES', 'EYES_OPEN', 'GENDER', 'MOUTH_OPEN',
  'MUSTACHE', 'FACE_OCCLUDED', 'SMILE', 'SUNGLASSES',
]);
const QUALITY_FILTERS = ['NONE', 'AUTO', 'LOW', 'MEDIUM', 'HIGH'];

// QualityFilter levels (AUTO = MEDIUM). A face fails a level when any measure is beyond its limit.
const QUALITY_LIMITS = {
  LOW: { minSide: 20, maxAngle: 60, minBrightness: 5, minSharpness: 5, minConfidence: 50 },
  MEDIUM: { minSide: 40, maxAngle: 45, minBrightness: 10, minSharpness: 10, minConfidence: 90 },
  HIGH: { minSide: 60, maxAngle: 30, minBrightness: 20, minSharpness: 20, minConfidence: 95 },
};

const bad = (message) => new RekognitionError('InvalidParameterException', message);

function requireString(input, name, { pattern, min = 1, max = 255, optional = false } = {}) {
  const v = input[name];
  if (v === undefined || v === null) {
    if (optional) return undefined;
    throw bad(`Request has invalid parameters: ${name} is required`);
  }
  if (typeof v !== 'string' || v.length < min || v.length > max || (pattern && !pattern.test(v))) {
    throw bad(`Request has invalid parameters: ${name} is not valid`);
  }
  return v;
}

function optionalNumber(input, name, { min, max, integer = false, dflt }) {
  const v = input[name];
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
    throw bad(`Request has invalid parameters: ${name} must be a number between ${min} and ${max}`);
  }
  return v;
}

function qualityFilter(input, dflt) {
  const v = input.QualityFilter ?? dflt;
  if (!QUALITY_FILTERS.includes(v)) throw bad('Request has invalid parameters: QualityFilter is not valid');
  return v === 'AUTO' ? 'MEDIUM' : v;
}

function attributesAll(list, name) {
  if (list === undefined || list === null) return false;
  if (!Array.isArray(list) || list.some((a) => !ATTRIBUTES.has(a))) {
    throw bad(`Request has invalid parameters: ${name} is not valid`);
  }
  // Any attribute other than DEFAULT asks for the computed attributes (ALL, SMILE, EYES_OPEN, MOUTH_OPEN, EMOTIONS).
  return list.some((a) => a !== 'DEFAULT');
}

/** Image.Bytes (base64) only; Image.S3Object is not supported by the local engine. */
function imageBytes(image, name) {
  if (!image || typeof image !== 'object' || Array.isArray(image)) throw bad(`Request has invalid parameters: ${name} is required`);
  const hasBytes = image.Bytes !== undefined && image.Bytes !== null;
  const hasS3 = image.S3Object !== undefined && image.S3Object !== null;
  if (hasBytes && hasS3) throw bad(`Request has invalid parameters: supply only one of ${name}.Bytes and ${name}.S3Object`);
  if (hasS3) throw bad('S3Object not supported by the local engine');
  if (!hasBytes) throw bad(`Request has invalid parameters: ${name}.Bytes is required`);
  if (typeof image.Bytes !== 'string' || !/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(image.Bytes)) {
    throw bad(`Request has invalid parameters: ${name}.Bytes must be base64`);
  }
  return Buffer.from(image.Bytes, 'base64');
}

/** Reasons a face fails a quality level (empty when it passes or the filter is NONE). */
function qualityReasons(face, detail, level) {
  if (level === 'NONE') return [];
  const lim = QUALITY_LIMITS[level];
  const reasons = [];
  if (Math.abs(detail.Pose.Yaw) > lim.maxAngle || Math.abs(detail.Pose.Pitch) > lim.maxAngle) reasons.push('EXTREME_POSE');
  if (detail.Quality.Brightness < lim.minBrightness) reasons.push('LOW_BRIGHTNESS');
  if (detail.Quality.Sharpness < lim.minSharpness) reasons.push('LOW_SHARPNESS');
  if (detail.Confidence < lim.minConfidence) reasons.push('LOW_CONFIDENCE');
  if (Math.min(face.box.width, face.box.height) < lim.minSide) reasons.push('SMALL_BOUNDING_BOX');
  return reasons;
}

function comparedFace(face, width, height) {
  const all = FaceEngine.faceDetail(face, width, height, true);
  return {
    BoundingBox: all.BoundingBox,
    Confidence: all.Confidence,
    Landmarks: toRekognitionLandmarks(face.points, width, height, COMPARED_FACE_TYPES),
    Pose: estimatePose(face.points),
    Quality: all.Quality,
    Emotions: all.Emotions,
    Smile: all.Smile,
  };
}

/** A UUID-formatted id derived from the image bytes (same image -> same ImageId, as Rekognition does). */
function imageIdOf(bytes) {
  const h = crypto.createHash('sha256').update(bytes).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function noFace(what) {
  return bad(`There are no faces in the ${what}. Should be at least 1.`);
}

/**
 * The Rekognition error for an error of the local engine (src/engine/errors.js), with the code and message Amazon
 * Rekognition returns for the same input; any other error is returned unchanged.
 * @param {unknown} err
 */
function toRekognitionError(err) {
  if (!(err instanceof EngineError)) return err;
  switch (err.kind) {
    case 'EmptyImage':
      return new RekognitionError('InvalidParameterException', 'Request has invalid parameters');
    case 'ImageTooManyBytes':
      return new RekognitionError('ImageTooLargeException', 'Image size is too large.');
    case 'ImageTooManyPixels':
      return new RekognitionError('ImageTooLargeException', `Image size is too large: ${err.message}`);
    case 'ImageTooSmall':
      return new RekognitionError('InvalidParameterException', `Request has invalid parameters: ${err.message}`);
    case 'UnsupportedImage':
      return new RekognitionError('InvalidImageFormatException', 'Request has invalid image format');
    default:
      return new RekognitionError('InternalServerError', 'Internal server error', 500);
  }
}

/**
 * Wraps every operation so that an engine error leaves it as the matching Rekognition error.
 * @param {Record<string, (input: any) => Promise<any>>} operations
 */
function withRekognitionErrors(operations) {
  return Object.fromEntries(Object.entries(operations).map(([name, op]) => [name, async (input) => {
    try {
      return await op(input);
    } catch (err) {
      throw toRekognitionError(err);
    }
  }]));
}

function createOperations({ engine, store, region }) {
  const arnOf = (id) => `aws:rekognition:${region}:${ACCOUNT}:collection/${id}`;

  return {
    async DetectFaces(input) {
      const all = attributesAll(input.Attributes, 'Attributes');
      const bytes = imageBytes(input.Image, 'Image');
      const { width, height, faces } = await engine.analyze(bytes, { expressions: all });
      return { FaceDetails: faces.map((f) => FaceEngine.faceDetail(f, width, height, all)) };
    },

    async CompareFaces(input) {
      const threshold = optionalNumber(input, 'SimilarityThreshold', { min: 0, max: 100, dflt: 80 });
      const level = qualityFilter(input, 'NONE');
      const sourceBytes = imageBytes(input.SourceImage, 'SourceImage');
      const targetBytes = imageBytes(input.TargetImage, 'TargetImage');
      const source = await engine.analyze(sourceBytes, { descriptors: true, onlyLargest: true });
      const target = await engine.analyze(targetBytes, { descriptors: true, expressions: true });
      const s = source.faces[0];
      if (!s) throw noFace('source image');
      if (qualityReasons(s, FaceEngine.faceDetail(s, source.width, source.height, false), level).length > 0) {
        throw bad('The face in the source image does not meet the quality filter.');
      }
      const targets = target.faces.filter((f) => qualityReasons(f, FaceEngine.faceDetail(f, target.width, target.height, false), level).length === 0);
      if (targets.length === 0) throw noFace('target image');
      const matches = [];
      const unmatched = [];
      for (const t of targets) {
        const sim = similarity(s.descriptor, t.descriptor);
        const face = comparedFace(t, target.width, target.height);
        if (sim >= threshold) matches.push({ Similarity: sim, Face: face });
        else unmatched.push(face);
      }
      matches.sort((a, b) => b.Similarity - a.Similarity);
      return {
        SourceImageFace: { BoundingBox: FaceEngine.boundingBox(s, source.width, source.height), Confidence: FaceEngine.confidence(s) },
        FaceMatches: matches,
        UnmatchedFaces: unmatched,
      };
    },

    async CreateCollection(input) {
      const id = requireString(input, 'CollectionId', { pattern: COLLECTION_ID });
      if (input.Tags !== undefined && (typeof input.Tags !== 'object' || input.Tags === null || Object.keys(input.Tags).length > 200)) {
        throw bad('Request has invalid parameters: Tags is not valid');
      }
      store.create(id, { arn: arnOf(id), faceModelVersion: FACE_MODEL_VERSION, tags: input.Tags });
      return { StatusCode: 200, CollectionArn: arnOf(id), FaceModelVersion: FACE_MODEL_VERSION };
    },

    async DeleteCollection(input) {
      const id = requireString(input, 'CollectionId', { pattern: COLLECTION_ID });
      store.delete(id);
      return { StatusCode: 200 };
    },

    async ListCollections(input) {
      const max = optionalNumber(input, 'MaxResults', { min: 0, max: 4096, integer: true, dflt: 4096 });
      let start = 0;
      if (input.NextToken !== undefined && input.NextToken !== null) {
        start = Number.parseInt(Buffer.from(String(input.NextToken), 'base64').toString('utf8'), 10);
        if (!Number.isInteger(start) || start < 0) {
          throw new RekognitionError('InvalidPaginationTokenException', 'Invalid pagination token');
        }
      }
      const ids = store.ids();
      const page = ids.slice(start, start + max);
      const out = { CollectionIds: page, FaceModelVersions: page.map((id) => store.get(id).faceModelVersion) };
      if (start + max < ids.length) out.NextToken = Buffer.from(String(start + max)).toString('base64');
      return out;
    },

    async IndexFaces(input) {
      const id = requireString(input, 'CollectionId', { pattern: COLLECTION_ID });
      const externalImageId = requireString(input, 'ExternalImageId', { pattern: EXTERNAL_IMAGE_ID, optional: true });
      const all = attributesAll(input.DetectionAttributes, 'DetectionAttributes');
      // MaxFaces has no upper bound in AWS's model (min 1); IndexFaces indexes at most 100 faces of one image.
      const maxFaces = Math.min(100, optionalNumber(input, 'MaxFaces', { min: 1, max: Number.MAX_SAFE_INTEGER, integer: true, dflt: 100 }));
      const level = qualityFilter(input, 'AUTO');
      const bytes = imageBytes(input.Image, 'Image');
      const collection = store.get(id);
      const { width, height, faces } = await engine.analyze(bytes, { descriptors: true, expressions: all });
      const imageId = imageIdOf(bytes);
      const existing = collection.faces.filter((f) => f.ImageId === imageId && f.ExternalImageId === externalImageId);

      const records = [];
      const unindexed = [];
      const toStore = [];
      for (const face of faces) {
        const detail = FaceEngine.faceDetail(face, width, height, all);
        const reasons = qualityReasons(face, detail, level);
        if (reasons.length > 0) {
          unindexed.push({ Reasons: reasons, FaceDetail: detail });
          continue;
        }
        if (records.length >= maxFaces) {
          unindexed.push({ Reasons: ['EXCEEDS_MAX_FACES'], FaceDetail: detail });
          continue;
        }
        // the same image indexed again with the same ExternalImageId: return the stored face, store nothing new
        const same = existing.find((f) => Math.abs(f.BoundingBox.Left - detail.BoundingBox.Left) < 1e-6 && Math.abs(f.BoundingBox.Top - detail.BoundingBox.Top) < 1e-6);
        const stored = same ?? {
          FaceId: crypto.randomUUID(),
          BoundingBox: detail.BoundingBox,
          ImageId: imageId,
          ...(externalImageId !== undefined ? { ExternalImageId: externalImageId } : {}),
          Confidence: detail.Confidence,
          IndexFacesModelVersion: FACE_MODEL_VERSION,
          descriptor: face.descriptor,
        };
        if (!same) toStore.push(stored);
        const { descriptor, ...publicFace } = stored;
        records.push({ Face: publicFace, FaceDetail: detail });
      }
      if (toStore.length > 0) store.addFaces(id, toStore);
      return { FaceRecords: records, FaceModelVersion: collection.faceModelVersion, UnindexedFaces: unindexed };
    },

    async SearchFacesByImage(input) {
      const id = requireString(input, 'CollectionId', { pattern: COLLECTION_ID });
      const maxFaces = optionalNumber(input, 'MaxFaces', { min: 1, max: 4096, integer: true, dflt: 4096 });
      const threshold = optionalNumber(input, 'FaceMatchThreshold', { min: 0, max: 100, dflt: 80 });
      const level = qualityFilter(input, 'NONE');
      const bytes = imageBytes(input.Image, 'Image');
      const collection = store.get(id);
      const { width, height, faces } = await engine.analyze(bytes, { descriptors: true, onlyLargest: true });
      const face = faces[0];
      if (!face) throw noFace('image');
      if (qualityReasons(face, FaceEngine.faceDetail(face, width, height, false), level).length > 0) {
        throw bad('The face in the image does not meet the quality filter.');
      }
      const matches = collection.faces
        .map((f) => ({ f, sim: similarity(face.descriptor, f.descriptor) }))
        .filter((m) => m.sim >= threshold)
        .sort((a, b) => b.sim - a.sim)
        .slice(0, maxFaces)
        .map(({ f, sim }) => {
          const { descriptor, ...publicFace } = f;
          return { Similarity: sim, Face: publicFace };
        });
      return {
        SearchedFaceBoundingBox: FaceEngine.boundingBox(face, width, height),
        SearchedFaceConfidence: FaceEngine.confidence(face),
        FaceMatches: matches,
        FaceModelVersion: collection.faceModelVersion,
      };
    },

    async DeleteFaces(input) {
      const id = requireString(input, 'CollectionId', { pattern: COLLECTION_ID });
      const ids = input.FaceIds;
      if (!Array.isArray(ids) || ids.length < 1 || ids.length > 4096 || ids.some((f) => typeof f !== 'string' || !UUID.test(f))) {
        throw bad('Request has invalid parameters: FaceIds must hold 1 to 4096 face ids');
      }
      const { deleted, missing } = store.deleteFaces(id, ids);
      const out = { DeletedFaces: deleted };
      if (missing.length > 0) out.UnsuccessfulFaceDeletions = missing.map((f) => ({ FaceId: f, Reasons: ['FACE_NOT_FOUND'] }));
      return out;
    },

    // ListFaces: the collection's faces in index order, paged like ListCollections (MaxResults 0..4096, default 1000).
    async ListFaces(input) {
      const id = requireString(input, 'CollectionId', { pattern: COLLECTION_ID });
      const max = optionalNumber(input, 'MaxResults', { min: 0, max: 4096, integer: true, dflt: 1000 });
      let start = 0;
      if (input.NextToken !== undefined && input.NextToken !== null) {
        start = Number.parseInt(Buffer.from(String(input.NextToken), 'base64').toString('utf8'), 10);
        if (!Number.isInteger(start) || start < 0) {
          throw new RekognitionError('InvalidPaginationTokenException', 'Invalid pagination token');
        }
      }
      const collection = store.get(id);
      const page = collection.faces.slice(start, start + max).map((f) => {
        const { descriptor, ...publicFace } = f;
        return publicFace;
      });
      const out = { Faces: page, FaceModelVersion: collection.faceModelVersion };
      if (start + max < collection.faces.length) out.NextToken = Buffer.from(String(start + max)).toString('base64');
      return out;
    },
  };
}

module.exports = { createOperations, toRekognitionError, withRekognitionErrors, FACE_MODEL_VERSION, imageIdOf, QUALITY_LIMITS };
