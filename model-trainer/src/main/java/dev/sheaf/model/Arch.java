package dev.sheaf.model;

import java.util.Locale;

/** The model families {@code --arch} names. The multilayer perceptron comes with its own issue. */
public enum Arch {
  /** Binary logistic regression: one output, the probability of label 1. */
  LOGREG,
  /** Softmax (multinomial logistic) regression: one output per label. */
  SOFTMAX;

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

  /** Outputs per example: 1 for logistic regression, one per label for softmax. */
  public int outputs(int labels) {
    return this == LOGREG ? 1 : labels;
  }
}
