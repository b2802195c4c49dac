#!/usr/bin/env python3
"""Generates the challenge replay fixtures (Rekognition-shaped FaceDetail JSON) once; the JSON files are committed.

Run from this folder: python3 generate_fixtures.py
Each file is a replay file (see docs/challenges.md, `faceverify replay`): challengeType, parameters, frames with
timestampMs and faceDetails. "description" and "referenceVerdict" document what the original Python code answered.
"""
import json
import os

W = H = 480.0

# Face-relative (u, v) layout of the 30 Rekognition landmarks. The jawline fixes the x extent (0.02..0.98), the
# brows and chin the y extent (0.26..1.00), so the 3x3 histogram bins are x: <0.34, <0.66, rest; y: <0.5067, <0.7533, rest.
LAYOUT = [
    ("eyeLeft", 0.30, 0.40), ("eyeRight", 0.70, 0.40), ("nose", 0.50, 0.60),
    ("mouthLeft", 0.35, 0.78), ("mouthRight", 0.65, 0.78),
    ("leftEyeBrowLeft", 0.18, 0.30), ("leftEyeBrowRight", 0.42, 0.30), ("leftEyeBrowUp", 0.30, 0.26),
    ("rightEyeBrowLeft", 0.58, 0.30), ("rightEyeBrowRight", 0.82, 0.30), ("rightEyeBrowUp", 0.70, 0.26),
    ("leftEyeLeft", 0.22, 0.40), ("leftEyeRight", 0.38, 0.40), ("leftEyeUp", 0.30, 0.37), ("leftEyeDown", 0.30, 0.43),
    ("rightEyeLeft", 0.62, 0.40), ("rightEyeRight", 0.78, 0.40), ("rightEyeUp", 0.70, 0.37), ("rightEyeDown", 0.70, 0.43),
    ("noseLeft", 0.44, 0.63), ("noseRight", 0.56, 0.63), ("mouthUp", 0.50, 0.75), ("mouthDown", 0.50, 0.82),
    ("leftPupil", 0.30, 0.40), ("rightPupil", 0.70, 0.40),
    ("upperJawlineLeft", 0.02, 0.40), ("midJawlineLeft", 0.10, 0.75), ("chinBottom", 0.50, 1.00),
    ("midJawlineRight", 0.90, 0.75), ("upperJawlineRight", 0.98, 0.40),
]
NOSE_GROUP = {"nose", "noseLeft", "noseRight"}
MOUTH_GROUP = {"mouthUp", "mouthDown"}
FACE_W, FACE_H = 180.0, 220.0

NOSE_PARAMS = {"imageWidth": 480, "imageHeight": 480, "areaLeft": 105, "areaTop": 60, "areaWidth": 270, "areaHeight": 360,
               "minFaceAreaPercent": 40, "noseLeft": 293, "noseTop": 262, "noseWidth": 20, "noseHeight": 20}


def r(v):
    return round(v, 7)


def trait(value, confidence=98.5):
    return {"Value": value, "Confidence": confidence}


def nose_face(left, top, nose_shift, mouth_shift=0.0, yaw=0.0, confidence=99.99, nose_dy=0.0):
    landmarks = []
    for name, u, v in LAYOUT:
        if name in NOSE_GROUP:
            u += nose_shift
        if name in MOUTH_GROUP:
            u += mouth_shift
        x = (left + u * FACE_W) / W
        y = (top + v * FACE_H) / H
        if name == "nose":
            y += nose_dy
        landmarks.append({"Type": name, "X": r(x), "Y": r(y)})
    return {
        "BoundingBox": {"Width": r(FACE_W / W), "Height": r(FACE_H / H), "Left": r(left / W), "Top": r(top / H)},
        "AgeRange": {"Low": 25, "High": 35},
        "Smile": trait(False), "Eyeglasses": trait(False), "Sunglasses": trait(False), "Gender": {"Value": "Female", "Confidence": 99.1},
        "Beard": trait(False), "Mustache": trait(False), "EyesOpen": trait(True), "MouthOpen": trait(False),
        "Emotions": [{"Type": "CALM", "Confidence": 97.2}],
        "Landmarks": landmarks,
        "Pose": {"Roll": r(-1.2), "Yaw": r(yaw), "Pitch": r(3.4)},
        "Quality": {"Brightness": 81.3, "Sharpness": 92.2},
        "Confidence": confidence,
        "FaceOccluded": trait(False),
        "EyeDirection": {"Yaw": 0.5, "Pitch": -2.1, "Confidence": 99.0},
    }


def good_path_face(t, yaw_end=12.0, mouth=False, nose_dy=0.0, steps=7):
    """Frame t (0..7) of the base path: the nose tip goes linearly from (240, 252) to (286, 272) px, reaching the
    42 px tolerant box (x >= 282) only at t = 7, while the nose landmarks shift 0.25 face widths towards the target."""
    s = 0.25 * t / steps
    return nose_face(150 + t / steps, 120 + 20 * t / steps, s, s if mouth else 0.0, yaw_end * t / steps, nose_dy=nose_dy)


def write(folder, name, description, reference, challenge_type, parameters, frames):
    os.makedirs(folder, exist_ok=True)
    doc = {"description": description, "referenceVerdict": reference, "challengeType": challenge_type,
           "parameters": parameters, "frames": [{"timestampMs": ts, "faceDetails": faces} for ts, faces in frames]}
    # One frame per line keeps the files small and diffable.
    head = {k: v for k, v in doc.items() if k != "frames"}
    lines = ["{"] + [f' {json.dumps(k)}: {json.dumps(v)},' for k, v in head.items()] + [' "frames": [']
    lines += [" " + json.dumps(frame, separators=(",", ":")) + ("," if i < len(doc["frames"]) - 1 else "") for i, frame in enumerate(doc["frames"])]
    lines += [" ]", "}"]
    with open(os.path.join(folder, name + ".json"), "w") as f:
        f.write("\n".join(lines) + "\n")


def nose():
    d = "nose"
    good = [(100 * t, [good_path_face(t)]) for t in range(8)]
    write(d, "yaw-towards-target", "Yaw ramps to 12 degrees towards the target (right); the 3 nose landmarks shift 0.25 face widths: histogram distance 0.141421 > 0.075.",
          "success", "nose", NOSE_PARAMS, good)
    write(d, "yaw-zero", "Same path with yaw 0: minimum distance 0.15 > 0.141421.", "fail", "nose", NOSE_PARAMS,
          [(100 * t, [good_path_face(t, yaw_end=0.0)]) for t in range(8)])
    write(d, "yaw-zero-large-shift", "Yaw 0, the mouth landmarks shift too: distance 0.194365 > 0.15.", "success", "nose", NOSE_PARAMS,
          [(100 * t, [good_path_face(t, yaw_end=0.0, mouth=True)]) for t in range(8)])
    write(d, "yaw-away-from-target", "Yaw ramps to -12 degrees, away from the target on the right.", "fail", "nose", NOSE_PARAMS,
          [(100 * t, [good_path_face(t, yaw_end=-12.0)]) for t in range(8)])
    write(d, "zigzag", "The nose Y jumps +0.07 on frame 3 and -0.07 on frame 5: trajectory error > 0.02.", "fail", "nose", NOSE_PARAMS,
          [(100 * t, [good_path_face(t, nose_dy=0.07 if t == 3 else -0.07 if t == 5 else 0.0)]) for t in range(8)])
    leaving = [(100 * t, [good_path_face(t) if t != 4 else nose_face(80, 120 + 20 * 4 / 7, 0.25 * 4 / 7, 0.0, 12.0 * 4 / 7)]) for t in range(8)]
    write(d, "face-leaves-area", "On frame 4 the face box starts at x = 80 px, left of the 5 %-tolerant area (91.5 px).", "fail", "nose", NOSE_PARAMS, leaving)
    write(d, "timeout-9996ms", "The 8 frames span 9 996 ms: within the nose state's 10 s.", "success", "nose", NOSE_PARAMS,
          [(round(t * 9996 / 7), [good_path_face(t)]) for t in range(8)])
    write(d, "timeout-10003ms", "The 8 frames span 10 003 ms: the last one is past the nose state's 10 s.", "fail", "nose", NOSE_PARAMS,
          [(round(t * 10003 / 7), [good_path_face(t)]) for t in range(8)])
    zero = [(100 * t, [good_path_face(t)]) for t in range(4)] + [(350, [])] + [(100 * t, [good_path_face(t)]) for t in range(4, 8)]
    write(d, "zero-face-frame-in-nose-state", "A frame with no face between frames 3 and 4 of the good path.", "http500", "nose", NOSE_PARAMS, zero)
    vertical = []
    for t in range(8):
        s = 0.25 * t / 7
        vertical.append((100 * t, [nose_face(195 - 45 * t / 7, 60 + 80 * t / 7, s, 0.0, 12.0 * t / 7)]))
    write(d, "vertical-only", "The nose tip moves straight down at x = 285 px (constant X) into the box.", "http500", "nose", NOSE_PARAMS, vertical)
    write(d, "two-faces-first", "Two frames with two faces (face state waits), then the good path.", "success", "nose", NOSE_PARAMS,
          [(0, [nose_face(40, 120, 0.0), nose_face(260, 120, 0.0)]), (100, [nose_face(40, 120, 0.0), nose_face(260, 120, 0.0)])]
          + [(200 + 100 * t, [good_path_face(t)]) for t in range(8)])
    write(d, "face-state-timeout", "The first frame has no face; the first good frame arrives 10 001 ms later.", "fail", "nose", NOSE_PARAMS,
          [(0, [])] + [(10001 + 100 * t, [good_path_face(t)]) for t in range(8)])

    # Fixes
    three = []
    for t, (s, left, y) in enumerate([(0.0, 150, 0.0), (0.125, 150, 5.0), (0.25, 150, 10.0), (0.25, 153, 15.0)]):
        three.append((100 * t, [nose_face(left, 120 + y, s, 0.0, min(12.0, 6.0 * t))]))
    write(d, "three-trajectory-points", "The nose reaches the box on the third nose-state frame and stays there on the fourth.",
          "http500 on the third frame", "nose", NOSE_PARAMS, three)
    write(d, "no-face-13-frames", "One good frame, then 13 frames without a face.", "http500", "nose", NOSE_PARAMS,
          [(0, [good_path_face(0)])] + [(100 * t, []) for t in range(1, 14)])
    write(d, "two-faces-in-nose-state", "One good frame, then a frame with two faces.", "success or fail: extra faces ignored", "nose", NOSE_PARAMS,
          [(0, [good_path_face(0)]), (100, [good_path_face(1), nose_face(300, 150, 0.0)])] + [(100 * t, [good_path_face(t)]) for t in range(2, 8)])
    low = [(0, [nose_face(150, 120, 0.0, confidence=85.0)])] + [(100 + 100 * t, [good_path_face(t)]) for t in range(8)]
    write(d, "low-confidence-first", "The first frame's single face has confidence 85, then the good path.", "success (no confidence check)", "nose", NOSE_PARAMS, low)


EYE_X = {"left": (0.40, 0.46), "right": (0.54, 0.60)}
PUPIL = {"left": -0.02, "centre": 0.0, "right": 0.02}


def pose_face(eyes_open=True, smile=False, mouth_open=False, pupil="centre", confidence=99.9, roll=0.0, yaw=0.0, pitch=0.0, left_shift=0.0):
    landmarks = [{"Type": "nose", "X": 0.5, "Y": 0.5}]
    for side, (lx, rx) in EYE_X.items():
        lx += left_shift
        rx += left_shift
        prefix = "leftEye" if side == "left" else "rightEye"
        landmarks.append({"Type": prefix + "Left", "X": r(lx), "Y": 0.4})
        landmarks.append({"Type": prefix + "Right", "X": r(rx), "Y": 0.4})
        landmarks.append({"Type": side + "Pupil", "X": r((lx + rx) / 2 + PUPIL[pupil]), "Y": 0.4})
    return {
        "BoundingBox": {"Width": 0.4, "Height": 0.5, "Left": 0.3, "Top": 0.2},
        "Smile": trait(smile), "EyesOpen": trait(eyes_open), "MouthOpen": trait(mouth_open),
        "Landmarks": landmarks,
        "Pose": {"Roll": roll, "Yaw": yaw, "Pitch": pitch},
        "Quality": {"Brightness": 75.0, "Sharpness": 90.0},
        "Confidence": confidence,
    }


def pose():
    d = "pose"
    rows = [
        ("open-closed-neutral", "OPEN", "CLOSED", [pose_face()], "success"),
        ("open-closed-smile", "OPEN", "CLOSED", [pose_face(smile=True)], "fail"),
        ("open-smile-smile-only", "OPEN", "SMILE", [pose_face(smile=True)], "fail"),
        ("open-smile-smile-mouth-open", "OPEN", "SMILE", [pose_face(smile=True, mouth_open=True)], "success"),
        ("open-closed-mouth-open", "OPEN", "CLOSED", [pose_face(mouth_open=True)], "fail"),
        ("closed-closed-eyes-closed", "CLOSED", "CLOSED", [pose_face(eyes_open=False)], "success"),
        ("closed-closed-eyes-open", "CLOSED", "CLOSED", [pose_face()], "fail"),
        ("open-closed-eyes-closed", "OPEN", "CLOSED", [pose_face(eyes_open=False)], "fail"),
        ("looking-left-pupil-left", "LOOKING_LEFT", "CLOSED", [pose_face(pupil="left")], "success"),
        ("looking-left-pupil-centre", "LOOKING_LEFT", "CLOSED", [pose_face(pupil="centre")], "success"),
        ("looking-left-pupil-right", "LOOKING_LEFT", "CLOSED", [pose_face(pupil="right")], "fail"),
        ("looking-right-pupil-right", "LOOKING_RIGHT", "CLOSED", [pose_face(pupil="right")], "success"),
        ("looking-right-pupil-left", "LOOKING_RIGHT", "CLOSED", [pose_face(pupil="left")], "fail"),
        ("open-pupil-right", "OPEN", "CLOSED", [pose_face(pupil="right")], "success"),
        ("confidence-89.99", "OPEN", "CLOSED", [pose_face(confidence=89.99)], "fail"),
        ("confidence-90", "OPEN", "CLOSED", [pose_face(confidence=90.0)], "success"),
        ("yaw-20", "OPEN", "CLOSED", [pose_face(yaw=20.0)], "success"),
        ("yaw-minus-20.01", "OPEN", "CLOSED", [pose_face(yaw=-20.01)], "fail"),
        ("pitch-25", "OPEN", "CLOSED", [pose_face(pitch=25.0)], "fail"),
        ("roll-minus-21", "OPEN", "CLOSED", [pose_face(roll=-21.0)], "fail"),
        ("two-faces", "OPEN", "CLOSED", [pose_face(), pose_face(left_shift=0.3)], "fail"),
        ("zero-faces", "OPEN", "CLOSED", [], "fail"),
    ]
    for name, eyes, mouth, faces, reference in rows:
        params = {"imageWidth": 480, "imageHeight": 480, "poses": [{"eyes": eyes, "mouth": mouth}]}
        write(d, name, f"Expected {eyes}/{mouth}.", reference, "pose", params, [(0, faces)])
    params = {"imageWidth": 480, "imageHeight": 480, "poses": [{"eyes": "OPEN", "mouth": "CLOSED"}]}
    write(d, "bad-first-good-second", "Expected OPEN/CLOSED: a smiling frame, then a neutral one.", "fail (only the first frame is judged)", "pose", params,
          [(0, [pose_face(smile=True)]), (500, [pose_face()])])
    write(d, "good-first-bad-second", "Expected OPEN/CLOSED: a neutral frame, then a smiling one.", "success", "pose", params,
          [(0, [pose_face()]), (500, [pose_face(smile=True)])])
    seq = {"imageWidth": 480, "imageHeight": 480, "poses": [{"eyes": "LOOKING_LEFT", "mouth": "SMILE"}, {"eyes": "CLOSED", "mouth": "CLOSED"}]}
    write(d, "sequence-in-order", "LOOKING_LEFT/SMILE then CLOSED/CLOSED, with neutral frames between.", "n/a (one pose only)", "pose", seq,
          [(0, [pose_face()]), (400, [pose_face(pupil="left", smile=True, mouth_open=True)]), (800, [pose_face()]), (1200, [pose_face(eyes_open=False)])])
    write(d, "sequence-wrong-order", "CLOSED/CLOSED shown before LOOKING_LEFT/SMILE, then nothing else.", "n/a (one pose only)", "pose", seq,
          [(0, [pose_face(eyes_open=False)]), (400, [pose_face(pupil="left", smile=True, mouth_open=True)])])
    write(d, "sequence-timeout-9996ms", "The second pose is shown 9 996 ms after the first.", "n/a", "pose", seq,
          [(0, [pose_face(pupil="left", smile=True, mouth_open=True)]), (5000, [pose_face()]), (9996, [pose_face(eyes_open=False)])])
    write(d, "sequence-timeout-10003ms", "The second pose is shown 10 003 ms after the first.", "n/a", "pose", seq,
          [(0, [pose_face(pupil="left", smile=True, mouth_open=True)]), (5000, [pose_face()]), (10003, [pose_face(eyes_open=False)])])


if __name__ == "__main__":
    nose()
    pose()
