package dev.sheaf.model;

/**
 * How a {@link Trainer} takes its steps: the optimizer, its learning rate, the L2 penalty (per
 * example, on the touched rows), the mini-batch size in examples, the global step it starts from
 * (Adam's bias correction carries across epochs), and the seed of the MLP's dropout masks (unused
 * by linear models).
 */
public record TrainerSettings(
    OptimizerKind kind, double lr, double l2, int batchSize, long step, long seed) {}
