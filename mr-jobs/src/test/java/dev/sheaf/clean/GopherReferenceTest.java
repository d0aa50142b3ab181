package dev.sheaf.clean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The gopher preset against a reference: {@code gopher-reference.jsonl} holds texts at, below and
 * above the limit of every Gopher rule, each with the decision of datatrove's
 * GopherRepetitionFilter then GopherQualityFilter as {@code src/test/python/gopher_reference.py}
 * re-implements them from datatrove's definitions (run it to rebuild the file). Clean must reach
 * the same decision by the same rule on every text.
 */
class GopherReferenceTest {
  @Test
  void theGopherPresetDecidesAsDatatroveOnEveryReferenceText() throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<String> mismatches = new ArrayList<>();
    Set<FilterRule> fired = EnumSet.noneOf(FilterRule.class);
    int cases = 0;
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(
                GopherReferenceTest.class.getResourceAsStream("gopher-reference.jsonl"),
                StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; cases++) {
        JsonNode reference = json.readTree(line);
        Set<FilterRule> rules =
            QualityFilterTest.rules(Preset.GOPHER_QUALITY, Preset.GOPHER_REPETITION);
        if (reference.has("rules")) {
          rules = EnumSet.noneOf(FilterRule.class);
          for (JsonNode rule : reference.get("rules")) {
            rules.add(FilterRule.valueOf(rule.asText()));
          }
        }
        QualityFilter filter = QualityFilterTest.filter(rules);
        FilterRule expected =
            reference.get("rule").isNull()
                ? null
                : FilterRule.valueOf(reference.get("rule").asText());
        FilterRule actual = filter.check(reference.get("text").asText());
        if (expected != actual) {
          mismatches.add(
              reference.get("case").asText()
                  + ": datatrove "
                  + expected
                  + ", clean "
                  + actual
                  + " ("
                  + filter.detail()
                  + ")");
        }
        if (expected != null) {
          fired.add(expected);
        }
      }
    }
    assertEquals(List.of(), mismatches);
    assertEquals(56, cases);
    Set<FilterRule> gopher =
        QualityFilterTest.rules(Preset.GOPHER_QUALITY, Preset.GOPHER_REPETITION);
    assertEquals(gopher, fired, "every Gopher rule fires on some reference text");
  }
}
