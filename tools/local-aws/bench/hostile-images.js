#!/usr/bin/env node
'use strict';

// Memory of the face engine under hostile images (issue 12, item 5): starts `bin/start.js --services rekognition`
// as a child process, sends DetectFaces with a PNG decompression bomb (16383 x 16383 16-bit RGB, all zero: ~1.6 MB
// on the wire, 1.6 GB of pixels) N times, and reads the child's resident memory (VmRSS) and its peak (VmHWM) from
// /proc before and after each request. Linux only.
//
//   node bench/hostile-images.js [--tool DIR] [--requests 3] [--side 16383] [--jpeg]
//
// --jpeg: a progressive JPEG of side x side flat grey instead (~1.5 MB; made once with sharp, ~25 s and ~1.6 GB).
// --tool: the tools/local-aws folder whose start.js to run (default: this one), e.g. an older checkout to compare.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { rek } = require('../test-support/helpers');

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

const tool = path.resolve(arg('--tool', path.join(__dirname, '..')));
const requests = Number(arg('--requests', '3'));
const side = Number(arg('--side', '16383'));
const jpeg = process.argv.includes('--jpeg');

/** A progressive JPEG bomb, made with sharp (progressive scans of a flat image are almost empty: ~1.5 MB for 16383²). */
async function jpegBomb(width, height) {
  const file = path.join(require('node:os').tmpdir(), `faceverify-jpeg-bomb-${width}x${height}.jpg`);
  if (!fs.existsSync(file)) {
    const sharp = require('sharp');
    await sharp({ create: { width, height, channels: 3, background: { r: 128, g: 128, b: 128 } }, limitInputPixels: false })
      .jpeg({ quality: 10, progressive: true, chromaSubsampling: '4:2:0' })
      .toFile(file);
  }
  return fs.readFileSync(file);
}

function crc32(buf, crc = 0xffffffff) {
  for (const b of buf) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return crc >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE((crc32(body) ^ 0xffffffff) >>> 0);
  return Buffer.concat([len, body, sum]);
}

/** The bomb, deflated row by row (never held decoded). */
async function pngBomb(width, height) {
  const deflate = zlib.createDeflate({ level: 9 });
  const parts = [];
  deflate.on('data', (d) => parts.push(d));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const row = Buffer.alloc(1 + width * 6);
  for (let y = 0; y < height; y++) {
    if (!deflate.write(row)) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 16;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', Buffer.concat(parts)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function memoryOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)[1]);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}

async function main() {
  const bomb = jpeg ? await jpegBomb(side, side) : await pngBomb(side, side);
  process.stderr.write(`bomb: ${side}x${side} ${jpeg ? 'progressive JPEG' : '16-bit RGB PNG'}, ${bomb.length} bytes\n`);
  const child = spawn(process.execPath, [path.join(tool, 'bin', 'start.js'), '--services', 'rekognition'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const info = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve(JSON.parse(out.slice(0, out.indexOf('\n'))));
    });
    child.on('exit', (code) => reject(new Error(`start.js exited ${code}`)));
  });
  const creds = { accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey };
  const rows = [{ step: 'ready', ...memoryOf(child.pid) }];
  try {
    for (let i = 1; i <= requests; i++) {
      const started = performance.now();
      const r = await rek(info.rekognition, 'DetectFaces', { Image: { Bytes: bomb.toString('base64') } }, creds);
      const ms = Math.round(performance.now() - started);
      await new Promise((res) => setTimeout(res, 1000)); // let the engine settle
      rows.push({ step: `request ${i}`, status: r.status, error: r.json?.__type ?? null, ms, ...memoryOf(child.pid) });
    }
  } finally {
    child.stdin.end();
  }
  console.log(JSON.stringify({ tool, bomb: jpeg ? 'progressive JPEG' : '16-bit PNG', bombBytes: bomb.length, side, rows }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
