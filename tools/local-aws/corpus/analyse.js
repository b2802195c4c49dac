'use strict';

// Runs rendered sequences through the local face engine (the same DetectFaces the Rekognition-compatible server
// answers, Attributes ALL, as FaceVerify's analyzer asks) and writes each as a replay recording: the format of
// `faceverify replay` (challengeType, parameters, frames[{timestampMs, faceDetails}]) plus a "corpus" block with the
// sequence's description and its per-frame ground truth. The decision is a pure function of these recordings, so
// the verdicts and every threshold sweep are recomputed from them without the engine.

const { FaceEngine } = require('../src/engine/faceEngine');
const { createOperations } = require('../src/rekognition/operations');

async function createAnalyser() {
  const engine = await FaceEngine.load();
  const operations = createOperations({ engine, store: null, region: 'us-east-1' });
  return {
    engine,
    async detect(jpeg) {
      const result = await operations.DetectFaces({ Image: { Bytes: jpeg.toString('base64') }, Attributes: ['ALL'] });
      return result.FaceDetails;
    },
  };
}

/** The replay recording of a rendered sequence (a nose sequence of corpus/render.js or a pose one of corpus/poses.js). */
async function analyseSequence(analyser, sequence, challengeType = 'nose') {
  const frames = [];
  for (const frame of sequence.frames) {
    frames.push({ timestampMs: frame.timestampMs, faceDetails: await analyser.detect(frame.jpeg) });
  }
  const { spec } = sequence;
  return {
    description: `liveness corpus: ${spec.class} seed ${spec.seed}`,
    challengeType,
    parameters: spec.parameters,
    frames,
    corpus: {
      generator: 'tools/local-aws/corpus',
      class: spec.class,
      seed: spec.seed,
      identity: spec.identity,
      other: spec.other,
      width: spec.width,
      height: spec.height,
      fps: spec.fps,
      turn: spec.turn,
      ...(spec.recordedParameters ? { recordedParameters: spec.recordedParameters } : {}),
      ...(spec.recordedPoses ? { recordedPoses: spec.recordedPoses } : {}),
      truth: sequence.frames.map((f) => f.truth),
    },
  };
}

module.exports = { createAnalyser, analyseSequence };
