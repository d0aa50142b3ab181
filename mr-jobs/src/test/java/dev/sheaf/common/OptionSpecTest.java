package dev.sheaf.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.junit.jupiter.api.Test;

/** One enum constant per setting: help, default, argument and parsing come from its spec. */
class OptionSpecTest {
  private enum Sample implements StageOption {
    SIZE(OptionSpec.valued("size", "N", "how many").withDefault(7).withKey("sheaf.sample.size")),
    NAMES(OptionSpec.valued("name", "NAME", "a name (repeat for several)").repeatable()),
    QUIET(OptionSpec.flag("quiet", "say nothing")),
    HIDDEN_KEY(OptionSpec.configOnly("sheaf.sample.hidden", 3, "a key no option sets"));

    private final OptionSpec spec;

    Sample(OptionSpec spec) {
      this.spec = spec;
    }

    @Override
    public OptionSpec spec() {
      return spec;
    }
  }

  @Test
  void helpAppendsTheDefaultOnce() {
    assertEquals("how many (default 7)", Sample.SIZE.spec().help());
    assertEquals("say nothing", Sample.QUIET.spec().help());
    Option size = Sample.SIZE.spec().toOption();
    assertEquals("size", size.getLongOpt());
    assertEquals("N", size.getArgName());
    assertTrue(size.hasArg());
    assertFalse(size.hasArgs());
    assertEquals("how many (default 7)", size.getDescription());
  }

  @Test
  void flagsTakeNoArgumentAndRepeatedOptionsKeepEveryValue() throws Exception {
    CommandOptions options = new CommandOptions(List.of(Sample.values()));
    assertFalse(options.getOption("quiet").hasArg());
    assertTrue(options.getOption("name").hasArgs());
    CommandLine line =
        new DefaultParser()
            .parse(options, new String[] {"--name", "a", "--name", "b", "--quiet", "--size", "9"});
    assertEquals(List.of("a", "b"), List.of(Sample.NAMES.values(line)));
    assertTrue(Sample.QUIET.isSet(line));
    assertEquals("9", Sample.SIZE.value(line));
    assertEquals(9, OptionValues.positiveInt(line, Sample.SIZE, 7));
    assertEquals("--size", Sample.SIZE.flag());
  }

  @Test
  void configOnlyKeysAreNoOptionsButAreListedWithTheirDefaults() {
    CommandOptions options = new CommandOptions(List.of(Sample.values()));
    assertEquals(3, options.getOptions().size());
    assertEquals(List.of(Sample.values()), options.settings());
    assertThrows(IllegalStateException.class, () -> Sample.HIDDEN_KEY.spec().toOption());
    String help = StageOption.configOnlyHelp(options.settings());
    assertTrue(help.contains("-D sheaf.sample.hidden=3\n      a key no option sets\n"), help);
    assertFalse(help.contains("sheaf.sample.size"), help);
    assertEquals("", StageOption.configOnlyHelp(List.of(Sample.SIZE)));
  }

  @Test
  void aSharedOptionTakesAnotherDefaultWithoutChangingTheConstant() {
    StageOption avro = InputOption.FORMAT.withDefault("avro");
    assertEquals("avro", avro.spec().defaultValue());
    assertNull(InputOption.FORMAT.spec().defaultValue());
    assertEquals("format", avro.optionName());
  }

  @Test
  void theRawInputOptionsAreManagedOnlyAfterTheFirstStage() {
    assertFalse(InputOption.ID_FIELD.spec().pipeline().managed(true));
    assertTrue(InputOption.ID_FIELD.spec().pipeline().managed(false));
    assertTrue(InputOption.INPUT.spec().pipeline().managed(true));
    assertFalse(PipelineRole.SETTABLE.managed(false));
  }
}
