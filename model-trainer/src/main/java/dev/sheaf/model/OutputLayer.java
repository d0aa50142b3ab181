package dev.sheaf.model;

/**
 * The output layer every model shares: a sigmoid on one score, or a softmax on one score per label.
 */
final class OutputLayer {
  private OutputLayer() {}

  static double loss(int outputs, double[] z, int label, double[] delta) {
    if (outputs == 1) {
      double s = z[0];
      double y = label;
      // log(1 + e^s) - y·s, without overflow for large |s|
      double loss = Math.max(s, 0) + Math.log1p(Math.exp(-Math.abs(s))) - y * s;
      if (delta != null) {
        delta[0] = sigmoid(s) - y;
      }
      return loss;
    }
    double logSum = logSumExp(outputs, z);
    if (delta != null) {
      for (int c = 0; c < outputs; c++) {
        delta[c] = Math.exp(z[c] - logSum) - (c == label ? 1 : 0);
      }
    }
    return logSum - z[label];
  }

  static void probabilities(int outputs, double[] z, double[] p) {
    if (outputs == 1) {
      p[1] = sigmoid(z[0]);
      p[0] = 1 - p[1];
      return;
    }
    double logSum = logSumExp(outputs, z);
    for (int c = 0; c < outputs; c++) {
      p[c] = Math.exp(z[c] - logSum);
    }
  }

  static int predict(int outputs, double[] z) {
    if (outputs == 1) {
      return z[0] > 0 ? 1 : 0;
    }
    int best = 0;
    for (int c = 1; c < outputs; c++) {
      if (z[c] > z[best]) {
        best = c;
      }
    }
    return best;
  }

  private static double logSumExp(int outputs, double[] z) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < outputs; c++) {
      max = Math.max(max, z[c]);
    }
    double sum = 0;
    for (int c = 0; c < outputs; c++) {
      sum += Math.exp(z[c] - max);
    }
    return max + Math.log(sum);
  }

  static double sigmoid(double s) {
    return s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s));
  }
}
