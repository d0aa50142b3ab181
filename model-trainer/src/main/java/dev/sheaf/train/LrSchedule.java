package dev.sheaf.train;

import java.util.Locale;

/** The learning rate of each epoch ({@code --lr-schedule}); constant within an epoch. */
public enum LrSchedule {
  /** The same rate every epoch. */
  CONSTANT,
  /** A tenth of the rate from half-way through the epochs, a hundredth from three quarters. */
  STEP,
  /** Cosine decay from the rate towards 0 over the epochs. */
  COSINE;

  /** The rate for {@code epoch} (1-based) of {@code epochs}. */
  public double rate(double lr, int epoch, int epochs) {
    double progress = (epoch - 1) / (double) epochs;
    return switch (this) {
      case CONSTANT -> lr;
      case STEP -> progress >= 0.75 ? lr * 0.01 : progress >= 0.5 ? lr * 0.1 : lr;
      case COSINE -> lr * 0.5 * (1 + Math.cos(Math.PI * progress));
    };
  }

  public String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
