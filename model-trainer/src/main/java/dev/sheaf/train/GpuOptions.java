package dev.sheaf.train;

import dev.sheaf.common.OptionValues;
import dev.sheaf.common.UsageException;
import org.apache.commons.cli.CommandLine;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code --gpus N [--node-label L] [--allow-cpu-fallback]}: the map tasks of each epoch ask YARN
 * for N GPUs ({@code mapreduce.map.resource.yarn.io/gpu}, YARN's GPU resource type) and may be
 * pinned to nodes with a label. A task that asked for a GPU checks which ND4J backend it got and
 * fails unless it is CUDA or the fallback is allowed: a job jar built without {@code -Pcuda}, or a
 * node without CUDA, would otherwise train on the CPU without a word.
 */
record GpuOptions(int gpus, String nodeLabel, boolean allowCpuFallback) {
  static final String MAP_GPUS = "mapreduce.map.resource.yarn.io/gpu";
  static final String MAP_NODE_LABEL = "mapreduce.map.node-label-expression";

  /** Whether a map task must run on ND4J's CUDA backend. */
  static final String REQUIRE_GPU = "sheaf.train.gpu-required";

  // keys before one separator style (sheaf.<stage>.<name>); still read under the new names
  static {
    Configuration.addDeprecation("sheaf.train.gpu.required", REQUIRE_GPU);
  }

  /** Whether a map task must run on ND4J's CUDA backend ({@link #REQUIRE_GPU}; default false). */
  static boolean gpuRequired(Configuration conf) {
    return conf.getBoolean(REQUIRE_GPU, false);
  }

  static GpuOptions parse(CommandLine line) {
    int gpus = GpuOption.GPUS.isSet(line) ? OptionValues.positiveInt(line, GpuOption.GPUS, 1) : 0;
    String label = GpuOption.NODE_LABEL.value(line);
    if (label != null && (label.isBlank() || !label.matches("[A-Za-z0-9_.\\-&|! ()]+"))) {
      throw new UsageException(
          GpuOption.NODE_LABEL.flag()
              + " must be a YARN node label expression (got '"
              + label
              + "')");
    }
    if (gpus == 0 && GpuOption.ALLOW_CPU_FALLBACK.isSet(line)) {
      throw new UsageException(
          GpuOption.ALLOW_CPU_FALLBACK.flag() + " goes with " + GpuOption.GPUS.flag());
    }
    return new GpuOptions(
        gpus, label == null ? null : label.trim(), GpuOption.ALLOW_CPU_FALLBACK.isSet(line));
  }

  /** Sets an epoch job's map resources and the backend check. */
  void applyTo(Configuration jobConf) {
    if (gpus > 0) {
      jobConf.setInt(MAP_GPUS, gpus);
      jobConf.setBoolean(REQUIRE_GPU, !allowCpuFallback);
    }
    if (nodeLabel != null) {
      jobConf.set(MAP_NODE_LABEL, nodeLabel);
    }
  }
}
