'use strict';

/**
 * An error of the local face engine itself, independent of any wire protocol: `kind` says what was wrong with the
 * input. The Rekognition front end (src/rekognition/operations.js, toRekognitionError) maps each kind to the error
 * Amazon Rekognition returns for the same input.
 */
class EngineError extends Error {
  /**
   * @param {keyof typeof EngineError.Kinds} kind what was wrong
   * @param {string} message a human-readable detail
   */
  constructor(kind, message) {
    super(message);
    if (!Object.hasOwn(EngineError.Kinds, kind)) throw new TypeError(`unknown EngineError kind '${kind}'`);
    this.name = 'EngineError';
    this.kind = kind;
  }
}

/** The kinds of input the engine refuses. */
EngineError.Kinds = Object.freeze({
  /** No bytes at all. */
  EmptyImage: 'EmptyImage',
  /** More bytes than the engine accepts. */
  ImageTooManyBytes: 'ImageTooManyBytes',
  /** Neither JPEG nor PNG, or bytes that do not decode. */
  UnsupportedImage: 'UnsupportedImage',
  /** More pixels than the engine decodes. */
  ImageTooManyPixels: 'ImageTooManyPixels',
  /** A side shorter than the engine's minimum. */
  ImageTooSmall: 'ImageTooSmall',
});

module.exports = { EngineError };
