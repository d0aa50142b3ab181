package dev.sheaf.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Charset labels read the way browsers read them: the label table of the WHATWG Encoding Standard
 * (https://encoding.spec.whatwg.org/#names-and-labels; its data file {@code encodings.json}, stored
 * as the resource {@code dev/sheaf/common/encodings.json} from https://github.com/whatwg/encoding
 * at commit a985b62a9b45c17da3e17a9f0a0b4e30c34c4a8a). A label is trimmed of ASCII white space and
 * ASCII-lowercased, then looked up, as the standard's "get an encoding" does: {@code gb2312},
 * {@code chinese} and {@code x-gbk} are GBK; {@code iso-8859-1}, {@code latin1}, {@code us-ascii}
 * and {@code ascii} are windows-1252; {@code ks_c_5601-1987} and {@code korean} are EUC-KR; {@code
 * utf8} is UTF-8; {@code tis-620} is windows-874; {@code iso-8859-9} is windows-1254.
 *
 * <p>Each encoding is decoded with a Java charset that implements the standard's decoder:
 *
 * <ul>
 *   <li>the single-byte encodings (windows-125x, ISO-8859-x, KOI8, IBM866, macintosh,
 *       x-mac-cyrillic, x-user-defined) with decode-only charsets built from the standard's indexes
 *       (resource {@code whatwg-single-byte.txt}), named {@code x-whatwg-<name>}; Java's own
 *       decoders differ from the standard in a few bytes and lack three of them;
 *   <li>UTF-8, UTF-16BE and UTF-16LE with Java's; GBK and gb18030 with Java's GB18030 (the
 *       standard's GBK decoder is its gb18030 decoder); Big5 with Big5-HKSCS; EUC-JP and
 *       ISO-2022-JP with Java's; Shift_JIS with windows-31j; EUC-KR with x-windows-949 (the
 *       standard's euc-kr index is Windows code page 949). These match the standard's decoders for
 *       the text one meets; they are not proven byte-for-byte identical (GB18030, for one, is
 *       Java's 2005 mapping).
 * </ul>
 *
 * The standard's "replacement" encoding (labels {@code iso-2022-kr}, {@code iso-2022-cn}, {@code
 * hz-gb-2312}, ...) decodes a whole input to one U+FFFD in browsers, to defeat script injection;
 * {@link #forLabel} gives null for it, so a caller decides (see {@link #forLabelOrJavaName}, which
 * uses Java's ISO-2022-KR and ISO-2022-CN decoders).
 *
 * <p>Thread-safe; the tables are read once, when the class loads.
 */
public final class CharsetLabels {
  private static final String RESOURCE = "encodings.json";
  private static final String SINGLE_BYTE_RESOURCE = "whatwg-single-byte.txt";
  private static final String REPLACEMENT = "replacement";

  /** Java charsets for the WHATWG encodings that are not single-byte; "replacement" has none. */
  private static final Map<String, String> MULTI_BYTE =
      Map.of(
          "UTF-8",
          "UTF-8",
          "GBK",
          "GB18030",
          "gb18030",
          "GB18030",
          "Big5",
          "Big5-HKSCS",
          "EUC-JP",
          "EUC-JP",
          "ISO-2022-JP",
          "ISO-2022-JP",
          "Shift_JIS",
          "windows-31j",
          "EUC-KR",
          "x-windows-949",
          "UTF-16BE",
          "UTF-16BE",
          "UTF-16LE",
          "UTF-16LE");

  /** How many labels unknown to the standard {@link #forLabelOrJavaName} remembers. */
  private static final int MAX_CACHED_JAVA_LABELS = 1024;

  /** Lowercased label → the standard's encoding name. */
  private static final Map<String, String> NAMES = new HashMap<>();

  /** The standard's encoding name → its decoder here (absent: none). */
  private static final Map<String, Charset> DECODERS = new HashMap<>();

  private static final Map<String, Optional<Charset>> JAVA_LABELS = new ConcurrentHashMap<>();

  static {
    try {
      readLabels();
      readSingleByte();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the WHATWG encoding tables", e);
    }
    MULTI_BYTE.forEach(
        (name, java) -> {
          if (Charset.isSupported(java)) {
            DECODERS.put(name, Charset.forName(java));
          }
        });
  }

  private CharsetLabels() {}

  /**
   * The WHATWG name of the encoding {@code label} stands for ("GBK" for {@code " GB2312 "},
   * "replacement" for {@code iso-2022-kr}), or null when the label is null or not in the table.
   */
  public static String encodingName(String label) {
    return label == null ? null : NAMES.get(normalize(label));
  }

  /**
   * The charset that decodes {@code label}'s encoding as the WHATWG Encoding Standard does, or null
   * when the label is null, not in the standard's table, or names the "replacement" encoding.
   */
  public static Charset forLabel(String label) {
    String name = encodingName(label);
    return name == null ? null : DECODERS.get(name);
  }

  /**
   * {@link #forLabel}, else a charset Java knows by the name {@code label} (for labels the standard
   * does not list, such as {@code cp936}, or lists as "replacement", such as {@code iso-2022-kr}),
   * itself read through the table by its canonical name when the standard has a decoder for that
   * (so Java's {@code 646} and {@code US-ASCII} decode as windows-1252, {@code cp936}'s GBK as
   * GB18030). Null when neither knows the label. Lookups of labels outside the table are cached (up
   * to 1024 labels).
   */
  public static Charset forLabelOrJavaName(String label) {
    Charset charset = forLabel(label);
    if (charset != null || label == null) {
      return charset;
    }
    String key = normalize(label);
    if (key.isEmpty()) {
      return null;
    }
    Optional<Charset> cached = JAVA_LABELS.get(key);
    if (cached == null) {
      cached = Optional.ofNullable(javaCharset(key));
      if (JAVA_LABELS.size() < MAX_CACHED_JAVA_LABELS) {
        JAVA_LABELS.put(key, cached);
      }
    }
    return cached.orElse(null);
  }

  private static Charset javaCharset(String label) {
    Charset java;
    try {
      java = Charset.forName(label);
    } catch (IllegalArgumentException e) {
      // IllegalCharsetNameException and UnsupportedCharsetException are both
      // IllegalArgumentExceptions
      return null;
    }
    Charset standard = forLabel(java.name());
    return standard != null ? standard : java;
  }

  /**
   * The standard's "get an encoding": strip leading and trailing ASCII white space,
   * ASCII-lowercase.
   */
  private static String normalize(String label) {
    int start = 0;
    int end = label.length();
    while (start < end && isAsciiWhitespace(label.charAt(start))) {
      start++;
    }
    while (end > start && isAsciiWhitespace(label.charAt(end - 1))) {
      end--;
    }
    return label.substring(start, end).toLowerCase(Locale.ROOT);
  }

  private static boolean isAsciiWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
  }

  private static void readLabels() throws IOException {
    try (InputStream in = open(RESOURCE)) {
      for (JsonNode group : new ObjectMapper().readTree(in)) {
        for (JsonNode encoding : group.get("encodings")) {
          String name = encoding.get("name").asText();
          for (JsonNode label : encoding.get("labels")) {
            NAMES.put(label.asText(), name);
          }
        }
      }
    }
    if (!NAMES.containsValue(REPLACEMENT) || NAMES.size() < 200) {
      throw new IOException(
          RESOURCE + " is not the WHATWG label table (" + NAMES.size() + " labels)");
    }
  }

  private static void readSingleByte() throws IOException {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(open(SINGLE_BYTE_RESOURCE), StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int tab = line.indexOf('\t');
        String name = line.substring(0, tab);
        String[] points = line.substring(tab + 1).split(" ");
        char[] high = new char[points.length];
        for (int i = 0; i < points.length; i++) {
          high[i] =
              points[i].equals("-")
                  ? SingleByteCharset.UNMAPPED
                  : (char) Integer.parseInt(points[i], 16);
        }
        DECODERS.put(name, new SingleByteCharset("x-whatwg-" + name, high));
      }
    }
  }

  private static InputStream open(String resource) throws IOException {
    InputStream in = CharsetLabels.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IOException("resource missing: " + resource);
    }
    return in;
  }
}
