'use strict';

const http = require('node:http');
const crypto = require('node:crypto');
const { RekognitionError } = require('./errors');
const { verifyRequest } = require('./sigv4');
const { createOperations } = require('./operations');
const { createPadOperations } = require('../engine/pad');

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
  const log = options.log ?? (() => {});
  // DetectPresentationAttack is a local extension (engine/pad.js): human's antispoof + liveness models
  const ops = { ...createOperations({ engine, store, region }), ...createPadOperations({ engine }) };
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

  const server = http.createServer((req, res) => {
    const chunks = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', async () => {
      let counted = false;
      try {
        if (req.method !== 'POST' || req.url.split('?')[0] !== '/') {
          throw new RekognitionError('UnknownOperationException', `No operation at ${req.method} ${req.url}`, 404);
        }
        if (tooLarge) throw new RekognitionError('ImageTooLargeException', 'Image size is too large.');
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
          throw new RekognitionError('ThrottlingException', 'Rate exceeded');
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

module.exports = { createRekognitionServer };
