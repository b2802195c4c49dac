// The FaceVerify HTTP API calls the sample page makes itself: enrolment, face login, deletion. The liveness check's
// calls (challenge, frames, verify) are made by <faceverify-liveness>. Every error is an RFC 9457 problem with a `code`.
const PREFIX = '/faceverify';

export class ApiError extends Error {
  constructor(status, code, detail) {
    super(detail || code || `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

/** Headers with the demo sign-in; the page also gives this to the component's `fetch` hook. */
export function withDemoUser(init, user) {
  const headers = new Headers(init?.headers || {});
  // DEMO STAND-IN FOR REAL SIGN-IN: the server believes this header.
  headers.set('X-Demo-User', user);
  return { ...init, headers };
}

async function send(path, init, user) {
  const response = await fetch(PREFIX + path, withDemoUser(init, user));
  if (response.status === 204) return null;
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body?.code, body?.detail || body?.title);
  return body;
}

const json = (value) => ({ body: JSON.stringify(value), headers: { 'Content-Type': 'application/json' } });

export function createApi(user) {
  return {
    // Enrolment = the photo plus the id of a liveness session that just passed (the server compares the two).
    enrol: (blob, sessionId) => send('/enrolments', {
      method: 'POST', body: blob, headers: { 'Content-Type': blob.type || 'image/jpeg', 'X-FaceVerify-Liveness-Session': sessionId },
    }, user),
    faceLogin: (sessionId) => send('/login/face', { method: 'POST', ...json({ sessionId }) }, user),
    deleteMine: () => send(`/users/${encodeURIComponent(user)}/biometrics`, { method: 'DELETE' }, user),
  };
}
