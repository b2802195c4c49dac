'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const HOST = '127.0.0.1';
const SERVICES = Object.freeze(['dynamodb', 's3', 'rekognition']);

function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve(server.address().port);
    });
  });
}

function closeServer(server) {
  return new Promise((resolve) => {
    if (typeof server.closeAllConnections === 'function') server.closeAllConnections();
    server.close(() => resolve());
  });
}

/**
 * The Rekognition endpoint's credentials: given (options, or LOCAL_AWS_ACCESS_KEY_ID and LOCAL_AWS_SECRET_ACCESS_KEY,
 * both or neither), or random for this start. Never fixed: fixed, documented credentials would let any local process
 * index a face for any user.
 */
function credentialsFor(options) {
  const accessKeyId = options.accessKeyId ?? process.env.LOCAL_AWS_ACCESS_KEY_ID ?? null;
  const secretAccessKey = options.secretAccessKey ?? process.env.LOCAL_AWS_SECRET_ACCESS_KEY ?? null;
  if ((accessKeyId === null) !== (secretAccessKey === null)) {
    throw new Error('give both LOCAL_AWS_ACCESS_KEY_ID and LOCAL_AWS_SECRET_ACCESS_KEY, or neither (random credentials)');
  }
  if (accessKeyId !== null) {
    if (!/^[A-Za-z0-9]{4,128}$/.test(accessKeyId)) throw new Error('LOCAL_AWS_ACCESS_KEY_ID must be 4-128 letters or digits');
    if (secretAccessKey.length < 16) throw new Error('LOCAL_AWS_SECRET_ACCESS_KEY must be at least 16 characters');
    return { accessKeyId, secretAccessKey };
  }
  return {
    accessKeyId: 'LOCAL' + crypto.randomBytes(8).toString('hex').toUpperCase(),
    secretAccessKey: crypto.randomBytes(30).toString('base64url'),
  };
}

/**
 * Starts the requested services on 127.0.0.1.
 * @param {{services?: string[], ports?: {dynamodb?:number, s3?:number, rekognition?:number}, dataDir?: string|null,
 *          maxInflight?: number|null, accessKeyId?: string, secretAccessKey?: string, region?: string,
 *          log?: (msg:string)=>void}} [options]
 * @returns {Promise<{endpoints: object, dataDir: string, close: () => Promise<void>}>}
 */
async function startStack(options = {}) {
  const services = options.services ?? SERVICES;
  const ports = options.ports ?? {};
  const log = options.log ?? ((m) => process.stderr.write(`[local-aws] ${m}\n`));
  const region = options.region ?? 'us-east-1';
  const { accessKeyId, secretAccessKey } = credentialsFor(options);
  const temporary = !options.dataDir;
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : fs.mkdtempSync(path.join(os.tmpdir(), 'local-aws-'));
  fs.mkdirSync(dataDir, { recursive: true });

  const closers = [];
  const endpoints = {};
  const close = async () => {
    for (const c of closers.reverse()) {
      try {
        await c();
      } catch (err) {
        log(`close failed: ${err.message}`);
      }
    }
    closers.length = 0;
    if (temporary) fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    if (services.includes('dynamodb')) {
      const dynalite = require('dynalite');
      const dir = path.join(dataDir, 'dynamodb');
      fs.mkdirSync(dir, { recursive: true });
      const server = dynalite({ path: dir });
      const port = await listen(server, ports.dynamodb ?? 0);
      closers.push(() => closeServer(server));
      endpoints.dynamodb = `http://${HOST}:${port}`;
      log(`dynamodb (dynalite) on ${endpoints.dynamodb}, data in ${dir}`);
    }
    if (services.includes('s3')) {
      const S3rver = require('s3rver');
      const dir = path.join(dataDir, 's3');
      fs.mkdirSync(dir, { recursive: true });
      const s3rver = new S3rver({ address: HOST, port: ports.s3 ?? 0, directory: dir, silent: true });
      const { port } = await s3rver.run();
      closers.push(() => s3rver.close());
      endpoints.s3 = `http://${HOST}:${port}`;
      log(`s3 (s3rver, credentials S3RVER/S3RVER) on ${endpoints.s3}, data in ${dir}`);
    }
    if (services.includes('rekognition')) {
      const { FaceEngine } = require('./engine/faceEngine');
      const { CollectionStore } = require('./rekognition/collectionStore');
      const { createRekognitionServer } = require('./rekognition/server');
      const engine = await FaceEngine.load();
      log(`face models loaded in ${engine.loadMs.toFixed(0)} ms`);
      const store = new CollectionStore(path.join(dataDir, 'rekognition', 'collections.json'));
      const server = createRekognitionServer({
        engine,
        store,
        accessKeyId,
        secretAccessKey,
        region,
        maxInflight: options.maxInflight ?? null,
        log,
      });
      const port = await listen(server, ports.rekognition ?? 0);
      closers.push(() => closeServer(server));
      endpoints.rekognition = `http://${HOST}:${port}`;
      log(`rekognition (face engine) on ${endpoints.rekognition}`);
    }
  } catch (err) {
    await close();
    throw err;
  }
  return { endpoints: { ...endpoints, region, accessKeyId, secretAccessKey }, dataDir, close };
}

module.exports = { startStack, credentialsFor, SERVICES, HOST };
