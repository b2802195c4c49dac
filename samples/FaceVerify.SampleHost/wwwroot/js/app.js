// The sample page: the app around <faceverify-liveness>. Demo sign-in, enrolment (a liveness check, then the photo
// with that passed session), a stand-alone liveness check, face login (a liveness check, then the login with that
// session), deletion. Every liveness check is the component's: camera, guidance, challenge, verify, result.
import { createApi, withDemoUser, ApiError } from './api.js';
import { openCamera, grab, toJpeg, CameraError } from './camera.js';
import { loadGuide, detectFaces } from './guide.js';
import '/faceverify/client/faceverify.js'; // defines <faceverify-liveness>; served by MapFaceVerification("/faceverify")

const $ = (id) => document.getElementById(id);
const SCREENS = ['signin', 'home', 'photo', 'check'];
const liveness = $('liveness');

// What a check is for: its heading and explanation on the check screen.
const PURPOSES = {
  check: { title: 'Liveness check', text: 'A stand-alone check: see whether it passes, then log in with it if you like.' },
  enrol: { title: 'Enrolment, step 1 of 2: liveness check', text: 'Your photo is enrolled only if it matches the live face of this check.' },
  login: { title: 'Face login: liveness check', text: 'When the check passes, the server compares your live face with your enrolled face.' },
};
// Reasons of the page's own calls (enrolment, face login); the check's outcome reasons come from the component.
const LOGIN_REASONS = {
  session_expired: 'The check expired before it was used.',
  session_not_found: 'That check is unknown.',
  session_not_passed: 'That check did not pass.',
  session_already_used: 'That check was already used.',
  not_enrolled: 'You have not enrolled a face yet.',
  face_mismatch: 'The face does not match your enrolled face.',
};
const ENROL_REFUSALS = {
  face_mismatch: 'the photo does not match your live face.',
  step_up_required: 'you are enrolled already; log in with your face first, then enrol again.',
};

let api = null;
let user = '';
let camera = null;
let abort = null;
let purpose = 'check';
let lastSession = null; // the id of the last passed, not yet used, stand-alone check
let pendingPhoto = null; // an enrolment photo waiting for its liveness check

function show(screen) {
  for (const s of SCREENS) $(`screen-${s}`).hidden = s !== screen;
  document.body.dataset.screen = screen;
  const heading = $(`screen-${screen}`).querySelector('h2');
  if (heading && screen !== 'check') { heading.tabIndex = -1; heading.focus(); } // the component focuses its own heading
}

const say = (text) => { $('status').textContent = text; };
function fail(message) {
  $('error').textContent = message;
  $('error').hidden = !message;
}
const describe = (error) => (error instanceof ApiError ? `${error.message} (${error.code || error.status})` : error.message || String(error));
// The text of an outcome reason in the check's language (the component's message catalogue).
const reasonText = (reason) => {
  const text = liveness.t(`reason.${reason}`);
  return text === `reason.${reason}` ? liveness.t('reason.unknown') : text;
};

function signIn(name) {
  user = name.trim();
  api = createApi(user);
  // The component makes its API calls with the app's fetch: here it adds the demo sign-in header.
  liveness.fetch = (url, init) => fetch(url, withDemoUser(init, user));
  localStorage.setItem('faceverify-demo-user', user);
  $('who').textContent = user;
  lastSession = null;
  fail('');
  say(`Signed in (demo) as ${user}. Enrol a face, then run the liveness check.`);
  show('home');
}

// ------------------------------------------------------------------ the check screen (the component)

async function startCheck(why) {
  purpose = why;
  fail('');
  $('check-title').textContent = PURPOSES[why].title;
  $('check-purpose').textContent = PURPOSES[why].text;
  $('check-result').hidden = true;
  $('login-result').textContent = '';
  const type = $('challenge-type').value;
  if (type) liveness.setAttribute('challenge-type', type);
  else liveness.removeAttribute('challenge-type'); // the server chooses
  const locale = $('check-locale').value;
  if (locale) liveness.setAttribute('locale', locale);
  else liveness.removeAttribute('locale'); // the component follows the browser's languages
  // face-api.js (from the local npm install) is the component's detector for its pre-checks and the nose guidance.
  // Loaded BEFORE the camera opens, so nobody waits in front of a live camera for models; without it the check still
  // runs, unguided (the server decides either way).
  say('Loading the face guidance…');
  const guided = await loadGuide();
  liveness.detector = guided ? detectFaces : null;
  show('check');
  say('');
  liveness.start();
}

function leaveCheck(message) {
  liveness.cancel();
  if (pendingPhoto) {
    pendingPhoto = null;
    $('enrol-state').textContent = 'Not enrolled.';
  }
  show('home');
  say(message);
}

liveness.addEventListener('faceverify-started', () => {
  // "Try again" in the component starts a new session: the previous result no longer applies.
  $('check-result').hidden = true;
  $('login-result').textContent = '';
  fail('');
});

liveness.addEventListener('faceverify-result', async (event) => {
  const result = event.detail;
  if (purpose === 'enrol') await finishEnrolment(result);
  else if (purpose === 'login') await finishLogin(result);
  else showCheckResult(result);
});

liveness.addEventListener('faceverify-alternative', () => {
  leaveCheck('Another way to verify (for example a code sent by e-mail) would start here. This demo has none.');
});

// ------------------------------------------------------------------ stand-alone check

function showCheckResult(result) {
  lastSession = result.passed ? result.sessionId : null;
  $('result-detail').textContent = result.detail ? `Server detail: ${result.detail}` : '';
  $('face-login').hidden = !result.passed;
  $('check-result').hidden = false;
  say(''); // the component announces the outcome and its reason itself
}

async function logIn(sessionId) {
  const target = $('login-result');
  target.className = 'outcome';
  target.textContent = 'Comparing with your enrolled face…';
  try {
    const result = await api.faceLogin(sessionId);
    const text = result.success
      ? `Logged in: the face matches your enrolled face (similarity ${result.similarity}).`
      : `Login refused: ${LOGIN_REASONS[result.reason] || result.reason}${result.similarity != null ? ` (similarity ${result.similarity})` : ''}`;
    target.textContent = text;
    target.className = `outcome ${result.success ? 'passed' : 'failed'}`;
  } catch (error) {
    target.textContent = `Login failed: ${describe(error)}`;
    target.className = 'outcome failed';
  }
  say(target.textContent);
}

// ------------------------------------------------------------------ face login = check, then login with it

async function finishLogin(result) {
  $('face-login').hidden = true;
  $('result-detail').textContent = result.detail ? `Server detail: ${result.detail}` : '';
  $('check-result').hidden = false;
  if (!result.passed) {
    $('login-result').className = 'outcome failed';
    $('login-result').textContent = `Login refused: the liveness check did not pass. ${reasonText(result.reason)}`;
    say($('login-result').textContent);
    return;
  }
  await logIn(result.sessionId);
}

// ------------------------------------------------------------------ enrolment = check, then the photo with it

async function enrol(blob) {
  pendingPhoto = blob;
  $('enrol-state').textContent = 'Liveness check for the enrolment…';
  await startCheck('enrol');
}

async function finishEnrolment(result) {
  const photo = pendingPhoto;
  pendingPhoto = null;
  if (!photo) return;
  show('home');
  if (!result.passed) {
    $('enrol-state').textContent = 'Not enrolled.';
    fail(`The liveness check did not pass: ${reasonText(result.reason)}`);
    say('Enrolment failed.');
    return;
  }
  $('enrol-state').textContent = 'Enrolling…';
  say('Enrolling your photo…');
  try {
    await api.enrol(photo, result.sessionId);
    $('enrol-state').textContent = 'Enrolled.';
    say('Your face is enrolled. Now run the liveness check.');
    fail('');
  } catch (error) {
    $('enrol-state').textContent = 'Not enrolled.';
    fail(`The photo was refused: ${ENROL_REFUSALS[error.code] || describe(error)}`);
    say('Enrolment failed.');
  }
}

// The enrolment photo from the camera (the component runs checks, it does not take photos).
async function takeEnrolmentPhoto() {
  fail('');
  show('photo');
  $('photo-prompt').textContent = 'Opening the camera…';
  abort = new AbortController();
  const { signal } = abort;
  let photo = null;
  try {
    camera = await openCamera($('video'));
    $('photo-prompt').textContent = 'Look straight at the camera, then press "Take the photo".';
    await new Promise((resolve, reject) => {
      $('take-photo').onclick = resolve;
      signal.addEventListener('abort', () => reject(new DOMException('cancelled', 'AbortError')));
    });
    photo = await toJpeg(grab($('video'), $('work')), 0.9);
  } catch (error) {
    stopPhotoCamera();
    show('home');
    if (error?.name === 'AbortError') say('Cancelled.');
    else fail(error instanceof CameraError ? `${error.message} You can upload a photo instead.` : describe(error));
    return;
  }
  stopPhotoCamera();
  await enrol(photo);
}

function stopPhotoCamera() {
  abort?.abort();
  abort = null;
  camera?.stop();
  camera = null;
}

// ------------------------------------------------------------------ wiring

async function offerEnabledChallenges() {
  // Only the challenge types this host enables are offered (GET /sample/challenge-types, Program.cs).
  try {
    const response = await fetch('/sample/challenge-types');
    if (!response.ok) return;
    const enabled = (await response.json()).types || [];
    for (const option of [...$('challenge-type').options]) option.hidden = option.value !== '' && !enabled.includes(option.value);
    $('challenge-type').disabled = enabled.length < 2;
  } catch {
    // every option stays; the server refuses a type it does not enable
  }
}

$('signin-form').addEventListener('submit', (e) => { e.preventDefault(); signIn($('user-name').value); });
$('signout').addEventListener('click', () => { localStorage.removeItem('faceverify-demo-user'); show('signin'); say('Type a user name.'); });
$('enrol-file').addEventListener('change', async (e) => { const file = e.target.files?.[0]; e.target.value = ''; if (file) await enrol(file); });
$('enrol-camera').addEventListener('click', takeEnrolmentPhoto);
$('photo-cancel').addEventListener('click', () => { stopPhotoCamera(); });
$('start-check').addEventListener('click', () => startCheck('check'));
$('login-face').addEventListener('click', () => startCheck('login'));
$('face-login').addEventListener('click', async () => {
  if (!lastSession) return;
  const session = lastSession;
  lastSession = null; // a session logs in once
  $('face-login').hidden = true;
  await logIn(session);
});
$('check-back').addEventListener('click', () => leaveCheck('Ready.'));
$('delete-data').addEventListener('click', async () => {
  try {
    await api.deleteMine();
    $('enrol-state').textContent = '';
    fail('');
    say('Every frame, photo and face record stored for you was deleted.');
  } catch (error) {
    fail(describe(error));
  }
});

const remembered = localStorage.getItem('faceverify-demo-user');
if (remembered) { $('user-name').value = remembered; }
say('Type a user name to begin (demo sign-in).');
await offerEnabledChallenges();
document.body.dataset.ready = 'true';
