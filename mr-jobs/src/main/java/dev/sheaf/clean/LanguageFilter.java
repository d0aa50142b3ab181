package dev.sheaf.clean;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.i18n.LdLocale;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.BuiltInLanguages;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObject;
import com.optimaize.langdetect.text.TextObjectFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Step 5 of clean: the language of a document by the optimaize language-detector (71 languages,
 * character n-gram profiles, URLs and e-mail addresses ignored), on its first {@value
 * #DETECTED_CHARS} characters. A text with fewer than {@value #MIN_LETTERS} letters left after URLs
 * and addresses are removed, or whose most probable language has less than the minimum probability,
 * is undetermined ({@value #UNDETERMINED}): short texts are where n-gram detectors guess (a
 * two-word English phrase comes out French or Tagalog). A document is kept when its language is one
 * of the wanted ones, or when it is undetermined and undetermined ones are kept. The detector runs
 * with a fixed seed, so the same text gets the same answer.
 */
final class LanguageFilter {
  static final int DETECTED_CHARS = 1000;

  /** Below this many letters a text is undetermined. */
  static final int MIN_LETTERS = 50;

  /** The language of a text too short or too unclear to tell (ISO 639-2's code for it). */
  static final String UNDETERMINED = "und";

  private static final long SEED = 42;

  private final Set<String> wanted;
  private final double minProbability;
  private final boolean keepUndetermined;
  private final TextObjectFactory textObjects = CommonTextObjectFactories.forDetectingOnLargeText();
  private String language;
  private double probability;

  LanguageFilter(Set<String> wanted, double minProbability, boolean keepUndetermined) {
    this.wanted = Set.copyOf(wanted);
    this.minProbability = minProbability;
    this.keepUndetermined = keepUndetermined;
  }

  /** The codes the detector knows (en, de, zh-CN, ...), sorted. */
  static Set<String> knownLanguages() {
    Set<String> codes = new TreeSet<>();
    for (LdLocale locale : BuiltInLanguages.getLanguages()) {
      codes.add(locale.toString());
    }
    return codes;
  }

  /**
   * Detects the language of {@code text}; true when it is wanted (or undetermined and those are
   * kept).
   */
  boolean accept(CharSequence text) {
    detect(text);
    return wanted();
  }

  /**
   * Whether the language the last {@link #detect} found is wanted (or undetermined and those are
   * kept).
   */
  boolean wanted() {
    return language.equals(UNDETERMINED) ? keepUndetermined : wanted.contains(language);
  }

  /** Detects the language of {@code text}: its code, or {@value #UNDETERMINED}. */
  String detect(CharSequence text) {
    CharSequence head = text.length() > DETECTED_CHARS ? text.subSequence(0, DETECTED_CHARS) : text;
    TextObject object = textObjects.forText(head);
    List<DetectedLanguage> detected =
        letters(object) < MIN_LETTERS ? List.of() : Detector.INSTANCE.getProbabilities(object);
    probability = detected.isEmpty() ? 0 : detected.get(0).getProbability();
    language =
        detected.isEmpty() || probability < minProbability
            ? UNDETERMINED
            : detected.get(0).getLocale().toString();
    return language;
  }

  private static int letters(CharSequence text) {
    int letters = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      if (Character.isLetter(text.charAt(i))) {
        letters++;
      }
    }
    return letters;
  }

  /** The last text's language, or {@value #UNDETERMINED}. */
  String language() {
    return language;
  }

  /** The probability of the most probable language (0 when too short to detect). */
  double probability() {
    return probability;
  }

  /** The profiles load once per JVM (about a second, tens of MB), on first use. */
  private static final class Detector {
    static final LanguageDetector INSTANCE = load();

    private static LanguageDetector load() {
      try {
        return LanguageDetectorBuilder.create(NgramExtractors.standard())
            .seed(SEED)
            .withProfiles(new LanguageProfileReader().readAllBuiltIn())
            .build();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the language profiles", e);
      }
    }
  }
}
