'use strict';

// Loads @vladmandic/human (node-wasm build) on the tfjs + wasm backend the face engine already uses, with its models
// read from the installed npm package (nothing is downloaded). Human fetches its models with global fetch, which
// cannot read file:// URLs in Node, so fetch is wrapped for file:// URLs inside the models folder only while the
// models load, and restored afterwards.

const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL, fileURLToPath } = require('node:url');
const tf = require('@tensorflow/tfjs');
const wasm = require('@tensorflow/tfjs-backend-wasm');

// the package's exports map hides package.json and its subpaths lack the './' prefix, so the folder is found from the
// main entry (<package>/dist/human.node.js) and the node-wasm build is required by absolute path
const HUMAN_DIR = path.dirname(path.dirname(require.resolve('@vladmandic/human')));
const MODEL_DIR = path.join(HUMAN_DIR, 'models');
const WASM_DIR = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep;

async function withFileFetch(fn) {
  const original = globalThis.fetch;
  const root = path.resolve(MODEL_DIR) + path.sep;
  globalThis.fetch = async (url, init) => {
    const text = typeof url === 'string' ? url : url.url ?? String(url);
    if (text.startsWith('file://')) {
      const file = path.resolve(fileURLToPath(text));
      if (!file.startsWith(root)) throw new Error(`refusing to read ${file} outside the human models folder`);
      const bytes = await fs.promises.readFile(file);
      return new Response(bytes, { status: 200, headers: { 'content-type': file.endsWith('.json') ? 'application/json' : 'application/octet-stream' } });
    }
    return original(url, init);
  };
  try {
    return await fn();
  } finally {
    globalThis.fetch = original;
  }
}

/**
 * Creates and loads a Human instance.
 * @param {object} face the `face` section of Human's config (which face models to run)
 */
async function loadHuman(face) {
  if (tf.getBackend() !== 'wasm') {
    wasm.setWasmPaths(WASM_DIR, false);
    await tf.setBackend('wasm');
    await tf.ready();
  }
  const { Human } = require(path.join(HUMAN_DIR, 'dist', 'human.node-wasm.js'));
  const human = new Human({
    backend: 'wasm',
    wasmPath: WASM_DIR,
    modelBasePath: pathToFileURL(MODEL_DIR).href + '/',
    debug: false,
    async: false,
    warmup: 'none',
    cacheModels: false,
    cacheSensitivity: 0,
    filter: { enabled: false },
    face: { enabled: true, ...face },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    gesture: { enabled: false },
    segmentation: { enabled: false },
  });
  await withFileFetch(() => human.load());
  return { human, tf };
}

module.exports = { loadHuman, MODEL_DIR };
