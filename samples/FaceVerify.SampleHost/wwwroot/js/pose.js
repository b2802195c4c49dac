// The "pose" challenge: show each requested pose in turn (eyes open/closed/looking left/right, mouth closed/smiling).
// Like the reference client, pose frames are uploaded MIRRORED, so "left" means the user's own left.
import { grab, toJpeg } from './camera.js';

const EYES = {
  OPEN: 'Keep your eyes open and look at the camera',
  CLOSED: 'Close your eyes',
  LOOKING_LEFT: 'Look to your left with your eyes, keeping your head still',
  LOOKING_RIGHT: 'Look to your right with your eyes, keeping your head still',
};
const MOUTH = { CLOSED: 'keep your mouth closed', SMILE: 'smile with your mouth open' };
const POSE_MS = 4000;
const TICK_MS = 250;

export const describePose = (pose) => `${EYES[pose.eyes] || pose.eyes}, and ${MOUTH[pose.mouth] || pose.mouth}.`;

export async function runPose(api, session, ui) {
  const poses = session.params.poses || [];
  let sent = 0;
  let closed = false;
  for (let i = 0; i < poses.length && !closed && !ui.signal.aborted; i++) {
    ui.say(`Pose ${i + 1} of ${poses.length}: ${describePose(poses[i])}`);
    const ctx = ui.overlay.getContext('2d');
    ui.overlay.width = ui.video.videoWidth;
    ui.overlay.height = ui.video.videoHeight;
    ctx.clearRect(0, 0, ui.overlay.width, ui.overlay.height);
    const end = performance.now() + POSE_MS;
    await new Promise((r) => setTimeout(r, 800)); // time to read and start the pose
    while (performance.now() < end && !closed && !ui.signal.aborted) {
      const blob = await toJpeg(grab(ui.video, ui.work, true), 0.7);
      try {
        await api.putFrame(session, blob);
        sent++;
      } catch (error) {
        if (error.code === 'session_closed' || error.code === 'too_many_frames') closed = true;
        else if (error.code !== 'duplicate_frame') throw error;
      }
      ui.progress(((i + 1 - (end - performance.now()) / POSE_MS) / poses.length) * 95);
      await new Promise((r) => setTimeout(r, TICK_MS));
    }
  }
  return sent;
}
