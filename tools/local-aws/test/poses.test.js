'use strict';

// The pose-challenge corpus (corpus/poses.js, corpus/expressions.js; docs/liveness-evidence.md "Pose challenge"):
// poses drawn as the challenge draws them, reproducible sequences, expression edits that change what they claim, and
// the local engine seeing each rendered state on a user for whom every state is renderable.

const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { createRandom } = require('../corpus/random');
const { loadIdentities } = require('../corpus/faces');
const { prepareHead } = require('../corpus/scene');
const { expressionHead, eyeOpening, EYES, INNER_LOWER_LIP, INNER_UPPER_LIP } = require('../corpus/expressions');
const P = require('../corpus/poses');
const R = require('../corpus/render');

const CACHE = path.join(__dirname, '..', 'corpus', '.cache', 'faces.json');
let corpus;
const heads = new Map();

before(async () => {
  corpus = await loadIdentities(CACHE);
});

async function headOf(id) {
  const index = corpus.identities.findIndex((x) => x.id === id);
  if (!heads.has(index)) heads.set(index, await prepareHead(corpus.identities[index], corpus.triangles));
  return { index, identity: corpus.identities[index], head: heads.get(index) };
}

test('drawPoses: as PoseStateMachine.DrawPoses, each pose needs a change from the previous one', () => {
  const first = new Set();
  for (let seed = 0; seed < 400; seed++) {
    const poses = P.drawPoses(4, createRandom(seed));
    first.add(`${poses[0].eyes}/${poses[0].mouth}`);
    for (let i = 1; i < poses.length; i++) assert.ok(!P.compatible(poses[i - 1], poses[i]), JSON.stringify(poses));
  }
  assert.equal(first.size, 8);
  // an OPEN face can show a gaze at the same time (compatible), CLOSED cannot
  assert.ok(P.compatible({ eyes: 'OPEN', mouth: 'SMILE' }, { eyes: 'LOOKING_LEFT', mouth: 'SMILE' }));
  assert.ok(!P.compatible({ eyes: 'OPEN', mouth: 'SMILE' }, { eyes: 'CLOSED', mouth: 'SMILE' }));
  assert.ok(!P.compatible({ eyes: 'OPEN', mouth: 'SMILE' }, { eyes: 'OPEN', mouth: 'CLOSED' }));
  const onlyTwo = P.drawPoses(6, createRandom(3), ['OPEN', 'CLOSED']);
  assert.ok(onlyTwo.every((p) => p.eyes === 'OPEN' || p.eyes === 'CLOSED'));
});

test('describePose: a seed fixes the sequence; the users exclude faces photographed with shut eyes; replays show other poses', () => {
  assert.deepEqual(P.describePose('pose', 5, corpus), P.describePose('pose', 5, corpus));
  assert.throws(() => P.describePose('mask', 1, corpus), /unknown pose class/);
  const users = P.poseUsers(corpus);
  assert.equal(users.length, corpus.frontal.length - P.EYES_SHUT_IN_PHOTO.length);
  for (let seed = 1; seed <= 30; seed++) {
    const spec = P.describePose('pose-replay', seed, corpus);
    assert.ok(users.includes(spec.identity));
    assert.notDeepEqual(spec.recordedPoses, spec.parameters.poses);
    assert.equal(spec.parameters.poses.length, 2);
  }
  const live = { imageWidth: 480, imageHeight: 480, poses: [{ eyes: 'CLOSED', mouth: 'SMILE' }, { eyes: 'OPEN', mouth: 'CLOSED' }] };
  assert.deepEqual(P.describePose('pose', 9, corpus, { parameters: live }).parameters, live);
});

test('expressions: eyes closed bring the upper lid down and fill the opening; a gaze moves the dark iris; a smile opens the mouth', async () => {
  const { identity, head } = await headOf('sample5-2');
  const mesh = identity.mesh;
  const closed = expressionHead(head, identity, { eyes: 'closed', mouth: 'closed' });
  for (const eye of EYES) {
    const open = eyeOpening(mesh, eye);
    const mid = eye.upper[4];
    // the upper lid's middle vertex moves down by about 90 % of the gap
    const dy = closed.world[3 * mid + 1] - head.world[3 * mid + 1];
    assert.ok(dy > 0.7 * open.gap, `upper lid moved ${dy.toFixed(2)} of a ${open.gap.toFixed(2)} gap`);
  }
  // gaze: the darkness-weighted centre of the opening moves towards the requested side
  const darkCentre = (texture, open) => {
    let wx = 0, w = 0;
    for (let x = Math.ceil(open.x0); x <= open.x1; x++) {
      const yu = Math.ceil(require('../corpus/expressions').polyY(open.upper, x));
      const yl = Math.floor(require('../corpus/expressions').polyY(open.lower, x));
      for (let y = yu + 1; y < yl; y++) {
        const i = 3 * (y * texture.width + x);
        const d = Math.max(0, 400 - (texture.data[i] + texture.data[i + 1] + texture.data[i + 2])) ** 2;
        wx += d * x;
        w += d;
      }
    }
    return wx / w;
  };
  const left = expressionHead(head, identity, { eyes: 'left', mouth: 'closed' });
  const right = expressionHead(head, identity, { eyes: 'right', mouth: 'closed' });
  for (const eye of EYES) {
    const open = eyeOpening(mesh, eye);
    const rest = darkCentre(head.headTexture, open);
    assert.ok(darkCentre(left.headTexture, open) < rest - 0.05 * open.width, 'left gaze moves the iris left');
    assert.ok(darkCentre(right.headTexture, open) > rest + 0.05 * open.width, 'right gaze moves the iris right');
  }
  // smile: the lower lip drops, the corners move out, and the cavity's triangles are added behind the lips
  const smile = expressionHead(head, identity, { eyes: 'open', mouth: 'smile' });
  assert.ok(smile.triangles.length > head.triangles.length);
  const gap = (h) => h.world[3 * INNER_LOWER_LIP[5] + 1] - h.world[3 * INNER_UPPER_LIP[5] + 1];
  assert.ok(gap(smile) > gap(head) + 0.04 * head.faceWidth, `lip gap ${gap(head).toFixed(1)} -> ${gap(smile).toFixed(1)}`);
  assert.ok(smile.world[3 * 291] - smile.world[3 * 61] > head.world[3 * 291] - head.world[3 * 61]);
  // deterministic
  assert.deepEqual(Buffer.from(expressionHead(head, identity, { eyes: 'closed', mouth: 'smile' }).headTexture.data), Buffer.from(expressionHead(head, identity, { eyes: 'closed', mouth: 'smile' }).headTexture.data));
});

test('sequences: a genuine performance shows the requested poses in order; a still print does not move; a held one does', async () => {
  const live = { imageWidth: 480, imageHeight: 480, poses: [{ eyes: 'CLOSED', mouth: 'SMILE' }, { eyes: 'LOOKING_RIGHT', mouth: 'CLOSED' }] };
  const spec = P.describePose('pose', 4, corpus, { parameters: live });
  const a = await P.renderPoseSequence(spec, corpus, heads);
  const b = await P.renderPoseSequence(P.describePose('pose', 4, corpus, { parameters: live }), corpus, heads);
  assert.equal(a.frames.length, b.frames.length);
  assert.ok(a.frames.every((f, i) => f.jpeg.equals(b.frames[i].jpeg)), 'same seed, same bytes');
  const states = a.frames.map((f) => f.truth.state).filter((s, i, all) => s !== 'rest' && all[i - 1] !== s);
  assert.deepEqual(states, ['closed/smile', 'right/closed']);
  assert.ok(a.frames.length >= 20 && a.frames.length <= 60, `${a.frames.length} frames`);
  const still = await P.renderPoseSequence(P.describePose('pose-still', 4, corpus, { parameters: live }), corpus, heads);
  assert.ok(still.frames.every((f) => f.truth.dx === 0 && f.truth.dy === 0));
  const held = await P.renderPoseSequence(P.describePose('pose-held', 4, corpus, { parameters: live }), corpus, heads);
  assert.ok(held.frames.some((f) => Math.hypot(f.truth.dx, f.truth.dy) > 3), 'the hand moves the print');
  assert.equal(held.frames.length, still.frames.length);
});

test('engine: on sample5-2 the local engine sees every rendered state as its pose', async () => {
  const { createAnalyser } = require('../corpus/analyse');
  const analyser = await createAnalyser();
  const { index, identity, head } = await headOf('sample5-2');
  const gaze = (face) => {
    const L = Object.fromEntries(face.Landmarks.map((l) => [l.Type, l]));
    const at = (a, b, p) => (L[p].X - L[a].X) / (L[b].X - L[a].X);
    return [at('leftEyeLeft', 'leftEyeRight', 'leftPupil'), at('rightEyeLeft', 'rightEyeRight', 'rightPupil')];
  };
  const seen = {};
  for (const state of [{ eyes: 'open', mouth: 'closed' }, { eyes: 'closed', mouth: 'closed' }, { eyes: 'left', mouth: 'closed' }, { eyes: 'right', mouth: 'closed' }, { eyes: 'open', mouth: 'smile' }]) {
    const plan = [{ state, amount: 1, pose: { yaw: 0, pitch: 0, roll: 0 } }];
    const [{ frame }] = P.renderPerformance({ width: 480, height: 480, fps: 12 }, head, identity, plan, createRandom(index + 1));
    const faces = await analyser.detect(await R.toJpeg(frame, 90));
    assert.equal(faces.length, 1);
    seen[`${state.eyes}/${state.mouth}`] = faces[0];
  }
  const f = seen;
  assert.ok(f['open/closed'].EyesOpen.Value && !f['open/closed'].Smile.Value && !f['open/closed'].MouthOpen.Value);
  assert.equal(f['closed/closed'].EyesOpen.Value, false);
  assert.ok(gaze(f['left/closed']).every((g) => g <= 0.4), `left ${gaze(f['left/closed'])}`);
  assert.ok(gaze(f['right/closed']).every((g) => g >= 0.6), `right ${gaze(f['right/closed'])}`);
  assert.ok(f['open/smile'].Smile.Value && f['open/smile'].MouthOpen.Value && f['open/smile'].EyesOpen.Value);
  // the unchanged face's pupils are in neither gaze band: the gaze comes from the edit
  assert.ok(gaze(f['open/closed']).every((g) => g > 0.4 && g < 0.6), `rest ${gaze(f['open/closed'])}`);
});
