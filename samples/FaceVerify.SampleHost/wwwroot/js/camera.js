// The camera for taking an enrolment photo. (The liveness check's camera, picker and guidance are inside
// <faceverify-liveness>.)

export class CameraError extends Error {}

/** Opens the front camera in `video`. Throws a CameraError with a message a person can act on. */
export async function openCamera(video) {
  if (!navigator.mediaDevices?.getUserMedia) {
    throw new CameraError('This browser cannot use a camera here. Use a current browser, on https or http://localhost.');
  }
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: 'user', width: { ideal: 640, max: 1280 }, height: { ideal: 480, max: 1280 } },
    });
  } catch (error) {
    const messages = {
      NotAllowedError: 'Camera access was denied. Allow the camera for this page in your browser\'s site settings, then press "Try again". You can still enrol by uploading a photo.',
      SecurityError: 'Camera access was denied. Allow the camera for this page in your browser\'s site settings, then press "Try again".',
      NotFoundError: 'No camera was found. Connect a camera and press "Try again".',
      NotReadableError: 'The camera is in use by another application. Close it and press "Try again".',
      OverconstrainedError: 'The camera cannot deliver a usable picture size.',
    };
    throw new CameraError(messages[error?.name] || `The camera could not be opened (${error?.name || error}).`);
  }
  video.srcObject = stream;
  await video.play();
  for (let i = 0; i < 100 && !video.videoWidth; i++) await new Promise((r) => setTimeout(r, 50));
  return {
    width: video.videoWidth,
    height: video.videoHeight,
    stop() {
      stream.getTracks().forEach((t) => t.stop());
      video.srcObject = null;
    },
  };
}

/** Copies the current video frame into `canvas` at the video's real size (unmirrored: the photo as the camera sees it). */
export function grab(video, canvas) {
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext('2d').drawImage(video, 0, 0, canvas.width, canvas.height);
  return canvas;
}

/** JPEG bytes of `canvas`. The quality is a NUMBER (a string such as "0.7" is silently ignored by browsers). */
export function toJpeg(canvas, quality = 0.7) {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('Could not encode the frame.'))), 'image/jpeg', quality));
}
