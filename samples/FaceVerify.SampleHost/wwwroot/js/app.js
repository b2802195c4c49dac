// The sample page: demo sign-in, enrolment, liveness check (nose or pose, as the server chooses), result, face login.
import { createApi, ApiError } from './api.js';
import { openCamera, grab, toJpeg, CameraError } from './camera.js';
import { loadGuide } from './guide.js';
import { runNose } from './nose.js';
import { runPose } from './pose.js';

const $ = (id) => document.getElementById(id);
const SCREENS = ['signin', 'home', 'camera', 'result'];
const REASONS = {
  passed: 'The liveness check passed.',
  no_frames: 'No camera frames reached the server.',
  challenge_not_completed: 'The challenge was not completed in time.',
  state_timeout: 'A step of the challenge took too long.',
  face_not_found: 'Your face was not found in the pictures.',
  multiple_faces: 'More than one face was in the picture.',
  face_outside_area: 'Your face left the frame.',
  trajectory_not_smooth: 'The movement was not smooth.',
  insufficient_landmark_movement: 'Your face did not move like a real head turning (a flat photo or screen cannot pass).',
  turned_away_from_target: 'Your head turned away from the target.',
  low_confidence: 'The pictures were not clear enough.',
  head_rotated: 'Your head was turned too far.',
  eyes_mismatch: 'Your eyes did not match the requested pose.',
  mouth_mismatch: 'Your mouth did not match the requested pose.',
  identity_mismatch: 'The face changed during the check.',
  spoof_suspected: 'The check suspects a photo, screen or mask.',
  session_expired: 'The check expired before it was finished.',
  session_not_found: 'That check is unknown.',
  session_not_passed: 'That check did not pass.',
  session_already_used: 'That check was already used for a login.',
  not_enrolled: 'You have not enrolled a face yet.',
  face_mismatch: 'The face does not match your enrolled face.',
};

let api = null;
let user = '';
let camera = null;
let abort = null;
let lastSession = null;
let pendingPhoto = null; // an enrolment photo waiting for its liveness check
const ENROL_REFUSALS = {
  face_mismatch: 'the photo does not match your live face.',
  step_up_required: 'you are enrolled already; log in with your face first, then enrol again.',
};

function show(screen) {
  for (const s of SCREENS) $(`screen-${s}`).hidden = s !== screen;
  document.body.dataset.screen = screen;
  const heading = $(`screen-${screen}`).querySelector('h2');
  if (heading) { heading.tabIndex = -1; heading.focus(); }
}

const say = (text) => { $('status').textContent = text; $('prompt').textContent = text; };
function fail(message) {
  $('error').textContent = message;
  $('error').hidden = !message;
}
const describe = (error) => (error instanceof ApiError ? `${error.message} (${error.code || error.status})` : error.message || String(error));

function stopCamera() {
  abort?.abort();
  camera?.stop();
  camera = null;
}

function signIn(name) {
  user = name.trim();
  api = createApi(user);
  localStorage.setItem('faceverify-demo-user', user);
  $('who').textContent = user;
  fail('');
  say(`Signed in (demo) as ${user}. Enrol a face, then run the liveness check.`);
  show('home');
}

// Enrolment is a liveness check first, then the photo together with that passed session.
async function enrolBlob(blob) {
  pendingPhoto = blob;
  $('enrol-state').textContent = 'Liveness check for the enrolment…';
  say('First a short liveness check: the photo is enrolled only if it matches your live face.');
  await runCheck();
  if (pendingPhoto) {
    pendingPhoto = null;
    $('enrol-state').textContent = 'Not enrolled.';
  }
}

async function sendEnrolment(blob, result, session) {
  show('home');
  if (result.outcome !== 'passed') {
    $('enrol-state').textContent = 'Not enrolled.';
    fail(`The liveness check did not pass: ${REASONS[result.reason] || result.reason}`);
    say('Enrolment failed.');
    return;
  }
  $('enrol-state').textContent = 'Enrolling…';
  say('Enrolling your photo…');
  try {
    await api.enrol(blob, session.id);
    $('enrol-state').textContent = 'Enrolled.';
    say('Your face is enrolled. Now run the liveness check.');
    fail('');
  } catch (error) {
    $('enrol-state').textContent = 'Not enrolled.';
    fail(`The photo was refused: ${ENROL_REFUSALS[error.code] || describe(error)}`);
    say('Enrolment failed.');
  }
}

async function withCamera(purpose, body) {
  fail('');
  show('camera');
  $('progress').value = 0;
  $('camera-title').textContent = purpose;
  say('Opening the camera…');
  abort = new AbortController();
  try {
    camera = await openCamera($('video'));
    await body(abort.signal);
  } catch (error) {
    stopCamera();
    if (error instanceof CameraError) {
      fail(error.message);
      say('The camera is not available.');
      showResult({ outcome: 'error', reason: 'camera', detail: error.message });
    } else if (error?.name === 'AbortError') {
      show('home');
      say('Cancelled.');
    } else {
      fail(describe(error));
      say('Something went wrong.');
      showResult({ outcome: 'error', reason: 'error', detail: describe(error) });
    }
    return;
  }
  stopCamera();
}

async function takeEnrolmentPhoto() {
  let photo = null;
  await withCamera('Take an enrolment photo', async (signal) => {
    $('take-photo').hidden = false;
    say('Look straight at the camera, then press "Take the photo".');
    await new Promise((resolve, reject) => {
      $('take-photo').onclick = resolve;
      signal.addEventListener('abort', () => reject(new DOMException('cancelled', 'AbortError')));
    });
    $('take-photo').hidden = true;
    photo = await toJpeg(grab($('video'), $('work'), false), 0.9);
    camera?.stop();
    camera = null;
    show('home');
  });
  if (photo) await enrolBlob(photo);
}

function showResult(result) {
  $('take-photo').hidden = true;
  const passed = result.outcome === 'passed';
  const outcome = $('result-outcome');
  outcome.className = `outcome ${passed ? 'passed' : 'failed'}`;
  outcome.textContent = passed ? 'Passed' : result.outcome === 'expired' ? 'Expired' : result.reason === 'camera' ? 'Camera not available' : 'Not passed';
  $('result-reason').textContent = REASONS[result.reason] || (result.reason === 'camera' ? result.detail : result.reason || '');
  $('result-detail').textContent = result.reason === 'camera' ? '' : result.detail || '';
  $('face-login').hidden = !passed;
  $('login-result').textContent = '';
  show('result');
  say(`Result: ${outcome.textContent}. ${$('result-reason').textContent}`);
}

async function runCheck() {
  // Load the guidance models BEFORE the camera opens: the server's challenge clock starts with the first frame, and
  // nobody should wait in front of a live camera for models to download.
  fail('');
  say('Loading the face guidance…');
  const guided = await loadGuide();
  await withCamera('Liveness check', async (signal) => {
    const ui = { video: $('video'), overlay: $('overlay'), work: $('work'), say, progress: (v) => { $('progress').value = v; }, signal };
    say('Preparing the check…');
    const session = await api.startChallenge(camera.width, camera.height);
    lastSession = session;
    if (session.type === 'nose') {
      if (!guided) say('Live guidance is unavailable; follow the boxes.');
      await runNose(api, session, ui);
    } else if (session.type === 'pose') {
      await runPose(api, session, ui);
    } else {
      throw new Error(`This page does not know the challenge type "${session.type}".`);
    }
    if (signal.aborted) throw new DOMException('cancelled', 'AbortError');
    say('Verifying…');
    $('progress').value = 100;
    camera?.stop();
    camera = null;
    const result = await api.verify(session);
    if (pendingPhoto) {
      const photo = pendingPhoto;
      pendingPhoto = null;
      await sendEnrolment(photo, result, session);
      return;
    }
    showResult(result);
  });
}

async function faceLogin() {
  if (!lastSession) return;
  $('login-result').textContent = 'Comparing with your enrolled face…';
  try {
    const result = await api.faceLogin(lastSession.id);
    const text = result.success
      ? `Logged in: the face matches your enrolled face (similarity ${result.similarity}).`
      : `Login refused: ${REASONS[result.reason] || result.reason}${result.similarity != null ? ` (similarity ${result.similarity})` : ''}`;
    $('login-result').textContent = text;
    $('login-result').className = `outcome ${result.success ? 'passed' : 'failed'}`;
    say(text);
  } catch (error) {
    $('login-result').textContent = `Login failed: ${describe(error)}`;
    say($('login-result').textContent);
  }
}

$('signin-form').addEventListener('submit', (e) => { e.preventDefault(); signIn($('user-name').value); });
$('signout').addEventListener('click', () => { localStorage.removeItem('faceverify-demo-user'); show('signin'); say('Type a user name.'); });
$('enrol-file').addEventListener('change', async (e) => { const file = e.target.files?.[0]; if (file) await enrolBlob(file); e.target.value = ''; });
$('enrol-camera').addEventListener('click', takeEnrolmentPhoto);
$('start-check').addEventListener('click', runCheck);
$('retry').addEventListener('click', runCheck);
$('home').addEventListener('click', () => { fail(''); show('home'); say('Ready.'); });
$('cancel').addEventListener('click', () => { stopCamera(); show('home'); say('Cancelled.'); });
$('face-login').addEventListener('click', faceLogin);
$('delete-data').addEventListener('click', async () => {
  try {
    await api.deleteMine();
    $('enrol-state').textContent = '';
    say('Every frame, photo and face record stored for you was deleted.');
  } catch (error) {
    fail(describe(error));
  }
});

const remembered = localStorage.getItem('faceverify-demo-user');
if (remembered) { $('user-name').value = remembered; }
say('Type a user name to begin (demo sign-in).');
document.body.dataset.ready = 'true';
