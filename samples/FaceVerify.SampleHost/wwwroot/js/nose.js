// The "nose" challenge: centre the face in the area box, then move the nose tip into the small target box.
// Frames are uploaded UNMIRRORED (the parameters are in raw camera coordinates; only the display is mirrored).
import { grab, toJpeg } from './camera.js';
import { detectFaces } from './guide.js';

const RED = 'rgba(255, 71, 71, 1)';
const GREEN = 'rgba(29, 160, 100, 1)';
const YELLOW = 'rgba(229, 167, 9, 1)';
const TICK_MS = 100;          // at most ~10 frames a second
const MAX_MS = 25000;         // the server's states time out after 10 s each
const EXTRA_FRAMES = 2;       // frames sent after the nose looked inside the target

const inside = (outer, inner) => inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

function draw(overlay, p, faces, faceInArea, noseInBox) {
  overlay.width = p.imageWidth;
  overlay.height = p.imageHeight;
  const ctx = overlay.getContext('2d');
  ctx.clearRect(0, 0, overlay.width, overlay.height);
  ctx.lineWidth = 4;
  ctx.strokeStyle = faceInArea ? GREEN : RED;
  ctx.strokeRect(p.areaLeft, p.areaTop, p.areaWidth, p.areaHeight);
  if (faceInArea) {
    ctx.strokeStyle = noseInBox ? GREEN : YELLOW;
    ctx.fillStyle = noseInBox ? 'rgba(29,160,100,.35)' : 'rgba(229,167,9,.35)';
    ctx.fillRect(p.noseLeft, p.noseTop, p.noseWidth, p.noseHeight);
    ctx.strokeRect(p.noseLeft, p.noseTop, p.noseWidth, p.noseHeight);
  }
  for (const face of faces || []) {
    ctx.lineWidth = 2;
    ctx.strokeStyle = 'rgba(255,255,255,.7)';
    ctx.strokeRect(face.box.x, face.box.y, face.box.width, face.box.height);
    ctx.fillStyle = YELLOW;
    ctx.beginPath();
    ctx.arc(face.nose.x, face.nose.y, 5, 0, 2 * Math.PI);
    ctx.fill();
  }
}

/**
 * Runs the challenge; resolves when enough frames were sent (the caller then verifies).
 * ui: { video, overlay, work, say(text), progress(0..100), signal }.
 */
export async function runNose(api, session, ui) {
  const p = session.params;
  const area = { x: p.areaLeft, y: p.areaTop, width: p.areaWidth, height: p.areaHeight };
  // A little tolerance for the on-screen target (the server applies its own, larger, tolerance).
  const target = { x: p.noseLeft - 0.25 * p.noseWidth, y: p.noseTop - 0.25 * p.noseHeight, width: 1.5 * p.noseWidth, height: 1.5 * p.noseHeight };
  let uploads = Promise.resolve();
  let closed = false;
  let failure = null;
  let sent = 0;
  let extra = -1;
  let lastPrompt = '';
  const started = performance.now();
  const say = (text) => { if (text !== lastPrompt) { lastPrompt = text; ui.say(text); } };

  while (!ui.signal.aborted && !closed && !failure) {
    const tick = performance.now();
    if (tick - started > MAX_MS) break;
    const canvas = grab(ui.video, ui.work, false);
    const faces = await detectFaces(canvas);
    // Upload exactly the frame that was analysed here (not a later grab from the video).
    const blob = await toJpeg(canvas, 0.7);
    uploads = uploads.then(async () => {
      if (closed || failure) return;
      try {
        await api.putFrame(session, blob);
        sent++;
      } catch (error) {
        if (error.code === 'session_closed' || error.code === 'too_many_frames') closed = true; // decided: stop sending
        else if (error.code !== 'duplicate_frame') failure = error; // an unchanged picture is simply not counted
      }
    });

    let faceInArea = false;
    let noseInBox = false;
    if (faces === null) {
      say('Centre your face in the frame, then slowly move the tip of your nose into the yellow box.');
      faceInArea = true;
    } else if (faces.length === 0) {
      say('No face detected. Look at the camera.');
    } else if (faces.length > 1) {
      say('More than one face detected. Only you should be in the picture.');
    } else {
      const face = faces[0];
      faceInArea = inside(area, face.box);
      const areaShare = (face.box.width * face.box.height) / (area.width * area.height);
      if (!faceInArea) say('Centre your face inside the frame.');
      else if (areaShare < 0.2) say('You are too far away. Come closer.');
      else {
        noseInBox = inside(target, { x: face.nose.x, y: face.nose.y, width: 0, height: 0 });
        say(noseInBox ? 'Hold still…' : 'Slowly move the tip of your nose into the yellow box.');
      }
    }
    draw(ui.overlay, p, faces, faceInArea, noseInBox);
    if (noseInBox && extra < 0) extra = EXTRA_FRAMES;
    else if (extra > 0) extra--;
    ui.progress(Math.min(95, ((performance.now() - started) / MAX_MS) * 100));
    if (extra === 0) break;
    const wait = TICK_MS - (performance.now() - tick);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await uploads;
  if (failure) throw failure;
  return sent;
}
