'use strict';

// Seeded sequences for the pose challenge (src/FaceVerify/Challenges/Pose): a genuine user showing the requested poses
// in order (corpus/expressions.js renders eyes closed, gaze left/right, a smiling open mouth and a closed mouth on the
// 3D head), and the attacks a pose challenge meets: a still print, a print held in a moving hand, and a replay of a
// genuine session recorded for another challenge's poses. Everything follows from the class and seed.

const { createRandom } = require('./random');
const { prepareHead, project } = require('./scene');
const { expressionHead } = require('./expressions');
const R = require('./render');

const POSE_CLASSES = Object.freeze({
  pose: 'genuine: the requested poses in order, natural timing, a little head motion',
  'pose-still': 'still print of the person (the photo\'s own expression) held in front of the camera',
  'pose-held': 'print of the person held in a moving hand (drift, tilt) while the challenge asks for poses',
  'pose-replay': 'genuine session recorded for another challenge\'s poses, replayed as it was',
});

const FRAME_SIZES = Object.freeze([[480, 480], [480, 480], [640, 480], [640, 480], [1280, 720]]);
const EYES = Object.freeze(['OPEN', 'CLOSED', 'LOOKING_LEFT', 'LOOKING_RIGHT']);
const MOUTHS = Object.freeze(['CLOSED', 'SMILE']);
const EYE_STATE = Object.freeze({ OPEN: 'open', CLOSED: 'closed', LOOKING_LEFT: 'left', LOOKING_RIGHT: 'right' });
const MOUTH_STATE = Object.freeze({ CLOSED: 'closed', SMILE: 'smile' });

/**
 * Faces photographed with downcast eyes that the local engine reads as closed at rest in every rendering (EyesOpen
 * false, confidence 99-100, measured by bin/pose-expressions.js): no texture edit opens an eye the photo does not
 * show, so they cannot perform OPEN or a gaze and are not pose users.
 */
const EYES_SHUT_IN_PHOTO = Object.freeze(['sample2-0', 'sample2-1']);

/** The pose challenge's users: the nose corpus's users (near-frontal faces) less those whose eyes the photo shows shut. */
function poseUsers(corpus) {
  return corpus.frontal.filter((i) => !EYES_SHUT_IN_PHOTO.includes(corpus.identities[i].id));
}

/** PoseMatcher.AreCompatible: one face can show both poses at once. */
function compatible(a, b) {
  if (a.mouth !== b.mouth) return false;
  const gaze = (e) => e === 'LOOKING_LEFT' || e === 'LOOKING_RIGHT';
  return a.eyes === b.eyes || (a.eyes === 'OPEN' && gaze(b.eyes)) || (b.eyes === 'OPEN' && gaze(a.eyes));
}

/**
 * Poses drawn as PoseStateMachine.DrawPoses draws them (seeded here): the first with eyes and mouth uniform and
 * independent, each next one uniform over the poses no single face can show together with the previous one.
 */
function drawPoses(count, random, eyeStates = EYES) {
  const all = [];
  for (const eyes of EYES) for (const mouth of MOUTHS) all.push({ eyes, mouth });
  const poses = [];
  for (let i = 0; i < count; i++) {
    if (i === 0) {
      poses.push({ eyes: eyeStates[random.int(eyeStates.length)], mouth: MOUTHS[random.int(2)] });
      continue;
    }
    const candidates = all.filter((p) => eyeStates.includes(p.eyes) && !compatible(poses[i - 1], p));
    poses.push(candidates[random.int(candidates.length)]);
  }
  return poses;
}

/** A pose challenge's parameters ({imageWidth, imageHeight, poses}), seeded; PoseChallengeOptions.PoseCount is 2 by default. */
function poseParameters(width, height, random, count = 2) {
  return { imageWidth: width, imageHeight: height, poses: drawPoses(count, random) };
}

/**
 * The sequence's description from its class and seed (no rendering). Overrides: `parameters` (a live session's pose
 * parameters: its frame size and poses), `frameSize`, `identity` (an index into corpus.identities), `fps`.
 */
function describePose(cls, seed, corpus, overrides = {}) {
  if (!POSE_CLASSES[cls]) throw new Error(`unknown pose class ${cls}`);
  const random = createRandom(seed * 6007 + 29);
  const size = random.pick(FRAME_SIZES);
  const [width, height] = overrides.parameters
    ? [overrides.parameters.imageWidth, overrides.parameters.imageHeight]
    : overrides.frameSize ?? size;
  const users = poseUsers(corpus);
  const identity = overrides.identity ?? users[random.int(users.length)];
  const generated = poseParameters(width, height, random);
  const parameters = overrides.parameters ?? generated;
  // the replay's recorded session: another challenge's poses (drawn until they differ from the session's)
  let recordedPoses = null;
  if (cls === 'pose-replay') {
    const other = createRandom(seed * 6007 + 31);
    do recordedPoses = drawPoses(parameters.poses.length, other);
    while (JSON.stringify(recordedPoses) === JSON.stringify(parameters.poses));
  }
  return { class: cls, seed, identity, width, height, fps: overrides.fps ?? 12, parameters, ...(recordedPoses ? { recordedPoses } : {}) };
}

/**
 * The genuine performance of `poses`: rest frames (the photo's own expression), then per pose a reaction time, a short
 * transition and a hold; a little head motion throughout. Returns per-frame {state, amount, pose}.
 */
function planPerformance(poses, fps, random) {
  const frames = [];
  const sec = (s) => Math.max(1, Math.round(s * fps));
  const nRest = 3 + random.int(3);
  for (let i = 0; i < nRest; i++) frames.push({ state: null, amount: 0 });
  let previous = null;
  for (const pose of poses) {
    const state = { eyes: EYE_STATE[pose.eyes], mouth: MOUTH_STATE[pose.mouth] };
    const react = sec(random.uniform(0.3, 0.8)); // reading the instruction: the previous pose is held
    for (let i = 0; i < react; i++) frames.push({ state: previous, amount: previous ? 1 : 0 });
    frames.push({ state, amount: 0.5 }); // one transition frame (lids, lips and eyes move within ~100 ms)
    const hold = sec(random.uniform(0.8, 1.4));
    for (let i = 0; i < hold; i++) frames.push({ state, amount: 1 });
    previous = state;
  }
  // head motion: slow drift of yaw/pitch/roll (a few degrees) and a little translation tremor
  const phase = [random.uniform(0, 6.3), random.uniform(0, 6.3), random.uniform(0, 6.3)];
  const amp = [random.uniform(1, 3), random.uniform(1, 3), random.uniform(0.5, 1.5)];
  const period = random.uniform(2, 4) * fps;
  frames.forEach((f, i) => {
    const w = (2 * Math.PI * i) / period;
    f.pose = {
      yaw: amp[0] * Math.sin(w + phase[0]),
      pitch: amp[1] * Math.sin(0.7 * w + phase[1]),
      roll: amp[2] * Math.sin(0.5 * w + phase[2]),
      translation: [random.uniform(-0.4, 0.4), random.uniform(-0.4, 0.4), 0],
    };
  });
  return frames;
}

/** The photo's roll in degrees (positive clockwise on screen): the angle of the line between the eye centres. */
function photoRoll(identity) {
  const mean = (ids) => ids.reduce((s, i) => [s[0] + identity.mesh[i][0] / ids.length, s[1] + identity.mesh[i][1] / ids.length], [0, 0]);
  const [lx, ly] = mean([33, 133]);
  const [rx, ry] = mean([263, 362]);
  return (Math.atan2(ry - ly, rx - lx) * 180) / Math.PI;
}

function cameraEffects(random) {
  return {
    quality: Math.round(random.uniform(60, 92)),
    noise: random.uniform(1.5, 5),
    gain0: random.uniform(0.85, 1.1),
    gain1: random.uniform(0.85, 1.1),
    gradient: random.uniform(-0.15, 0.15),
    offset: random.uniform(-8, 8),
  };
}

function stateKey(state, amount) {
  return state ? `${state.eyes}/${state.mouth}/${amount}` : 'rest';
}

/** Renders the head frames of a performance (RGB, before camera effects). */
function renderPerformance(spec, head, identity, plan, random) {
  const { width, height } = spec;
  const focal = 0.8 * width;
  const areaWidth = Math.min(width * 0.75, height * 0.75 * 0.75);
  const facePx = random.uniform(0.5, 0.62) * areaWidth;
  const camera = { focal, distance: (head.faceWidth * focal) / facePx, u0: width / 2, v0: height / 2 };
  // the user holds the head upright: the photo's roll (its eye line; frontalisation corrects yaw and pitch only) is
  // undone, since the pose challenge refuses |roll| > 20 degrees (sample1-2 is photographed rolled by ~42 degrees)
  const roll0 = -photoRoll(identity);
  const centred = project(head.world, { yaw: 0, pitch: 0, roll: roll0, pivot: head.pivot }, camera);
  camera.u0 += width / 2 - centred[3] + random.uniform(-0.03, 0.03) * width; // vertex 1: the nose tip
  camera.v0 += height / 2 - centred[4] + random.uniform(-0.03, 0.03) * height;
  const background = R.createFrame(width, height);
  const scale = focal / (camera.distance + head.pivot[2] + head.faceWidth);
  R.drawImageCover(head.backgroundTexture, background, { offsetX: camera.u0 - head.center[0] * scale, offsetY: camera.v0 - head.center[1] * scale, scale });
  const heads = new Map();
  return plan.map((f) => {
    const key = `${stateKey(f.state, f.amount)}${f.strength ? JSON.stringify(f.strength) : ''}`;
    if (!heads.has(key)) heads.set(key, f.state ? expressionHead(head, identity, f.state, { amount: f.amount, strength: f.strength }) : head);
    const h = heads.get(key);
    const frame = R.createFrame(width, height);
    frame.data.set(background.data);
    const screen = project(h.world, { ...f.pose, roll: roll0 + (f.pose.roll ?? 0), pivot: head.pivot }, camera);
    R.drawMesh(h.headTexture, screen, h.uv, h.triangles, frame);
    return { frame, truth: { state: f.state ? `${f.state.eyes}/${f.state.mouth}` : 'rest', amount: f.amount, yaw: round(f.pose.yaw), pitch: round(f.pose.pitch) } };
  });
}

/** A print of `photo` (a rendered frame) held in front of the camera: a quad whose corners move with the hand. */
function renderPrint(spec, photo, n, held, random) {
  const { width, height } = spec;
  const shade = [random.uniform(60, 200), random.uniform(60, 200), random.uniform(60, 200)];
  const uv = Float64Array.from([0, 0, width, 0, width, height, 0, height]);
  const tri = Uint32Array.from([0, 1, 2, 0, 2, 3]);
  const phase = random.uniform(0, 6.3);
  const period = random.uniform(1.5, 3) * spec.fps;
  const drift = held ? random.uniform(0.01, 0.03) * width : 0;
  const tilt = held ? random.uniform(0.01, 0.025) * width : 0;
  const frames = [];
  for (let i = 0; i < n; i++) {
    const w = (2 * Math.PI * i) / period;
    const dx = drift * Math.sin(w + phase) + (held ? random.uniform(-0.5, 0.5) : 0);
    const dy = drift * 0.6 * Math.sin(0.8 * w + phase) + (held ? random.uniform(-0.5, 0.5) : 0);
    const k = tilt * Math.sin(0.6 * w); // perspective: one side nearer than the other
    const s = 1.04; // the print fills the frame a little beyond its edges
    const cx = width / 2 + dx;
    const cy = height / 2 + dy;
    const hw = (s * width) / 2;
    const hh = (s * height) / 2;
    const screen = Float64Array.from([
      cx - hw - k, cy - hh - k, 1, cx + hw + k, cy - hh + k, 1, cx + hw + k, cy + hh - k, 1, cx - hw - k, cy + hh + k, 1,
    ]);
    const frame = R.createFrame(width, height);
    for (let j = 0; j < width * height; j++) frame.data.set(shade, 3 * j);
    R.drawMesh(photo, screen, uv, tri, frame);
    frames.push({ frame, truth: { state: 'print', dx: round(dx), dy: round(dy) } });
  }
  return frames;
}

/**
 * Renders a pose sequence: { spec, frames: [{ jpeg, timestampMs, truth }] }.
 * @param {object} spec from describePose()
 * @param {{identities: object[], triangles: number[]}} corpus from faces.loadIdentities()
 */
async function renderPoseSequence(spec, corpus, headCache = new Map()) {
  if (!headCache.has(spec.identity)) headCache.set(spec.identity, await prepareHead(corpus.identities[spec.identity], corpus.triangles));
  const head = headCache.get(spec.identity);
  const identity = corpus.identities[spec.identity];
  const random = createRandom(spec.seed * 65537 + 7);
  const fx = cameraEffects(random);
  const cls = spec.class;
  let rendered;
  if (cls === 'pose' || cls === 'pose-replay') {
    const poses = cls === 'pose' ? spec.parameters.poses : spec.recordedPoses;
    rendered = renderPerformance(spec, head, identity, planPerformance(poses, spec.fps, random), random);
  } else {
    // a print of the person's rest frame (the photo's own expression), as long as a genuine performance would take
    const plan = planPerformance(spec.parameters.poses, spec.fps, random);
    const [rest] = renderPerformance(spec, head, identity, [{ state: null, amount: 0, pose: { yaw: 0, pitch: 0, roll: 0 } }], random);
    rendered = renderPrint(spec, rest.frame, plan.length, cls === 'pose-held', random);
  }
  const frames = [];
  for (let i = 0; i < rendered.length; i++) {
    const { frame, truth } = rendered[i];
    const g = fx.gain0 + ((fx.gain1 - fx.gain0) * i) / Math.max(1, rendered.length - 1);
    R.lightAndNoise(frame, { gain: g, offset: fx.offset, gradient: fx.gradient, noise: fx.noise }, random);
    const timestampMs = Math.round((i * 1000) / spec.fps + (i > 0 ? random.uniform(-8, 8) : 0));
    frames.push({ jpeg: await R.toJpeg(frame, fx.quality), timestampMs, truth });
  }
  return { spec, frames };
}

function round(v) {
  return Math.round(v * 100) / 100;
}

module.exports = { renderPerformance, poseUsers, photoRoll, EYES_SHUT_IN_PHOTO, POSE_CLASSES, drawPoses, poseParameters, describePose, renderPoseSequence, planPerformance, compatible, EYE_STATE, MOUTH_STATE };
