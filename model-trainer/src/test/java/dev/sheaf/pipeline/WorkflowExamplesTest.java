package dev.sheaf.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.cli.Sheaf;
import dev.sheaf.common.SheafCommand;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code examples/oozie} against Oozie's published XSDs (from the oozie-client jar: workflow 1.0,
 * coordinator 0.5), every java action naming a real {@code sheaf} command with real options, every
 * stage of the chain present, every parameter defined; {@code examples/crontab} calling {@code
 * bin/sheaf-cron}.
 */
class WorkflowExamplesTest {
  private static final Path EXAMPLES = Path.of("..", "examples");

  private static void validate(String xsd, Path xml) throws Exception {
    URL schema = WorkflowExamplesTest.class.getResource("/" + xsd);
    assertNotNull(schema, xsd + " in the oozie-client jar");
    // the URL, not a stream: the workflow schema includes oozie-common-1.0.xsd beside it
    SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
        .newSchema(schema)
        .newValidator()
        .validate(new StreamSource(xml.toFile()));
  }

  private static Document parse(Path xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(xml.toFile());
  }

  @Test
  void workflowAndCoordinatorAreValidOozie() throws Exception {
    validate("oozie-workflow-1.0.xsd", EXAMPLES.resolve("oozie/workflow.xml"));
    validate("oozie-coordinator-0.5.xsd", EXAMPLES.resolve("oozie/coordinator.xml"));
  }

  @Test
  void everyActionRunsARealCommandWithRealOptionsAndTheChainIsComplete() throws Exception {
    Document workflow = parse(EXAMPLES.resolve("oozie/workflow.xml"));
    NodeList actions = workflow.getElementsByTagNameNS("uri:oozie:workflow:1.0", "java");
    Set<String> commands = new LinkedHashSet<>();
    for (int i = 0; i < actions.getLength(); i++) {
      Element java = (Element) actions.item(i);
      assertEquals(
          "dev.sheaf.cli.Sheaf",
          java.getElementsByTagNameNS("*", "main-class").item(0).getTextContent());
      NodeList argNodes = java.getElementsByTagNameNS("*", "arg");
      List<String> args = new ArrayList<>();
      for (int a = 0; a < argNodes.getLength(); a++) {
        args.add(argNodes.item(a).getTextContent().trim());
      }
      SheafCommand command = Sheaf.command(args.get(0));
      assertNotNull(command, "sheaf " + args.get(0));
      commands.add(args.get(0));
      Options options = command.declaredOptions();
      Set<String> given = new TreeSet<>();
      for (int a = 1; a < args.size(); a++) {
        String arg = args.get(a);
        assertTrue(
            arg.startsWith("--"),
            "sheaf " + args.get(0) + ": '" + arg + "' where an option belongs");
        Option option = options.getOption(arg.substring(2));
        assertNotNull(option, "sheaf " + args.get(0) + " has no option " + arg);
        given.add(option.getLongOpt());
        if (option.hasArg()) {
          a++;
          assertTrue(a < args.size() && !args.get(a).startsWith("--"), arg + " needs a value");
        }
      }
      for (Option option : options.getOptions()) {
        if (option.isRequired()) {
          assertTrue(
              given.contains(option.getLongOpt()),
              "sheaf " + args.get(0) + " requires --" + option.getLongOpt());
        }
      }
    }
    assertEquals(
        List.of("dedupe", "clean", "vectorize", "shard", "train", "evaluate"),
        new ArrayList<>(commands));
  }

  @Test
  void everyParameterIsDefined() throws Exception {
    Properties job = new Properties();
    try (InputStream in = Files.newInputStream(EXAMPLES.resolve("oozie/job.properties"))) {
      job.load(in);
    }
    Set<String> defined = new TreeSet<>(job.stringPropertyNames());
    // the coordinator hands the workflow these two
    defined.addAll(List.of("input", "work"));
    Pattern parameter = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9]*)\\}");
    for (String file : new String[] {"oozie/workflow.xml", "oozie/coordinator.xml"}) {
      Matcher matcher = parameter.matcher(Files.readString(EXAMPLES.resolve(file)));
      while (matcher.find()) {
        String name = matcher.group(1);
        if (!Set.of("YEAR", "MONTH", "DAY").contains(name)) {
          assertTrue(
              defined.contains(name),
              file + " uses ${" + name + "}, which job.properties does not set");
        }
      }
    }
    // EL uses of the work directory: concat(work, ...)
    assertTrue(
        Files.readString(EXAMPLES.resolve("oozie/workflow.xml"))
            .contains("concat(work, '/dedupe/_SUCCESS')"));
  }

  @Test
  void theCrontabRunsSheafCron() throws Exception {
    List<String> entries =
        Files.readAllLines(EXAMPLES.resolve("crontab")).stream()
            .filter(line -> !line.isBlank() && !line.startsWith("#") && !line.contains("="))
            .toList();
    assertEquals(1, entries.size(), entries.toString());
    String[] fields = entries.get(0).trim().split("\\s+", 6);
    assertEquals(6, fields.length, "minute hour day month weekday command");
    assertTrue(fields[5].contains("bin/sheaf-cron "), fields[5]);
    assertTrue(fields[5].contains("--conf "), fields[5]);
  }
}
