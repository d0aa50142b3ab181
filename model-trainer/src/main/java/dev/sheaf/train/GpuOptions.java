package dev.sheaf.train;

import dev.sheaf.common.OptionValues;
import dev.sheaf.common.UsageException;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
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
  static final String REQUIRE_GPU = "sheaf.train.gpu.required";

  static void addTo(Options options) {
    options.addOption(
        Option.builder()
            .longOpt("gpus")
            .hasArg()
            .argName("N")
            .desc(
                "GPUs per map task, asked of YARN (needs the -Pcuda job jar and YARN's GPU resource type)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("node-label")
            .hasArg()
            .argName("LABEL")
            .desc("run the map tasks on nodes with this YARN node label (as gpu)")
            .build());
    options.addOption(
        Option.builder()
            .longOpt("allow-cpu-fallback")
            .desc(
                "with --gpus: train on the CPU backend where a task gets no CUDA backend, instead of failing")
            .build());
  }

  static GpuOptions parse(CommandLine line) {
    int gpus = line.hasOption("gpus") ? OptionValues.positiveInt(line, "gpus", 1) : 0;
    String label = line.getOptionValue("node-label");
    if (label != null && (label.isBlank() || !label.matches("[A-Za-z0-9_.\\-&|! ()]+"))) {
      throw new UsageException(
          "--node-label must be a YARN node label expression (got '" + label + "')");
    }
    if (gpus == 0 && line.hasOption("allow-cpu-fallback")) {
      throw new UsageException("--allow-cpu-fallback goes with --gpus");
    }
    return new GpuOptions(
        gpus, label == null ? null : label.trim(), line.hasOption("allow-cpu-fallback"));
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
