package dev.sheaf.report;

import dev.sheaf.common.SheafCommand;
import dev.sheaf.common.StageOption;
import dev.sheaf.common.UsageException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@code sheaf report}: its options, and the run: reads a work directory of {@code sheaf pipeline}
 * or {@code quickstart} ({@link ReportData}), renders one self-contained HTML page on it ({@link
 * ReportPage}) and writes the page. Reads only the stages' own files; a stage that has not run is
 * said to be missing.
 */
public final class ReportCommand extends SheafCommand {
  public ReportCommand() {
    super(
        "report",
        "Write one HTML page with charts on a pipeline's work directory: stage funnel, training, test metrics, duplicates.");
  }

  @Override
  protected String synopsis() {
    return ReportOption.WORK.flag() + " DIR [" + ReportOption.OUTPUT.flag() + " FILE.html]";
  }

  @Override
  protected Options options() {
    return StageOption.toOptions(List.of(ReportOption.values()));
  }

  @Override
  protected int execute(CommandLine line) throws Exception {
    Configuration conf = getConf();
    Path work = new Path(ReportOption.WORK.value(line));
    FileSystem fs = work.getFileSystem(conf);
    if (!fs.isDirectory(work)) {
      throw new UsageException(ReportOption.WORK.flag() + " " + work + " is not a directory");
    }
    Path output =
        new Path(ReportOption.OUTPUT.value(line, new Path(work, "report.html").toString()));
    ReportData data = ReportData.read(conf, work);
    if (data.parts() == 0) {
      throw new UsageException(
          ReportOption.WORK.flag()
              + " "
              + work
              + " holds no stage output to report on (run sheaf pipeline first)");
    }
    String page = ReportPage.render(work.toString(), fs.makeQualified(work).toString(), data);
    try (OutputStream out = output.getFileSystem(conf).create(output, true)) {
      out.write(page.getBytes(StandardCharsets.UTF_8));
    }
    System.out.printf("report: %s (%d of 4 parts)%n", output, data.parts());
    return 0;
  }
}
