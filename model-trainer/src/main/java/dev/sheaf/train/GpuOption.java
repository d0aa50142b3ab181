package dev.sheaf.train;

import dev.sheaf.common.OptionSpec;
import dev.sheaf.common.StageOption;

/** The GPU options of {@code sheaf train} ({@link GpuOptions}): one constant per option. */
enum GpuOption implements StageOption {
  GPUS(
      OptionSpec.valued(
          "gpus",
          "N",
          "GPUs per map task, asked of YARN (needs the -Pcuda job jar and YARN's GPU resource type)")),
  NODE_LABEL(
      OptionSpec.valued(
          "node-label", "LABEL", "run the map tasks on nodes with this YARN node label (as gpu)")),
  ALLOW_CPU_FALLBACK(
      OptionSpec.flag(
          "allow-cpu-fallback",
          "with --gpus: train on the CPU backend where a task gets no CUDA backend, instead of failing"));

  private final OptionSpec spec;

  GpuOption(OptionSpec spec) {
    this.spec = spec;
  }

  @Override
  public OptionSpec spec() {
    return spec;
  }
}
