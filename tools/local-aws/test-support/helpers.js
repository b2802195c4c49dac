'use strict';

// Test helpers: a small independent SigV4 signer, an HTTP client, the engine started once per test file, and
// images derived from face-api's demo photos with sharp.

const crypto = require('node:crypto');
const http = require('node:http');
const path = require('node:path');
const sharp = require('sharp');

const DEMO_DIR = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'demo');
const demoPath = (n) => path.join(DEMO_DIR, `sample${n}.jpg`);

const hash = (d) => crypto.createHash('sha256').update(d).digest('hex');
const mac = (k, d) => crypto.createHmac('sha256', k).update(d).digest();

function amzDateOf(date) {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * Signs a request (SigV4, header form). Returns the headers to send, plus the intermediate strings for tests.
 * @param {{method:string, host:string, path:string, headers:Record<string,string>, body:string|Buffer,
 *          accessKeyId:string, secretAccessKey:string, region:string, service:string, date?:Date}} r
 */
function sign(r) {
  const amzDate = amzDateOf(r.date ?? new Date());
  const day = amzDate.slice(0, 8);
  const headers = { ...r.headers, host: r.host, 'x-amz-date': amzDate };
  const names = Object.keys(headers).map((h) => h.toLowerCase()).sort();
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v).trim()]));
  const canonicalHeaders = names.map((n) => `${n}:${lower[n]}\n`).join('');
  const signedHeaders = names.join(';');
  const payloadHash = lower['x-amz-content-sha256'] ?? hash(r.body ?? '');
  const canonicalRequest = [r.method, r.path, '', canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const scope = `${day}/${r.region}/${r.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, hash(canonicalRequest)].join('\n');
  const key = mac(mac(mac(mac('AWS4' + r.secretAccessKey, day), r.region), r.service), 'aws4_request');
  const signature = crypto.createHmac('sha256', key).update(stringToSign).digest('hex');
  const authorization = `AWS4-HMAC-SHA256 Credential=${r.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { headers: { ...headers, authorization }, canonicalRequest, stringToSign, signature };
}

/** Raw HTTP request; resolves {status, headers, body (Buffer), json}. */
function request(url, { method = 'POST', headers = {}, body = '' } = {}) {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname + u.search, method, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const buf = Buffer.concat(chunks);
          let json;
          try {
            json = JSON.parse(buf.toString('utf8'));
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode, headers: res.headers, body: buf, json });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A signed call to a JSON 1.x AWS service (Rekognition or DynamoDB). */
async function callAws(endpoint, target, input, opts = {}) {
  const u = new URL(endpoint);
  // opts.rawBody: sign and send this body; opts.body: send this body instead of the signed one (tampering)
  const body = opts.rawBody ?? JSON.stringify(input);
  const contentType = opts.contentType ?? 'application/x-amz-json-1.1';
  const signed = sign({
    method: 'POST',
    host: u.host,
    path: '/',
    headers: { 'content-type': contentType, 'x-amz-target': target },
    body,
    accessKeyId: opts.accessKeyId ?? 'local',
    secretAccessKey: opts.secretAccessKey ?? 'local-secret',
    region: 'us-east-1',
    service: opts.service ?? 'rekognition',
    date: opts.date,
  });
  const headers = { ...signed.headers };
  if (opts.mutateHeaders) opts.mutateHeaders(headers);
  return request(endpoint, { headers, body: opts.body ?? body });
}

const rek = (endpoint, op, input, opts) => callAws(endpoint, `RekognitionService.${op}`, input, opts);

/**
 * Starts a Rekognition endpoint in-process (models load once per test file).
 * @param {{maxInflight?: number, dataDir?: string|null}} [options]
 */
async function startEngine(options = {}) {
  const { FaceEngine } = require('../src/engine/faceEngine');
  const { CollectionStore } = require('../src/rekognition/collectionStore');
  const { createRekognitionServer } = require('../src/rekognition/server');
  engineSingleton ??= FaceEngine.load();
  const engine = await engineSingleton;
  const store = new CollectionStore(options.dataDir ? path.join(options.dataDir, 'collections.json') : null);
  const server = createRekognitionServer({
    engine,
    store,
    accessKeyId: 'local',
    secretAccessKey: 'local-secret',
    region: 'us-east-1',
    maxInflight: options.maxInflight ?? null,
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    engine,
    server,
    endpoint: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((r) => {
      server.closeAllConnections();
      server.close(r);
    }),
  };
}
let engineSingleton = null;

/**
 * Faces of a demo photo, found once with the engine on the full photo (pixel boxes), cached per process.
 */
const faceCache = new Map();
async function demoFaces(n) {
  if (!faceCache.has(n)) {
    const { FaceEngine } = require('../src/engine/faceEngine');
    engineSingleton ??= FaceEngine.load();
    const engine = await engineSingleton;
    const { width, height, faces } = await engine.analyze(await sharp(demoPath(n)).toBuffer());
    faceCache.set(n, { width, height, boxes: faces.map((f) => f.box) });
  }
  return faceCache.get(n);
}

/**
 * A square crop around face `i` of demo photo `n`: `scale` times the face box, shifted by (ox, oy) face widths,
 * resized to `size` px. Areas outside the photo are filled with grey.
 */
async function faceCrop(n, i, { scale = 2.2, ox = 0, oy = 0, size = 480 } = {}) {
  const { width, height, boxes } = await demoFaces(n);
  const b = boxes[i];
  const side = Math.round(Math.max(b.width, b.height) * scale);
  const cx = b.x + b.width / 2 + ox * b.width;
  const cy = b.y + b.height / 2 + oy * b.height;
  return regionOf(n, Math.round(cx - side / 2), Math.round(cy - side / 2), side, side, size, width, height);
}

/** Extract a (left, top, w, h) region of photo n (filling outside areas with grey) and resize it to size x size. */
async function regionOf(n, left, top, w, h, size, width, height) {
  const pad = Math.max(0, -left, -top, left + w - width, top + h - height);
  const src = pad > 0 ? sharp(demoPath(n)).extend({ top: pad, bottom: pad, left: pad, right: pad, background: '#808080' }) : sharp(demoPath(n));
  const buf = await src.toBuffer();
  return sharp(buf)
    .extract({ left: left + pad, top: top + pad, width: w, height: h })
    .resize(size, size, { fit: 'fill' })
    .jpeg({ quality: 92 })
    .toBuffer();
}

const b64 = (buf) => buf.toString('base64');
const landmark = (face, type) => face.Landmarks.find((l) => l.Type === type);

module.exports = { sign, request, callAws, rek, startEngine, demoFaces, faceCrop, regionOf, demoPath, b64, landmark, amzDateOf };
