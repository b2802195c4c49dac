'use strict';

// Image quality of a face region, computed from the decoded pixels.
//   Brightness: mean luma (BT.601) of the face box, 0..255 scaled to 0..100.
//   Sharpness:  variance of the 4-neighbour Laplacian of the face box resampled (bilinear) to 112x112 grey,
//               mapped to 0..100 by 100 * (1 - exp(-variance / SHARPNESS_SCALE)). Resampling to a fixed size makes
//               the score independent of the face's pixel size except that small (upscaled) faces score lower,
//               as they carry less detail.
const SIZE = 112;
const SHARPNESS_SCALE = 200;

function sampleGrey(raw, box) {
  const { data, width, height, channels } = raw;
  const out = new Float32Array(SIZE * SIZE);
  const x0 = Math.max(0, box.x);
  const y0 = Math.max(0, box.y);
  const x1 = Math.min(width - 1, box.x + box.width);
  const y1 = Math.min(height - 1, box.y + box.height);
  const sx = (x1 - x0) / SIZE;
  const sy = (y1 - y0) / SIZE;
  const lum = (x, y) => {
    const o = (y * width + x) * channels;
    return 0.299 * data[o] + 0.587 * data[o + 1] + 0.114 * data[o + 2];
  };
  for (let j = 0; j < SIZE; j++) {
    const fy = y0 + (j + 0.5) * sy - 0.5;
    const iy = Math.max(0, Math.min(height - 2, Math.floor(fy)));
    const ty = Math.max(0, Math.min(1, fy - iy));
    for (let i = 0; i < SIZE; i++) {
      const fx = x0 + (i + 0.5) * sx - 0.5;
      const ix = Math.max(0, Math.min(width - 2, Math.floor(fx)));
      const tx = Math.max(0, Math.min(1, fx - ix));
      const top = lum(ix, iy) * (1 - tx) + lum(ix + 1, iy) * tx;
      const bottom = lum(ix, iy + 1) * (1 - tx) + lum(ix + 1, iy + 1) * tx;
      out[j * SIZE + i] = top * (1 - ty) + bottom * ty;
    }
  }
  return out;
}

/**
 * @param {{data:Buffer,width:number,height:number,channels:number}} raw decoded image
 * @param {{x:number,y:number,width:number,height:number}} box face box in pixels
 */
function faceQuality(raw, box) {
  const g = sampleGrey(raw, box);
  let sum = 0;
  for (const v of g) sum += v;
  const brightness = (sum / g.length / 255) * 100;
  let n = 0;
  let m = 0;
  let m2 = 0;
  for (let y = 1; y < SIZE - 1; y++) {
    for (let x = 1; x < SIZE - 1; x++) {
      const i = y * SIZE + x;
      const lap = g[i - 1] + g[i + 1] + g[i - SIZE] + g[i + SIZE] - 4 * g[i];
      n++;
      const d = lap - m;
      m += d / n;
      m2 += d * (lap - m);
    }
  }
  const variance = m2 / n;
  const sharpness = 100 * (1 - Math.exp(-variance / SHARPNESS_SCALE));
  return { Brightness: brightness, Sharpness: sharpness, laplacianVariance: variance };
}

module.exports = { faceQuality, SHARPNESS_SCALE };
