'use strict';

// Expression changes on the corpus's 3D heads (corpus/scene.js prepareHead): eyes closed, gaze left/right and a
// smiling open mouth (or a closed, neutral mouth for a face photographed smiling), for the pose challenge's sequences
// (corpus/poses.js). A state is rendered by moving mesh vertices (lids, lips, jaw, mouth corners) AND by editing the
// texture (the photo) where the photo has no pixels for the new state: a closed eye's opening is filled with lid skin
// taken from above the eye, a gaze moves the iris inside the eye opening (the uncovered part becomes sclera), and an
// open mouth shows a dark mouth cavity with upper teeth (extra triangles behind the lips, textured from rows appended
// under the photo). Everything is deterministic: no randomness here.

// MediaPipe face-mesh (468 points) contours, from corner to corner. "Image-left" is the subject's right eye.
const EYES = Object.freeze([
  { upper: [33, 246, 161, 160, 159, 158, 157, 173, 133], lower: [33, 7, 163, 144, 145, 153, 154, 155, 133] },
  { upper: [263, 466, 388, 387, 386, 385, 384, 398, 362], lower: [263, 249, 390, 373, 374, 380, 381, 382, 362] },
]);
const INNER_UPPER_LIP = Object.freeze([78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308]);
const INNER_LOWER_LIP = Object.freeze([78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308]);
const MOUTH_CORNERS = Object.freeze([61, 291]);
const LIP_CORNERS = new Set([61, 291, 78, 308]);
const LOWER_LIP = new Set([95, 88, 178, 87, 14, 317, 402, 318, 324, 146, 91, 181, 84, 17, 314, 405, 321, 375]);
const UPPER_LIP = new Set([191, 80, 81, 82, 13, 312, 311, 310, 415, 185, 40, 39, 37, 0, 267, 269, 270, 409]);

/** The expression states a pose needs: eyes open|closed|left|right (gaze in image coordinates), mouth closed|smile. */
const EYE_STATES = Object.freeze(['open', 'closed', 'left', 'right']);
const MOUTH_STATES = Object.freeze(['closed', 'smile']);

/** Strengths (1 = the full state); tuned against the local engine (docs/liveness-evidence.md "Pose challenge"). */
const DEFAULT_STRENGTH = Object.freeze({
  close: 1, // fraction of the lid gap closed (vertices) and of the opening filled with lid skin (texture)
  gaze: 0.22, // where the iris centre goes: this fraction of the eye's width from the corner it looks towards
  jaw: 0.09, // jaw drop (lower lip, chin) as a fraction of the face width
  smile: 0.08, // mouth corners out and up, as a fraction of the face width
  neutral: 0.05, // 'closed' mouth: corners in and down, as a fraction of the face width
});

const CAVITY_ROWS = 64;

function lerp(a, b, t) {
  return a + (b - a) * t;
}

/** y of a polyline (points [x, y], in x order or reverse) at x, or null outside its x range. */
function polyY(points, x) {
  for (let i = 0; i + 1 < points.length; i++) {
    const [x0, y0] = points[i];
    const [x1, y1] = points[i + 1];
    if ((x >= x0 && x <= x1) || (x >= x1 && x <= x0)) {
      return Math.abs(x1 - x0) < 1e-9 ? (y0 + y1) / 2 : lerp(y0, y1, (x - x0) / (x1 - x0));
    }
  }
  return null;
}

/** The eye's opening in photo pixels: corners, lid polylines and per-column lid positions. */
function eyeOpening(mesh, eye) {
  const upper = eye.upper.map((i) => [mesh[i][0], mesh[i][1]]);
  const lower = eye.lower.map((i) => [mesh[i][0], mesh[i][1]]);
  const x0 = Math.min(upper[0][0], upper[upper.length - 1][0]);
  const x1 = Math.max(upper[0][0], upper[upper.length - 1][0]);
  let gap = 0;
  for (let x = Math.ceil(x0); x <= x1; x++) gap = Math.max(gap, (polyY(lower, x) ?? 0) - (polyY(upper, x) ?? 0));
  return { upper, lower, x0, x1, width: x1 - x0, gap };
}

function getPixel(photo, x, y, out) {
  const xi = Math.max(0, Math.min(photo.width - 1, Math.round(x)));
  const yi = Math.max(0, Math.min(photo.height - 1, Math.round(y)));
  const i = 3 * (yi * photo.width + xi);
  out[0] = photo.data[i]; out[1] = photo.data[i + 1]; out[2] = photo.data[i + 2];
  return out;
}

function sample(photo, x, y, out) {
  const { sampleBilinear } = require('./render');
  sampleBilinear(photo.data, photo.width, photo.height, x + 0.5, y + 0.5, out, 0);
  return out;
}

/**
 * Eyes closed in the texture: the opening (from a little above the upper lid's lash line down to the lower lid) is
 * filled with the lid skin above the eye, mirrored downwards, and a lash line is drawn where the lids meet.
 * `amount` (0..1) fills the opening from the top down to that fraction (a lid part-way down).
 */
function closeEyeTexture(src, dst, open, amount) {
  const px = [0, 0, 0];
  const margin = Math.max(1, 0.25 * open.gap); // skip the upper lash line when taking skin
  for (let x = Math.floor(open.x0); x <= Math.ceil(open.x1); x++) {
    const yu = polyY(open.upper, x);
    const yl = polyY(open.lower, x);
    if (yu === null || yl === null) continue;
    const lidBottom = lerp(yu, yl, amount); // where the lid edge is now
    const top = yu - margin;
    const span = Math.max(1, lidBottom - top);
    for (let y = Math.floor(top); y <= Math.ceil(lidBottom) + 1; y++) {
      if (y < 0 || y >= src.height || x < 0 || x >= src.width) continue;
      const t = (y - top) / span; // 0 at the top of the lid, 1 at its edge
      if (t < 0) continue;
      // skin from above the lash line: the lid's edge takes the skin just above the lashes, its top the skin higher up
      const sy = top - margin - (1 - Math.min(1, t)) * span * 0.8;
      sample(src, x, sy, px);
      const i = 3 * (y * src.width + x);
      let w = 1;
      if (t < 0.15) w = t / 0.15; // blend into the lid above
      const edge = Math.abs(y - lidBottom);
      const lash = edge < Math.max(1, 0.12 * open.gap) ? 0.45 : 1; // the lashes where the lids meet
      for (let k = 0; k < 3; k++) dst.data[i + k] = lerp(dst.data[i + k], px[k] * lash, w);
    }
  }
}

/**
 * Gaze in the texture: the content of the eye opening moves along x by `shiftTo(irisX)` pixels (negative: towards the
 * image's left), irisX being the iris centre found in the photo; what it uncovers is sclera (the mean of the opening's
 * brightest third); the lid lines stay.
 */
function shiftIrisTexture(src, dst, open, shiftTo) {
  const px = [0, 0, 0];
  const inside = (x, y) => {
    if (x < open.x0 || x > open.x1) return false;
    const yu = polyY(open.upper, x);
    const yl = polyY(open.lower, x);
    return yu !== null && yl !== null && y > yu + 0.5 && y < yl - 0.5;
  };
  // the sclera's colour: the brightest third of the opening's pixels
  const pixels = [];
  for (let x = Math.ceil(open.x0); x <= open.x1; x++) {
    for (let y = Math.floor(polyY(open.upper, x) ?? 0); y <= Math.ceil(polyY(open.lower, x) ?? -1); y++) {
      if (!inside(x, y)) continue;
      getPixel(src, x, y, px);
      pixels.push([px[0] + px[1] + px[2], px[0], px[1], px[2], x]);
    }
  }
  if (pixels.length === 0) return;
  // the iris: the darkness-weighted centre of the opening (the pixels darker than its mean)
  const mean = pixels.reduce((s, p) => s + p[0], 0) / pixels.length;
  let wx = 0, w = 0;
  for (const p of pixels) {
    const d = Math.max(0, mean - p[0]) ** 2;
    wx += d * p[4];
    w += d;
  }
  const irisX = w > 0 ? wx / w : (open.x0 + open.x1) / 2;
  const shift = shiftTo(irisX);
  pixels.sort((a, b) => b[0] - a[0]);
  const bright = pixels.slice(0, Math.max(1, Math.floor(pixels.length / 3)));
  const sclera = [1, 2, 3].map((k) => bright.reduce((s, p) => s + p[k], 0) / bright.length);
  for (let x = Math.floor(open.x0); x <= Math.ceil(open.x1); x++) {
    const yu = polyY(open.upper, x);
    const yl = polyY(open.lower, x);
    if (yu === null || yl === null) continue;
    for (let y = Math.floor(yu); y <= Math.ceil(yl); y++) {
      if (!inside(x, y) || x < 0 || y < 0 || x >= src.width || y >= src.height) continue;
      const sx = x - shift;
      const from = inside(sx, y) ? sample(src, sx, y, px) : sclera;
      // keep one pixel next to each lid line (the lid's shadow and lashes stay where they are)
      const d = Math.min(y - yu, yl - y);
      const w = Math.min(1, Math.max(0, d - 0.5));
      const i = 3 * (y * src.width + x);
      for (let k = 0; k < 3; k++) dst.data[i + k] = lerp(dst.data[i + k], from[k], w);
    }
  }
}

/** The texture rows appended under the photo: a dark mouth cavity with a band of upper teeth. */
function paintCavity(dst, photoHeight) {
  const { width } = dst;
  for (let r = 0; r < CAVITY_ROWS; r++) {
    const v = r / (CAVITY_ROWS - 1);
    for (let x = 0; x < width; x++) {
      const i = 3 * ((photoHeight + r) * width + x);
      let c;
      if (v < 0.7) {
        // upper teeth: light, a faint gap every ~1/8 of the width, shaded towards the gum line and the bottom edge
        const gap = Math.abs(((x / width) * 8) % 1 - 0.5) > 0.46 ? 0.8 : 1;
        const shade = 0.85 + 0.15 * Math.sin((Math.PI * v) / 0.7);
        c = [222 * gap * shade, 214 * gap * shade, 200 * gap * shade];
      } else {
        const dark = 1 - 0.5 * Math.min(1, (v - 0.7) / 0.3);
        c = [70 * dark, 28 * dark, 30 * dark];
      }
      dst.data[i] = c[0]; dst.data[i + 1] = c[1]; dst.data[i + 2] = c[2];
    }
  }
}

/**
 * A copy of `head` (prepareHead) showing an expression: { eyes: 'open'|'closed'|'left'|'right', mouth:
 * 'closed'|'smile' } with `amount` 0..1 of the change (for transitions) and optional `strength` overrides
 * (DEFAULT_STRENGTH). A photo with open lips is closed for 'closed' (and
 * opens less for 'smile'); 'closed' also draws the corners in and down (strength.neutral) to undo a photo's smile.
 * @returns {{world: Float64Array, uv: Float64Array, triangles: Uint32Array, headTexture: object}} and the head's other fields
 */
function expressionHead(head, identity, state, options = {}) {
  const amount = options.amount ?? 1;
  const strength = { ...DEFAULT_STRENGTH, ...(options.strength ?? {}) };
  const mesh = identity.mesh;
  const fw = head.faceWidth;
  const photo = head.headTexture;
  const n = head.world.length / 3;
  const world = Float64Array.from(head.world);
  const dstData = Buffer.alloc(photo.width * (photo.height + CAVITY_ROWS) * 3);
  dstData.set(photo.data);
  const texture = { data: dstData, width: photo.width, height: photo.height + CAVITY_ROWS };
  // world units are photo pixels: displacements measured on the photo's mesh are applied to the frontalised
  // positions directly (the frontalisation turns the head by a few degrees only)
  const move = (i, dx, dy) => {
    world[3 * i] += dx;
    world[3 * i + 1] += dy;
  };

  // eyes
  const eyes = state.eyes ?? 'open';
  const openings = EYES.map((e) => eyeOpening(mesh, e));
  if (eyes === 'closed') {
    const c = strength.close * amount;
    openings.forEach((open, k) => {
      closeEyeTexture(photo, texture, open, Math.min(1, c));
      // the upper lid comes down: its vertices to the lower lid's height, the skin above follows less
      const eye = EYES[k];
      for (let j = 1; j < eye.upper.length - 1; j++) {
        const u = eye.upper[j];
        const yl = polyY(open.lower, mesh[u][0]);
        if (yl !== null) move(u, 0, c * 0.9 * (yl - mesh[u][1]));
      }
      for (let i = 0; i < 468; i++) {
        if (eye.upper.includes(i) || eye.lower.includes(i)) continue;
        const [x, y] = mesh[i];
        const yu = polyY(open.upper, x);
        if (yu === null || y >= yu) continue;
        const d = (yu - y) / (0.5 * open.width);
        if (d < 1) move(i, 0, c * 0.5 * open.gap * (1 - d));
      }
    });
  } else if (eyes === 'left' || eyes === 'right') {
    // the iris centre moves to `gaze` of the eye's width from the corner it looks towards
    openings.forEach((open) => shiftIrisTexture(photo, texture, open, (irisX) => {
      const target = eyes === 'left' ? open.x0 + strength.gaze * open.width : open.x1 - strength.gaze * open.width;
      return amount * (target - irisX);
    }));
  }

  // mouth
  const mouth = state.mouth ?? 'closed';
  const lipY = (INNER_UPPER_LIP.reduce((s, i) => s + mesh[i][1], 0) + INNER_LOWER_LIP.reduce((s, i) => s + mesh[i][1], 0)) / 22;
  const mouthX = (mesh[MOUTH_CORNERS[0]][0] + mesh[MOUTH_CORNERS[1]][0]) / 2;
  const mouthW = Math.abs(mesh[MOUTH_CORNERS[1]][0] - mesh[MOUTH_CORNERS[0]][0]);
  const photoGap = INNER_LOWER_LIP.map((l, k) => mesh[l][1] - mesh[INNER_UPPER_LIP[k]][1]);
  const photoOpen = Math.max(...photoGap);
  let cavity = false;
  // jaw: the lower lip (inner and outer contour) and everything below the lip line within the jaw moves down (the
  // lower lip and chin fully, the cheeks towards the ears less); the upper lip stays
  const jaw = (drop) => {
    for (let i = 0; i < n; i++) {
      const x = head.uv[2 * i];
      const y = head.uv[2 * i + 1];
      const below = (y - lipY) / (0.03 * fw);
      let wv = below <= -1 ? 0 : below >= 1 ? 1 : 0.5 + 0.5 * Math.sin((Math.PI / 2) * below);
      if (i < 468 && LOWER_LIP.has(i)) wv = 1;
      else if (i < 468 && UPPER_LIP.has(i)) wv = 0;
      else if (i < 468 && LIP_CORNERS.has(i)) wv = 0.5;
      const wh = Math.exp(-(((x - mouthX) / (0.42 * fw)) ** 2));
      if (wv > 0) move(i, 0, drop * wv * wh);
    }
  };
  const corners = (out, up) => {
    MOUTH_CORNERS.forEach((c, k) => {
      const side = k === 0 ? -1 : 1;
      const [x0, y0] = mesh[c];
      for (let i = 0; i < 468; i++) {
        const d2 = ((mesh[i][0] - x0) ** 2 + (mesh[i][1] - y0) ** 2) / ((0.09 * fw) ** 2);
        const w = Math.exp(-d2);
        if (w > 0.02) move(i, side * out * w, -up * w);
      }
    });
  };
  if (mouth === 'smile') {
    jaw(strength.jaw * amount * fw - Math.min(photoOpen, 0.5 * strength.jaw * fw) * amount);
    corners(strength.smile * amount * fw, 0.7 * strength.smile * amount * fw);
    cavity = true;
  } else {
    // 'closed': lips closed (a face photographed with open lips) and the mouth corners drawn in and down by `neutral`
    // (a face photographed smiling; the photos' smiles cannot be told from their geometry, so every face gets it)
    if (photoOpen > 0.05 * mouthW) {
      INNER_LOWER_LIP.forEach((l, k) => {
        if (k === 0 || k === INNER_LOWER_LIP.length - 1) return;
        move(l, 0, -amount * photoGap[k]);
      });
      jaw(-amount * Math.min(photoOpen, 0.5 * strength.jaw * fw) * 0.5);
    }
    if (strength.neutral > 0) corners(-strength.neutral * amount * fw, -0.8 * strength.neutral * amount * fw);
  }
  let triangles = head.triangles;
  let uv = head.uv;
  let out = world;
  if (cavity) {
    // the mouth cavity: the inner lip contour copied 0.06 face widths deeper, fanned around its centre, textured
    // from the rows under the photo (upper lip -> teeth rows, lower lip -> dark rows)
    const ring = [...INNER_UPPER_LIP, ...INNER_LOWER_LIP.slice(1, -1).reverse()];
    const extra = ring.length + 1;
    out = new Float64Array(world.length + 3 * extra);
    out.set(world);
    uv = new Float64Array(head.uv.length + 2 * extra);
    uv.set(head.uv);
    const depth = 0.06 * fw;
    let mx = 0, my = 0, mz = 0;
    ring.forEach((v, k) => {
      const j = n + k;
      out[3 * j] = world[3 * v]; out[3 * j + 1] = world[3 * v + 1]; out[3 * j + 2] = world[3 * v + 2] + depth;
      mx += world[3 * v] / ring.length; my += world[3 * v + 1] / ring.length; mz += world[3 * v + 2] / ring.length;
      const s = (mesh[v][0] - (mouthX - mouthW / 2)) / mouthW;
      const upperLip = k < INNER_UPPER_LIP.length;
      uv[2 * j] = Math.max(1, Math.min(photo.width - 2, s * photo.width));
      uv[2 * j + 1] = photo.height + (upperLip ? 1 : 0.8 * CAVITY_ROWS); // teeth under the upper lip, dark towards the lower
    });
    const centre = n + ring.length;
    out[3 * centre] = mx; out[3 * centre + 1] = my; out[3 * centre + 2] = mz + 1.5 * depth;
    uv[2 * centre] = photo.width / 2; uv[2 * centre + 1] = photo.height + 0.35 * CAVITY_ROWS; // teeth down to the centre
    paintCavity(texture, photo.height);
    const tri = Array.from(head.triangles);
    for (let k = 0; k < ring.length; k++) tri.push(n + k, n + ((k + 1) % ring.length), centre);
    triangles = Uint32Array.from(tri);
  }
  return { ...head, world: out, uv, triangles, headTexture: texture };
}

module.exports = { expressionHead, eyeOpening, polyY, EYES, EYE_STATES, MOUTH_STATES, DEFAULT_STRENGTH, INNER_UPPER_LIP, INNER_LOWER_LIP, CAVITY_ROWS };
