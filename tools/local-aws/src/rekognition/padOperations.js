'use strict';

// DetectPresentationAttack, a local extension of the Rekognition-compatible server (not an Amazon Rekognition
// operation): the request checks and the scorer of src/engine/pad.js behind the engine's serial queue.

const { RekognitionError } = require('./errors');
const { FaceEngine } = require('../engine/faceEngine');
const { createPresentationAttackScorer } = require('../engine/pad');

/** The extra operation for the Rekognition-compatible server (`engine` provides the serial queue and decoding checks). */
function createPadOperations({ engine }) {
  let scorer = null;
  const load = () => {
    scorer ??= createPresentationAttackScorer().catch((err) => {
      scorer = null;
      throw err;
    });
    return scorer;
  };
  const run = (fn) => (engine && engine._queue ? engine._queue.run(fn) : fn());
  return {
    async DetectPresentationAttack(input) {
      const image = input?.Image;
      if (!image || typeof image.Bytes !== 'string' || !/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(image.Bytes)) {
        throw new RekognitionError('InvalidParameterException', 'Request has invalid parameters: Image.Bytes (base64) is required');
      }
      const bytes = Buffer.from(image.Bytes, 'base64');
      await FaceEngine.decode(bytes); // the same size and format checks as DetectFaces
      const s = await load();
      return { Faces: await run(() => s.score(bytes)) };
    },
  };
}

module.exports = { createPadOperations };
