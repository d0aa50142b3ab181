import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The language detector clean uses (optimaize language-detector 0.6, configured as clean's
 * LanguageFilter) beside Lingua (pemistahl, maintained), on labelled texts: accuracy by length
 * and documents per second. Usage: java -cp CLASSPATH LanguageIdBench.java messages.jsonl [low]
 */
public class LanguageIdBench {
  record Sample(String lang, String text) {}

  public static void main(String[] args) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Map<String, List<String>> byLang = new TreeMap<>();
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      JsonNode row = json.readTree(line);
      byLang.computeIfAbsent(row.get("lang").asText(), k -> new ArrayList<>()).add(row.get("text").asText());
    }
    Map<String, List<Sample>> buckets = new TreeMap<>();
    for (Map.Entry<String, List<String>> entry : byLang.entrySet()) {
      List<String> texts = entry.getValue();
      for (String text : texts) {
        buckets.computeIfAbsent(text.length() < 50 ? "1 short (20-49 chars)" : "2 medium (50+ chars)",
            k -> new ArrayList<>()).add(new Sample(entry.getKey(), text));
      }
      for (int i = 0; i + 4 <= texts.size(); i += 4) {
        buckets.computeIfAbsent("3 long (4 messages)", k -> new ArrayList<>())
            .add(new Sample(entry.getKey(), String.join(" ", texts.subList(i, i + 4))));
      }
    }
    long start = System.nanoTime();
    com.optimaize.langdetect.LanguageDetector optimaize = com.optimaize.langdetect.LanguageDetectorBuilder
        .create(NgramExtractors.standard()).seed(42).withProfiles(new LanguageProfileReader().readAllBuiltIn()).build();
    TextObjectFactory textObjects = CommonTextObjectFactories.forDetectingOnLargeText();
    System.out.printf(Locale.ROOT, "optimaize loaded in %.1f s%n", (System.nanoTime() - start) / 1e9);
    start = System.nanoTime();
    LanguageDetectorBuilder builder = LanguageDetectorBuilder.fromAllLanguages().withPreloadedLanguageModels();
    // low accuracy mode: trigrams only, the mode Lingua offers for speed and memory
    LanguageDetector lingua = (args.length > 1 && args[1].equals("low") ? builder.withLowAccuracyMode() : builder).build();
    System.out.printf(Locale.ROOT, "lingua loaded in %.1f s%n", (System.nanoTime() - start) / 1e9);
    System.out.printf("%-24s %6s %18s %18s %14s %14s%n", "texts", "n", "optimaize acc", "lingua acc",
        "optimaize/s", "lingua/s");
    for (Map.Entry<String, List<Sample>> bucket : buckets.entrySet()) {
      List<Sample> samples = bucket.getValue();
      for (int warm = 0; warm < 2; warm++) {
        int[] right = new int[2];
        long[] nanos = new long[2];
        for (Sample sample : samples) {
          long t0 = System.nanoTime();
          List<DetectedLanguage> found = optimaize.getProbabilities(textObjects.forText(sample.text()));
          String o = found.isEmpty() ? "und" : found.get(0).getLocale().toString();
          long t1 = System.nanoTime();
          Language l = lingua.detectLanguageOf(sample.text());
          long t2 = System.nanoTime();
          nanos[0] += t1 - t0;
          nanos[1] += t2 - t1;
          right[0] += o.equals(sample.lang()) ? 1 : 0;
          right[1] += code(l).equals(sample.lang()) ? 1 : 0;
        }
        if (warm == 1) {
          System.out.printf(Locale.ROOT, "%-24s %6d %17.1f%% %17.1f%% %14.0f %14.0f%n", bucket.getKey().substring(2),
              samples.size(), 100.0 * right[0] / samples.size(), 100.0 * right[1] / samples.size(),
              samples.size() / (nanos[0] / 1e9), samples.size() / (nanos[1] / 1e9));
        }
      }
    }
    System.out.printf(Locale.ROOT, "heap used %d MiB%n",
        (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
  }

  /** Lingua's ISO 639-1 code in optimaize's spelling (zh-CN for Chinese). */
  private static String code(Language language) {
    if (language == Language.UNKNOWN) {
      return "und";
    }
    String code = language.getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
    return code.equals("zh") ? "zh-CN" : code;
  }
}
