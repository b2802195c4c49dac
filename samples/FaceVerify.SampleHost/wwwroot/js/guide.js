// Live guidance with face-api.js in the browser (served by the host from the local npm install). Guidance only:
// the server analyses every uploaded frame and decides. If the models cannot load, the check still works unguided.
let faceapi = null;
let options = null;

export async function loadGuide() {
  if (faceapi) return true;
  try {
    const module = await import('/vendor/face-api/dist/face-api.esm.js');
    await module.nets.tinyFaceDetector.loadFromUri('/vendor/face-api/model');
    await module.nets.faceLandmark68Net.loadFromUri('/vendor/face-api/model');
    options = new module.TinyFaceDetectorOptions({ inputSize: 320, scoreThreshold: 0.5 });
    // One detection on a blank picture compiles TensorFlow.js's programs now, not on the first camera frame (the
    // first inference is by far the slowest; the check's pre-checks would otherwise wait for it in front of the camera).
    const blank = document.createElement('canvas');
    blank.width = 64;
    blank.height = 64;
    await module.detectAllFaces(blank, options).withFaceLandmarks();
    faceapi = module;
    return true;
  } catch (error) {
    console.warn('face-api.js guidance is not available', error);
    return false;
  }
}

/** Faces in `canvas` (pixels): [{ box: {x,y,width,height}, nose: {x,y} }], or null without guidance. */
export async function detectFaces(canvas) {
  if (!faceapi) return null;
  const results = await faceapi.detectAllFaces(canvas, options).withFaceLandmarks();
  return results.map((r) => ({
    box: { x: r.detection.box.x, y: r.detection.box.y, width: r.detection.box.width, height: r.detection.box.height },
    nose: { x: r.landmarks.positions[30].x, y: r.landmarks.positions[30].y }, // 68-point model: 30 = nose tip
  }));
}
