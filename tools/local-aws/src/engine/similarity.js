'use strict';

// Similarity (0-100) from the euclidean distance between two 128-d face-api descriptors.
//
// Calibration: a logistic curve S(d) = 100 / (1 + exp(K (d - D50))) through two anchor points that give the
// two usual thresholds the same meaning on both sides:
//   d = 0.6 -> 80  face-api/dlib's usual "same person" distance  <->  Rekognition's default threshold (80)
//   d = 0.5 -> 90  the stricter distance commonly used to cut false matches  <->  FaceVerify's login threshold (90)
// Hence K = ln(9/4) / 0.1 = 8.109 and D50 = 0.5 + ln(9) / K = 0.771 (the distance that scores 50).
// S is strictly decreasing; S(0) = 99.81, S(0.3) = 97.9, S(0.4) = 95.3, S(0.7) = 64.0, S(1.0) = 13.5.
const K = Math.log(9 / 4) / 0.1;
const D50 = 0.5 + Math.log(9) / K;

function euclidean(a, b) {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - b[i];
    s += d * d;
  }
  return Math.sqrt(s);
}

function similarityFromDistance(d) {
  return 100 / (1 + Math.exp(K * (d - D50)));
}

function similarity(a, b) {
  return similarityFromDistance(euclidean(a, b));
}

module.exports = { similarity, similarityFromDistance, euclidean, K, D50 };
