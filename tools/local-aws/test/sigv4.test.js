'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { canonicalRequest, sha256Hex, signature, verifyRequest } = require('../src/rekognition/sigv4');
const { sign } = require('../test-support/helpers');

// Reference vector: shared/reference/cognito-rekognition.md, Part C.1 (computed there with botocore and by hand).
const AKID = 'AKIDEXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const WHEN = Date.UTC(2015, 7, 30, 12, 36, 0);
const BODY = '{"CollectionId":"myphotos"}';
const REK_HEADERS = {
  'content-type': 'application/x-amz-json-1.1',
  host: 'rekognition.us-east-1.amazonaws.com',
  'x-amz-date': '20150830T123600Z',
  'x-amz-target': 'RekognitionService.CreateCollection',
};
const REK_CANONICAL = [
  'POST',
  '/',
  '',
  'content-type:application/x-amz-json-1.1',
  'host:rekognition.us-east-1.amazonaws.com',
  'x-amz-date:20150830T123600Z',
  'x-amz-target:RekognitionService.CreateCollection',
  '',
  'content-type;host;x-amz-date;x-amz-target',
  '544700ceded6fd58afbcc51d6b73f3400014ee595704f744a086ff3d3394a170',
].join('\n');
const REK_SIGNATURE = '1ebe301cbfab7fcbb9a9af21e49621a82231984f66bbed670b16986a2c52ebe3';
const SCOPE = '20150830/us-east-1/rekognition/aws4_request';

function rawHeaders(headers, authorization) {
  const raw = [];
  for (const [k, v] of Object.entries(headers)) raw.push(k, v);
  if (authorization) raw.push('Authorization', authorization);
  return raw;
}

const authHeader = (sig) =>
  `AWS4-HMAC-SHA256 Credential=${AKID}/${SCOPE}, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${sig}`;

test('canonical request of the Rekognition reference vector matches the reference text and hash', () => {
  const headers = Object.fromEntries(Object.entries(REK_HEADERS).map(([k, v]) => [k, [v]]));
  const canonical = canonicalRequest({
    method: 'POST',
    path: '/',
    query: '',
    headers,
    signedHeaders: Object.keys(REK_HEADERS),
    payloadHash: sha256Hex(BODY),
  });
  assert.equal(canonical, REK_CANONICAL);
  assert.equal(sha256Hex(canonical), 'd162de3c4cab044c46c5ac63b45f36170df3b74007d70bb1e1c0f67e3ba451a1');
  assert.equal(signature(SECRET, '20150830T123600Z', SCOPE, canonical), REK_SIGNATURE);
});

test('verifyRequest accepts the Rekognition reference vector', () => {
  const result = verifyRequest(
    { method: 'POST', url: '/', rawHeaders: rawHeaders(REK_HEADERS, authHeader(REK_SIGNATURE)), body: Buffer.from(BODY) },
    { accessKeyId: AKID, secretAccessKey: SECRET, service: 'rekognition', now: WHEN },
  );
  assert.equal(result.region, 'us-east-1');
});

test('the test helper signer reproduces the Rekognition reference signature', () => {
  const signed = sign({
    method: 'POST',
    host: REK_HEADERS.host,
    path: '/',
    headers: { 'content-type': REK_HEADERS['content-type'], 'x-amz-target': REK_HEADERS['x-amz-target'] },
    body: BODY,
    accessKeyId: AKID,
    secretAccessKey: SECRET,
    region: 'us-east-1',
    service: 'rekognition',
    date: new Date(WHEN),
  });
  assert.equal(signed.canonicalRequest, REK_CANONICAL);
  assert.equal(signed.signature, REK_SIGNATURE);
});

test('verifyRequest accepts the get-vanilla suite vector', () => {
  const headers = { Host: 'example.amazonaws.com', 'X-Amz-Date': '20150830T123600Z' };
  const auth =
    'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, ' +
    'Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31';
  verifyRequest(
    { method: 'GET', url: '/', rawHeaders: rawHeaders(headers, auth), body: Buffer.alloc(0) },
    { accessKeyId: AKID, secretAccessKey: SECRET, service: 'service', now: WHEN },
  );
});

function rejects(mutate, code) {
  const req = { method: 'POST', url: '/', rawHeaders: rawHeaders(REK_HEADERS, authHeader(REK_SIGNATURE)), body: Buffer.from(BODY) };
  const opts = { accessKeyId: AKID, secretAccessKey: SECRET, service: 'rekognition', now: WHEN };
  mutate(req, opts);
  assert.throws(() => verifyRequest(req, opts), (err) => err.code === code && err.status === 400);
}

test('verifyRequest rejects a changed body with InvalidSignatureException', () => {
  rejects((req) => (req.body = Buffer.from('{"CollectionId":"other"}')), 'InvalidSignatureException');
});

test('verifyRequest rejects a changed signed header with InvalidSignatureException', () => {
  rejects((req) => (req.rawHeaders[7] = 'RekognitionService.DeleteCollection'), 'InvalidSignatureException');
});

test('verifyRequest rejects a wrong secret with InvalidSignatureException', () => {
  rejects((_req, opts) => (opts.secretAccessKey = 'not-the-secret'), 'InvalidSignatureException');
});

test('verifyRequest rejects an unknown access key with UnrecognizedClientException', () => {
  rejects((_req, opts) => (opts.accessKeyId = 'local'), 'UnrecognizedClientException');
});

test('verifyRequest rejects a request signed 20 minutes ago with InvalidSignatureException', () => {
  rejects((_req, opts) => (opts.now = WHEN + 20 * 60 * 1000), 'InvalidSignatureException');
});

test('verifyRequest rejects a request without Authorization with MissingAuthenticationTokenException', () => {
  rejects((req) => (req.rawHeaders = rawHeaders(REK_HEADERS)), 'MissingAuthenticationTokenException');
});

test('verifyRequest rejects an Authorization header without Signature with IncompleteSignatureException', () => {
  rejects(
    (req) => (req.rawHeaders = rawHeaders(REK_HEADERS, `AWS4-HMAC-SHA256 Credential=${AKID}/${SCOPE}, SignedHeaders=host`)),
    'IncompleteSignatureException',
  );
});
