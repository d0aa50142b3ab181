package dev.sheaf.model;

import java.util.Locale;

/** The model families {@code --arch} names. */
public enum Arch {
  /** Binary logistic regression: one output, the probability of label 1. */
  LOGREG,
  /** Softmax (multinomial logistic) regression: one output per label. */
  SOFTMAX,
  /**
   * A multilayer perceptron whose first layer takes the sparse features directly; a sigmoid output
   * for two labels, a softmax for more.
   */
  MLP;

  public String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Arch parse(String name) {
    for (Arch arch : values()) {
      if (arch.optionName().equals(name)) {
        return arch;
      }
    }
    return null;
  }

  /** The default for a label set: logistic regression for two labels, softmax for more. */
  public static Arch forLabels(int labels) {
    return labels == 2 ? LOGREG : SOFTMAX;
  }

  /**
   * Outputs per example: 1 for logistic regression (and a two-label MLP), one per label otherwise.
   */
  public int outputs(int labels) {
    return this == LOGREG || (this == MLP && labels == 2) ? 1 : labels;
  }
}
