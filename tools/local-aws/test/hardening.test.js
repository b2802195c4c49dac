'use strict';

// Issue 12 items 5 and 8: the engine is no backdoor (random credentials per start, printed only on the ready line,
// 127.0.0.1 only) and hostile requests cost no memory (body limit before authentication, pixel limit from the header,
// no sharp cache).

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const sharp = require('sharp');
const { rek, startEngine, faceCrop, b64 } = require('../test-support/helpers');
const { MAX_INPUT_PIXELS } = require('../src/engine/faceEngine');

const START = path.join(__dirname, '..', 'bin', 'start.js');

function startProcess(env = {}) {
  const childEnv = { ...process.env };
  delete childEnv.LOCAL_AWS_ACCESS_KEY_ID;
  delete childEnv.LOCAL_AWS_SECRET_ACCESS_KEY;
  const child = spawn(process.execPath, [START, '--services', 'rekognition'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...childEnv, ...env } });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      const nl = stdout.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(stdout.slice(0, nl)));
    });
    exited.then((code) => reject(new Error(`start.js exited with ${code} before ready: ${stderr}`)));
  });
  return { child, ready, exited, stderr: () => stderr };
}

/** A PNG of width x height 16-bit RGB pixels, all zero: a few kB on the wire, 6 bytes a pixel once decoded. */
function pngBomb(width, height) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 16;
  ihdr[9] = 2;
  // only the first rows: the header is what is refused (a full bomb is in bench/hostile-images.js)
  const rows = Buffer.alloc(Math.min(height, 4) * (1 + width * 6));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

let engine;
before(async () => {
  engine = await startEngine();
});
after(async () => {
  await engine?.close();
});

test('start.js makes random credentials per start and prints them only on its ready line', async () => {
  const first = startProcess();
  const a = await first.ready;
  const second = startProcess();
  const b = await second.ready;
  try {
    assert.match(a.accessKeyId, /^LOCAL[0-9A-F]{16}$/);
    assert.notEqual(a.accessKeyId, b.accessKeyId);
    assert.notEqual(a.secretAccessKey, b.secretAccessKey);
    assert.ok(!first.stderr().includes(a.secretAccessKey), 'the secret is not logged');

    // the old fixed, documented credentials no longer work: no local process can index a face with them
    const planted = await rek(a.rekognition, 'CreateCollection', { CollectionId: 'planted' }, { accessKeyId: 'local', secretAccessKey: 'local-secret' });
    assert.equal(planted.status, 400);
    assert.equal(planted.json.__type, 'UnrecognizedClientException');
    // another start's credentials do not work either
    const other = await rek(a.rekognition, 'ListCollections', {}, { accessKeyId: b.accessKeyId, secretAccessKey: b.secretAccessKey });
    assert.equal(other.json.__type, 'UnrecognizedClientException');
    const mine = await rek(a.rekognition, 'ListCollections', {}, { accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey });
    assert.equal(mine.status, 200);
  } finally {
    first.child.stdin.end();
    second.child.stdin.end();
  }
  assert.equal(await first.exited, 0);
  assert.equal(await second.exited, 0);
});

test('start.js takes credentials from LOCAL_AWS_ACCESS_KEY_ID and LOCAL_AWS_SECRET_ACCESS_KEY, both or neither', async () => {
  const given = startProcess({ LOCAL_AWS_ACCESS_KEY_ID: 'MYDEVKEY1', LOCAL_AWS_SECRET_ACCESS_KEY: 'a-long-enough-secret-1234' });
  const info = await given.ready;
  try {
    assert.equal(info.accessKeyId, 'MYDEVKEY1');
    assert.equal(info.secretAccessKey, 'a-long-enough-secret-1234');
  } finally {
    given.child.stdin.end();
  }
  await given.exited;

  const half = startProcess({ LOCAL_AWS_ACCESS_KEY_ID: 'MYDEVKEY1' });
  try {
    await assert.rejects(half.ready, /both .* or neither/);
    assert.equal(await half.exited, 1);
  } finally {
    half.child.kill('SIGTERM'); // a no-op once it has exited
  }
});

test('the engine listens on 127.0.0.1 only', async (t) => {
  const p = startProcess();
  const info = await p.ready;
  try {
    const port = Number(new URL(info.rekognition).port);
    assert.equal(new URL(info.rekognition).hostname, '127.0.0.1');
    const external = Object.values(os.networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
    if (!external) {
      t.diagnostic('no non-loopback IPv4 interface on this machine: only the printed address is checked');
      return;
    }
    const error = await new Promise((resolve) => {
      const socket = net.connect({ host: external.address, port }, () => {
        socket.destroy();
        resolve(null);
      });
      socket.on('error', resolve);
    });
    assert.ok(error, `connecting via ${external.address}:${port} must fail`);
    assert.equal(error.code, 'ECONNREFUSED');
  } finally {
    p.child.stdin.end();
    await p.exited;
  }
});

/**
 * Streams `total` bytes of body to the engine with the given headers and returns how many bytes the server read from
 * that connection before it answered and closed it.
 */
async function bytesReadFor(headers, total) {
  const { port } = new URL(engine.endpoint);
  let read = 0;
  const counted = new Promise((resolve) => {
    engine.server.once('connection', (socket) => socket.on('close', () => resolve(socket.bytesRead)));
  });
  const status = await new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: { 'content-type': 'application/x-amz-json-1.1', ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve('reset'));
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    let sent = 0;
    const pump = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
  read = await counted;
  return { status, read };
}

test('an unauthenticated request is answered without reading its body', async () => {
  // chunked (no Content-Length): 64 MB that a client without credentials streams at the engine
  const { read } = await bytesReadFor({ 'x-amz-target': 'RekognitionService.DetectFaces', 'transfer-encoding': 'chunked' }, 64 * 1024 * 1024);
  assert.ok(read < 8 * 1024 * 1024, `read ${read} bytes of 64 MB`);
});

test('a signed-looking request with a body over the limit is cut off at the limit', async () => {
  const { MAX_BODY_BYTES } = require('../src/rekognition/server');
  const authorization = 'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/rekognition/aws4_request, SignedHeaders=host, Signature=00';
  const chunked = await bytesReadFor({ authorization, 'x-amz-target': 'RekognitionService.DetectFaces', 'transfer-encoding': 'chunked' }, 64 * 1024 * 1024);
  assert.ok(chunked.read <= MAX_BODY_BYTES + 1024 * 1024, `read ${chunked.read} bytes; the limit is ${MAX_BODY_BYTES}`);
  const declared = await bytesReadFor({ authorization, 'x-amz-target': 'RekognitionService.DetectFaces', 'content-length': String(64 * 1024 * 1024) }, 64 * 1024 * 1024);
  assert.ok(declared.read < 8 * 1024 * 1024, `a declared 64 MB body is refused from its Content-Length (read ${declared.read})`);
});

test('an image declaring more pixels than the limit is refused from its header', async () => {
  assert.equal(MAX_INPUT_PIXELS, 16_777_216);
  const r = await rek(engine.endpoint, 'DetectFaces', { Image: { Bytes: b64(pngBomb(16383, 16383)) } });
  assert.equal(r.status, 400);
  assert.equal(r.json.__type, 'ImageTooLargeException');
  assert.match(r.json.Message, /16383x16383/);
  // just over the limit is refused too; a real photo under it still works
  const over = await rek(engine.endpoint, 'DetectFaces', { Image: { Bytes: b64(pngBomb(4097, 4096)) } });
  assert.equal(over.json.__type, 'ImageTooLargeException');
  const ok = await rek(engine.endpoint, 'DetectFaces', { Image: { Bytes: b64(await faceCrop(3, 0)) } });
  assert.equal(ok.status, 200);
});

test("sharp's cache is off", () => {
  const cache = sharp.cache();
  assert.equal(cache.memory.max, 0);
  assert.equal(cache.items.max, 0);
  assert.equal(cache.files.max, 0);
});
