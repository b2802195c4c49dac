#!/usr/bin/env node
'use strict';

// Summarises bin/pad-evidence.js output: per class, the attack score 1 − min(Real, Live) of the largest face (1 when
// no face was found) over the scored frames, and how many frames a threshold would veto.
//
//   node bin/pad-summary.js FILE

const fs = require('node:fs');

const lines = fs.readFileSync(process.argv[2], 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const byClass = new Map();
for (const line of lines) {
  const scores = line.scores.map((s) => (s.faces === 0 ? 1 : 1 - Math.min(s.real, s.live)));
  if (!byClass.has(line.class)) byClass.set(line.class, []);
  byClass.get(line.class).push(...scores);
}
const thresholds = [0.4, 0.5, 0.6, 0.9];
console.log(`| class | frames | attack score min / median / max | ${thresholds.map((t) => `> ${t}`).join(' | ')} |`);
console.log(`|---|---|---|${thresholds.map(() => '---').join('|')}|`);
for (const [cls, scores] of byClass) {
  scores.sort((a, b) => a - b);
  const f = (v) => v.toFixed(2);
  console.log(`| ${cls} | ${scores.length} | ${f(scores[0])} / ${f(scores[scores.length >> 1])} / ${f(scores.at(-1))} | ${thresholds.map((t) => scores.filter((s) => s > t).length).join(' | ')} |`);
}
