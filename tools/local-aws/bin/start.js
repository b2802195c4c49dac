#!/usr/bin/env node
'use strict';

// Starts the local AWS stack and prints ONE line of JSON with the endpoints on stdout when every requested
// service is ready. Everything else goes to stderr. Stops on SIGTERM, SIGINT, and when stdin (a pipe from the
// parent process) closes.
//
//   node tools/local-aws/bin/start.js [--services dynamodb,s3,rekognition] [--dynamodb-port N] [--s3-port N]
//        [--rekognition-port N] [--data-dir DIR] [--rekognition-max-inflight N]

const fs = require('node:fs');

// stdout carries only the JSON line: route library chatter to stderr
console.log = console.error;
console.info = console.error;
console.debug = console.error;

const USAGE =
  'usage: start.js [--services dynamodb,s3,rekognition] [--dynamodb-port N] [--s3-port N] [--rekognition-port N] ' +
  '[--data-dir DIR] [--rekognition-max-inflight N]';

function fail(message) {
  process.stderr.write(`[local-aws] ${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { services: ['dynamodb', 's3', 'rekognition'], ports: {}, dataDir: null, maxInflight: null };
  const port = (v, name) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 65535) fail(`${name} must be a port number (0 = any free port)`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) fail(`${flag} needs a value`);
      return argv[++i];
    };
    switch (flag) {
      case '--services': {
        const list = value().split(',').map((s) => s.trim()).filter(Boolean);
        const unknown = list.filter((s) => !['dynamodb', 's3', 'rekognition'].includes(s));
        if (list.length === 0 || unknown.length > 0) fail(`unknown service(s): ${unknown.join(',') || '(none given)'}`);
        opts.services = list;
        break;
      }
      case '--dynamodb-port':
        opts.ports.dynamodb = port(value(), flag);
        break;
      case '--s3-port':
        opts.ports.s3 = port(value(), flag);
        break;
      case '--rekognition-port':
        opts.ports.rekognition = port(value(), flag);
        break;
      case '--data-dir':
        opts.dataDir = value();
        break;
      case '--rekognition-max-inflight': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1) fail('--rekognition-max-inflight must be a positive integer');
        opts.maxInflight = n;
        break;
      }
      case '--help':
      case '-h':
        process.stderr.write(`${USAGE}\n`);
        process.exit(0);
        break;
      default:
        fail(`unknown argument: ${arg}`);
    }
  }
  return opts;
}

/** Watch stdin only when it is a pipe or socket: a parent that dies closes it. A file or /dev/null would end at once. */
function stdinIsPipe() {
  try {
    const st = fs.fstatSync(0);
    return st.isFIFO() || st.isSocket();
  } catch {
    return false;
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const { startStack } = require('../src/stack');
  const started = performance.now();
  let stack;
  let stopping = false;
  const stop = async (why) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`[local-aws] stopping (${why})\n`);
    // still starting: main() closes the stack (and removes a temporary data dir) once it is up
    if (!stack) return;
    try {
      await stack.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  if (stdinIsPipe()) {
    process.stdin.on('end', () => stop('stdin closed'));
    process.stdin.on('close', () => stop('stdin closed'));
    process.stdin.on('error', () => stop('stdin error'));
    process.stdin.resume();
  }
  try {
    stack = await startStack({ services: opts.services, ports: opts.ports, dataDir: opts.dataDir, maxInflight: opts.maxInflight });
  } catch (err) {
    process.stderr.write(`[local-aws] failed to start: ${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
  }
  if (stopping) {
    await stack.close();
    process.exit(0);
  }
  process.stderr.write(`[local-aws] ready in ${(performance.now() - started).toFixed(0)} ms\n`);
  process.stdout.write(JSON.stringify(stack.endpoints) + '\n');
}

main();
