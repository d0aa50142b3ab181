package dev.sheaf.train;

/**
 * What an epoch job counts; the driver checks {@code EXAMPLES_IN = TRAINED + UNLABELED +
 * BAD_LABEL}.
 */
public enum TrainCounters {
  /** Examples the map tasks read. */
  EXAMPLES_IN,
  /** Examples trained on. */
  TRAINED,
  /** Skipped: no label (-1). */
  UNLABELED,
  /** Skipped: a label index the model does not have. */
  BAD_LABEL,
  /** The examples' summed weighted loss (before each step), in millionths. */
  LOSS_MICROS,
  /** Map tasks whose summed loss came out NaN or infinite (a counter cannot hold a NaN). */
  NONFINITE_LOSSES,
  /**
   * Sum over slices of the example count each reducer averaged by: slices × TRAINED when no task's
   * output went missing.
   */
  SLICE_EXAMPLES,
  /**
   * Average mode: the most mini-batch steps one map task took (counted once, by slice 0's reducer).
   */
  LOCAL_STEPS,
  /**
   * Model rows the map tasks read from the previous checkpoint (all rows, or those their splits
   * touch).
   */
  MODEL_ROWS_READ,
  /** Parameters or optimizer state values that came out NaN or infinite. */
  NONFINITE_VALUES,
  /**
   * Map tasks that ran ND4J's CUDA backend (counted where a task loads ND4J: the MLP, or --gpus).
   */
  CUDA_MAP_TASKS,
  /** Map tasks that ran ND4J's CPU backend. */
  CPU_MAP_TASKS
}
