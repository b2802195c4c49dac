'use strict';

// AWS Signature Version 4 verification: the canonical request is recomputed from the received request and the
// signature compared in constant time.

const crypto = require('node:crypto');
const { RekognitionError } = require('./errors');

const ALGORITHM = 'AWS4-HMAC-SHA256';
const MAX_SKEW_MS = 15 * 60 * 1000;

const sha256Hex = (data) => crypto.createHash('sha256').update(data).digest('hex');
const hmac = (key, data) => crypto.createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 encoding as SigV4 wants it (unreserved characters kept, everything else %XX upper case). */
function uriEncode(s, keepSlash = false) {
  let out = '';
  for (const ch of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(ch);
    if (/[A-Za-z0-9\-_.~]/.test(c) || (keepSlash && c === '/')) out += c;
    else out += '%' + ch.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function safeDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Canonical URI for non-S3 services: each segment decoded once and encoded twice (SigV4 double encoding). */
function canonicalUri(path) {
  if (!path || path === '/') return '/';
  return path
    .split('/')
    .map((seg) => uriEncode(uriEncode(safeDecode(seg))))
    .join('/');
}

function canonicalQuery(query) {
  if (!query) return '';
  return query
    .split('&')
    .filter((p) => p.length > 0)
    .map((p) => {
      const i = p.indexOf('=');
      const k = i < 0 ? p : p.slice(0, i);
      const v = i < 0 ? '' : p.slice(i + 1);
      return [uriEncode(safeDecode(k.replace(/\+/g, ' '))), uriEncode(safeDecode(v.replace(/\+/g, ' ')))];
    })
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/**
 * The canonical request.
 * @param {{method:string, path:string, query?:string, headers:Record<string,string|string[]>, signedHeaders:string[], payloadHash:string}} r
 *   headers: lower-case name -> value (or the values of repeated headers)
 */
function canonicalRequest(r) {
  const names = [...r.signedHeaders].map((h) => h.toLowerCase()).sort();
  const lines = names.map((n) => {
    const raw = r.headers[n];
    const values = Array.isArray(raw) ? raw : [raw ?? ''];
    return `${n}:${values.map((v) => String(v).trim().replace(/\s+/g, ' ')).join(',')}\n`;
  });
  return [r.method.toUpperCase(), canonicalUri(r.path), canonicalQuery(r.query), lines.join(''), names.join(';'), r.payloadHash].join('\n');
}

function signingKey(secret, date, region, service) {
  const kDate = hmac('AWS4' + secret, date);
  const kRegion = hmac(kDate, region);
  const kService = hmac(kRegion, service);
  return hmac(kService, 'aws4_request');
}

function stringToSign(amzDate, scope, canonical) {
  return [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n');
}

function signature(secret, amzDate, scope, canonical) {
  const [date, region, service] = scope.split('/');
  return crypto.createHmac('sha256', signingKey(secret, date, region, service)).update(stringToSign(amzDate, scope, canonical), 'utf8').digest('hex');
}

function parseAuthorization(header) {
  if (!header.startsWith(ALGORITHM + ' ')) return null;
  const parts = {};
  for (const item of header.slice(ALGORITHM.length + 1).split(',')) {
    const i = item.indexOf('=');
    if (i > 0) parts[item.slice(0, i).trim()] = item.slice(i + 1).trim();
  }
  return parts;
}

function parseAmzDate(s) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s || '');
  if (!m) return null;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}

/** Groups raw headers (Node's req.rawHeaders) by lower-case name. */
function headerMap(rawHeaders) {
  const map = {};
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    (map[name] ??= []).push(rawHeaders[i + 1]);
  }
  return map;
}

const incomplete = (m) => new RekognitionError('IncompleteSignatureException', m);
const invalid = (m) => new RekognitionError('InvalidSignatureException', m);

/**
 * Verifies a SigV4-signed request; throws a RekognitionError in Rekognition's shape when it does not verify.
 * @param {{method:string, url:string, rawHeaders:string[], body:Buffer}} req
 * @param {{accessKeyId:string, secretAccessKey:string, service:string, now?:number}} opts
 */
function verifyRequest(req, opts) {
  const headers = headerMap(req.rawHeaders);
  const authorization = headers.authorization?.[0];
  if (!authorization) {
    throw new RekognitionError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  }
  const auth = parseAuthorization(authorization);
  if (!auth) {
    throw incomplete(`Authorization header requires the ${ALGORITHM} algorithm.`);
  }
  for (const key of ['Credential', 'SignedHeaders', 'Signature']) {
    if (!auth[key]) throw incomplete(`Authorization header requires '${key}' parameter. Authorization=${ALGORITHM}`);
  }
  const credential = auth.Credential.split('/');
  if (credential.length !== 5 || credential[4] !== 'aws4_request') {
    throw incomplete(`Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${auth.Credential}'`);
  }
  const [accessKeyId, date, region, service] = credential;
  if (accessKeyId !== opts.accessKeyId) {
    throw new RekognitionError('UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  const amzDate = headers['x-amz-date']?.[0];
  if (!amzDate) {
    throw incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  const signedAt = parseAmzDate(amzDate);
  if (signedAt === null) throw incomplete(`Date must be in ISO-8601 'basic format'. Got '${amzDate}'.`);
  if (amzDate.slice(0, 8) !== date) {
    throw invalid(`Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${date}' != '${amzDate.slice(0, 8)}'`);
  }
  if (service !== opts.service) {
    throw invalid(`Credential should be scoped to correct service: '${opts.service}'.`);
  }
  const signedHeaders = auth.SignedHeaders.split(';');
  if (!signedHeaders.includes('host')) {
    throw invalid("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  const now = opts.now ?? Date.now();
  if (Math.abs(now - signedAt) > MAX_SKEW_MS) {
    throw invalid(`Signature expired: ${amzDate} is now earlier or later than the request time window (15 min).`);
  }
  const [path, query = ''] = req.url.split('?', 2);
  const payloadHash = sha256Hex(req.body);
  const declared = headers['x-amz-content-sha256']?.[0];
  if (declared && declared !== payloadHash && declared !== 'UNSIGNED-PAYLOAD') {
    throw invalid('The provided x-amz-content-sha256 header does not match what was computed.');
  }
  const canonical = canonicalRequest({ method: req.method, path, query, headers, signedHeaders, payloadHash });
  const scope = `${date}/${region}/${service}/aws4_request`;
  const expected = Buffer.from(signature(opts.secretAccessKey, amzDate, scope, canonical), 'hex');
  const given = Buffer.from(auth.Signature, 'hex');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    throw invalid(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
  return { accessKeyId, region };
}

module.exports = { verifyRequest, canonicalRequest, stringToSign, signature, signingKey, sha256Hex, headerMap };
