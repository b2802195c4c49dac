// The FaceVerify HTTP API, as the sample page uses it. Every error is an RFC 9457 problem with a `code`.
const PREFIX = '/faceverify';

export class ApiError extends Error {
  constructor(status, code, detail) {
    super(detail || code || `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

async function send(path, init, user) {
  const headers = new Headers(init.headers || {});
  // DEMO STAND-IN FOR REAL SIGN-IN: the server believes this header.
  headers.set('X-Demo-User', user);
  const response = await fetch(PREFIX + path, { ...init, headers });
  if (response.status === 204) return null;
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body?.code, body?.detail || body?.title);
  return body;
}

const json = (value) => ({ body: JSON.stringify(value), headers: { 'Content-Type': 'application/json' } });

export function createApi(user) {
  return {
    startChallenge: (width, height) => send('/challenge', { method: 'POST', ...json({ imageWidth: width, imageHeight: height }) }, user),
    // Frames go as raw JPEG bodies with the session token as a bearer token (no base64, no client timestamp).
    putFrame: (session, blob) => send(`/challenge/${encodeURIComponent(session.id)}/frame`, {
      method: 'PUT', body: blob, headers: { 'Content-Type': blob.type || 'image/jpeg', Authorization: `Bearer ${session.token}` },
    }, user),
    verify: (session) => send(`/challenge/${encodeURIComponent(session.id)}/verify`, { method: 'POST', ...json({ token: session.token }) }, user),
    // Enrolment = the photo plus the id of a liveness session that just passed (the server compares the two).
    enrol: (blob, sessionId) => send('/enrolments', {
      method: 'POST', body: blob, headers: { 'Content-Type': blob.type || 'image/jpeg', 'X-FaceVerify-Liveness-Session': sessionId },
    }, user),
    faceLogin: (sessionId) => send('/login/face', { method: 'POST', ...json({ sessionId }) }, user),
    deleteMine: () => send(`/users/${encodeURIComponent(user)}/biometrics`, { method: 'DELETE' }, user),
  };
}
