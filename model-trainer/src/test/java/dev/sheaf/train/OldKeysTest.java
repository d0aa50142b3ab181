package dev.sheaf.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.model.Activation;
import dev.sheaf.model.Arch;
import dev.sheaf.model.ModelSpec;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/**
 * The train keys before one separator style ({@code sheaf.train.batch.size}) are still read, under
 * the new names ({@code sheaf.train.batch-size}).
 */
class OldKeysTest {
  @Test
  void anOldKeySetWithDashDIsReadUnderItsNewName() {
    Configuration conf = new Configuration(false);
    conf.set("sheaf.train.shuffle.buffer", "128");
    conf.set("sheaf.train.batch.size", "64");
    conf.set("sheaf.train.lbfgs.history", "7");
    conf.set("sheaf.train.lbfgs.tolerance", "0.01");
    conf.set("sheaf.train.blas.inherit-env", "false");
    conf.set("sheaf.train.gpu.required", "true");
    conf.set(ModelSpec.ARCH, Arch.MLP.name());
    conf.set("sheaf.train.mlp.hidden", "16,8");
    conf.set("sheaf.train.mlp.activation", Activation.TANH.name());
    conf.set("sheaf.train.mlp.dropout", "0.25");
    // each read through the class that defines the key, as the jobs and tasks read it
    assertEquals(128, EpochSettings.shuffleBuffer(conf));
    assertEquals(64, conf.getInt(EpochSettings.BATCH_SIZE, 0));
    assertEquals("sheaf.train.batch-size", EpochSettings.BATCH_SIZE);
    assertEquals(7, LbfgsEpochs.history(conf));
    assertEquals(0.01, LbfgsEpochs.tolerance(conf));
    assertFalse(BlasEnvironment.inherits(conf));
    assertTrue(GpuOptions.gpuRequired(conf));
    ModelSpec spec = ModelSpec.from(conf);
    assertEquals(List.of(16, 8), spec.hidden());
    assertEquals(Activation.TANH, spec.activation());
    assertEquals(0.25, spec.dropout());
  }

  @Test
  void everyTrainKeyHasOneSeparatorStyle() {
    for (String key :
        List.of(
            EpochSettings.SYNC,
            EpochSettings.OPTIMIZER,
            EpochSettings.LR,
            EpochSettings.L2,
            EpochSettings.BATCH_SIZE,
            EpochSettings.SEED,
            EpochSettings.EPOCH,
            EpochSettings.STEP,
            EpochSettings.SLICES,
            EpochSettings.SHUFFLE_BUFFER,
            EpochSettings.PREVIOUS_MODEL,
            ModelSpec.ARCH,
            ModelSpec.DIM,
            ModelSpec.LABELS,
            ModelSpec.HIDDEN,
            ModelSpec.ACTIVATION,
            ModelSpec.DROPOUT,
            GpuOptions.REQUIRE_GPU,
            LbfgsEpochs.HISTORY,
            LbfgsEpochs.TOLERANCE,
            LbfgsReducer.BASE,
            LbfgsReducer.BASIS,
            StepMapper.COEFFICIENTS,
            BlasEnvironment.INHERIT,
            EpochMapper.AVERAGE_WEIGHTS,
            EpochMapper.READ_TOUCHED_ROWS,
            TrainJob.COMBINER)) {
      assertTrue(key.matches("sheaf\\.train\\.[a-z0-9-]+"), key);
    }
  }
}
