package dev.sheaf.model;

import java.util.Locale;

/** The hidden layers' nonlinearity ({@code --activation}) and the initialisation that suits it. */
public enum Activation {
  /** max(0, a); He initialisation (variance 2 / fan-in). */
  RELU(2.0),
  /** tanh(a); LeCun/Xavier initialisation (variance 1 / fan-in). */
  TANH(1.0);

  private final double initGain;

  Activation(double initGain) {
    this.initGain = initGain;
  }

  /** The variance of a weight into a unit with {@code fanIn} inputs of unit variance. */
  public double initVariance(int fanIn) {
    return initGain / fanIn;
  }

  public float apply(float a) {
    return this == RELU ? Math.max(0f, a) : (float) Math.tanh(a);
  }

  /** The derivative at the pre-activation whose output is {@code h}. */
  public float derivative(float h) {
    return this == RELU ? (h > 0 ? 1f : 0f) : 1f - h * h;
  }

  public String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Activation parse(String name) {
    for (Activation activation : values()) {
      if (activation.optionName().equals(name)) {
        return activation;
      }
    }
    return null;
  }
}
