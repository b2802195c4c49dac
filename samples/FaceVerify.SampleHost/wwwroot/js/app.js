// The sample page: demo sign-in, enrolment, liveness check (nose or pose, as the server chooses), result, face login.
import { createApi, ApiError } from './api.js';
import { openCamera, grab, toJpeg, CameraError } from './camera.js';
import { loadGuide, detectFaces } from './guide.js';
import '/faceverify/client/faceverify.js'; // <faceverify-liveness>, served by MapFaceVerification()

const $ = (id) => document.getElementById(id);
const SCREENS = ['signin', 'home', 'camera', 'check', 'result'];
const liveness = $('liveness');
// The outcome reasons come from the component's message catalogue (localised); login reasons are this page's own.
const reasonText = (reason) => {
  const text = liveness.t(`reason.${reason}`);
  return text === `reason.${reason}` ? REASONS[reason] || reason || '' : text;
};
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
  // The component calls the API with the app's own fetch: here it adds the demo sign-in header.
  liveness.fetch = (url, init = {}) => {
    const headers = new Headers(init.headers || {});
    headers.set('X-Demo-User', user);
    return fetch(url, { ...init, headers });
  };
  localStorage.setItem('faceverify-demo-user', user);
  $('who').textContent = user;
  fail('');
  say(`Signed in (demo) as ${user}. Enrol a face, then run the liveness check.`);
  show('home');
}

async function enrolBlob(blob) {
  $('enrol-state').textContent = 'Enrolling…';
  say('Enrolling your photo…');
  try {
    await api.enrol(blob);
    $('enrol-state').textContent = 'Enrolled.';
    say('Your face is enrolled. Now run the liveness check.');
    fail('');
  } catch (error) {
    $('enrol-state').textContent = 'Not enrolled.';
    fail(`The photo was refused: ${describe(error)}`);
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
  await withCamera('Take an enrolment photo', async (signal) => {
    $('take-photo').hidden = false;
    say('Look straight at the camera, then press "Take the photo".');
    await new Promise((resolve, reject) => {
      $('take-photo').onclick = resolve;
      signal.addEventListener('abort', () => reject(new DOMException('cancelled', 'AbortError')));
    });
    $('take-photo').hidden = true;
    const blob = await toJpeg(grab($('video'), $('work'), false), 0.9);
    camera?.stop();
    camera = null;
    show('home');
    await enrolBlob(blob);
  });
}

function showResult(result) {
  $('take-photo').hidden = true;
  const passed = result.outcome === 'passed';
  const outcome = $('result-outcome');
  outcome.className = `outcome ${passed ? 'passed' : 'failed'}`;
  const camera = result.reason === 'camera'; // the enrolment photo's camera failed (this page's own camera code)
  outcome.textContent = camera ? 'Camera not available' : liveness.t(passed ? 'result.passed' : result.outcome === 'expired' ? 'result.expired' : 'result.failed');
  $('result-reason').textContent = camera ? result.detail : reasonText(result.reason);
  $('result-detail').textContent = camera ? '' : result.detail || '';
  $('face-login').hidden = !passed;
  $('login-result').textContent = '';
  show('result');
  say(`Result: ${outcome.textContent}. ${$('result-reason').textContent}`);
}

async function runCheck() {
  // Load the guidance models BEFORE the camera opens, so nobody waits in front of a live camera for models; the
  // component then uses face-api.js (from the local npm install) as its detector for the pre-checks and the nose target.
  fail('');
  say('Loading the face guidance…');
  const guided = await loadGuide();
  liveness.detector = guided ? detectFaces : null;
  if ($('check-locale').value) liveness.setAttribute('locale', $('check-locale').value);
  else liveness.removeAttribute('locale'); // the component then follows the browser's languages
  show('check');
  liveness.start();
}

liveness.addEventListener('faceverify-started', (e) => { lastSession = { id: e.detail.sessionId }; });
liveness.addEventListener('faceverify-result', (e) => showResult({ ...e.detail, outcome: e.detail.outcome }));
liveness.addEventListener('faceverify-error', (e) => { say(e.detail.message); });
liveness.addEventListener('faceverify-alternative', () => {
  liveness.cancel();
  show('home');
  say('Another way to verify (for example a code sent by e-mail) would start here. This demo has none.');
});

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
$('check-back').addEventListener('click', () => { liveness.cancel(); show('home'); say('Ready.'); });
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
