'use strict';

const http = require('node:http');
const crypto = require('node:crypto');
const { RekognitionError } = require('./errors');
const { verifyRequest } = require('./sigv4');
const { createOperations, withRekognitionErrors } = require('./operations');
const { createPadOperations } = require('./padOperations');

const TARGET_PREFIX = 'RekognitionService.';
// a 5 MB image is about 7 MB as base64; CompareFaces carries two
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * The Rekognition-compatible HTTP endpoint: POST / with X-Amz-Target: RekognitionService.<Op>, JSON 1.1, SigV4.
 * @param {{engine:object, store:object, accessKeyId:string, secretAccessKey:string, region:string,
 *          maxInflight?:number|null, log?:(msg:string)=>void, now?:()=>number}} options
 */
function createRekognitionServer(options) {
  const { engine, store, accessKeyId, secretAccessKey, region } = options;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const log = options.log ?? (() => {});
  // DetectPresentationAttack is a local extension (padOperations.js over engine/pad.js: human's antispoof + liveness
  // models). Engine errors become Rekognition errors here, at the edge (operations.js, withRekognitionErrors).
  const ops = withRekognitionErrors({ ...createOperations({ engine, store, region }), ...createPadOperations({ engine }) });
  let inflight = 0;

  function send(res, status, body, extraHeaders = {}) {
    const payload = Buffer.from(JSON.stringify(body));
    res.writeHead(status, {
      'Content-Type': 'application/x-amz-json-1.1',
      'Content-Length': payload.length,
      'x-amzn-RequestId': crypto.randomUUID(),
      ...extraHeaders,
    });
    res.end(payload);
  }

  function sendError(res, err) {
    send(res, err.status, { __type: err.code, Message: err.message }, { 'x-amzn-ErrorType': err.code });
  }

  /** Answers before (or instead of) reading the rest of the body, and closes the connection: nothing more is read. */
  function refuseEarly(req, res, err) {
    log(`rekognition ${req.headers['x-amz-target'] ?? '-'} ${err.status} ${err.code} (body not read)`);
    req.pause();
    send(res, err.status, { __type: err.code, Message: err.message }, { 'x-amzn-ErrorType': err.code, Connection: 'close' });
  }

  const server = http.createServer((req, res) => {
    // Checks that need no body come first, so an unauthenticated or oversized request costs no reading.
    const early = checkBeforeBody(req, accessKeyId, maxBodyBytes);
    if (early) {
      refuseEarly(req, res, early);
      return;
    }
    const chunks = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk) => {
      if (refused) return;
      size += chunk.length;
      if (size > maxBodyBytes) {
        // stop at the limit: answer now, and the connection closes after the answer
        refused = true;
        chunks.length = 0;
        refuseEarly(req, res, new RekognitionError('ImageTooLargeException', 'Image size is too large.'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', async () => {
      if (refused) return;
      let counted = false;
      try {
        const body = Buffer.concat(chunks);
        verifyRequest({ method: req.method, url: req.url, rawHeaders: req.rawHeaders, body }, {
          accessKeyId,
          secretAccessKey,
          service: 'rekognition',
          now: options.now?.(),
        });
        const target = req.headers['x-amz-target'] ?? '';
        const op = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
        if (!Object.hasOwn(ops, op)) {
          throw new RekognitionError('UnknownOperationException', `Unknown operation ${target}`);
        }
        if (options.maxInflight && inflight >= options.maxInflight) {
          // A server fault in AWS's model (HTTP 500), unlike ProvisionedThroughputExceededException (400).
          throw new RekognitionError('ThrottlingException', 'Rate exceeded', 500);
        }
        inflight++;
        counted = true;
        let input;
        try {
          input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
        } catch {
          throw new RekognitionError('SerializationException', 'The request body is not valid JSON');
        }
        if (typeof input !== 'object' || input === null || Array.isArray(input)) {
          throw new RekognitionError('SerializationException', 'The request body must be a JSON object');
        }
        const started = performance.now();
        const result = await ops[op](input);
        log(`rekognition ${op} 200 ${(performance.now() - started).toFixed(0)} ms`);
        send(res, 200, result);
      } catch (err) {
        if (err instanceof RekognitionError) {
          log(`rekognition ${req.headers['x-amz-target'] ?? '-'} ${err.status} ${err.code}`);
          sendError(res, err);
        } else {
          log(`rekognition internal error: ${err && err.stack ? err.stack : err}`);
          sendError(res, new RekognitionError('InternalServerError', 'Internal server error', 500));
        }
      } finally {
        if (counted) inflight--;
      }
    });
  });
  server.keepAliveTimeout = 5000;
  return server;
}

/**
 * What can be refused from the request line and headers alone: the path, a declared body over the limit, and a
 * missing Authorization header or an unknown access key (the signature itself needs the body and is verified after).
 * @returns {RekognitionError|null}
 */
function checkBeforeBody(req, accessKeyId, maxBodyBytes) {
  if (req.method !== 'POST' || req.url.split('?')[0] !== '/') {
    return new RekognitionError('UnknownOperationException', `No operation at ${req.method} ${req.url}`, 404);
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBodyBytes) {
    return new RekognitionError('ImageTooLargeException', 'Image size is too large.');
  }
  const authorization = req.headers.authorization;
  if (!authorization) {
    return new RekognitionError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  }
  const credential = /Credential=([^/,\s]+)\//.exec(authorization);
  if (credential && credential[1] !== accessKeyId) {
    return new RekognitionError('UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  return null;
}

module.exports = { createRekognitionServer, MAX_BODY_BYTES };
