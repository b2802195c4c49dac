'use strict';

// The seeded target sweep (bin/target-sweep.js, docs/liveness-evidence.md "Target sweep"): its targets are the
// challenge's own parameters, reproducible, shared by every class of a seed, and not all the same.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { sweepTarget } = require('../bin/target-sweep');
const { noseParameters, createRandom } = require('../corpus/random');

test('sweepTarget: reproducible, of the generator\'s shape, and varied over k', () => {
  for (const [w, h] of [[480, 480], [640, 480], [1280, 720]]) {
    const seen = new Set();
    for (let k = 0; k < 20; k++) {
      const a = sweepTarget(w, h, 3, k, 1);
      assert.deepEqual(a, sweepTarget(w, h, 3, k, 1));
      const reference = noseParameters(w, h, createRandom(0));
      for (const key of ['imageWidth', 'imageHeight', 'areaLeft', 'areaTop', 'areaWidth', 'areaHeight', 'noseWidth', 'noseHeight']) {
        assert.equal(a[key], reference[key], key);
      }
      seen.add(`${a.noseLeft},${a.noseTop}`);
    }
    assert.ok(seen.size >= 15, `distinct targets over 20 draws: ${seen.size}`);
  }
});

test('sweepTarget: another target seed or sequence seed draws other targets', () => {
  const list = (seed, targetSeed) => Array.from({ length: 10 }, (_, k) => sweepTarget(480, 480, seed, k, targetSeed)).map((p) => `${p.noseLeft},${p.noseTop}`).join(' ');
  assert.notEqual(list(1, 1), list(2, 1));
  assert.notEqual(list(1, 1), list(1, 2));
});
