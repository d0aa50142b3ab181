package dev.sheaf.report;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * The report's charts, drawn with XChart into PNG bytes (no display needed: AWT runs headless).
 * Each takes plain numbers, so the report and train's per-epoch plot share them.
 */
public final class Charts {
  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private Charts() {}

  /** One epoch's figures, as metrics.jsonl has them (valid ones null without a valid split). */
  public record Epoch(int epoch, double trainLoss, Double validLoss, Double validAccuracy) {}

  /** Train and valid loss per epoch (left axis) and valid accuracy (right axis). */
  public static byte[] training(List<Epoch> epochs) throws IOException {
    XYChart chart =
        new XYChartBuilder()
            .width(720)
            .height(360)
            .title("Loss and accuracy per epoch")
            .xAxisTitle("epoch")
            .yAxisTitle("loss")
            .build();
    style(chart.getStyler());
    chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setYAxisMin(0, 0.0);
    chart.getStyler().setYAxisMin(1, 0.0);
    chart.getStyler().setYAxisMax(1, 1.0);
    chart.getStyler().putYAxisGroupDecimalPatternMap(0, "0.00");
    chart.getStyler().putYAxisGroupDecimalPatternMap(1, "0.00");
    chart.getStyler().setXAxisDecimalPattern("0");
    chart.setYAxisGroupTitle(1, "valid accuracy");
    List<Double> x = new ArrayList<>();
    List<Double> train = new ArrayList<>();
    List<Double> validX = new ArrayList<>();
    List<Double> valid = new ArrayList<>();
    List<Double> accuracy = new ArrayList<>();
    for (Epoch epoch : epochs) {
      x.add((double) epoch.epoch());
      train.add(epoch.trainLoss());
      if (epoch.validLoss() != null) {
        validX.add((double) epoch.epoch());
        valid.add(epoch.validLoss());
        accuracy.add(epoch.validAccuracy());
      }
    }
    chart
        .addSeries("train loss", x, train)
        .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    if (!valid.isEmpty()) {
      chart.addSeries("valid loss", validX, valid);
      XYSeries acc = chart.addSeries("valid accuracy", validX, accuracy);
      acc.setYAxisGroup(1);
    }
    return png(chart);
  }

  /**
   * Records out of each stage, stacked with what each stage dropped by reason (the largest {@code
   * maxReasons} reasons by name, the rest as "other").
   */
  public static byte[] funnel(
      List<String> stages, List<Long> out, Map<String, long[]> dropsByReason) throws IOException {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(900)
            .height(420)
            .title("Records through the stages")
            .xAxisTitle("stage")
            .yAxisTitle("records")
            .build();
    style(chart.getStyler());
    chart.getStyler().setStacked(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.addSeries("kept", stages, out);
    for (Map.Entry<String, long[]> reason : dropsByReason.entrySet()) {
      List<Long> values = new ArrayList<>();
      for (long value : reason.getValue()) {
        values.add(value);
      }
      chart.addSeries(reason.getKey(), stages, values);
    }
    return png(chart);
  }

  /** Counts of (true label, predicted label), a heat map. */
  public static byte[] confusion(List<String> labels, long[][] counts) throws IOException {
    HeatMapChart chart =
        new HeatMapChartBuilder()
            .width(520)
            .height(460)
            .title("Confusion matrix (test)")
            .xAxisTitle("predicted")
            .yAxisTitle("true")
            .build();
    style(chart.getStyler());
    chart.getStyler().setShowValue(true);
    chart
        .getStyler()
        .setRangeColors(
            new Color[] {new Color(0xF7FBFF), new Color(0x6BAED6), new Color(0x08306B)});
    List<Number[]> cells = new ArrayList<>();
    for (int truth = 0; truth < labels.size(); truth++) {
      for (int predicted = 0; predicted < labels.size(); predicted++) {
        cells.add(new Number[] {predicted, truth, counts[truth][predicted]});
      }
    }
    chart.addSeries("examples", labels, labels, cells);
    return png(chart);
  }

  /** How many duplicate clusters (a kept document and its duplicates) have each size. */
  public static byte[] clusterSizes(List<String> sizes, List<Long> clusters) throws IOException {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(720)
            .height(360)
            .title("Duplicate clusters by size")
            .xAxisTitle("documents in the cluster")
            .yAxisTitle("clusters")
            .build();
    style(chart.getStyler());
    chart.getStyler().setLegendVisible(false);
    chart.addSeries("clusters", sizes, clusters);
    return png(chart);
  }

  private static void style(Styler styler) {
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setChartTitleBoxVisible(false);
    styler.setLegendBorderColor(Color.WHITE);
    styler.setAntiAlias(true);
  }

  private static byte[] png(Chart<?, ?> chart) throws IOException {
    return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
  }
}
