// The component test page (served with a strict Content-Security-Policy): loads <faceverify-liveness> from the API
// prefix, records its events, and sets it up from the query string.
import '/faceverify/client/faceverify.js';

const q = new URLSearchParams(location.search);
const el = document.querySelector('faceverify-liveness');
window.__events = [];
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
for (const type of ['faceverify-started', 'faceverify-progress', 'faceverify-result', 'faceverify-error', 'faceverify-alternative']) {
  document.addEventListener(type, (e) => window.__events.push({ type, detail: e.detail }));
}
for (const name of ['locale', 'challenge-type']) if (q.get(name)) el.setAttribute(name, q.get(name));
if (q.has('alternative')) el.setAttribute('offer-alternative', '');
if (q.has('slot')) {
  const link = document.createElement('a');
  link.slot = 'alternative';
  link.href = '#code';
  link.textContent = 'Verify with a code instead';
  el.append(link);
}
if (q.has('override')) el.messages = { '*': { start: 'Begin verification now' } };

// The app's fetch hook: adds the app's own auth header (the test host signs in whoever sends X-Test-Auth).
el.fetch = (url, init = {}) => {
  if (window.__fetchOverride) return window.__fetchOverride(url, init);
  const headers = new Headers(init.headers || {});
  headers.set('X-Test-Auth', 'tester');
  return fetch(url, { ...init, headers });
};

// Scripted face detectors for the pre-checks (the detector hook); real apps plug in face-api.js or similar.
const box = (c, w, h, dx = 0) => ({ box: { x: c.width * (0.5 - w / 2 + dx), y: c.height * (0.5 - h / 2), width: c.width * w, height: c.height * h }, nose: { x: c.width * (0.5 + dx), y: c.height * 0.5 } });
const detectors = {
  one: (c) => [box(c, 0.4, 0.6)],
  none: () => [],
  two: (c) => [box(c, 0.3, 0.4, -0.2), box(c, 0.3, 0.4, 0.2)],
  far: (c) => [box(c, 0.12, 0.16)],
  offcentre: (c) => [box(c, 0.4, 0.6, -0.3)],
};
if (q.get('detector')) el.detector = detectors[q.get('detector')];
window.__ready = true;
