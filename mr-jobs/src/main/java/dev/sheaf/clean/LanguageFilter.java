package dev.sheaf.clean;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.i18n.LdLocale;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.BuiltInLanguages;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Step 5 of clean: the language of a document by the optimaize language-detector (71 languages,
 * character n-gram profiles, URLs and e-mail addresses ignored), on its first
 * {@value #DETECTED_CHARS} characters. A document is kept when the most probable language is one
 * of the wanted ones with at least the minimum probability. The detector runs with a fixed seed,
 * so the same text gets the same answer.
 */
final class LanguageFilter {
  static final int DETECTED_CHARS = 1000;
  /** The language a document gets when the detector finds no n-gram it knows. */
  static final String UNKNOWN = "und";
  private static final long SEED = 42;

  private final Set<String> wanted;
  private final double minProbability;
  private final TextObjectFactory textObjects = CommonTextObjectFactories.forDetectingOnLargeText();
  private String language;
  private double probability;

  LanguageFilter(Set<String> wanted, double minProbability) {
    this.wanted = Set.copyOf(wanted);
    this.minProbability = minProbability;
  }

  /** The codes the detector knows (en, de, zh-CN, ...), sorted. */
  static Set<String> knownLanguages() {
    Set<String> codes = new TreeSet<>();
    for (LdLocale locale : BuiltInLanguages.getLanguages()) {
      codes.add(locale.toString());
    }
    return codes;
  }

  /** Detects the language of {@code text}; true when it is wanted. */
  boolean accept(CharSequence text) {
    CharSequence head = text.length() > DETECTED_CHARS ? text.subSequence(0, DETECTED_CHARS) : text;
    List<DetectedLanguage> detected = Detector.INSTANCE.getProbabilities(textObjects.forText(head));
    if (detected.isEmpty()) {
      language = UNKNOWN;
      probability = 0;
    } else {
      language = detected.get(0).getLocale().toString();
      probability = detected.get(0).getProbability();
    }
    return wanted.contains(language) && probability >= minProbability;
  }

  /** The last text's most probable language, or {@value #UNKNOWN}. */
  String language() {
    return language;
  }

  /** Its probability. */
  double probability() {
    return probability;
  }

  /** The profiles load once per JVM (about a second, tens of MB), on first use. */
  private static final class Detector {
    static final LanguageDetector INSTANCE = load();

    private static LanguageDetector load() {
      try {
        return LanguageDetectorBuilder.create(NgramExtractors.standard()).seed(SEED)
            .withProfiles(new LanguageProfileReader().readAllBuiltIn()).build();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the language profiles", e);
      }
    }
  }
}
