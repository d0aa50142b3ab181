package dev.sheaf.model;

import java.util.Locale;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The optimizers {@code --optimizer} names, each one of ND4J's updaters: plain SGD, Nesterov
 * momentum (0.9), AdaGrad and Adam (0.9, 0.999, 1e-8). {@link #stateArrays} is how many
 * parameter-sized state arrays the updater keeps (its "view array" holds them one after another).
 */
public enum OptimizerKind {
  SGD(0),
  MOMENTUM(1),
  ADAGRAD(1),
  ADAM(2);

  public static final double MOMENTUM_COEFFICIENT = 0.9;
  public static final double EPSILON = 1e-8;

  private final int stateArrays;

  OptimizerKind(int stateArrays) {
    this.stateArrays = stateArrays;
  }

  public int stateArrays() {
    return stateArrays;
  }

  /** ND4J's updater configuration for this optimizer at learning rate {@code lr}. */
  public IUpdater updater(double lr) {
    return switch (this) {
      case SGD -> new Sgd(lr);
      case MOMENTUM -> new Nesterovs(lr, MOMENTUM_COEFFICIENT);
      case ADAGRAD -> new AdaGrad(lr, EPSILON);
      case ADAM ->
          new Adam(
              lr, Adam.DEFAULT_ADAM_BETA1_MEAN_DECAY, Adam.DEFAULT_ADAM_BETA2_VAR_DECAY, EPSILON);
    };
  }

  public String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static OptimizerKind parse(String name) {
    for (OptimizerKind kind : values()) {
      if (kind.optionName().equals(name)) {
        return kind;
      }
    }
    return null;
  }
}
