'use strict';

// Seeded sequences of the liveness corpus: genuine head turns and every attack class, rendered frame by frame for a
// nose challenge's parameters. Everything (identity, frame size, motion, camera effects) follows from the seed.

const { createRandom, noseParameters } = require('./random');
const { prepareHead, project, NOSE_TIP } = require('./scene');
const R = require('./render');

const CLASSES = Object.freeze({
  genuine: 'genuine head turn of 10-35 degrees towards the target',
  still: 'still photo held in front of the camera',
  slide: 'photo slid and scaled so that its nose reaches the target',
  tilt: 'photo turned/tilted in 3D (perspective) towards the target',
  cylinder: 'photo bent around a vertical cylinder and turned',
  bump: 'photo with a 3D bulge at the face centre (bent print) and turned',
  bend: 'photo digitally bend-warped: the face centre pushed further than its outline',
  screen: 'screen replay (moire, glare) of a genuine session recorded for another challenge',
  subst1: 'genuine session with one frame of another person in the nose state',
  substN: 'genuine session whose last frames show another person',
  second: 'genuine session with a second face entering',
});

const FRAME_SIZES = Object.freeze([[480, 480], [480, 480], [640, 480], [640, 480], [1280, 720]]);

/**
 * The sequence's description from its class and seed (no rendering).
 * Overrides: `parameters` (a live session's nose parameters), `frameSize`, `turn`, `identity` (an index into
 * corpus.identities), `fps` (default 12), `restFrames` / `totalFrames` (genuine motion: frames before the turn, and the
 * whole length, held at the end pose), `focal` (the genuine head's camera focal length in pixels; default 0.8 × frame
 * width), and `asCorpus` (draw identity, other person and turn exactly as the corpus's sequence of the same class and
 * seed, whose frame size `parameters` must then have).
 */
function describe(cls, seed, corpus, overrides = {}) {
  if (!CLASSES[cls]) throw new Error(`unknown class ${cls}`);
  const random = createRandom(seed * 7919 + 17);
  const corpusSize = overrides.asCorpus || !(overrides.parameters || overrides.frameSize) ? random.pick(FRAME_SIZES) : null;
  const [width, height] = overrides.parameters
    ? [overrides.parameters.imageWidth, overrides.parameters.imageHeight]
    : overrides.frameSize ?? corpusSize;
  if (overrides.asCorpus && (width !== corpusSize[0] || height !== corpusSize[1])) {
    throw new Error(`${cls}-${seed} of the corpus is ${corpusSize[0]}x${corpusSize[1]}, not ${width}x${height}`);
  }
  const frontal = corpus.frontal;
  const identity = overrides.identity ?? frontal[random.int(frontal.length)];
  let other = random.int(corpus.identities.length - 1);
  if (other >= identity) other++;
  const generated = noseParameters(width, height, random);
  const parameters = overrides.parameters ?? generated; // a live session's own parameters (bin/render-sequence.js)
  return {
    class: cls,
    seed,
    identity,
    other,
    width,
    height,
    fps: overrides.fps ?? 12,
    turn: overrides.turn ?? Math.round(random.uniform(10, 35) * 10) / 10,
    parameters,
    ...(overrides.restFrames !== undefined ? { restFrames: overrides.restFrames } : {}),
    ...(overrides.totalFrames !== undefined ? { totalFrames: overrides.totalFrames } : {}),
    ...(overrides.focal !== undefined ? { focal: overrides.focal } : {}),
  };
}

function ease(t, gamma) {
  const x = Math.pow(Math.min(1, Math.max(0, t)), gamma);
  return 0.5 - 0.5 * Math.cos(Math.PI * x);
}

/** A head placed in the frame: camera and rest pose such that its mesh width is `facePx` pixels. */
function headCamera(head, width, height, facePx, u0, v0, focal = 0.8 * width) {
  return { focal, distance: (head.faceWidth * focal) / facePx, u0, v0 };
}

function drawHead(frame, head, camera, pose, withBackground) {
  if (withBackground) {
    const bgDepth = camera.distance + head.pivot[2] + head.faceWidth;
    const scale = camera.focal / bgDepth;
    R.drawImageCover(head.backgroundTexture, frame, { offsetX: camera.u0 - 0 * scale, offsetY: camera.v0 - 0 * scale, scale, origin: head.center });
  }
  const screen = project(head.world, { ...pose, pivot: head.pivot }, camera);
  R.drawMesh(head.headTexture, screen, head.uv, head.triangles, frame);
  return [screen[3 * NOSE_TIP], screen[3 * NOSE_TIP + 1]];
}

/**
 * The genuine motion for a head: rest frames, a smooth turn with translation that brings the nose tip to the
 * target box centre, and a short hold. Returns per-frame poses and the camera.
 */
function planGenuine(spec, head, random) {
  const { width, height, parameters: p } = spec;
  const facePx = random.uniform(0.5, 0.62) * p.areaWidth;
  // the user centres the face: the nose tip at rest near the frame centre (the photos' faces are not all frontal)
  const camera = headCamera(head, width, height, facePx, width / 2, height / 2, spec.focal);
  const centred = project(head.world, { yaw: 0, pitch: 0, pivot: head.pivot }, camera);
  camera.u0 += width / 2 - centred[3 * NOSE_TIP] + random.uniform(-0.02, 0.02) * width;
  camera.v0 += height / 2 - centred[3 * NOSE_TIP + 1] + random.uniform(-0.03, 0.03) * height;
  const target = [p.noseLeft + p.noseWidth / 2, p.noseTop + p.noseHeight / 2];
  const rest = project(head.world, { yaw: 0, pitch: 0, pivot: head.pivot }, camera);
  const nose0 = [rest[3 * NOSE_TIP], rest[3 * NOSE_TIP + 1]];
  const side = Math.sign(target[0] - width / 2) || 1;
  const yaw = side * spec.turn;
  const pitch = Math.max(-8, Math.min(8, (-(target[1] - nose0[1]) / facePx) * 40)) + random.uniform(-3, 3);
  const roll = random.uniform(-3, 3);
  const depthChange = random.uniform(-0.08, 0.08) * camera.distance;
  // translation (world units) that puts the nose on the target at the final pose (two fixed-point steps)
  let t = [0, 0, depthChange];
  for (let k = 0; k < 3; k++) {
    const s = project(head.world, { yaw, pitch, roll, translation: t, pivot: head.pivot }, camera);
    const z = s[3 * NOSE_TIP + 2];
    t = [t[0] + ((target[0] - s[3 * NOSE_TIP]) * z) / camera.focal, t[1] + ((target[1] - s[3 * NOSE_TIP + 1]) * z) / camera.focal, depthChange];
  }
  const nRest = spec.restFrames ?? 3 + random.int(3);
  if (spec.restFrames !== undefined) random.int(3); // the same draws whatever the length
  const nMove = Math.round(random.uniform(0.8, 2.0) * spec.fps);
  const nHold = spec.totalFrames !== undefined ? Math.max(3, spec.totalFrames - nRest - nMove) : 3;
  const gammaTurn = random.uniform(0.8, 1.25);
  const gammaMove = random.uniform(0.8, 1.25);
  const poses = [];
  for (let i = 0; i < nRest + nMove + nHold; i++) {
    const tt = (i - nRest + 1) / nMove;
    const e = ease(tt, gammaTurn);
    const m = ease(tt, gammaMove);
    poses.push({
      yaw: yaw * e + random.uniform(-0.3, 0.3),
      pitch: pitch * e + random.uniform(-0.3, 0.3),
      roll: roll * e,
      translation: [t[0] * m + random.uniform(-0.4, 0.4), t[1] * m + random.uniform(-0.4, 0.4), t[2] * m],
    });
  }
  return { camera, poses, nose0, target, facePx };
}

function cameraEffects(spec, random) {
  return {
    quality: Math.round(random.uniform(60, 92)),
    noise: random.uniform(1.5, 5),
    gain0: random.uniform(0.85, 1.1),
    gain1: random.uniform(0.85, 1.1),
    gradient: random.uniform(-0.15, 0.15),
    offset: random.uniform(-8, 8),
    blur: random.uniform(0.2, 0.5), // exposure as a fraction of the frame interval
  };
}

async function finish(frame, fx, i, n, velocity, random) {
  R.motionBlur(frame, velocity[0] * fx.blur, velocity[1] * fx.blur);
  const g = fx.gain0 + ((fx.gain1 - fx.gain0) * i) / Math.max(1, n - 1);
  R.lightAndNoise(frame, { gain: g, offset: fx.offset, gradient: fx.gradient, noise: fx.noise }, random);
  return R.toJpeg(frame, fx.quality);
}

/** Frame time stamps: 12 fps with ±8 ms jitter. */
function timestamps(n, fps, random) {
  const list = [];
  for (let i = 0; i < n; i++) list.push(Math.round((i * 1000) / fps + (i > 0 ? random.uniform(-8, 8) : 0)));
  return list;
}

/** Renders the genuine head frames (RGB, before camera effects) of a plan; `heads` may substitute per frame. */
function renderHeadFrames(spec, plan, headFor, extra) {
  // the background is static: drawn once, copied into every frame
  const background = R.createFrame(spec.width, spec.height);
  const bg = plan.head;
  const scale = plan.camera.focal / (plan.camera.distance + bg.pivot[2] + bg.faceWidth);
  R.drawImageCover(bg.backgroundTexture, background, { offsetX: plan.camera.u0 - bg.center[0] * scale, offsetY: plan.camera.v0 - bg.center[1] * scale, scale });
  return plan.poses.map((pose, i) => {
    const head = headFor(i);
    const frame = R.createFrame(spec.width, spec.height);
    frame.data.set(background.data);
    const camera = head === plan.head ? plan.camera : { ...plan.camera, distance: (head.faceWidth * plan.camera.focal) / plan.facePx };
    if (extra) extra(frame, i);
    const screen = project(head.world, { ...pose, pivot: head.pivot }, camera);
    R.drawMesh(head.headTexture, screen, head.uv, head.triangles, frame);
    return { frame, nose: [screen[3 * NOSE_TIP], screen[3 * NOSE_TIP + 1]], yaw: pose.yaw, pitch: pose.pitch };
  });
}

/** A print (or screen) as a grid mesh of `cols` x `rows` quads covering the frame at rest, at the given distance. */
function printMesh(width, height, focal, distance, cols = 32, rows = 24, scale = 1.08) {
  const n = (cols + 1) * (rows + 1);
  const world = new Float64Array(3 * (n + 1));
  const uv = new Float64Array(2 * (n + 1));
  const tri = [];
  for (let r = 0; r <= rows; r++) {
    for (let c = 0; c <= cols; c++) {
      const i = r * (cols + 1) + c;
      const s = (c / cols - 0.5) * width * scale + width / 2;
      const q = (r / rows - 0.5) * height * scale + height / 2;
      uv[2 * i] = Math.min(width, Math.max(0, s));
      uv[2 * i + 1] = Math.min(height, Math.max(0, q));
      world[3 * i] = ((s - width / 2) * distance) / focal;
      world[3 * i + 1] = ((q - height / 2) * distance) / focal;
      world[3 * i + 2] = 0;
      if (r < rows && c < cols) tri.push(i, i + 1, i + cols + 1, i + 1, i + cols + 2, i + cols + 1);
    }
  }
  return { world, uv, triangles: Uint32Array.from(tri), extra: n };
}

/** Renders the print attack classes (still, slide, tilt, cylinder, bump, bend) of a photo (a rest frame). */
function renderPrintFrames(spec, photo, nosePhoto, facePx, random) {
  const { width, height, parameters: p } = spec;
  const focal = 0.8 * width;
  const dist = 1000;
  const mesh = printMesh(width, height, focal, dist);
  // the nose of the photo as an extra (untriangulated) vertex
  const nx = ((nosePhoto[0] - width / 2) * dist) / focal;
  const ny = ((nosePhoto[1] - height / 2) * dist) / focal;
  mesh.world[3 * mesh.extra] = nx;
  mesh.world[3 * mesh.extra + 1] = ny;
  const worldFacePx = (facePx * dist) / focal;
  const flat = Float64Array.from(mesh.world);
  const cls = spec.class;
  const target = [p.noseLeft + p.noseWidth / 2, p.noseTop + p.noseHeight / 2];
  const side = Math.sign(target[0] - width / 2) || 1;
  // shape of the print
  if (cls === 'cylinder') {
    const radius = random.uniform(0.6, 1.5) * worldFacePx;
    for (let i = 0; i <= mesh.extra; i++) {
      const x = flat[3 * i] - nx;
      const a = x / radius;
      mesh.world[3 * i] = nx + radius * Math.sin(Math.max(-Math.PI / 2, Math.min(Math.PI / 2, a)));
      mesh.world[3 * i + 2] = radius * (1 - Math.cos(Math.max(-Math.PI / 2, Math.min(Math.PI / 2, a))));
    }
  } else if (cls === 'bump') {
    const height3d = random.uniform(0.25, 0.5) * worldFacePx;
    const sigma = random.uniform(0.25, 0.4) * worldFacePx;
    for (let i = 0; i <= mesh.extra; i++) {
      const r2 = (flat[3 * i] - nx) ** 2 + (flat[3 * i + 1] - ny) ** 2;
      mesh.world[3 * i + 2] = -height3d * Math.exp(-r2 / (2 * sigma * sigma));
    }
  }
  const turn = ['tilt', 'cylinder', 'bump'].includes(cls) ? side * spec.turn : 0;
  const pitchTilt = cls === 'tilt' ? random.uniform(-15, 15) : random.uniform(-3, 3);
  const scaleChange = cls === 'slide' ? random.uniform(-0.12, 0.12) : random.uniform(-0.05, 0.05);
  const roll = cls === 'slide' ? random.uniform(-8, 8) : random.uniform(-2, 2);
  const bendAmount = cls === 'bend' ? random.uniform(0.1, 0.25) * facePx * side : 0;
  const bendSigma = random.uniform(0.25, 0.4) * facePx;
  const camera = { focal, distance: dist, u0: width / 2, v0: height / 2 };
  const pivot = [nx, ny, 0];
  const poseAt = (e, t) => ({ yaw: turn * e, pitch: pitchTilt * e, roll: roll * e, translation: t, pivot });
  const bendScreen = (screen, e) => {
    if (!bendAmount) return;
    for (let i = 0; i <= mesh.extra; i++) {
      const du = mesh.uv[2 * i] - nosePhoto[0];
      const dv = mesh.uv[2 * i + 1] - nosePhoto[1];
      const w = Math.exp(-(du * du + dv * dv) / (2 * bendSigma * bendSigma));
      screen[3 * i] += bendAmount * e * w;
    }
  };
  const still = cls === 'still';
  let t = [0, 0, -scaleChange * dist];
  if (!still) {
    for (let k = 0; k < 3; k++) {
      const s = project(mesh.world, poseAt(1, t), camera);
      bendScreen(s, 1);
      const z = s[3 * mesh.extra + 2];
      t = [t[0] + ((target[0] - s[3 * mesh.extra]) * z) / focal, t[1] + ((target[1] - s[3 * mesh.extra + 1]) * z) / focal, t[2]];
    }
  }
  const nRest = 3 + random.int(3);
  const nMove = Math.round(random.uniform(0.8, 2.0) * spec.fps);
  const frames = [];
  const bgShade = [random.uniform(60, 200), random.uniform(60, 200), random.uniform(60, 200)];
  for (let i = 0; i < nRest + nMove + 3; i++) {
    const e = still ? 0 : ease((i - nRest + 1) / nMove, 1);
    const frame = R.createFrame(width, height);
    for (let j = 0; j < width * height; j++) {
      frame.data[3 * j] = bgShade[0]; frame.data[3 * j + 1] = bgShade[1]; frame.data[3 * j + 2] = bgShade[2];
    }
    const screen = project(mesh.world, poseAt(e, [t[0] * e + random.uniform(-0.3, 0.3), t[1] * e + random.uniform(-0.3, 0.3), t[2] * e]), camera);
    bendScreen(screen, e);
    R.drawMesh(photo, screen, mesh.uv, mesh.triangles, frame);
    frames.push({ frame, nose: [screen[3 * mesh.extra], screen[3 * mesh.extra + 1]], yaw: turn * e, pitch: pitchTilt * e });
  }
  return frames;
}

/** Screen look: moire (two interfering gratings), a glare spot, lower contrast, a little blur. */
function screenLook(frame, random) {
  const { width, height, data } = frame;
  const f1 = random.uniform(0.25, 0.45);
  const f2 = f1 * random.uniform(0.93, 0.99);
  const angle = random.uniform(-0.3, 0.3);
  const gx = random.uniform(0.2, 0.8) * width;
  const gy = random.uniform(0.1, 0.5) * height;
  const gr = random.uniform(0.12, 0.25) * width;
  const strength = random.uniform(0.05, 0.12);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const a = x * Math.cos(angle) + y * Math.sin(angle);
      const moire = 1 + strength * Math.sin(2 * Math.PI * f1 * a) * Math.sin(2 * Math.PI * f2 * x);
      const glare = 140 * Math.exp(-((x - gx) ** 2 + (y - gy) ** 2) / (2 * gr * gr));
      const i = 3 * (y * width + x);
      for (let k = 0; k < 3; k++) data[i + k] = R.clamp((data[i + k] * 0.8 + 30) * moire + glare);
    }
  }
}

/**
 * Renders a sequence: { spec, frames: [{ jpeg, timestampMs, truth }] }.
 * @param {object} spec from describe()
 * @param {{identities: object[], triangles: number[]}} corpus from faces.loadIdentities()
 */
async function renderSequence(spec, corpus, headCache = new Map()) {
  const head = async (i) => {
    if (!headCache.has(i)) headCache.set(i, await prepareHead(corpus.identities[i], corpus.triangles));
    return headCache.get(i);
  };
  const random = createRandom(spec.seed * 104729 + 3);
  const main = await head(spec.identity);
  const fx = cameraEffects(spec, random);
  let rendered;
  const cls = spec.class;
  if (cls === 'genuine' || cls === 'subst1' || cls === 'substN' || cls === 'second') {
    const plan = { ...planGenuine(spec, main, random), head: main };
    const n = plan.poses.length;
    const other = await head(spec.other);
    // the first frame whose (rendered) nose tip is inside the tolerant nose box: where the decision will fall
    const box = [spec.parameters.noseLeft - 11, spec.parameters.noseTop - 11, spec.parameters.noseLeft + 31, spec.parameters.noseTop + 31];
    let inBox = n - 1;
    for (let i = 0; i < n; i++) {
      const s = project(main.world, { ...plan.poses[i], pivot: main.pivot }, plan.camera);
      const [x, y] = [s[3 * NOSE_TIP], s[3 * NOSE_TIP + 1]];
      if (x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3]) {
        inBox = i;
        break;
      }
    }
    // one frame of another person in the middle of the nose state; or the other person from two frames before the
    // decision to the end; a second face entering three frames before the decision
    const substStart = cls === 'subst1' ? Math.max(3, Math.floor((inBox + 3) / 2)) : Math.max(3, inBox - 2);
    const substEnd = cls === 'subst1' ? substStart : n - 1;
    const enterAt = Math.max(2, inBox - 3);
    const headFor = (i) => ((cls === 'subst1' || cls === 'substN') && i >= substStart && i <= substEnd ? other : main);
    const extra = cls === 'second'
      ? (frame, i) => {
          if (i < enterAt) return;
          const u = plan.target[0] > spec.width / 2 ? 0.13 * spec.width : 0.87 * spec.width;
          const cam = headCamera(other, spec.width, spec.height, plan.facePx * 0.8, u, 0.3 * spec.height);
          const screen = project(other.world, { yaw: 0, pitch: 0, pivot: other.pivot }, cam);
          for (let k = 2; k < screen.length; k += 3) screen[k] += 1e6; // behind the main head
          R.drawMesh(other.headTexture, screen, other.uv, other.triangles, frame);
        }
      : null;
    rendered = renderHeadFrames(spec, plan, headFor, extra);
    rendered.substituted = cls.startsWith('subst') ? [substStart, substEnd] : null;
  } else if (cls === 'screen') {
    // a genuine session recorded for another challenge (another seed's parameters), replayed on a screen
    const recorded = { ...describe('genuine', spec.seed + 100000, corpus, { identity: spec.identity, frameSize: [spec.width, spec.height] }) };
    const plan = { ...planGenuine(recorded, main, random), head: main };
    const frames = renderHeadFrames(recorded, plan, () => main, null);
    const screenRandom = createRandom(spec.seed * 31 + 5);
    const mesh = printMesh(spec.width, spec.height, 0.8 * spec.width, 1000, 16, 12, 1.04);
    const yaw = random.uniform(-6, 6);
    const roll = random.uniform(-2, 2);
    const look = createRandom(spec.seed * 13 + 1);
    const lookState = { seed: look.int(1e9) };
    rendered = frames.map((f) => {
      const out = R.createFrame(spec.width, spec.height);
      out.data.fill(20);
      const screen = project(mesh.world, { yaw, pitch: 0, roll, pivot: [0, 0, 0] }, { focal: 0.8 * spec.width, distance: 1000, u0: spec.width / 2, v0: spec.height / 2 });
      R.drawMesh(f.frame, screen, mesh.uv, mesh.triangles, out);
      screenLook(out, createRandom(lookState.seed));
      return { ...f, frame: out };
    });
    void screenRandom;
    spec.recordedParameters = recorded.parameters;
  } else {
    // print attacks: the photo is the person's frontal rest frame
    const plan = { ...planGenuine(spec, main, random), head: main };
    const restFrame = renderHeadFrames(spec, { ...plan, poses: [{ yaw: 0, pitch: 0, roll: 0, translation: [0, 0, 0] }] }, () => main, null)[0];
    rendered = renderPrintFrames(spec, restFrame.frame, restFrame.nose, plan.facePx, random);
  }
  const times = timestamps(rendered.length, spec.fps, random);
  const frames = [];
  for (let i = 0; i < rendered.length; i++) {
    const r = rendered[i];
    const prev = rendered[Math.max(0, i - 1)].nose;
    const velocity = [r.nose[0] - prev[0], r.nose[1] - prev[1]];
    const jpeg = await finish(r.frame, fx, i, rendered.length, velocity, random);
    const substituted = rendered.substituted && i >= rendered.substituted[0] && i <= rendered.substituted[1];
    frames.push({ jpeg, timestampMs: times[i], truth: { yaw: round(r.yaw), pitch: round(r.pitch), noseX: round(r.nose[0]), noseY: round(r.nose[1]), ...(substituted ? { substituted: true } : {}) } });
  }
  return { spec, frames };
}

/**
 * A frontal portrait of an identity (JPEG, `size`×`size`, the face about 45 % of the width, over its blurred photo),
 * rendered as a genuine sequence's rest frame is: a reference photo for enrolment.
 */
async function renderPortrait(corpus, index, size = 480) {
  const head = await prepareHead(corpus.identities[index], corpus.triangles);
  const camera = headCamera(head, size, size, 0.45 * size, size / 2, size / 2);
  const frame = R.createFrame(size, size);
  const scale = camera.focal / (camera.distance + head.pivot[2] + head.faceWidth);
  R.drawImageCover(head.backgroundTexture, frame, { offsetX: camera.u0 - head.center[0] * scale, offsetY: camera.v0 - head.center[1] * scale, scale });
  R.drawMesh(head.headTexture, project(head.world, { yaw: 0, pitch: 0, pivot: head.pivot }, camera), head.uv, head.triangles, frame);
  return R.toJpeg(frame, 90);
}

function round(v) {
  return Math.round(v * 100) / 100;
}

module.exports = { CLASSES, describe, renderSequence, renderPortrait, noseParameters, planGenuine };
