// <faceverify-liveness>: the FaceVerify liveness check as a framework-free custom element (ES module, open shadow DOM,
// no build step). Served by MapFaceVerification(prefix) at {prefix}/client/faceverify.js. Guidance only runs here: the
// server analyses every uploaded frame and decides. CSP-friendly: no inline styles or scripts (constructable
// stylesheet, DOM built with createElement). See docs/web-component.md.
import { catalogues } from './faceverify.messages.js';

export { catalogues };

const TAG = 'faceverify-liveness';
const CAMERA_KEY = 'faceverify-camera';
const PRECHECK_TICK_MS = 150;
const PRECHECK_GOOD_TICKS = 2;          // consecutive good ticks before the check starts…
const PRECHECK_GOOD_MS = 500;           // …spanning at least this long
const PRECHECK_GOOD_MS_UNGUIDED = 2000; // without a face detector: time to place the face
const NOSE_TICK_MS = 100;               // at most ~10 frames a second
const NOSE_MAX_MS = 25000;
const POSE_MS = 4000;
const POSE_TICK_MS = 250;
const FRESH_FRAME_WAIT_MS = 40;         // a grab repeats a frame already sent: wait this long for the camera's next one…
const FRESH_FRAME_MAX_MS = 1000;        // …at most this long, then skip the upload (the server refuses repeats anyway)
const RED = 'rgb(220, 38, 38)';
const GREEN = 'rgb(22, 163, 74)';
const YELLOW = 'rgb(234, 179, 8)';

const CSS = `
:host { display: block; font-family: var(--faceverify-font, system-ui, sans-serif); color: var(--faceverify-text, #1a1a1a);
  --_accent: var(--faceverify-accent, #0b57a4); --_bg: var(--faceverify-background, #ffffff); --_error: var(--faceverify-error, #b3261e);
  --_ok: var(--faceverify-success, #146c2e); --_radius: var(--faceverify-radius, 8px); }
[hidden] { display: none !important; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.fv { background: var(--_bg); border-radius: var(--_radius); padding: 1rem; max-width: 40rem; }
h2 { font-size: 1.25rem; margin: 0 0 .5rem; }
h2:focus { outline: none; }
.instruction { font-size: 1.1rem; min-height: 1.5em; margin: .5rem 0; font-weight: 600; }
.error { color: var(--_error); font-weight: 600; margin: .5rem 0; }
.stage { position: relative; width: 100%; aspect-ratio: var(--_aspect, 4 / 3); background: #222; border-radius: var(--_radius); overflow: hidden; }
.stage video, .stage canvas { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: contain; transform: scaleX(-1); }
.checks { list-style: none; padding: 0; margin: .5rem 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.checks li[data-ok="true"] { color: var(--_ok); }
.checks li[data-ok="false"] { color: var(--faceverify-text, #1a1a1a); }
.meter { display: flex; align-items: center; gap: 1rem; margin: .5rem 0; }
progress { flex: 1; height: 1rem; accent-color: var(--_accent); }
.countdown { font-variant-numeric: tabular-nums; min-width: 6em; text-align: right; }
.outcome { font-size: 1.4rem; font-weight: 700; margin: .5rem 0; }
.outcome[data-passed="true"] { color: var(--_ok); }
.outcome[data-passed="false"] { color: var(--_error); }
.picker { margin: .5rem 0; display: flex; gap: .5rem; align-items: center; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: 1rem; }
button, select { font: inherit; padding: .5rem 1rem; border-radius: var(--_radius); border: 2px solid var(--_accent); background: #fff; color: var(--_accent); cursor: pointer; }
select { color: var(--faceverify-text, #1a1a1a); border-color: #595959; }
button.primary { background: var(--_accent); color: #fff; }
button:focus-visible, select:focus-visible, ::slotted(:focus-visible) { outline: 3px solid var(--faceverify-focus, #c2410c); outline-offset: 2px; }
button.link { border-color: transparent; text-decoration: underline; }
@media (prefers-reduced-motion: no-preference) { button { transition: background-color .15s; } }
@media (prefers-reduced-motion: reduce) { *, *::before, *::after { transition: none !important; animation: none !important; } }
`;

let sharedSheet = null;
function styleSheet() {
  if (!sharedSheet) {
    sharedSheet = new CSSStyleSheet();
    sharedSheet.replaceSync(CSS);
  }
  return sharedSheet;
}

const globalOverrides = {};
const customGuides = new Map();

/** An error the component reports with a stable code (faceverify-error's detail.code). */
export class FaceVerifyError extends Error {
  constructor(code, message, status) {
    super(message || code);
    this.code = code;
    this.status = status;
  }
}

const sleep = (ms, signal) => new Promise((resolve, reject) => {
  if (signal?.aborted) { reject(new DOMException('aborted', 'AbortError')); return; }
  const timer = setTimeout(resolve, ms);
  signal?.addEventListener('abort', () => { clearTimeout(timer); reject(new DOMException('aborted', 'AbortError')); }, { once: true });
});

/**
 * A 53-bit hash of a frame's bytes (cyrb53), to recognise a frame this session already sent: a stalled or slow camera
 * hands out the same picture twice, and the server refuses byte-identical frames (duplicate_frame). Not a security
 * check (the server compares SHA-256); a collision would only skip one frame.
 */
function frameHash(bytes) {
  let h1 = 0xdeadbeef ^ bytes.length;
  let h2 = 0x41c6ce57 ^ bytes.length;
  for (let i = 0; i < bytes.length; i++) {
    h1 = Math.imul(h1 ^ bytes[i], 2654435761);
    h2 = Math.imul(h2 ^ bytes[i], 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'text') node.textContent = value;
    else if (key === 'class') node.className = value;
    else if (key === 'hidden') node.hidden = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function cameraErrorCode(error) {
  switch (error?.name) {
    case 'NotAllowedError': case 'SecurityError': case 'PermissionDeniedError': return 'camera_permission_denied';
    case 'NotFoundError': case 'DevicesNotFoundError': case 'OverconstrainedError': return 'camera_not_found';
    case 'NotReadableError': case 'TrackStartError': case 'AbortError': return 'camera_in_use';
    default: return 'camera_in_use';
  }
}

/** Mean luminance of the whole picture, its centre and its border (0–255), from a small copy of the frame. */
export function measureLight(source, work) {
  const w = 64;
  const h = 48;
  work.width = w;
  work.height = h;
  const ctx = work.getContext('2d', { willReadFrequently: true });
  ctx.drawImage(source, 0, 0, w, h);
  const data = ctx.getImageData(0, 0, w, h).data;
  let all = 0; let centre = 0; let border = 0; let nc = 0; let nb = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      const l = 0.2126 * data[i] + 0.7152 * data[i + 1] + 0.0722 * data[i + 2];
      all += l;
      if (x >= w / 4 && x < (3 * w) / 4 && y >= h / 6 && y < (5 * h) / 6) { centre += l; nc++; } else if (x < w / 8 || x >= (7 * w) / 8 || y < h / 8) { border += l; nb++; }
    }
  }
  return { mean: all / (w * h), centre: centre / nc, border: border / nb };
}

/** Light verdicts from measureLight's numbers: too dark overall; backlit when the edges are far brighter than the middle. */
export function judgeLight(light) {
  return { dark: light.mean < 55, backlit: light.border > 170 && light.border - light.centre > 70 };
}

export class FaceVerifyLiveness extends HTMLElement {
  static get observedAttributes() { return ['locale', 'lang', 'offer-alternative']; }

  /** Registers guidance for a custom challenge type: { run(context) } (see docs/web-component.md). */
  static defineChallenge(type, guide) {
    if (!type || typeof guide?.run !== 'function') throw new TypeError('defineChallenge(type, { run(context) })');
    customGuides.set(String(type).toLowerCase(), guide);
  }

  /** Overrides strings of one locale ("*" for every locale) for every element on the page. */
  static defineMessages(locale, messages) {
    globalOverrides[locale] = { ...(globalOverrides[locale] || {}), ...messages };
    for (const node of document.querySelectorAll(TAG)) node.refreshText();
  }

  static get catalogues() { return catalogues; }

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this.shadowRoot.adoptedStyleSheets = [styleSheet()];
    this._messages = {};
    this._fetch = null;
    this.detector = null;
    this.challenges = {};
    this._stream = null;
    this._abort = null;
    this._state = 'idle';
    this._instruction = null;
    this._countdownTimer = null;
    this._sentFrames = new Set();
    this._build();
  }

  connectedCallback() {
    this.refreshText();
    this._show('idle');
  }

  disconnectedCallback() {
    this.cancel();
  }

  attributeChangedCallback() {
    if (this._ui) this.refreshText();
  }

  /** The fetch function used for every API call (default: window.fetch); set it to add the app's auth headers. */
  get fetch() { return this._fetch || ((...args) => window.fetch(...args)); }

  set fetch(value) { this._fetch = typeof value === 'function' ? value : null; }

  /** Per-element string overrides: { "de": { "start": "…" }, "*": { … } }. */
  get messages() { return this._messages; }

  set messages(value) { this._messages = value || {}; this.refreshText(); }

  get apiPrefix() { return (this.getAttribute('api-prefix') || '/faceverify').replace(/\/+$/, ''); }

  /** The locale in use: the locale (or lang) attribute, else the browser's languages, else English. */
  get locale() {
    const wanted = [this.getAttribute('locale'), this.getAttribute('lang'), ...(navigator.languages || [navigator.language])].filter(Boolean);
    for (const tag of wanted) {
      const lower = tag.toLowerCase();
      if (catalogues[lower] || this._messages[lower] || globalOverrides[lower]) return lower;
      const primary = lower.split('-')[0];
      if (catalogues[primary]) return primary;
    }
    return 'en';
  }

  get state() { return this._state; }

  /** The text of a message key in the current locale, with {name} placeholders filled from vars. */
  t(key, vars = {}) {
    const locale = this.locale;
    const primary = locale.split('-')[0];
    const text = this._messages[locale]?.[key] ?? globalOverrides[locale]?.[key] ?? this._messages[primary]?.[key] ?? globalOverrides[primary]?.[key]
      ?? this._messages['*']?.[key] ?? globalOverrides['*']?.[key] ?? catalogues[primary]?.[key] ?? catalogues.en[key] ?? key;
    return text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
  }

  /** Starts (or restarts) the check: camera, pre-checks, a new server session, the challenge, verify. */
  async start() {
    this.cancel();
    const abort = new AbortController();
    this._abort = abort;
    const signal = abort.signal;
    this._lastResult = null;
    try {
      this._error(null);
      this._show('camera');
      this._say('camera.opening');
      await this._openCamera(this._rememberedCamera());
      await this._precheck(signal);
      await this._runSession(signal);
    } catch (error) {
      // Aborted: cancelled, or already reported (camera unplugged, camera switch failed).
      if (signal.aborted) return;
      this._fail(error);
    } finally {
      if (this._abort === abort) this._abort = null;
      this._stopCountdown();
    }
  }

  /** Stops whatever runs and closes the camera, back to the start screen. */
  cancel() {
    this._abort?.abort();
    this._abort = null;
    this._stopCamera();
    this._stopCountdown();
  }

  refreshText() {
    const ui = this._ui;
    if (!ui) return;
    ui.root.setAttribute('lang', this.locale);
    ui.intro.textContent = this.t('intro');
    ui.start.textContent = this.t('start');
    ui.cancel.textContent = this.t('cancel');
    ui.retry.textContent = this.t('retry');
    ui.alternative.textContent = this.t('alternative');
    ui.alternative.hidden = !this.hasAttribute('offer-alternative');
    ui.cameraLabel.textContent = this.t('camera.label');
    ui.progress.setAttribute('aria-label', this.t('progress.label'));
    ui.countdown.setAttribute('aria-label', this.t('countdown.label'));
    ui.checkLight.name.textContent = this.t('precheck.light');
    ui.checkBacklight.name.textContent = this.t('precheck.backlight');
    ui.checkFace.name.textContent = this.t('precheck.face');
    for (const check of [ui.checkLight, ui.checkBacklight, ui.checkFace]) this._setCheck(check, check.ok);
    this._title();
    if (this._instruction) ui.status.textContent = this.t(this._instruction.key, this._instruction.vars);
    if (this._lastError) ui.error.textContent = this.t(`error.${this._lastError}`);
    if (this._lastResult) this._renderResult(this._lastResult);
    [...ui.picker.options].forEach((option, i) => { if (!option.dataset.label) option.textContent = this.t('camera.unnamed', { n: i + 1 }); });
  }

  // ---------------------------------------------------------------- DOM

  _build() {
    const status = el('p', { id: 'status', class: 'instruction', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true', part: 'instruction', 'data-testid': 'prompt' });
    const error = el('p', { id: 'error', class: 'error', role: 'alert', part: 'error', 'data-testid': 'fv-error', hidden: true });
    const heading = el('h2', { id: 'title', tabindex: '-1', part: 'title' });
    const intro = el('p', { part: 'intro', 'data-testid': 'fv-intro' });
    const pickerSelect = el('select', { id: 'camera', part: 'camera-select', 'data-testid': 'fv-camera' });
    const cameraLabel = el('label', { for: 'camera' });
    const pickerRow = el('div', { class: 'picker', hidden: true }, [cameraLabel, pickerSelect]);
    const video = el('video', { part: 'video', playsinline: '', muted: '', 'aria-hidden': 'true' });
    video.muted = true;
    const overlay = el('canvas', { part: 'overlay', 'aria-hidden': 'true' });
    const stage = el('div', { class: 'stage', part: 'stage', hidden: true }, [video, overlay]);
    const check = (id) => {
      const name = el('span');
      const value = el('span');
      const item = el('li', { 'data-testid': `fv-check-${id}`, 'data-ok': 'false' }, [name, ': ', value]);
      return { item, name, value, ok: false };
    };
    const checkLight = check('light');
    const checkBacklight = check('backlight');
    const checkFace = check('face');
    const checks = el('ul', { class: 'checks', part: 'checks', hidden: true }, [checkLight.item, checkBacklight.item, checkFace.item]);
    const progress = el('progress', { max: '100', value: '0', part: 'progress', 'data-testid': 'fv-progress' });
    const countdown = el('span', { class: 'countdown', role: 'timer', part: 'countdown', 'data-testid': 'fv-countdown' });
    const meter = el('div', { class: 'meter', hidden: true }, [progress, countdown]);
    const outcome = el('p', { class: 'outcome', part: 'outcome', 'data-testid': 'fv-outcome' });
    const reason = el('p', { part: 'reason', 'data-testid': 'fv-reason' });
    const result = el('div', { part: 'result', hidden: true }, [outcome, reason]);
    const start = el('button', { type: 'button', class: 'primary', part: 'button start', 'data-testid': 'fv-start' });
    const retry = el('button', { type: 'button', class: 'primary', part: 'button retry', 'data-testid': 'fv-retry', hidden: true });
    const cancel = el('button', { type: 'button', part: 'button cancel', 'data-testid': 'fv-cancel', hidden: true });
    const alternative = el('button', { type: 'button', class: 'link', part: 'button alternative', 'data-testid': 'fv-alternative', hidden: true });
    const slot = el('slot', { name: 'alternative' }, [alternative]);
    const actions = el('div', { class: 'actions', part: 'actions' }, [start, retry, cancel, slot]);
    const root = el('section', { class: 'fv', part: 'container', 'aria-labelledby': 'title' },
      [heading, intro, status, error, pickerRow, stage, checks, meter, result, actions]);
    this.shadowRoot.append(root);
    const work = document.createElement('canvas');
    const small = document.createElement('canvas');
    const detect = document.createElement('canvas');
    this._ui = { detect, root, heading, intro, status, error, picker: pickerSelect, pickerRow, cameraLabel, video, overlay, stage, checks, checkLight, checkBacklight, checkFace, meter, progress, countdown, result, outcome, reason, start, retry, cancel, alternative, work, small };

    start.addEventListener('click', () => this.start());
    retry.addEventListener('click', () => this.start());
    cancel.addEventListener('click', () => { this.cancel(); this._instruction = null; this._ui.status.textContent = ''; this._show('idle'); });
    alternative.addEventListener('click', () => this._emit('faceverify-alternative', {}));
    slot.addEventListener('click', (event) => { if (event.target !== alternative) this._emit('faceverify-alternative', {}); });
    pickerSelect.addEventListener('change', () => this._switchCamera(pickerSelect.value));
  }

  _title() {
    const key = { idle: 'title', camera: 'precheck.title', challenge: 'challenge.title', result: 'result.title', error: this._errorIsCamera ? 'error.cameraTitle' : 'error.title' }[this._state] || 'title';
    this._ui.heading.textContent = this.t(key);
  }

  _show(state) {
    const ui = this._ui;
    const changed = state !== this._state;
    this._state = state;
    this.dataset.state = state;
    ui.intro.hidden = state !== 'idle';
    ui.stage.hidden = !(state === 'camera' || state === 'challenge');
    ui.checks.hidden = state !== 'camera';
    ui.meter.hidden = state !== 'challenge';
    ui.result.hidden = state !== 'result';
    ui.start.hidden = state !== 'idle';
    ui.retry.hidden = !(state === 'result' || state === 'error');
    ui.cancel.hidden = !(state === 'camera' || state === 'challenge');
    ui.pickerRow.hidden = !(state === 'camera' && ui.picker.options.length > 1);
    // On the result and error screens the live region only announces (the screen shows the same text itself).
    ui.status.classList.toggle('sr-only', state === 'result' || state === 'error');
    ui.picker.disabled = state !== 'camera';
    if (state !== 'error') this._error(null);
    this._title();
    // Move focus to the new screen's heading so keyboard and screen-reader users land on it (not during the automatic
    // pre-check → challenge step, where focus stays on Cancel).
    if (changed && state !== 'challenge' && this.isConnected && (state !== 'idle' || this.shadowRoot.activeElement)) ui.heading.focus();
  }

  _say(key, vars = {}) {
    const same = this._instruction && this._instruction.key === key && JSON.stringify(this._instruction.vars) === JSON.stringify(vars);
    if (same) return;
    this._instruction = { key, vars };
    const text = this.t(key, vars);
    this._ui.status.textContent = text;
    this._emit('faceverify-progress', { phase: this._state, instruction: key, text, value: Number(this._ui.progress.value) });
  }

  _sayText(text) {
    this._instruction = { key: text, vars: {} };
    this._ui.status.textContent = text;
    this._emit('faceverify-progress', { phase: this._state, instruction: null, text, value: Number(this._ui.progress.value) });
  }

  _progress(value) {
    this._ui.progress.value = Math.max(0, Math.min(100, value));
  }

  _error(code) {
    this._lastError = code;
    this._ui.error.hidden = !code;
    this._ui.error.textContent = code ? this.t(`error.${code}`) : '';
  }

  _emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  _setCheck(check, ok) {
    check.ok = ok;
    check.item.dataset.ok = String(ok);
    check.value.textContent = this.t(ok ? 'precheck.ok' : 'precheck.notYet');
  }

  _fail(error) {
    this._stopCamera();
    const code = error instanceof FaceVerifyError ? error.code : 'unknown';
    if (!(error instanceof FaceVerifyError)) console.error('faceverify-liveness', error);
    this._errorIsCamera = code.startsWith('camera_');
    this._lastResult = null;
    this._instruction = null;
    this._ui.status.textContent = '';
    this._show('error');
    this._error(code);
    this._emit('faceverify-error', { code, message: this.t(`error.${code}`), status: error?.status });
  }

  // ---------------------------------------------------------------- camera

  _rememberedCamera() {
    try { return localStorage.getItem(CAMERA_KEY); } catch { return null; }
  }

  _rememberCamera(id) {
    try { if (id) localStorage.setItem(CAMERA_KEY, id); } catch { /* storage blocked: not remembered */ }
  }

  async _openCamera(deviceId) {
    if (!navigator.mediaDevices?.getUserMedia) throw new FaceVerifyError('camera_unsupported');
    const size = { width: { ideal: 640, max: 1280 }, height: { ideal: 480, max: 1280 } };
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: false, video: deviceId ? { ...size, deviceId: { exact: deviceId } } : { ...size, facingMode: 'user' } });
    } catch (error) {
      if (deviceId && (error?.name === 'OverconstrainedError' || error?.name === 'NotFoundError')) {
        // The remembered camera is gone: forget it and use the default one.
        try { localStorage.removeItem(CAMERA_KEY); } catch { /* ignore */ }
        return this._openCamera(null);
      }
      throw new FaceVerifyError(cameraErrorCode(error), error?.message);
    }
    this._stopCamera();
    this._stream = stream;
    const [track] = stream.getVideoTracks();
    this._unplugged = false;
    track?.addEventListener('ended', () => {
      if (this._stream !== stream) return;
      this._unplugged = true;
      this._abort?.abort();
      this._fail(new FaceVerifyError('camera_unplugged'));
    });
    const video = this._ui.video;
    video.srcObject = stream;
    await video.play().catch(() => {});
    for (let i = 0; i < 100 && !video.videoWidth; i++) await sleep(50);
    if (!video.videoWidth) throw new FaceVerifyError('camera_in_use');
    this._ui.stage.style.setProperty('--_aspect', `${video.videoWidth} / ${video.videoHeight}`);
    await this._listCameras(track?.getSettings?.().deviceId);
  }

  async _listCameras(currentId) {
    const picker = this._ui.picker;
    let cameras = [];
    try { cameras = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput'); } catch { cameras = []; }
    picker.replaceChildren(...cameras.map((camera, i) => {
      const option = el('option', { value: camera.deviceId, text: camera.label || this.t('camera.unnamed', { n: i + 1 }) });
      if (camera.label) option.dataset.label = 'true';
      option.selected = camera.deviceId === currentId;
      return option;
    }));
    this._ui.pickerRow.hidden = !(this._state === 'camera' && cameras.length > 1);
  }

  async _switchCamera(deviceId) {
    this._rememberCamera(deviceId);
    this._switching = true;
    try {
      await this._openCamera(deviceId);
      this._ui.picker.focus();
    } catch (error) {
      this._abort?.abort();
      this._fail(error);
    } finally {
      this._switching = false;
    }
  }

  _stopCamera() {
    const stream = this._stream;
    this._stream = null;
    stream?.getTracks().forEach((t) => t.stop());
    if (this._ui) this._ui.video.srcObject = null;
  }

  _checkCamera() {
    if (this._unplugged) throw new FaceVerifyError('camera_unplugged');
    const track = this._stream?.getVideoTracks()[0];
    if (!track || track.readyState === 'ended') throw new FaceVerifyError('camera_unplugged');
  }

  /** Copies the current frame at the camera's real size; mirror flips it (the transform is set BEFORE drawing). */
  _grab(mirror = false) {
    const { video, work } = this._ui;
    work.width = video.videoWidth;
    work.height = video.videoHeight;
    const ctx = work.getContext('2d', { willReadFrequently: true });
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    if (mirror) { ctx.translate(work.width, 0); ctx.scale(-1, 1); }
    ctx.drawImage(video, 0, 0, work.width, work.height);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    return work;
  }

  _jpeg(canvas, quality = 0.7) {
    return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('Could not encode the frame.'))), 'image/jpeg', quality));
  }

  /** True (and remembered) when this session has not sent these JPEG bytes yet; false for a repeat the server would refuse. */
  async _isNewFrame(blob) {
    const key = frameHash(new Uint8Array(await blob.arrayBuffer()));
    if (this._sentFrames.has(key)) return false;
    this._sentFrames.add(key);
    return true;
  }

  /**
   * The JPEG of the camera's current frame, unless it repeats a frame this session already sent (a stalled or slow
   * camera, or one that repeats pictures): then grabs again every FRESH_FRAME_WAIT_MS until the camera delivers a new
   * picture, or answers null after FRESH_FRAME_MAX_MS. A repeat is never uploaded (it would cost a round trip and the
   * challenge's time for a 409 duplicate_frame).
   */
  async _freshJpeg(mirror, signal) {
    const started = performance.now();
    for (;;) {
      const blob = await this._jpeg(this._grab(mirror));
      if (await this._isNewFrame(blob)) return blob;
      if (performance.now() - started >= FRESH_FRAME_MAX_MS) return null;
      await sleep(FRESH_FRAME_WAIT_MS, signal);
    }
  }

  async _detect(canvas) {
    if (typeof this.detector !== 'function') return null;
    try { return await this.detector(canvas); } catch (error) { console.warn('faceverify-liveness: the detector failed', error); return null; }
  }

  _clearOverlay() {
    const { overlay, video } = this._ui;
    overlay.width = video.videoWidth || 1;
    overlay.height = video.videoHeight || 1;
    const ctx = overlay.getContext('2d');
    ctx.clearRect(0, 0, overlay.width, overlay.height);
    return ctx;
  }

  // ---------------------------------------------------------------- pre-checks

  async _precheck(signal) {
    this._show('camera');
    const guided = typeof this.detector === 'function';
    const needMs = guided ? PRECHECK_GOOD_MS : PRECHECK_GOOD_MS_UNGUIDED;
    let goodSince = 0;
    this._setCheck(this._ui.checkFace, false);
    this._ui.checkFace.item.hidden = !guided;
    let good = 0;
    while (good < PRECHECK_GOOD_TICKS || performance.now() - goodSince < needMs) {
      if (signal.aborted) throw new DOMException('aborted', 'AbortError');
      this._checkCamera();
      const tick = performance.now();
      if (this._switching) { await sleep(PRECHECK_TICK_MS, signal); continue; }
      const { video, small } = this._ui;
      const light = judgeLight(measureLight(video, small));
      this._setCheck(this._ui.checkLight, !light.dark);
      this._setCheck(this._ui.checkBacklight, !light.backlit);
      const w = video.videoWidth;
      const h = video.videoHeight;
      const oval = { cx: w / 2, cy: h / 2, rx: Math.min(w * 0.75, h * 0.5625) / 2, ry: (h * 0.75) / 2 };
      let prompt = guided ? null : 'prompt.placeFace';
      let faceOk = !guided;
      let faces = null;
      if (guided) {
        faces = await this._detect(this._grab(false));
        if (faces === null) { faceOk = true; prompt = 'prompt.placeFace'; } else if (faces.length === 0) prompt = 'prompt.noFace';
        else if (faces.length > 1) prompt = 'prompt.multipleFaces';
        else {
          const box = faces[0].box;
          // The server's nose challenge wants the face to cover at least 20 % of its area box (the oval's bounding box).
          const share = (box.width * box.height) / (4 * oval.rx * oval.ry);
          const dx = Math.abs(box.x + box.width / 2 - oval.cx) / w;
          const dy = Math.abs(box.y + box.height / 2 - oval.cy) / h;
          if (share < 0.2) prompt = 'prompt.tooFar';
          else if (dx > 0.12 || dy > 0.15) prompt = 'prompt.notCentred';
          else faceOk = true;
        }
        this._setCheck(this._ui.checkFace, faceOk);
      }
      if (light.dark) prompt = 'prompt.tooDark';
      else if (light.backlit) prompt = 'prompt.backlit';
      const ok = !light.dark && !light.backlit && faceOk;
      if (ok && good === 0) goodSince = performance.now();
      good = ok ? good + 1 : 0;
      this._say(ok && guided ? 'prompt.ready' : prompt || 'prompt.ready');
      this._drawOval(oval, ok, faces);
      const wait = PRECHECK_TICK_MS - (performance.now() - tick);
      if (wait > 0) await sleep(wait, signal);
    }
  }

  _drawOval(oval, ok, faces) {
    const ctx = this._clearOverlay();
    ctx.lineWidth = 4;
    ctx.strokeStyle = ok ? GREEN : YELLOW;
    ctx.setLineDash(ok ? [] : [12, 8]);
    ctx.beginPath();
    ctx.ellipse(oval.cx, oval.cy, oval.rx, oval.ry, 0, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.setLineDash([]);
    for (const face of faces || []) {
      ctx.lineWidth = 2;
      ctx.strokeStyle = 'rgba(255,255,255,.8)';
      ctx.strokeRect(face.box.x, face.box.y, face.box.width, face.box.height);
    }
  }

  // ---------------------------------------------------------------- session

  async _api(path, init) {
    let response;
    try {
      response = await this.fetch(this.apiPrefix + path, init);
    } catch (error) {
      if (error?.name === 'AbortError') throw error;
      throw new FaceVerifyError('network_error', error?.message);
    }
    const body = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) {
      const known = ['rate_limited', 'locked_out', 'unauthenticated', 'service_unavailable'];
      const code = body?.code;
      const error = new FaceVerifyError(known.includes(code) ? code : 'unknown', body?.detail || body?.title || `HTTP ${response.status}`, response.status);
      error.apiCode = code;
      throw error;
    }
    return { body, date: response.headers.get('Date') };
  }

  async _putFrame(session, blob) {
    try {
      await this._api(`/challenge/${encodeURIComponent(session.id)}/frame`, {
        method: 'PUT', body: blob, headers: { 'Content-Type': blob.type || 'image/jpeg', Authorization: `Bearer ${session.token}` },
      });
      return 'accepted';
    } catch (error) {
      if (error.apiCode === 'session_closed' || error.apiCode === 'too_many_frames') return 'closed';
      if (error.apiCode === 'duplicate_frame') return 'duplicate';
      throw error;
    }
  }

  async _runSession(signal) {
    const { video } = this._ui;
    this._say('prompt.preparing');
    const type = this.getAttribute('challenge-type');
    const body = { imageWidth: video.videoWidth, imageHeight: video.videoHeight };
    if (type) body.challengeType = type;
    const started = await this._api('/challenge', { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' }, signal });
    const session = started.body;
    this._sentFrames = new Set(); // the frames (their hashes) sent in THIS session: the server refuses repeats per session
    // The countdown runs on the server's clock where the response says what it is (same-origin Date header).
    const serverNow = started.date ? Date.parse(started.date) : NaN;
    const skew = Number.isNaN(serverNow) ? 0 : serverNow - Date.now();
    const expiresAt = Date.parse(session.expiresAt);
    this._progress(0);
    this._show('challenge');
    this._emit('faceverify-started', { sessionId: session.id, type: session.type, params: session.params, expiresAt: session.expiresAt });
    this._startCountdown(expiresAt, skew);
    const deadline = () => expiresAt - (Date.now() + skew);
    const context = this._context(session, signal, deadline);
    const custom = this.challenges?.[session.type] || customGuides.get(session.type);
    if (custom) await custom.run(context);
    else if (session.type === 'nose') await this._runNose(context);
    else if (session.type === 'pose') await this._runPose(context);
    else throw new FaceVerifyError('unknown_challenge');
    if (signal.aborted) throw new DOMException('aborted', 'AbortError');
    this._checkCamera();
    this._stopCountdown();
    this._progress(100);
    this._say('prompt.verifying');
    this._stopCamera();
    const verified = await this._api(`/challenge/${encodeURIComponent(session.id)}/verify`, {
      method: 'POST', body: JSON.stringify({ token: session.token }), headers: { 'Content-Type': 'application/json' },
    });
    const result = verified.body;
    const detail = {
      sessionId: session.id,
      type: session.type,
      passed: result.success === true,
      outcome: result.outcome,
      reason: result.reason,
      detail: result.detail,
      resultToken: result.resultToken ?? null,
      resultTokenExpiresAt: result.resultTokenExpiresAt ?? null,
    };
    this._lastResult = detail;
    this._instruction = null;
    this._show('result');
    this._renderResult(detail);
    this._emit('faceverify-result', detail);
  }

  _renderResult(result) {
    const { outcome, reason, status } = this._ui;
    outcome.dataset.passed = String(result.passed);
    outcome.textContent = this.t(result.passed ? 'result.passed' : result.outcome === 'expired' ? 'result.expired' : 'result.failed');
    const key = `reason.${result.reason}`;
    const text = this.t(key);
    reason.textContent = text === key ? this.t('reason.unknown') : text;
    status.textContent = `${outcome.textContent}. ${reason.textContent}`;
    this._ui.retry.hidden = result.passed;
  }

  _startCountdown(expiresAt, skew) {
    this._stopCountdown();
    const update = () => {
      const seconds = Math.max(0, Math.ceil((expiresAt - (Date.now() + skew)) / 1000));
      this._ui.countdown.textContent = this.t('countdown', { seconds });
    };
    update();
    this._countdownTimer = setInterval(update, 1000);
  }

  _stopCountdown() {
    if (this._countdownTimer) clearInterval(this._countdownTimer);
    this._countdownTimer = null;
    if (this._ui) this._ui.countdown.textContent = '';
  }

  /** What a challenge's guidance gets: the session, drawing surfaces, frame upload and text. */
  _context(session, signal, remainingMs) {
    const self = this;
    return {
      session,
      params: session.params,
      signal,
      video: this._ui.video,
      overlay: this._ui.overlay,
      t: (key, vars) => self.t(key, vars),
      /** Shows and announces a message key (of the catalogues or the app's overrides). */
      say: (key, vars = {}) => self._say(key, vars),
      /** Shows and announces literal text (a custom challenge that localises by itself). */
      sayText: (text) => self._sayText(text),
      progress: (value) => self._progress(value),
      remainingMs,
      clearOverlay: () => self._clearOverlay(),
      grab: (mirror = false) => self._grab(mirror),
      detectFaces: (canvas) => self._detect(canvas),
      checkCamera: () => self._checkCamera(),
      sleep: (ms) => sleep(ms, signal),
      /**
       * Grabs, encodes and uploads one frame; answers 'accepted', 'duplicate' (the camera showed no new picture within
       * a second, nothing was uploaded; or the server already holds the frame) or 'closed' (the server decided).
       */
      sendFrame: async ({ mirror = false } = {}) => {
        const blob = await self._freshJpeg(mirror, signal);
        return blob ? self._putFrame(session, blob) : 'duplicate';
      },
    };
  }

  // ---------------------------------------------------------------- built-in challenges

  async _runNose(ctx) {
    const p = ctx.params;
    const area = { x: p.areaLeft, y: p.areaTop, width: p.areaWidth, height: p.areaHeight };
    const target = { x: p.noseLeft - 0.25 * p.noseWidth, y: p.noseTop - 0.25 * p.noseHeight, width: 1.5 * p.noseWidth, height: 1.5 * p.noseHeight };
    const inside = (outer, inner) => inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
    const guide = (faces) => {
      let faceInArea = true;
      let noseInBox = false;
      if (faces === null) ctx.say('prompt.nose');
      else if (faces.length === 0) { faceInArea = false; ctx.say('prompt.noFace'); } else if (faces.length > 1) { faceInArea = false; ctx.say('prompt.multipleFaces'); } else {
        const face = faces[0];
        faceInArea = inside(area, face.box);
        const share = (face.box.width * face.box.height) / (area.width * area.height);
        if (!faceInArea) ctx.say('prompt.noseCentre');
        else if (share < 0.2) ctx.say('prompt.tooFar');
        else {
          noseInBox = face.nose ? inside(target, { x: face.nose.x, y: face.nose.y, width: 0, height: 0 }) : false;
          ctx.say(noseInBox ? 'prompt.holdStill' : 'prompt.nose');
        }
      }
      this._drawNose(p, faces, faceInArea, noseInBox);
    };
    guide(null); // the instruction first; the detector's answers refine it
    let uploads = Promise.resolve();
    let detecting = null;
    let closed = false;
    let failure = null;
    const started = performance.now();
    // Frames go up at a steady ~10 per second whatever the detector costs: the detector (guidance only) runs on the
    // latest frame whenever it is free. The server decides (the nose reaching the target on ITS analysis, or a state
    // timing out); frames keep coming until it answers session_closed.
    while (!ctx.signal.aborted && !closed && !failure) {
      ctx.checkCamera();
      const tick = performance.now();
      if (tick - started > NOSE_MAX_MS || ctx.remainingMs() <= 0) break;
      const canvas = ctx.grab(false); // nose frames are NOT mirrored: the parameters are in camera coordinates
      if (!detecting && typeof this.detector === 'function') {
        const copy = this._ui.detect;
        copy.width = canvas.width;
        copy.height = canvas.height;
        copy.getContext('2d').drawImage(canvas, 0, 0);
        detecting = ctx.detectFaces(copy).then((faces) => { if (!closed && !ctx.signal.aborted) guide(faces); }).finally(() => { detecting = null; });
      }
      const blob = await this._jpeg(canvas);
      // A picture this session already sent (the camera delivered nothing new since the last tick) is not uploaded:
      // the server would refuse it as duplicate_frame. The next tick grabs again.
      if (await this._isNewFrame(blob)) {
        uploads = uploads.then(async () => {
          if (closed || failure || ctx.signal.aborted) return;
          try {
            if (await this._putFrame(ctx.session, blob) === 'closed') closed = true;
          } catch (error) { failure = error; }
        });
      }
      ctx.progress(Math.min(95, ((performance.now() - started) / NOSE_MAX_MS) * 100));
      const wait = NOSE_TICK_MS - (performance.now() - tick);
      if (wait > 0) await ctx.sleep(wait);
    }
    await uploads;
    await detecting;
    if (failure) throw failure;
  }

  _drawNose(p, faces, faceInArea, noseInBox) {
    const ctx = this._clearOverlay();
    ctx.lineWidth = 4;
    ctx.strokeStyle = faceInArea ? GREEN : RED;
    ctx.strokeRect(p.areaLeft, p.areaTop, p.areaWidth, p.areaHeight);
    ctx.strokeStyle = noseInBox ? GREEN : YELLOW;
    ctx.fillStyle = noseInBox ? 'rgba(22,163,74,.4)' : 'rgba(234,179,8,.4)';
    ctx.fillRect(p.noseLeft, p.noseTop, p.noseWidth, p.noseHeight);
    ctx.strokeRect(p.noseLeft, p.noseTop, p.noseWidth, p.noseHeight);
    for (const face of faces || []) {
      ctx.lineWidth = 2;
      ctx.strokeStyle = 'rgba(255,255,255,.8)';
      ctx.strokeRect(face.box.x, face.box.y, face.box.width, face.box.height);
      if (face.nose) {
        ctx.fillStyle = YELLOW;
        ctx.beginPath();
        ctx.arc(face.nose.x, face.nose.y, 5, 0, 2 * Math.PI);
        ctx.fill();
      }
    }
  }

  describePose(pose) {
    return this.t('pose.join', { eyes: this.t(`pose.eyes.${pose.eyes}`), mouth: this.t(`pose.mouth.${pose.mouth}`) });
  }

  async _runPose(ctx) {
    // Pose frames are uploaded MIRRORED (as the reference client does), so "left" is the user's own left.
    const poses = ctx.params.poses || (ctx.params.pose ? [ctx.params.pose] : []);
    let closed = false;
    for (let i = 0; i < poses.length && !closed && !ctx.signal.aborted; i++) {
      ctx.say('prompt.pose', { n: i + 1, total: poses.length, pose: this.describePose(poses[i]) });
      ctx.clearOverlay();
      const end = performance.now() + POSE_MS;
      await ctx.sleep(800); // time to read and start the pose
      while (performance.now() < end && !closed && !ctx.signal.aborted && ctx.remainingMs() > 0) {
        ctx.checkCamera();
        closed = (await ctx.sendFrame({ mirror: true })) === 'closed';
        ctx.progress(((i + 1 - (end - performance.now()) / POSE_MS) / poses.length) * 95);
        if (!closed) await ctx.sleep(POSE_TICK_MS);
      }
    }
  }
}

if (!customElements.get(TAG)) customElements.define(TAG, FaceVerifyLiveness);
