'use strict';

// A small software renderer (no GPU, no canvas): textured triangle meshes with a z-buffer under a pinhole camera,
// plus the camera effects of the corpus (motion blur, sensor noise, lighting, JPEG). Pixels are RGB Uint8 buffers.

const sharp = require('sharp');

/**
 * Renders triangles into `frame` (RGB, width x height) with a depth buffer.
 * @param {{data: Uint8Array|Buffer, width: number, height: number}} texture RGB
 * @param {Float64Array} screen projected vertices: [u0, v0, depth0, u1, v1, depth1, ...] (depth: larger is farther)
 * @param {Float64Array} uv texture coordinates in texture pixels: [s0, t0, s1, t1, ...]
 * @param {ArrayLike<number>} triangles vertex indices, three per triangle
 * @param {{data: Uint8Array, width: number, height: number, depth: Float64Array}} frame
 * @param {{cull?: boolean}} options cull back faces (counter-clockwise in the texture, clockwise on screen)
 */
function drawMesh(texture, screen, uv, triangles, frame, options = {}) {
  const { width, height, data, depth } = frame;
  const tex = texture.data;
  const tw = texture.width;
  const th = texture.height;
  for (let t = 0; t < triangles.length; t += 3) {
    const a = triangles[t];
    const b = triangles[t + 1];
    const c = triangles[t + 2];
    const ax = screen[3 * a], ay = screen[3 * a + 1], az = screen[3 * a + 2];
    const bx = screen[3 * b], by = screen[3 * b + 1], bz = screen[3 * b + 2];
    const cx = screen[3 * c], cy = screen[3 * c + 1], cz = screen[3 * c + 2];
    const area = (bx - ax) * (cy - ay) - (cx - ax) * (by - ay);
    if (Math.abs(area) < 1e-9) continue;
    if (options.cull) {
      const texArea = (uv[2 * b] - uv[2 * a]) * (uv[2 * c + 1] - uv[2 * a + 1]) - (uv[2 * c] - uv[2 * a]) * (uv[2 * b + 1] - uv[2 * a + 1]);
      if (Math.sign(texArea) !== Math.sign(area)) continue; // the triangle faces away from the camera
    }
    const minX = Math.max(0, Math.floor(Math.min(ax, bx, cx)));
    const maxX = Math.min(width - 1, Math.ceil(Math.max(ax, bx, cx)));
    const minY = Math.max(0, Math.floor(Math.min(ay, by, cy)));
    const maxY = Math.min(height - 1, Math.ceil(Math.max(ay, by, cy)));
    const inv = 1 / area;
    for (let y = minY; y <= maxY; y++) {
      const py = y + 0.5;
      for (let x = minX; x <= maxX; x++) {
        const px = x + 0.5;
        const w0 = ((bx - px) * (cy - py) - (cx - px) * (by - py)) * inv;
        const w1 = ((cx - px) * (ay - py) - (ax - px) * (cy - py)) * inv;
        const w2 = 1 - w0 - w1;
        if (w0 < -1e-7 || w1 < -1e-7 || w2 < -1e-7) continue;
        const z = w0 * az + w1 * bz + w2 * cz;
        const i = y * width + x;
        if (z >= depth[i]) continue;
        depth[i] = z;
        // affine texture mapping per triangle (triangles are small, perspective error negligible)
        const s = w0 * uv[2 * a] + w1 * uv[2 * b] + w2 * uv[2 * c];
        const q = w0 * uv[2 * a + 1] + w1 * uv[2 * b + 1] + w2 * uv[2 * c + 1];
        sampleBilinear(tex, tw, th, s, q, data, 3 * i);
      }
    }
  }
}

function sampleBilinear(tex, tw, th, s, q, out, o) {
  const x = Math.min(tw - 1.001, Math.max(0, s - 0.5));
  const y = Math.min(th - 1.001, Math.max(0, q - 0.5));
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const i00 = 3 * (y0 * tw + x0);
  const i01 = i00 + 3;
  const i10 = i00 + 3 * tw;
  const i11 = i10 + 3;
  for (let k = 0; k < 3; k++) {
    const top = tex[i00 + k] + (tex[i01 + k] - tex[i00 + k]) * fx;
    const bottom = tex[i10 + k] + (tex[i11 + k] - tex[i10 + k]) * fx;
    out[o + k] = top + (bottom - top) * fy;
  }
}

function createFrame(width, height) {
  return { width, height, data: new Uint8Array(width * height * 3), depth: new Float64Array(width * height).fill(Infinity) };
}

/** Fills the frame with `texture` scaled to cover it (used for the static background). */
function drawImageCover(texture, frame, { offsetX = 0, offsetY = 0, scale = 1 } = {}) {
  // frame pixel (x, y) shows texture pixel ((x - offsetX) / scale, (y - offsetY) / scale)
  for (let y = 0; y < frame.height; y++) {
    for (let x = 0; x < frame.width; x++) {
      sampleBilinear(texture.data, texture.width, texture.height, (x + 0.5 - offsetX) / scale, (y + 0.5 - offsetY) / scale, frame.data, 3 * (y * frame.width + x));
    }
  }
}

/** Horizontal/vertical motion blur along (dx, dy) pixels (a box filter along the motion). */
function motionBlur(frame, dx, dy) {
  const steps = Math.min(7, Math.round(Math.hypot(dx, dy)));
  if (steps < 2) return;
  const { width, height, data } = frame;
  const src = Uint8Array.from(data);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0, g = 0, b = 0, n = 0;
      for (let s = 0; s < steps; s++) {
        const f = s / (steps - 1) - 0.5;
        const sx = Math.round(x + f * dx);
        const sy = Math.round(y + f * dy);
        if (sx < 0 || sy < 0 || sx >= width || sy >= height) continue;
        const j = 3 * (sy * width + sx);
        r += src[j]; g += src[j + 1]; b += src[j + 2]; n++;
      }
      const i = 3 * (y * width + x);
      data[i] = r / n; data[i + 1] = g / n; data[i + 2] = b / n;
    }
  }
}

/** Lighting (gain, offset, and a horizontal gradient) and Gaussian sensor noise with the sequence's PRNG. */
const NOISE_TABLE_SIZE = 65536;
let noiseTable = null;

function lightAndNoise(frame, { gain = 1, offset = 0, gradient = 0, noise = 0 }, random) {
  const { width, height, data } = frame;
  if (!noiseTable) {
    // fixed table of standard normal samples (its own fixed seed); each frame reads it from a random start and stride
    const { createRandom } = require('./random');
    const r = createRandom(0x5eed);
    noiseTable = new Float32Array(NOISE_TABLE_SIZE);
    for (let i = 0; i < NOISE_TABLE_SIZE; i++) noiseTable[i] = gaussian(r);
  }
  let j = Math.floor(random() * NOISE_TABLE_SIZE);
  const stride = 1 + 2 * Math.floor(random() * 1000);
  for (let x = 0; x < width; x++) {
    const g = gain * (1 + gradient * (x / width - 0.5));
    for (let y = 0; y < height; y++) {
      const i = 3 * (y * width + x);
      for (let k = 0; k < 3; k++) {
        j = (j + stride) & (NOISE_TABLE_SIZE - 1);
        data[i + k] = clamp(data[i + k] * g + offset + noise * noiseTable[j]);
      }
    }
  }
}

function clamp(v) {
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

function gaussian(random) {
  const u = Math.max(1e-12, random());
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

async function toJpeg(frame, quality) {
  return sharp(Buffer.from(frame.data.buffer, frame.data.byteOffset, frame.data.byteLength), { raw: { width: frame.width, height: frame.height, channels: 3 } })
    .jpeg({ quality, chromaSubsampling: '4:2:0' })
    .toBuffer();
}

module.exports = { drawMesh, createFrame, drawImageCover, motionBlur, lightAndNoise, toJpeg, gaussian, sampleBilinear, clamp };
