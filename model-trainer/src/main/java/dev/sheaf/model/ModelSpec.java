package dev.sheaf.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;

/**
 * What a model is, as the job configuration and {@code model.json} carry it: the architecture, the
 * feature and label counts, and for the MLP its hidden layer widths, activation and dropout.
 */
public record ModelSpec(
    Arch arch, int dim, int labels, List<Integer> hidden, Activation activation, double dropout) {
  public static final String ARCH = "sheaf.train.arch";
  public static final String DIM = "sheaf.train.dim";
  public static final String LABELS = "sheaf.train.labels";
  public static final String HIDDEN = "sheaf.train.hidden";
  public static final String ACTIVATION = "sheaf.train.activation";
  public static final String DROPOUT = "sheaf.train.dropout";

  // keys before one separator style (sheaf.<stage>.<name>); still read under the new names
  static {
    Configuration.addDeprecation("sheaf.train.mlp.hidden", HIDDEN);
    Configuration.addDeprecation("sheaf.train.mlp.activation", ACTIVATION);
    Configuration.addDeprecation("sheaf.train.mlp.dropout", DROPOUT);
  }

  public ModelSpec {
    hidden = List.copyOf(hidden);
  }

  /** A linear model (logistic or softmax regression). */
  public static ModelSpec linear(Arch arch, int dim, int labels) {
    return new ModelSpec(arch, dim, labels, List.of(), Activation.RELU, 0);
  }

  public SparseModel model() {
    return arch == Arch.MLP ? new MlpModel(this) : new LinearModel(this);
  }

  public void applyTo(Configuration conf) {
    conf.set(ARCH, arch.name());
    conf.setInt(DIM, dim);
    conf.setInt(LABELS, labels);
    conf.set(HIDDEN, hidden.stream().map(String::valueOf).collect(Collectors.joining(",")));
    conf.set(ACTIVATION, activation.name());
    conf.setDouble(DROPOUT, dropout);
  }

  public static ModelSpec from(Configuration conf) {
    List<Integer> hidden = new ArrayList<>();
    for (String width : conf.getTrimmedStrings(HIDDEN)) {
      hidden.add(Integer.parseInt(width));
    }
    return new ModelSpec(
        Arch.valueOf(conf.get(ARCH)),
        conf.getInt(DIM, 0),
        conf.getInt(LABELS, 0),
        hidden,
        Activation.valueOf(conf.get(ACTIVATION, Activation.RELU.name())),
        conf.getDouble(DROPOUT, 0));
  }

  /**
   * Adds {@code arch}, {@code dim} and, for the MLP, {@code hidden}, {@code activation}, {@code
   * dropout}.
   */
  public void writeTo(ObjectNode info) {
    info.put("arch", arch.optionName());
    info.put("dim", dim);
    if (arch == Arch.MLP) {
      hidden.forEach(info.putArray("hidden")::add);
      info.put("activation", activation.optionName());
      info.put("dropout", dropout);
    }
  }

  /**
   * The spec {@link #writeTo} wrote, with the label count; null for an architecture this version
   * lacks.
   */
  public static ModelSpec read(JsonNode info, int labels) {
    Arch arch = Arch.parse(info.path("arch").asText());
    if (arch == null) {
      return null;
    }
    List<Integer> hidden = new ArrayList<>();
    info.path("hidden").forEach(width -> hidden.add(width.asInt()));
    Activation activation = Activation.parse(info.path("activation").asText("relu"));
    return new ModelSpec(
        arch,
        info.path("dim").asInt(),
        labels,
        hidden,
        activation == null ? Activation.RELU : activation,
        info.path("dropout").asDouble(0));
  }
}
