'use strict';

/** An error that the Rekognition endpoint returns in Rekognition's own wire shape. */
class RekognitionError extends Error {
  /**
   * @param {string} code the __type, e.g. InvalidParameterException
   * @param {string} message the Message
   * @param {number} [status] HTTP status (400 unless stated)
   */
  constructor(code, message, status = 400) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

module.exports = { RekognitionError };
