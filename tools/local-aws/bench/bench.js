'use strict';

// Benchmarks for docs/local-stack.md. Run from tools/local-aws:
//   node bench/bench.js            (all measurements)
//   LOCAL_AWS_DETECTOR_SIZES=160,320 node bench/bench.js   (another detector setting)
// Prints one JSON object per measurement on stdout. Sequential requests, one client, after warm-up.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const sharp = require('sharp');
const { startEngine, rek, faceCrop, b64 } = require('../test-support/helpers');
const { FaceEngine } = require('../src/engine/faceEngine');
const tf = require('@tensorflow/tfjs');
const iris = require('../src/engine/iris');

const N = Number(process.env.BENCH_N ?? 30);

function stats(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, median: +q(0.5).toFixed(1), p90: +q(0.9).toFixed(1), min: +s[0].toFixed(1) };
}

// Wall time per call, and the CPU time this process used per call (user + system). On a shared, loaded machine
// the wall time includes waiting for a core; the CPU time is close to what the call takes on an idle core.
async function time(fn, n = N) {
  for (let i = 0; i < 3; i++) await fn();
  const wall = [];
  const cpu = [];
  for (let i = 0; i < n; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await fn();
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  return { wall: stats(wall), cpu: stats(cpu) };
}

/** Spawns start.js: ms to the JSON line, and the child's RSS (MB) 2 s after it (at rest, models loaded). */
function startup(args) {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, [path.join(__dirname, '..', 'bin', 'start.js'), ...args], { stdio: ['pipe', 'pipe', 'ignore'] });
    child.stdout.once('data', () => {
      const ms = performance.now() - t;
      setTimeout(() => {
        const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const rss = Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
        child.kill('SIGTERM');
        child.on('exit', () => resolve({ ms, rss }));
      }, 2000);
    });
    child.on('error', reject);
  });
}

const print = (o) => process.stdout.write(JSON.stringify(o) + '\n');

async function main() {
  print({ machine: { cpus: os.cpus().length, model: os.cpus()[0].model, loadavg: os.loadavg().map((l) => +l.toFixed(2)), node: process.version }, detectorSizes: process.env.LOCAL_AWS_DETECTOR_SIZES ?? 'default (128,160,320 up to 800 px; 160,416,608 above)' });

  const startAll = [];
  const startRek = [];
  for (let i = 0; i < 3; i++) {
    startAll.push(await startup([]));
    startRek.push(await startup(['--services', 'rekognition']));
  }
  print({ measure: 'start-up to JSON line, all three services (ms)', ...stats(startAll.map((s) => s.ms)) });
  print({ measure: 'start-up to JSON line, rekognition only (ms)', ...stats(startRek.map((s) => s.ms)) });
  print({ measure: 'RSS of start.js at rest, 2 s after ready, all three services (MB)', ...stats(startAll.map((s) => s.rss)) });

  const engine = await startEngine();
  const frame = await faceCrop(3, 0, { size: 480 }); // 480x480 JPEG, one face
  const frame2 = await faceCrop(3, 0, { scale: 1.7, ox: 0.1, size: 480 });
  const wide = await sharp(await faceCrop(5, 0, { scale: 3, size: 640 })).resize(640, 480, { fit: 'cover' }).jpeg().toBuffer();

  print({ measure: 'DetectFaces 480x480, 1 face, DEFAULT, over HTTP (ms)', ...(await time(() => rek(engine.endpoint, 'DetectFaces', { Image: { Bytes: b64(frame) } }))) });
  print({ measure: 'DetectFaces 480x480, 1 face, ALL, over HTTP (ms)', ...(await time(() => rek(engine.endpoint, 'DetectFaces', { Image: { Bytes: b64(frame) }, Attributes: ['ALL'] }))) });
  print({ measure: 'DetectFaces 640x480 over HTTP (ms)', ...(await time(() => rek(engine.endpoint, 'DetectFaces', { Image: { Bytes: b64(wide) } }))) });
  print({ measure: 'engine.analyze 480x480 in-process, no HTTP (ms)', ...(await time(() => engine.engine.analyze(frame))) });
  print({ measure: 'decode 480x480 JPEG only (ms)', ...(await time(() => FaceEngine.decode(frame))) });
  // what the iris model (pupils, EyesOpen) adds per face: the same analysis with it switched off in-process, and
  // the model's call alone (two 64x64 eye crops)
  const irisModel = engine.engine._iris;
  engine.engine._iris = null;
  print({ measure: 'engine.analyze 480x480 in-process, iris model off (ms)', ...(await time(() => engine.engine.analyze(frame))) });
  engine.engine._iris = irisModel;
  {
    const { data, width, height } = await FaceEngine.decode(frame);
    const { faces } = await engine.engine.analyze(frame);
    const input = tf.tensor3d(data, [height, width, 3], 'int32');
    print({ measure: 'iris model alone, one face (ms)', ...(await time(() => iris.pupils(irisModel, input, faces[0].points, width, height))) });
    input.dispose();
  }
  print({ measure: 'CompareFaces 480x480 vs 480x480 over HTTP (ms)', ...(await time(() => rek(engine.endpoint, 'CompareFaces', { SourceImage: { Bytes: b64(frame) }, TargetImage: { Bytes: b64(frame2) } }), Math.min(N, 20))) });
  const group = await sharp(require('../test-support/helpers').demoPath(5)).toBuffer();
  print({ measure: 'DetectFaces 1920x1398 group photo, 5 faces, over HTTP (ms)', ...(await time(() => rek(engine.endpoint, 'DetectFaces', { Image: { Bytes: b64(group) } }), 5)) });

  await new Promise((r) => setTimeout(r, 2000));
  if (global.gc) global.gc();
  print({ measure: 'RSS of the bench process after the runs above (MB)', rss: +(process.memoryUsage().rss / 1048576).toFixed(0) });
  await engine.close();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
