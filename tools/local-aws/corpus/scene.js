'use strict';

// 3D scene of the corpus: a head (the identity's 468-point face mesh with depth, plus a two-ring shell that carries
// hair, ears and neck) or a flat/curved/bumped print, rotated about an axis and projected by a pinhole camera.

const sharp = require('sharp');
const { loadPhoto } = require('./faces');

// The face oval of the 468-point mesh (MediaPipe FACEMESH silhouette), in order around the face.
const SILHOUETTE = Object.freeze([10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148,
  176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109]);
const NOSE_TIP = 1;
const RING1 = 1.3;
const RING2 = 1.75;

/** Everything needed to render one identity: textures, vertices (centred world units = photo pixels), uv, triangles. */
async function prepareHead(identity, triangles) {
  const photo = await loadPhoto(identity.photo);
  const mesh = identity.mesh;
  let cx = 0, cy = 0;
  for (const i of SILHOUETTE) { cx += mesh[i][0]; cy += mesh[i][1]; }
  cx /= SILHOUETTE.length; cy /= SILHOUETTE.length;
  let minX = Infinity, maxX = -Infinity;
  for (const p of mesh) { minX = Math.min(minX, p[0]); maxX = Math.max(maxX, p[0]); }
  const faceWidth = maxX - minX;
  const noseZ = mesh[NOSE_TIP][2];
  const pivotZ = noseZ + 0.65 * faceWidth;
  const pivot = [0, 0.1 * faceWidth, pivotZ];
  const n = mesh.length;
  const count = n + 2 * SILHOUETTE.length;
  const world = new Float64Array(3 * count);
  const uv = new Float64Array(2 * count);
  for (let i = 0; i < n; i++) {
    world[3 * i] = mesh[i][0] - cx; world[3 * i + 1] = mesh[i][1] - cy; world[3 * i + 2] = mesh[i][2];
    uv[2 * i] = mesh[i][0]; uv[2 * i + 1] = mesh[i][1];
  }
  const tri = Array.from(triangles);
  SILHOUETTE.forEach((o, k) => {
    const r1 = n + k;
    const r2 = n + SILHOUETTE.length + k;
    const dx = mesh[o][0] - cx;
    const dy = mesh[o][1] - cy;
    world[3 * r1] = RING1 * dx; world[3 * r1 + 1] = RING1 * dy; world[3 * r1 + 2] = mesh[o][2] + 0.05 * faceWidth;
    world[3 * r2] = RING2 * dx; world[3 * r2 + 1] = RING2 * dy; world[3 * r2 + 2] = pivotZ;
    uv[2 * r1] = cx + RING1 * dx; uv[2 * r1 + 1] = cy + RING1 * dy;
    uv[2 * r2] = cx + RING2 * dx; uv[2 * r2 + 1] = cy + RING2 * dy;
    const o2 = SILHOUETTE[(k + 1) % SILHOUETTE.length];
    const r1b = n + ((k + 1) % SILHOUETTE.length);
    const r2b = n + SILHOUETTE.length + ((k + 1) % SILHOUETTE.length);
    tri.push(o, o2, r1, o2, r1b, r1, r1, r1b, r2, r1b, r2b, r2);
  });
  // Frontalise: turn the head by the opposite of the pose the engine saw in the photo (faces.js calibrate()).
  if (identity.restYaw || identity.restPitch) {
    const rotated = project(world, { yaw: -(identity.restYaw ?? 0), pitch: -(identity.restPitch ?? 0), pivot }, { focal: 1, distance: 0, u0: 0, v0: 0 }, null, true);
    world.set(rotated);
  }
  // Textures: the head keeps the photo sharp within the outer ring, blurred outside it (no neighbour's face on the
  // shell); the background is the photo blurred everywhere (the original face must not show behind a turned head).
  const sigma = Math.max(4, faceWidth / 6);
  const blurred = await sharp(Buffer.from(photo.data), { raw: { width: photo.width, height: photo.height, channels: 3 } }).blur(sigma).raw().toBuffer();
  const head = Buffer.from(photo.data);
  const rx = (RING2 * faceWidth) / 2;
  const ry = rx * 1.35;
  for (let y = 0; y < photo.height; y++) {
    for (let x = 0; x < photo.width; x++) {
      const d = Math.hypot((x - cx) / rx, (y - cy) / ry);
      const w = d < 0.85 ? 1 : d > 1.05 ? 0 : (1.05 - d) / 0.2;
      if (w === 1) continue;
      const i = 3 * (y * photo.width + x);
      for (let k = 0; k < 3; k++) head[i + k] = w * photo.data[i + k] + (1 - w) * blurred[i + k];
    }
  }
  return {
    id: identity.id,
    faceWidth,
    center: [cx, cy],
    pivot,
    world,
    uv,
    triangles: Uint32Array.from(tri),
    headTexture: { data: head, width: photo.width, height: photo.height },
    backgroundTexture: { data: blurred, width: photo.width, height: photo.height },
  };
}

/** Rotation matrix (row-major 3x3): yaw about y, then pitch about x, then roll about z (degrees). */
function rotation(yawDeg, pitchDeg, rollDeg) {
  const [a, b, c] = [yawDeg, pitchDeg, rollDeg].map((d) => (d * Math.PI) / 180);
  const cy = Math.cos(a), sy = Math.sin(a), cp = Math.cos(b), sp = Math.sin(b), cr = Math.cos(c), sr = Math.sin(c);
  // Ry: x' = cy x + sy z, z' = -sy x + cy z  (positive yaw moves points in front of the axis towards +x)
  const Ry = [cy, 0, -sy, 0, 1, 0, sy, 0, cy];
  // Rx: y' = cp y + sp z (positive pitch moves points in front of the axis up, i.e. towards -y)
  const Rx = [1, 0, 0, 0, cp, sp, 0, -sp, cp];
  const Rz = [cr, -sr, 0, sr, cr, 0, 0, 0, 1];
  return mul(Rz, mul(Rx, Ry));
}

function mul(A, B) {
  const C = new Array(9).fill(0);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) C[3 * i + j] += A[3 * i + k] * B[3 * k + j];
  return C;
}

/**
 * Projects world vertices: p' = R (p - pivot) + pivot + t, then u = u0 + f x / (D + z), v = v0 + f y / (D + z).
 * Depth z is in front-negative convention (the nose has the smallest z), so D + z is the distance to the camera.
 * Note: Ry above uses x' = cy x - sy z with z pointing away from the camera, so a point in front of the axis
 * (z < pivot) moves towards +x for positive yaw.
 */
function project(world, pose, camera, out, worldOnly = false) {
  const R = rotation(pose.yaw, pose.pitch, pose.roll ?? 0);
  const [px, py, pz] = pose.pivot;
  const [tx, ty, tz] = pose.translation ?? [0, 0, 0];
  const n = world.length / 3;
  const result = out ?? new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    const x = world[3 * i] - px;
    const y = world[3 * i + 1] - py;
    const z = world[3 * i + 2] - pz;
    const X = R[0] * x + R[1] * y + R[2] * z + px + tx;
    const Y = R[3] * x + R[4] * y + R[5] * z + py + ty;
    const Z = R[6] * x + R[7] * y + R[8] * z + pz + tz + camera.distance;
    if (worldOnly) {
      result[3 * i] = X;
      result[3 * i + 1] = Y;
      result[3 * i + 2] = Z;
      continue;
    }
    result[3 * i] = camera.u0 + (camera.focal * X) / Z;
    result[3 * i + 1] = camera.v0 + (camera.focal * Y) / Z;
    result[3 * i + 2] = Z;
  }
  return result;
}

module.exports = { prepareHead, project, rotation, SILHOUETTE, NOSE_TIP };
