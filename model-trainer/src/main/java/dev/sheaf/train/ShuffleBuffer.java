package dev.sheaf.train;

import dev.sheaf.model.SparseExample;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * Varies the order a map task trains in from epoch to epoch with bounded memory: holds up to {@code
 * capacity} examples and, once full, passes on a random one of them for each new one (the shard
 * stage already shuffled the split as a whole). The random stream comes from (seed, epoch, split),
 * so a retried task trains in the same order.
 */
public final class ShuffleBuffer {
  private final SparseExample[] held;
  private final SplittableRandom random;
  private final UnaryOperator<SparseExample> next;
  private int size;

  /**
   * {@code next} takes each example passed on and returns an instance for the buffer to keep in its
   * place ({@link dev.sheaf.model.LocalTrainer#exchange}), so examples move without copies.
   */
  public ShuffleBuffer(int capacity, long seed, UnaryOperator<SparseExample> next) {
    this.held = new SparseExample[Math.max(1, capacity)];
    for (int i = 0; i < held.length; i++) {
      held[i] = new SparseExample();
    }
    this.random = new SplittableRandom(seed);
    this.next = next;
  }

  /** Adds a copy of {@code example}; when full, passes a random held one on first. */
  public void add(SparseExample example) {
    if (size < held.length) {
      held[size++].copyFrom(example);
      return;
    }
    int pick = random.nextInt(held.length);
    held[pick] = next.apply(held[pick]);
    held[pick].copyFrom(example);
  }

  /** Passes on what is held, in random order. */
  public void drain() {
    while (size > 0) {
      int pick = random.nextInt(size);
      SparseExample passed = held[pick];
      held[pick] = held[size - 1];
      held[size - 1] = next.apply(passed);
      size--;
    }
  }
}
