'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { sign, request, callAws, rek, faceCrop, b64 } = require('../test-support/helpers');

const START = path.join(__dirname, '..', 'bin', 'start.js');

/** Spawns start.js with piped stdio; resolves when the first stdout line arrives. */
function start(args = [], env = {}) {
  const childEnv = { ...process.env, ...env };
  delete childEnv.LOCAL_AWS_ACCESS_KEY_ID;
  delete childEnv.LOCAL_AWS_SECRET_ACCESS_KEY;
  Object.assign(childEnv, env);
  const child = spawn(process.execPath, [START, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: childEnv });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const ready = new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      const nl = stdout.indexOf('\n');
      if (nl >= 0) resolve(JSON.parse(stdout.slice(0, nl)));
    });
    exited.then(({ code }) => reject(new Error(`start.js exited with ${code} before ready: ${stderr}`)));
  });
  return { child, ready, exited, stdout: () => stdout, stderr: () => stderr };
}

const creds = (info) => ({ accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey });

async function dynamo(endpoint, op, input) {
  const r = await callAws(endpoint, `DynamoDB_20120810.${op}`, input, { service: 'dynamodb', contentType: 'application/x-amz-json-1.0' });
  assert.equal(r.status, 200, `${op}: ${r.body}`);
  return r.json;
}

async function s3(endpoint, method, key, body = '') {
  const u = new URL(endpoint);
  const signed = sign({
    method,
    host: u.host,
    path: key,
    headers: { 'x-amz-content-sha256': crypto.createHash('sha256').update(body).digest('hex') },
    body,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    region: 'us-east-1',
    service: 's3',
  });
  return request(endpoint + key, { method, headers: signed.headers, body });
}

test('start.js prints one JSON line, serves dynalite and s3rver, and exits 0 on SIGTERM', async () => {
  const p = start();
  const info = await p.ready;
  try {
    assert.deepEqual(Object.keys(info), ['dynamodb', 's3', 'rekognition', 'region', 'accessKeyId', 'secretAccessKey']);
    for (const k of ['dynamodb', 's3', 'rekognition']) assert.match(info[k], /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(info.region, 'us-east-1');
    assert.match(info.accessKeyId, /^LOCAL[0-9A-F]{16}$/, 'random per start');
    assert.ok(info.secretAccessKey.length >= 40, 'a random secret of 30 bytes');

    // DynamoDB: create a table and wait for ACTIVE
    await dynamo(info.dynamodb, 'CreateTable', {
      TableName: 'attempts',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
    let status = 'CREATING';
    for (let i = 0; i < 100 && status !== 'ACTIVE'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await dynamo(info.dynamodb, 'DescribeTable', { TableName: 'attempts' })).Table.TableStatus;
    }
    assert.equal(status, 'ACTIVE');
    await dynamo(info.dynamodb, 'PutItem', { TableName: 'attempts', Item: { pk: { S: 'a' }, n: { N: '1' } } });
    const item = await dynamo(info.dynamodb, 'GetItem', { TableName: 'attempts', Key: { pk: { S: 'a' } } });
    assert.deepEqual(item.Item, { pk: { S: 'a' }, n: { N: '1' } });

    // S3: create a bucket, put and get an object
    assert.equal((await s3(info.s3, 'PUT', '/frames')).status, 200);
    assert.equal((await s3(info.s3, 'PUT', '/frames/session-1/frame-0.jpg', 'jpeg bytes here')).status, 200);
    const got = await s3(info.s3, 'GET', '/frames/session-1/frame-0.jpg');
    assert.equal(got.status, 200);
    assert.equal(got.body.toString(), 'jpeg bytes here');

    // Rekognition: a signed DetectFaces with the printed credentials
    const r = await rek(info.rekognition, 'DetectFaces', { Image: { Bytes: b64(await faceCrop(3, 0)) } }, creds(info));
    assert.equal(r.status, 200);
    assert.equal(r.json.FaceDetails.length, 1);
  } finally {
    p.child.kill('SIGTERM');
  }
  const { code } = await p.exited;
  assert.equal(code, 0);
  assert.equal(p.stdout(), JSON.stringify(info) + '\n', 'nothing but the JSON line on stdout');
});

test('start.js exits 0 when its stdin closes and removes its temporary data dir', async () => {
  const p = start(['--services', 'dynamodb,s3']);
  const info = await p.ready;
  assert.deepEqual(Object.keys(info), ['dynamodb', 's3', 'region', 'accessKeyId', 'secretAccessKey']);
  const dataDir = /data in (\S+)\/dynamodb/.exec(p.stderr())[1];
  assert.ok(fs.existsSync(dataDir));
  p.child.stdin.end();
  const { code } = await p.exited;
  assert.equal(code, 0);
  assert.ok(!fs.existsSync(dataDir), `${dataDir} removed`);
});

test('start.js exits 0 on SIGINT and honours fixed ports and --services', async () => {
  const port = await new Promise((resolve) => {
    const srv = require('node:net').createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port: free } = srv.address();
      srv.close(() => resolve(free));
    });
  });
  const p = start(['--services', 's3', '--s3-port', String(port)]);
  const info = await p.ready;
  assert.deepEqual(Object.keys(info), ['s3', 'region', 'accessKeyId', 'secretAccessKey']);
  assert.equal(info.s3, `http://127.0.0.1:${port}`);
  p.child.kill('SIGINT');
  assert.equal((await p.exited).code, 0);
});

test('start.js keeps collections in --data-dir across restarts', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-aws-start-'));
  try {
    const first = start(['--services', 'rekognition', '--data-dir', dir]);
    const a = await first.ready;
    assert.equal((await rek(a.rekognition, 'CreateCollection', { CollectionId: 'kept' }, creds(a))).status, 200);
    first.child.kill('SIGTERM');
    assert.equal((await first.exited).code, 0);

    const second = start(['--services', 'rekognition', '--data-dir', dir]);
    const b = await second.ready;
    const list = await rek(b.rekognition, 'ListCollections', {}, creds(b));
    assert.deepEqual(list.json.CollectionIds, ['kept']);
    second.child.stdin.end();
    assert.equal((await second.exited).code, 0);
    assert.ok(fs.existsSync(path.join(dir, 'rekognition', 'collections.json')));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('start.js rejects an unknown argument with exit code 2', async () => {
  const p = start(['--bogus']);
  await assert.rejects(p.ready);
  assert.equal((await p.exited).code, 2);
});
