'use strict';

/** Seeded PRNG (mulberry32) so that every sequence is reproducible from its seed. */
function createRandom(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.uniform = (lo, hi) => lo + (hi - lo) * next();
  next.int = (n) => Math.floor(next() * n); // 0 .. n-1
  next.pick = (list) => list[next.int(list.length)];
  return next;
}

/** The nose challenge's parameters, generated as src/FaceVerify/Challenges/Nose/NoseGeometry.cs does (seeded here). */
function noseParameters(width, height, random) {
  const areaHeight = height * 0.75;
  const areaWidth = Math.min(width * 0.75, areaHeight * 0.75);
  const areaLeft = width / 2 - areaWidth / 2;
  const areaTop = height / 2 - areaHeight / 2;
  let m = random.int(2) === 0 ? 1 : -1;
  let left = width / 2 + m * (45 + random.int(30));
  if (m === -1) left -= 20;
  m = random.int(2) === 0 ? 1 : -1;
  let top = height / 2 + m * random.int(40);
  if (m === -1) top -= 20;
  return {
    imageWidth: width,
    imageHeight: height,
    areaLeft: Math.trunc(areaLeft),
    areaTop: Math.trunc(areaTop),
    areaWidth: Math.trunc(areaWidth),
    areaHeight: Math.trunc(areaHeight),
    minFaceAreaPercent: 40,
    noseLeft: Math.trunc(left),
    noseTop: Math.trunc(top),
    noseWidth: 20,
    noseHeight: 20,
  };
}

module.exports = { createRandom, noseParameters };
