using FaceVerify.Testing;

namespace FaceVerify.SecurityTests.Challenges.Nose;

/// <summary>
/// Flat-photo attacks on the nose challenge beyond <see cref="NoseSequences.RigidPhoto"/>: a printed photo of a frontal
/// face held up and moved so that its nose reaches the target while it is tilted (rotated out of the camera plane about
/// its vertical and horizontal axes) with perspective, so its landmarks move by one homography. The detector is assumed
/// to report a yaw equal to the tilt towards the target (the attacker's best case for the reference's histogram rule).
/// Plus seeded landmark jitter, as a real detector adds.
/// </summary>
internal static class PhotoAttackSequences
{
    /// <summary>A photo slid to the target and tilted progressively up to <paramref name="yawTilt"/> / <paramref name="pitchTilt"/> degrees, seen by a camera with focal length <paramref name="focalPixels"/>.</summary>
    public static FrameSequence TiltedPhoto(NoseChallengeParameters parameters, double yawTilt, double pitchTilt = 0, int frames = NoseSequences.DefaultPathFrames, double focalPixels = 500, double reportedYawFactor = 1)
    {
        // The untilted photo: the rigid sequence's frames (a frontal face slid along the path).
        var rigid = NoseSequences.RigidPhoto(parameters, frames);
        var w = (double)parameters.ImageWidth;
        var h = (double)parameters.ImageHeight;
        var towards = parameters.NoseLeft + (parameters.NoseWidth / 2.0) > w / 2 ? 1 : -1;
        var result = FrameSequence.Create(parameters.ImageWidth, parameters.ImageHeight, rigid.Interval);
        for (var i = 0; i < rigid.Count; i++)
        {
            var face = rigid[i].Faces[0];
            var fraction = rigid.Count == 1 ? 1 : (double)i / (rigid.Count - 1);
            var yaw = towards * yawTilt * fraction * Math.PI / 180;
            var pitch = pitchTilt * fraction * Math.PI / 180;
            face.TryGetLandmark(LandmarkType.Nose, out var nose).Should().BeTrue();
            var nx = nose.X * w;
            var ny = nose.Y * h;

            // Tilt the photo plane about its nose (the pivot stays on the path), then project with perspective.
            (double X, double Y) Project(double x, double y)
            {
                var px = (x * w) - nx;
                var py = (y * h) - ny;
                var x1 = px * Math.Cos(yaw);
                var z1 = px * Math.Sin(yaw);
                var y2 = (py * Math.Cos(pitch)) - (z1 * Math.Sin(pitch));
                var z2 = (py * Math.Sin(pitch)) + (z1 * Math.Cos(pitch));
                var scale = focalPixels / (focalPixels + z2);
                return ((nx + (x1 * scale)) / w, (ny + (y2 * scale)) / h);
            }

            var landmarks = face.Landmarks.Select(l =>
            {
                var (x, y) = Project(l.X, l.Y);
                return new Landmark(l.Type, x, y);
            }).ToArray();
            var b = face.BoundingBox;
            var corners = new[] { Project(b.Left, b.Top), Project(b.Left + b.Width, b.Top), Project(b.Left, b.Top + b.Height), Project(b.Left + b.Width, b.Top + b.Height) };
            var left = corners.Min(c => c.X);
            var top = corners.Min(c => c.Y);
            var box = new BoundingBox(corners.Max(c => c.X) - left, corners.Max(c => c.Y) - top, left, top);
            var tilted = Copy(face, box, landmarks, face.Pose with { Yaw = towards * yawTilt * fraction * reportedYawFactor, Pitch = pitchTilt * fraction });
            result = result.AddAt(rigid[i].At, tilted);
        }

        return result;
    }

    /// <summary>Adds independent Gaussian jitter of <paramref name="sigma"/> (a ratio of the face box's width/height) to every landmark of every face.</summary>
    public static FrameSequence WithJitter(FrameSequence sequence, double sigma, int seed)
    {
        if (sigma <= 0)
        {
            return sequence;
        }

        var random = new Random(seed);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return sequence.Select((frame, _) => frame with
        {
            Faces = frame.Faces.Select(face => Copy(face, face.BoundingBox, face.Landmarks.Select(l => l with
            {
                X = l.X + (Gaussian() * sigma * face.BoundingBox.Width),
                Y = l.Y + (Gaussian() * sigma * face.BoundingBox.Height),
            }).ToArray(), face.Pose)).ToArray(),
        });
    }

    /// <summary>A copy of <paramref name="face"/> with another box, landmarks and pose.</summary>
    public static FaceDetails Copy(FaceDetails face, BoundingBox box, IReadOnlyList<Landmark> landmarks, FacePose pose) => new()
    {
        BoundingBox = box,
        Landmarks = landmarks,
        Pose = pose,
        EyesOpen = face.EyesOpen,
        MouthOpen = face.MouthOpen,
        Smile = face.Smile,
        Confidence = face.Confidence,
        Quality = face.Quality,
    };
}
