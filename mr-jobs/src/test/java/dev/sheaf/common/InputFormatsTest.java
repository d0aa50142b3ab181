package dev.sheaf.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sheaf.avro.Document;
import dev.sheaf.testing.Fixtures;
import dev.sheaf.testing.InputFormats;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every input format on real files, through real splits and record readers. */
class InputFormatsTest {
  @TempDir Path dir;

  private final Counters counters = new Counters();

  private List<ParsedRecord> read(InputFormatKind format, Path input, String... extraArgs)
      throws Exception {
    return read(format, input, new Configuration(), extraArgs);
  }

  private List<ParsedRecord> read(
      InputFormatKind format, Path input, Configuration conf, String... extraArgs)
      throws Exception {
    Job job = Job.getInstance(conf);
    String[] args = new String[extraArgs.length + 4];
    args[0] = "--input";
    args[1] = input.toString();
    args[2] = "--format";
    args[3] = format.optionValue();
    System.arraycopy(extraArgs, 0, args, 4, extraArgs.length);
    org.apache.commons.cli.Options options =
        StageOption.toOptions(InputOptions.settings(InputFormatKind.JSONL));
    InputOptions inputOptions =
        InputOptions.parse(
            new org.apache.commons.cli.DefaultParser().parse(options, args), InputFormatKind.JSONL);
    List<org.apache.hadoop.fs.Path> qualified =
        StageInputs.check(job.getConfiguration(), inputOptions.inputs()).paths();
    inputOptions.applyTo(job.getConfiguration(), qualified);
    job.getConfiguration().setBoolean(FileInputFormat.INPUT_DIR_RECURSIVE, true);
    for (org.apache.hadoop.fs.Path path : qualified) {
      FileInputFormat.addInputPath(job, path);
    }
    InputFormat<NullWritable, ParsedRecord> inputFormat =
        format.inputFormat().getDeclaredConstructor().newInstance();
    return InputFormats.readAll(inputFormat, job, counters, record -> record);
  }

  private static Map<String, Long> reasons(List<ParsedRecord> records) {
    return records.stream()
        .filter(ParsedRecord::isRejected)
        .collect(
            Collectors.groupingBy(
                r -> r.reject().getReason(), TreeMap::new, Collectors.counting()));
  }

  private static List<String> ids(List<ParsedRecord> records) {
    return records.stream()
        .filter(r -> !r.isRejected())
        .map(r -> r.document().getId())
        .sorted()
        .toList();
  }

  @Test
  void jsonlHostileSetBecomesDocumentsAndReasonedRejects() throws Exception {
    Path hostile = Fixtures.hostile(dir.resolve("hostile"));
    List<ParsedRecord> records = read(InputFormatKind.JSONL, hostile);

    long missingTextOffset =
        offsetOfLine(hostile.resolve("missing-text.jsonl"), "{\"text\":\"No id here");
    assertEquals(
        List.of(
            "after-huge",
            "gz-1",
            "gz-2",
            "gz-3",
            "ij-1",
            "ij-5",
            "iu-1",
            "iu-2",
            "missing-text.jsonl:" + missingTextOffset,
            "mt-9"),
        ids(records));
    assertEquals(
        Map.of(
            "EMPTY_TEXT",
            1L,
            "INVALID_JSON",
            5L,
            "MISSING_TEXT",
            2L,
            "NOT_AN_OBJECT",
            2L,
            "RECORD_TOO_LARGE",
            1L,
            "TEXT_NOT_STRING",
            1L),
        reasons(records));
    assertEquals(1, counters.findCounter(StageCounters.BLANK_LINES_SKIPPED).getValue());

    ParsedRecord huge =
        records.stream()
            .filter(r -> r.isRejected() && r.reject().getReason().equals("RECORD_TOO_LARGE"))
            .findFirst()
            .orElseThrow();
    assertEquals(Fixtures.HUGE_LINE_FILE, huge.reject().getSource());
    assertEquals(0, huge.reject().getOffset());
    assertTrue(huge.reject().getExcerpt().startsWith("{\"id\":\"huge-1\""));
    assertTrue(huge.reject().getExcerpt().length() <= Utf8Text.EXCERPT_CHARS);

    // a line that is not UTF-8 and holds no UTF-8 sequence is a legacy charset, detected and
    // counted
    ParsedRecord legacy =
        records.stream()
            .filter(r -> !r.isRejected() && r.document().getId().equals("iu-1"))
            .findFirst()
            .orElseThrow();
    assertFalse(legacy.hadInvalidUtf8());
    assertEquals("caf\u00E9 au lait \u00FF\u00FE then valid again", legacy.document().getText());
    assertEquals(1, counters.findCounter(StageCounters.CHARSET_GUESSED).getValue());
    ParsedRecord utf8 =
        records.stream()
            .filter(r -> !r.isRejected() && r.document().getId().equals("iu-2"))
            .findFirst()
            .orElseThrow();
    assertEquals("clean UTF-8: caf\u00E9", utf8.document().getText());
  }

  @Test
  void maxRecordBytesIsConfigurable() throws Exception {
    Path file = dir.resolve("small.jsonl");
    Files.writeString(
        file,
        "{\"id\":\"short\",\"text\":\"ok\"}\n{\"id\":\"long\",\"text\":\""
            + "z".repeat(200)
            + "\"}\n");
    List<ParsedRecord> records = read(InputFormatKind.JSONL, file, "--max-record-bytes", "100");
    assertEquals(List.of("short"), ids(records));
    assertEquals(Map.of("RECORD_TOO_LARGE", 1L), reasons(records));
  }

  @Test
  void splittingAFileChangesNoRecord() throws Exception {
    Path file = dir.resolve("sample.jsonl");
    Files.write(file, Fixtures.spamassassinLines());
    List<String> whole =
        read(InputFormatKind.JSONL, file).stream().map(r -> r.document().getId()).toList();

    Configuration small = new Configuration();
    small.setLong(FileInputFormat.SPLIT_MAXSIZE, 64 * 1024);
    Job probe = Job.getInstance(small);
    FileInputFormat.addInputPath(probe, new org.apache.hadoop.fs.Path(file.toUri()));
    int splits = InputFormats.splitCount(new JsonlInputFormat(), probe);
    List<String> split =
        read(InputFormatKind.JSONL, file, small).stream().map(r -> r.document().getId()).toList();

    assertTrue(splits > 10, "expected many splits, got " + splits);
    assertEquals(300, whole.size());
    assertEquals(whole, split);
  }

  @Test
  void bzip2FilesAreReadWhole() throws Exception {
    Path file = dir.resolve("lines.jsonl.bz2");
    org.apache.hadoop.io.compress.BZip2Codec codec = new org.apache.hadoop.io.compress.BZip2Codec();
    codec.setConf(new Configuration());
    try (java.io.OutputStream out = codec.createOutputStream(Files.newOutputStream(file))) {
      for (int i = 0; i < 500; i++) {
        out.write(
            ("{\"id\":\"bz-" + i + "\",\"text\":\"line number " + i + "\"}\n")
                .getBytes(StandardCharsets.UTF_8));
      }
    }
    Configuration small = new Configuration();
    small.setLong(FileInputFormat.SPLIT_MAXSIZE, 1024);
    List<ParsedRecord> records = read(InputFormatKind.JSONL, file, small);
    assertEquals(500, records.size());
    assertEquals("line number 499", records.get(499).document().getText());
  }

  /**
   * The field case: a UTF-8 byte order mark is not part of the first record, in JSON lines or text.
   */
  @Test
  void aByteOrderMarkIsNotPartOfTheFirstRecord() throws Exception {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    String lines =
        "{\"id\":\"b1\",\"text\":\"first record after a byte order mark\"}\n{\"id\":\"b2\",\"text\":\"second\"}\n";
    Path jsonl = dir.resolve("bom.jsonl");
    Files.write(jsonl, concat(bom, lines.getBytes(StandardCharsets.UTF_8)));
    List<ParsedRecord> records = read(InputFormatKind.JSONL, jsonl);
    assertEquals(List.of("b1", "b2"), ids(records));
    assertEquals(1, counters.findCounter(StageCounters.BYTE_ORDER_MARKS_SKIPPED).getValue());

    Path text = Files.createDirectories(dir.resolve("txt"));
    Files.write(
        text.resolve("bom.txt"), concat(bom, "same line\n".getBytes(StandardCharsets.UTF_8)));
    Files.writeString(text.resolve("plain.txt"), "same line\n");
    List<ParsedRecord> texts = read(InputFormatKind.TEXT, text);
    assertEquals(
        List.of("same line", "same line"),
        texts.stream().map(r -> r.document().getText().toString()).toList());
  }

  /** UTF-16 and UTF-32 files, known by their byte order marks, in both byte orders; read whole. */
  @Test
  void wideUnicodeFilesAreDecodedByTheirByteOrderMark() throws Exception {
    String lines =
        "{\"id\":\"w1\",\"text\":\"na\u00EFve caf\u00E9 \u6771\u4EAC \uD83D\uDE00\"}\n{\"id\":\"w2\",\"text\":\"second\"}\n";
    String[][] encodings = {
      {"UTF-16BE", "FEFF"}, {"UTF-16LE", "FFFE"}, {"UTF-32BE", "0000FEFF"}, {"UTF-32LE", "FFFE0000"}
    };
    for (String[] encoding : encodings) {
      Path file = dir.resolve(encoding[0] + ".jsonl");
      Files.write(
          file,
          concat(
              java.util.HexFormat.of().parseHex(encoding[1]),
              lines.getBytes(java.nio.charset.Charset.forName(encoding[0]))));
      Configuration small = new Configuration();
      small.setLong(FileInputFormat.SPLIT_MAXSIZE, 16);
      List<ParsedRecord> records = read(InputFormatKind.JSONL, file, small);
      assertEquals(List.of("w1", "w2"), ids(records), encoding[0]);
      assertEquals(
          "na\u00EFve caf\u00E9 \u6771\u4EAC \uD83D\uDE00",
          records.get(0).document().getText(),
          encoding[0]);
    }
  }

  /**
   * Latin-1, Windows-1251 and GBK lines in files that are not UTF-8: detected, decoded, counted.
   */
  @Test
  void legacyEncodedFilesAreDetectedAndCounted() throws Exception {
    String[][] cases = {
      {
        "windows-1252",
        "Le caf\u00E9 est ferm\u00E9 le dimanche, mais la cr\u00EAperie \u00E0 c\u00F4t\u00E9 reste ouverte "
            + "toute la journ\u00E9e pour les gourmands."
      },
      {
        "windows-1251",
        "\u041F\u0440\u0438\u0432\u0435\u0442, \u043A\u0430\u043A \u0434\u0435\u043B\u0430? "
            + "\u0421\u0435\u0433\u043E\u0434\u043D\u044F \u0445\u043E\u0440\u043E\u0448\u0430\u044F "
            + "\u043F\u043E\u0433\u043E\u0434\u0430, \u0438 \u043C\u044B \u0438\u0434\u0451\u043C "
            + "\u0433\u0443\u043B\u044F\u0442\u044C \u0432 \u043F\u0430\u0440\u043A."
      },
      {
        "GBK",
        "\u4ECA\u5929\u5929\u6C14\u5F88\u597D\uFF0C\u6211\u4EEC\u4E00\u8D77\u53BB\u516C\u56ED"
            + "\u6563\u6B65\u5427\u3002\u5B69\u5B50\u4EEC\u5728\u8349\u5730\u4E0A\u73A9\u800D\uFF0C"
            + "\u8001\u4EBA\u4EEC\u5728\u6811\u4E0B\u4E0B\u68CB\u3002"
      }
    };
    for (String[] legacy : cases) {
      Path file = dir.resolve(legacy[0] + ".txt");
      Files.write(
          file,
          (legacy[1] + "\n" + legacy[1] + "\n")
              .getBytes(java.nio.charset.Charset.forName(legacy[0])));
      Counters before = new Counters();
      before.incrAllCounters(counters);
      List<ParsedRecord> records = read(InputFormatKind.TEXT, file);
      assertEquals(legacy[1], records.get(0).document().getText(), legacy[0]);
      assertFalse(records.get(0).hadInvalidUtf8());
      assertEquals(
          2,
          counters.findCounter(StageCounters.CHARSET_GUESSED).getValue()
              - before.findCounter(StageCounters.CHARSET_GUESSED).getValue(),
          legacy[0]);
    }
  }

  /** A separator-shaped line without the empty line before it stays in the body, and is counted. */
  @Test
  void anMboxFromLineWithoutAnEmptyLineBeforeItIsCounted() throws Exception {
    Path mbox = dir.resolve("tight.mbox");
    Files.writeString(
        mbox,
        "From a@example.org Mon Mar  3 10:00:00 2025\nSubject: one\n\nfirst body\n"
            + "From b@example.org Tue Mar  4 11:00:00 2025\nSubject: two\n\nsecond body\n");
    List<ParsedRecord> records = read(InputFormatKind.EMAIL, mbox);
    assertEquals(1, records.size());
    assertEquals(1, counters.findCounter(DecodeCounters.MBOX_FROM_LINES_IN_BODY).getValue());
  }

  /**
   * UTF-8 with a few broken bytes stays UTF-8, the bytes replaced and counted: not a legacy
   * charset.
   */
  @Test
  void brokenUtf8KeepsItsCharactersAndIsCounted() throws Exception {
    Path file = dir.resolve("mostly.txt");
    byte[] good = "na\u00EFve caf\u00E9 \u6771\u4EAC ".getBytes(StandardCharsets.UTF_8);
    Files.write(
        file,
        concat(concat(good, new byte[] {(byte) 0xFF}), " end\n".getBytes(StandardCharsets.UTF_8)));
    List<ParsedRecord> records = read(InputFormatKind.TEXT, file);
    assertEquals(
        "na\u00EFve caf\u00E9 \u6771\u4EAC \uFFFD end", records.get(0).document().getText());
    assertTrue(records.get(0).hadInvalidUtf8());
    assertEquals(0, counters.findCounter(StageCounters.CHARSET_GUESSED).getValue());
  }

  /**
   * The field case and its kind: 0-byte, empty, truncated and corrupt compressed files are each one
   * reject after the records before the break; the good file and the stage go on.
   */
  @Test
  void brokenCompressedFilesAreRejectsAfterTheRecordsBeforeTheBreak() throws Exception {
    Path input = BrokenFiles.beside(dir.resolve("faults"));
    java.io.ByteArrayOutputStream full = new java.io.ByteArrayOutputStream();
    try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(full)) {
      for (int i = 0; i < 2000; i++) {
        out.write(
            ("{\"id\":\"t" + i + "\",\"text\":\"line " + i + " of a file cut in the middle\"}\n")
                .getBytes(StandardCharsets.UTF_8));
      }
    }
    Files.write(
        input.resolve("truncated.jsonl.gz"),
        java.util.Arrays.copyOf(full.toByteArray(), full.size() / 2));
    Files.write(
        input.resolve("not_gzip.jsonl.gz"),
        "this is not gzip data at all\n".getBytes(StandardCharsets.UTF_8));

    List<ParsedRecord> records = read(InputFormatKind.JSONL, input);
    List<String> ids = ids(records);
    assertTrue(ids.containsAll(List.of("g1", "g2", "t0")), ids.toString());
    long truncatedKept = ids.stream().filter(id -> id.startsWith("t")).count();
    assertTrue(
        truncatedKept > 100 && truncatedKept < 2000, "records before the break: " + truncatedKept);
    List<ParsedRecord> rejects = records.stream().filter(ParsedRecord::isRejected).toList();
    assertEquals(Map.of("UNREADABLE_FILE", 3L), reasons(records));
    assertEquals(
        java.util.Set.of("zero_bytes.jsonl.gz", "truncated.jsonl.gz", "not_gzip.jsonl.gz"),
        rejects.stream().map(r -> r.reject().getSource().toString()).collect(Collectors.toSet()));
    assertTrue(
        rejects.stream()
            .allMatch(r -> r.reject().getDetail().toString().startsWith("the file breaks after ")),
        rejects.toString());

    Exception strict =
        org.junit.jupiter.api.Assertions.assertThrows(
            Exception.class, () -> read(InputFormatKind.JSONL, input, "--strict-files"));
    assertTrue(String.valueOf(strict.getMessage()).contains(".gz"), strict.toString());
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  @Test
  void textFormatMakesOneDocumentPerLineWithFileOffsetIds() throws Exception {
    Path file = dir.resolve("lines.txt");
    Files.writeString(file, "first line\n\nsecond line\r\nthird\n");
    List<ParsedRecord> records = read(InputFormatKind.TEXT, file);
    assertEquals(
        List.of("lines.txt:0", "lines.txt:12", "lines.txt:25"),
        records.stream().map(r -> r.document().getId()).toList());
    assertEquals(
        List.of("first line", "second line", "third"),
        records.stream().map(r -> r.document().getText()).toList());
    assertEquals(1, counters.findCounter(StageCounters.BLANK_LINES_SKIPPED).getValue());
  }

  @Test
  void emailFilesWithLabelsFromTheirDirectories() throws Exception {
    Path mail = Fixtures.copy(Fixtures.SPAMASSASSIN_EML, dir.resolve("mail"));
    List<ParsedRecord> records = read(InputFormatKind.EMAIL, mail, "--label-from-dir");
    assertEquals(24, records.size());
    assertTrue(
        records.stream().noneMatch(ParsedRecord::isRejected), () -> reasons(records).toString());
    Map<String, Long> labels =
        records.stream()
            .collect(
                Collectors.groupingBy(
                    r -> r.document().getLabel(), TreeMap::new, Collectors.counting()));
    assertEquals(Map.of("ham", 12L, "spam", 12L), labels);
    for (ParsedRecord record : records) {
      Document document = record.document();
      assertTrue(document.getId().startsWith(document.getLabel() + "/"), document.getId());
      assertTrue(document.getId().endsWith(".eml"));
      String subject = document.getMeta().get("Subject");
      if (subject != null && !subject.isBlank()) {
        assertTrue(document.getText().startsWith(subject.strip()), document.getId());
      }
      assertTrue(document.getMeta().containsKey("From"), document.getId());
      assertFalse(
          document.getText().contains("Received: from"),
          "headers are not text: " + document.getId());
    }
  }

  @Test
  void emailPrefersPlainTextDecodesEncodingsAndSkipsAttachments() throws Exception {
    Path mail = Files.createDirectories(dir.resolve("mail"));
    Files.writeString(
        mail.resolve("multipart.eml"),
        String.join(
            "\r\n",
            "From: =?UTF-8?Q?Ren=C3=A9e?= <renee@example.org>",
            "To: you@example.org",
            "Subject: =?UTF-8?B?Q2Fmw6kgbWVldGluZw==?=",
            "Message-ID: <m1@example.org>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"outer\"",
            "",
            "--outer",
            "Content-Type: multipart/alternative; boundary=\"inner\"",
            "",
            "--inner",
            "Content-Type: text/plain; charset=iso-8859-1",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            "Let's meet at the caf=E9.",
            "--inner",
            "Content-Type: text/html; charset=utf-8",
            "",
            "<p>Let's meet at the <b>caf\u00e9</b>.</p>",
            "--inner--",
            "--outer",
            "Content-Type: text/plain; name=notes.txt",
            "Content-Disposition: attachment; filename=notes.txt",
            "",
            "attachment text that must not appear",
            "--outer--",
            ""),
        StandardCharsets.ISO_8859_1);
    Files.writeString(
        mail.resolve("html-only.eml"),
        String.join(
            "\r\n",
            "From: a@example.org",
            "Subject: Offer",
            "Content-Type: text/html",
            "",
            "<html><body>Buy <i>now</i></body></html>",
            ""));
    Files.writeString(mail.resolve("empty.eml"), "");

    Map<String, ParsedRecord> byId =
        read(InputFormatKind.EMAIL, mail).stream()
            .collect(
                Collectors.toMap(
                    r -> r.isRejected() ? "reject:" + r.reject().getSource() : r.document().getId(),
                    r -> r));
    Document multipart = byId.get("multipart.eml").document();
    assertEquals("Caf\u00e9 meeting\n\nLet's meet at the caf\u00e9.", multipart.getText());
    assertEquals("Ren\u00e9e <renee@example.org>", multipart.getMeta().get("From"));
    assertEquals("<m1@example.org>", multipart.getMeta().get("Message-ID"));
    assertTrue(multipart.getMeta().get("Content-Type").startsWith("multipart/mixed"));
    assertEquals(
        "Offer\n\n<html><body>Buy <i>now</i></body></html>",
        byId.get("html-only.eml").document().getText());
    assertEquals("EMPTY_TEXT", byId.get("reject:empty.eml").reject().getReason());
  }

  @Test
  void mboxIsSplitAtFromLinesWithEscapesUndone() throws Exception {
    Path mbox = dir.resolve("box.mbox");
    String first =
        "From alice@example.org Mon Jan  1 00:00:00 2024\nSubject: one\n\nHello\n>From the start, it was escaped.\n\n";
    String second = "From bob@example.org Mon Jan  1 00:00:01 2024\nSubject: two\n\nSecond body\n";
    Files.writeString(mbox, first + second);
    List<ParsedRecord> records = read(InputFormatKind.EMAIL, mbox);
    assertEquals(
        List.of("box.mbox:0", "box.mbox:" + first.length()),
        records.stream().map(r -> r.document().getId()).toList());
    assertEquals(
        "one\n\nHello\nFrom the start, it was escaped.", records.get(0).document().getText());
    assertEquals("two\n\nSecond body", records.get(1).document().getText());

    Path sample = Fixtures.copy(Fixtures.MBOX, dir.resolve("mboxes"));
    assertEquals(
        6, read(InputFormatKind.EMAIL, sample).stream().filter(r -> !r.isRejected()).count());
  }

  @Test
  void mboxSeparatorsAreFromLinesWithASenderAndADateAfterABlankLine() throws Exception {
    Path mbox = dir.resolve("variants.mbox");
    List<String> messages =
        List.of(
            "From alice@example.org Mon Jan  1 00:00:00 2024\nSubject: one\n\nFirst line.\n\n"
                + "From here on, a body line.\nFrom bob@example.org Mon Jan  1 00:00:01 2024\n"
                + "(not after a blank line, so body too)\n\nFrom Tuesday on.\n\n",
            "From MAILER-DAEMON Fri Jul  8 12:08:34 2011\nSubject: two\n\nbody two\n\n",
            "From - Thu Jan 23 10:00:00 2020\nSubject: three\n\nbody three\n\n",
            "From 1655563562945463291@xxx Sat Jan 25 10:00:00 +0000 2020\nSubject: four\n\nbody four\n\n",
            "From user@example.org  mon mar 3 10:00 2025 +0100\nSubject: five\n\nbody five\n\n",
            "From uucp Wed Jan  1 10:00:00 1997 remote from host\nSubject: six\n\nbody six\n");
    Files.writeString(mbox, String.join("", messages));
    List<ParsedRecord> records = read(InputFormatKind.EMAIL, mbox);
    assertEquals(Map.of(), reasons(records));
    long offset = 0;
    List<String> expectedIds = new java.util.ArrayList<>();
    for (String message : messages) {
      expectedIds.add("variants.mbox:" + offset);
      offset += message.length();
    }
    assertEquals(expectedIds, records.stream().map(r -> r.document().getId()).toList());
    assertEquals(
        "one\n\nFirst line.\n\nFrom here on, a body line.\nFrom bob@example.org Mon Jan  1 00:00:01 2024\n"
            + "(not after a blank line, so body too)\n\nFrom Tuesday on.",
        records.get(0).document().getText());
    assertEquals("six\n\nbody six", records.get(5).document().getText());
  }

  @Test
  void mboxWithCrlfLineEnds() throws Exception {
    Path mbox = dir.resolve("crlf.mbox");
    String first =
        "From a@example.org Mon Mar  3 10:00:00 2025\r\nSubject: one\r\n\r\nbody\r\n\r\nFrom memory, yes.\r\n\r\n";
    Files.writeString(
        mbox,
        first + "From b@example.org Mon Mar  3 10:00:01 2025\r\nSubject: two\r\n\r\nbody two\r\n");
    List<ParsedRecord> records = read(InputFormatKind.EMAIL, mbox);
    assertEquals(
        List.of("crlf.mbox:0", "crlf.mbox:" + first.length()),
        records.stream().map(r -> r.document().getId()).toList());
    assertEquals("one\n\nbody\n\nFrom memory, yes.", records.get(0).document().getText());
  }

  @Test
  void fromLinePatternNeedsASenderAndAnAsctimeDate() {
    for (String line :
        List.of(
            "From a@b Mon Jan  1 00:00:00 2024",
            "From a@b Mon Jan 1 00:00 2024",
            "From a@b Mon Jan 1 00:00:00 PST 2024",
            "From a@b Mon Jan 1 00:00:00 2024 -0800  ",
            "From Mon Jan 1 00:00:00 2024")) {
      assertTrue(
          EmailInputFormat.EmailRecordReader.isFromLine(new org.apache.hadoop.io.Text(line)), line);
    }
    for (String line :
        List.of(
            "From memory, the meeting was on Tuesday.",
            "From a@b",
            "From a@b Mon Jan 1 2024",
            "From a@b 2024-01-01 00:00:00",
            "From a@b Mon Jan 1 00:00:00 2024 and more words",
            "from a@b Mon Jan 1 00:00:00 2024",
            ">From a@b Mon Jan 1 00:00:00 2024",
            "From a@b Mon Jan 1 00:00:00 24")) {
      assertFalse(
          EmailInputFormat.EmailRecordReader.isFromLine(new org.apache.hadoop.io.Text(line)), line);
    }
  }

  /**
   * Field case mbox-from-line/team.mbox: 2 messages, the first whole with its "From memory, ..."
   * line.
   */
  @Test
  void fieldCaseMboxFromLine() throws Exception {
    Path mbox = fieldCase("mbox-from-line");
    List<ParsedRecord> records = read(InputFormatKind.EMAIL, mbox);
    assertEquals(2, records.size());
    assertEquals(Map.of(), reasons(records));
    long second = offsetOfLine(mbox.resolve("team.mbox"), "From bo@example.org");
    assertEquals(
        List.of("team.mbox:0", "team.mbox:" + second),
        records.stream().map(r -> r.document().getId()).toList());
    assertEquals(
        "Minutes\n\nHere are the notes.\n\nFrom memory, the meeting was on Tuesday and lasted an hour.\n"
            + "We agreed on the budget.",
        records.get(0).document().getText());
    assertEquals("Re: Minutes\n\nThanks for the notes.", records.get(1).document().getText());
  }

  /** Field case empty-plain-part/: the text comes from the HTML part, counted. */
  @Test
  void fieldCaseEmptyPlainPart() throws Exception {
    List<ParsedRecord> records = read(InputFormatKind.EMAIL, fieldCase("empty-plain-part"));
    assertEquals(1, records.size());
    String text = records.get(0).document().getText();
    assertTrue(
        text.startsWith("Statement ready s1\n\n<html><body><p>Your monthly statement is ready"),
        text);
    assertEquals(1, counters.findCounter(DecodeCounters.BODY_FROM_HTML).getValue());
  }

  /** Field case charset-superset/: labels read as the WHATWG Encoding Standard reads them. */
  @Test
  void fieldCaseCharsetSuperset() throws Exception {
    Map<String, String> texts =
        read(InputFormatKind.EMAIL, fieldCase("charset-superset")).stream()
            .collect(Collectors.toMap(r -> r.document().getId(), r -> r.document().getText()));
    assertEquals(
        Map.of(
            "gb2312_declared_gbk_bytes.eml",
                "Chinese body\n\n\u6731\u9555\u57FA\u8BB2\u8BDD\u4E86\u3002\u4ECA\u5929\u5F00\u4F1A\u3002",
            "ks_c_5601_1987.eml",
                "Korean body\n\n\uC548\uB155\uD558\uC138\uC694 \uD68C\uC758 \uC790\uB8CC\uC785\uB2C8\uB2E4.",
            "utf8_no_dash.eml", "caf\u00E9\n\nna\u00EFve caf\u00E9 body"),
        texts);
    for (DecodeCounters counter : DecodeCounters.values()) {
      assertEquals(0, counters.findCounter(counter).getValue(), counter.name());
    }
  }

  /**
   * Field case encoded-words/: no failure; decodable words decoded, the rest by a fallback or as
   * written, counted.
   */
  @Test
  void fieldCaseEncodedWords() throws Exception {
    Map<String, Document> documents =
        read(InputFormatKind.EMAIL, fieldCase("encoded-words")).stream()
            .collect(Collectors.toMap(r -> r.document().getId(), ParsedRecord::document));
    assertEquals(
        "Sans titre.eml (1,20 Mo)\n\nBody one mentions the attached file.",
        documents.get("empty_charset.eml").getText());
    assertEquals(
        "caf\u00E9 menu\n\nBody four lists the menu.",
        documents.get("unknown_charset.eml").getText());
    assertEquals(
        "Vos coordonn\u00E9es\n\nBody two about changed details.",
        documents.get("bad_padding.eml").getText());
    assertEquals(
        "\"La Poste Mobile\" <sender@example.org>",
        documents.get("bad_padding.eml").getMeta().get("From"));
    assertEquals(
        "plain subject three\n\nBody three is plain.",
        documents.get("invalid_b64_word.eml").getText());
    assertEquals(
        "=?utf-8?b?invalid#?= <oops@example.com>",
        documents.get("invalid_b64_word.eml").getMeta().get("From"));
    assertEquals(2, counters.findCounter(DecodeCounters.ENCODED_WORDS_CHARSET_FALLBACK).getValue());
    assertEquals(1, counters.findCounter(DecodeCounters.ENCODED_WORDS_REPAIRED).getValue());
    assertEquals(1, counters.findCounter(DecodeCounters.ENCODED_WORDS_LEFT_RAW).getValue());
  }

  @Test
  void emailFilesAreDecodedFromTheirBytesOnce() throws Exception {
    Path mail = Files.createDirectories(dir.resolve("charsets"));
    Map<String, String> texts =
        Map.of(
            "koi8-r",
            EmailParserTest.RUSSIAN,
            "iso-8859-1",
            EmailParserTest.FRENCH,
            "windows-1251",
            EmailParserTest.RUSSIAN);
    Map<String, String> expected = new TreeMap<>();
    for (String transferEncoding : List.of("8bit", "base64", "quoted-printable")) {
      texts.forEach(
          (charset, text) -> {
            String encodeAs = charset.equals("iso-8859-1") ? "windows-1252" : charset;
            String name = charset + "-" + transferEncoding + ".eml";
            try {
              Files.write(
                  mail.resolve(name),
                  EmailParserTest.singlePart(
                      charset,
                      transferEncoding,
                      EmailParserTest.encodedBody(text, encodeAs, transferEncoding)));
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
            expected.put(name, "s\n\n" + text);
          });
    }
    Files.write(
        mail.resolve("undeclared.eml"),
        EmailParserTest.singlePart(
            null,
            "8bit",
            EmailParserTest.RUSSIAN_PROSE.getBytes(
                java.nio.charset.Charset.forName("windows-1251"))));
    expected.put("undeclared.eml", "s\n\n" + EmailParserTest.RUSSIAN_PROSE);
    Map<String, String> actual =
        read(InputFormatKind.EMAIL, mail).stream()
            .collect(
                Collectors.toMap(
                    r -> r.document().getId(),
                    r -> r.document().getText(),
                    (a, b) -> a,
                    TreeMap::new));
    assertEquals(expected, actual);
    assertEquals(1, counters.findCounter(DecodeCounters.PARTS_CHARSET_GUESSED).getValue());
    assertEquals(0, counters.findCounter(DecodeCounters.PARTS_INVALID_BYTES).getValue());
  }

  @Test
  void emailLargerThanTheLimitIsRejected() throws Exception {
    Path mail = Files.createDirectories(dir.resolve("big"));
    Files.writeString(mail.resolve("big.eml"), "Subject: big\n\n" + "word ".repeat(1000));
    List<ParsedRecord> records = read(InputFormatKind.EMAIL, mail, "--max-record-bytes", "1k");
    assertEquals(Map.of("RECORD_TOO_LARGE", 1L), reasons(records));
  }

  @Test
  void avroDocumentsPassThroughAndOtherFilesAreIgnored() throws Exception {
    Path stage = Files.createDirectories(dir.resolve("stage"));
    try (DataFileWriter<Document> writer =
        new DataFileWriter<>(new SpecificDatumWriter<>(Document.class))) {
      writer.create(
          Document.getClassSchema(), new File(stage.resolve("part-r-00000.avro").toString()));
      writer.append(
          Document.newBuilder()
              .setId("d1")
              .setText("text one")
              .setLabel("ham")
              .setSource("s")
              .build());
      writer.append(
          Document.newBuilder().setId("d2").setText(" ").setLabel(null).setSource("s").build());
    }
    Files.writeString(stage.resolve("_SUCCESS"), "");
    Files.writeString(stage.resolve("notes.txt"), "not avro");
    List<ParsedRecord> records = read(InputFormatKind.AVRO, stage);
    assertEquals(List.of("d1"), ids(records));
    assertEquals("ham", records.get(0).document().getLabel());
    assertEquals(Map.of("EMPTY_TEXT", 1L), reasons(records));
  }

  /**
   * A CSV file as Commons CSV's printer writes it (quotes, doubled quotes, a line break inside a
   * field, an empty id), then malformed records appended by hand: each is one reject with its
   * reason and byte offset, and the records after it are read.
   */
  @Test
  void csvWrittenByCsvPrinterBecomesDocumentsAndMalformedRecordsRejects() throws Exception {
    Path file = dir.resolve("docs.csv");
    StringBuilder written = new StringBuilder();
    try (org.apache.commons.csv.CSVPrinter printer =
        new org.apache.commons.csv.CSVPrinter(
            written,
            org.apache.commons.csv.CSVFormat.RFC4180
                .builder()
                .setHeader("id", "text", "label", "lang")
                .build())) {
      printer.printRecord("a1", "first document, with a comma", "ham", "en");
      printer.printRecord("a2", "a quoted \"word\" and\na line break", "spam", "");
      printer.printRecord("", "no id here", "ham", "de");
      printer.printRecord("a4", "   ", "ham", "en");
    }
    String good = written.toString();
    String malformed =
        "a5,\"closed\"then text,ham,en\r\n"
            + "a6,too few\r\n"
            + "\r\n"
            + "a7,after the bad ones,spam,en\r\n"
            + "a8,\"never closed,ham,en\r\nand on\r\n";
    Files.writeString(file, good + malformed);
    List<ParsedRecord> records = read(InputFormatKind.CSV, file);

    long noIdOffset = good.lastIndexOf("\r\n", good.indexOf("no id here")) + 2;
    assertEquals(List.of("a1", "a2", "a7", "docs.csv:" + noIdOffset), ids(records));
    Map<String, Document> byId =
        records.stream()
            .filter(r -> !r.isRejected())
            .collect(Collectors.toMap(r -> r.document().getId(), ParsedRecord::document));
    assertEquals("a quoted \"word\" and\na line break", byId.get("a2").getText());
    assertEquals("spam", byId.get("a2").getLabel());
    assertEquals(Map.of(), byId.get("a2").getMeta(), "an empty column is not kept");
    assertEquals("first document, with a comma", byId.get("a1").getText());
    assertEquals(Map.of("lang", "en"), byId.get("a1").getMeta());
    assertEquals("de", byId.get("docs.csv:" + noIdOffset).getMeta().get("lang"));
    assertEquals("docs.csv", byId.get("a1").getSource());

    assertEquals(
        Map.of("EMPTY_TEXT", 1L, "MALFORMED_CSV", 2L, "WRONG_COLUMN_COUNT", 1L), reasons(records));
    Map<String, Long> offsets =
        records.stream()
            .filter(ParsedRecord::isRejected)
            .collect(
                Collectors.toMap(
                    r ->
                        r.reject().getReason()
                            + " "
                            + r.reject().getExcerpt().toString().substring(0, 2),
                    r -> r.reject().getOffset()));
    String all = good + malformed;
    assertEquals(
        Map.of(
            "EMPTY_TEXT a4",
            (long) all.indexOf("a4,"),
            "MALFORMED_CSV a5",
            (long) all.indexOf("a5,"),
            "WRONG_COLUMN_COUNT a6",
            (long) all.indexOf("a6,"),
            "MALFORMED_CSV a8",
            (long) all.indexOf("a8,")),
        offsets);
    assertEquals(8, records.size(), "4 written, 4 appended: each one document or one reject");
    assertEquals(1, counters.findCounter(StageCounters.BLANK_LINES_SKIPPED).getValue());
  }

  @Test
  void csvColumnsAreChosenByTheFieldOptionsAndTheFileIsOneSplit() throws Exception {
    Path file = dir.resolve("reviews.csv");
    StringBuilder written = new StringBuilder();
    try (org.apache.commons.csv.CSVPrinter printer =
        new org.apache.commons.csv.CSVPrinter(
            written,
            org.apache.commons.csv.CSVFormat.RFC4180
                .builder()
                .setHeader("review_id", "stars", "body")
                .build())) {
      for (int i = 0; i < 500; i++) {
        printer.printRecord("r" + i, i % 5, "review " + i + " spans\ntwo lines, \"quoted\"");
      }
    }
    Files.writeString(file, written);
    Configuration small = new Configuration();
    small.setLong(FileInputFormat.SPLIT_MAXSIZE, 1024);
    Job probe = Job.getInstance(small);
    FileInputFormat.addInputPath(probe, new org.apache.hadoop.fs.Path(file.toUri()));
    assertEquals(1, InputFormats.splitCount(new CsvInputFormat(), probe));
    List<ParsedRecord> records =
        read(
            InputFormatKind.CSV,
            file,
            small,
            "--text-field",
            "body",
            "--id-field",
            "review_id",
            "--label-field",
            "stars");
    assertEquals(500, records.size());
    assertTrue(
        records.stream().noneMatch(ParsedRecord::isRejected), () -> reasons(records).toString());
    Document last = records.get(499).document();
    assertEquals("r499", last.getId());
    assertEquals("4", last.getLabel());
    assertEquals("review 499 spans\ntwo lines, \"quoted\"", last.getText());
  }

  /**
   * A header without the text column makes its file one BAD_HEADER reject; the other files go on.
   */
  @Test
  void csvHeaderWithoutTheTextColumnIsOneRejectForItsFile() throws Exception {
    Path input = Files.createDirectories(dir.resolve("tables"));
    Files.writeString(input.resolve("good.csv"), "id,text\ng1,fine\n");
    Files.writeString(input.resolve("other.csv"), "id,body,label\nx1,hello,ham\nx2,again,spam\n");
    Files.writeString(input.resolve("twice.csv"), "text,id,text\nx,y,z\n");
    List<ParsedRecord> records = read(InputFormatKind.CSV, input);
    assertEquals(List.of("g1"), ids(records));
    Map<String, String> details =
        records.stream()
            .filter(ParsedRecord::isRejected)
            .collect(
                Collectors.toMap(
                    r -> r.reject().getSource().toString(),
                    r -> r.reject().getReason() + ": " + r.reject().getDetail()));
    assertEquals(
        Map.of(
            "other.csv",
            "BAD_HEADER: the header has no column 'text' (--text-field); its columns: id, body, label; "
                + "the file's records are not read",
            "twice.csv",
            "BAD_HEADER: the header names column 'text' twice; the file's records are not read"),
        details);
  }

  /**
   * TSV as Commons CSV's printer writes it with a tab delimiter (a tab and a line break inside a
   * quoted field), plus a record with broken UTF-8 kept with U+FFFD, as the line formats keep it.
   */
  @Test
  void tsvWrittenByCsvPrinterWithTabsAndBrokenUtf8() throws Exception {
    Path file = dir.resolve("docs.tsv");
    StringBuilder written = new StringBuilder();
    try (org.apache.commons.csv.CSVPrinter printer =
        new org.apache.commons.csv.CSVPrinter(
            written,
            org.apache.commons.csv.CSVFormat.RFC4180
                .builder()
                .setDelimiter('\t')
                .setHeader("label", "text")
                .build())) {
      printer.printRecord("ham", "a tab\there, a comma, and\na new line");
      printer.printRecord("spam", "plain");
    }
    byte[] head = written.toString().getBytes(StandardCharsets.UTF_8);
    byte[] broken =
        "ham\tcaf\u00e9 na\u00efve \u00e0 la carte, then a stray byte: "
            .getBytes(StandardCharsets.UTF_8);
    Files.write(file, concat(concat(head, broken), new byte[] {(byte) 0xC3, '\n'}));
    List<ParsedRecord> records = read(InputFormatKind.TSV, file);
    assertEquals(3, records.size());
    assertEquals(
        List.of("a tab\there, a comma, and\na new line", "plain"),
        records.subList(0, 2).stream().map(r -> r.document().getText()).toList());
    assertEquals(
        List.of("ham", "spam", "ham"), records.stream().map(r -> r.document().getLabel()).toList());
    assertEquals("docs.tsv:" + head.length, records.get(2).document().getId());
    assertTrue(records.get(2).hadInvalidUtf8());
    assertTrue(
        records.get(2).document().getText().endsWith("stray byte: \uFFFD"),
        records.get(2).document().getText());
    assertFalse(records.get(0).hadInvalidUtf8());
  }

  private static void writeSequenceFile(
      Path file,
      Class<? extends org.apache.hadoop.io.Writable> valueClass,
      org.apache.hadoop.io.SequenceFile.CompressionType compression,
      java.util.Map<String, org.apache.hadoop.io.Writable> records)
      throws IOException {
    try (org.apache.hadoop.io.SequenceFile.Writer writer =
        org.apache.hadoop.io.SequenceFile.createWriter(
            new Configuration(),
            org.apache.hadoop.io.SequenceFile.Writer.file(
                new org.apache.hadoop.fs.Path(file.toUri())),
            org.apache.hadoop.io.SequenceFile.Writer.keyClass(org.apache.hadoop.io.Text.class),
            org.apache.hadoop.io.SequenceFile.Writer.valueClass(valueClass),
            org.apache.hadoop.io.SequenceFile.Writer.compression(compression))) {
      for (Map.Entry<String, org.apache.hadoop.io.Writable> record : records.entrySet()) {
        writer.append(new org.apache.hadoop.io.Text(record.getKey()), record.getValue());
      }
    }
  }

  /**
   * A block-compressed SequenceFile of Text values as Hadoop's writer writes it: the keys are the
   * ids, and splitting it at sync markers changes no record.
   */
  @Test
  void sequenceFileOfTextValuesIsSplitAtSyncMarkers() throws Exception {
    Path file = dir.resolve("corpus.seq");
    Map<String, org.apache.hadoop.io.Writable> written = new java.util.LinkedHashMap<>();
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 4000; i++) {
      StringBuilder text = new StringBuilder("document " + i + ":");
      for (int w = 0; w < 40; w++) {
        text.append(' ').append(Long.toString(random.nextLong() & Long.MAX_VALUE, 36));
      }
      written.put(String.format("doc-%04d", i), new org.apache.hadoop.io.Text(text.toString()));
    }
    writeSequenceFile(
        file,
        org.apache.hadoop.io.Text.class,
        org.apache.hadoop.io.SequenceFile.CompressionType.BLOCK,
        written);
    Configuration small = new Configuration();
    small.setLong(FileInputFormat.SPLIT_MAXSIZE, 1);
    Job probe = Job.getInstance(small);
    FileInputFormat.addInputPath(probe, new org.apache.hadoop.fs.Path(file.toUri()));
    int splits = InputFormats.splitCount(new SequenceFileDocumentInputFormat(), probe);
    assertTrue(
        splits >= 4, "expected several splits of at least SYNC_INTERVAL bytes, got " + splits);

    List<ParsedRecord> records = read(InputFormatKind.SEQUENCEFILE, file, small);
    assertEquals(
        new java.util.ArrayList<>(written.keySet()),
        records.stream().map(r -> r.document().getId()).toList());
    assertEquals(written.get("doc-1234").toString(), records.get(1234).document().getText());
    assertEquals("corpus.seq", records.get(0).document().getSource());
    assertEquals(null, records.get(0).document().getLabel());
  }

  /** BytesWritable values: UTF-8 text, broken UTF-8 kept with U+FFFD, an empty value a reject. */
  @Test
  void sequenceFileOfBytesWritableValues() throws Exception {
    Path file = dir.resolve("bytes.seq");
    Map<String, org.apache.hadoop.io.Writable> written = new java.util.LinkedHashMap<>();
    written.put(
        "a.txt",
        new org.apache.hadoop.io.BytesWritable(
            "na\u00efve caf\u00e9 text".getBytes(StandardCharsets.UTF_8)));
    written.put(
        "b.txt",
        new org.apache.hadoop.io.BytesWritable(
            concat(
                "broken \u00e9t\u00e9 ".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xE9, 'x'})));
    written.put("c.txt", new org.apache.hadoop.io.BytesWritable(new byte[0]));
    writeSequenceFile(
        file,
        org.apache.hadoop.io.BytesWritable.class,
        org.apache.hadoop.io.SequenceFile.CompressionType.NONE,
        written);
    List<ParsedRecord> records = read(InputFormatKind.SEQUENCEFILE, file);
    assertEquals(List.of("a.txt", "b.txt"), ids(records));
    assertEquals("na\u00efve caf\u00e9 text", records.get(0).document().getText());
    assertEquals("broken \u00e9t\u00e9 \uFFFDx", records.get(1).document().getText());
    assertTrue(records.get(1).hadInvalidUtf8());
    assertEquals(Map.of("EMPTY_TEXT", 1L), reasons(records));
    assertTrue(records.get(2).reject().getDetail().toString().contains("c.txt"));
  }

  /**
   * A WARC file as jwarc's writer writes it, gzip per record, WARC/1.1 and 1.0 records mixed: HTML
   * and text responses and a WET conversion are documents with the target URI as id, decoded with
   * their declared charset; requests, metadata, warcinfo, a 404 and an image are skipped and
   * counted; an empty payload and a response that is no HTTP are rejects.
   */
  @Test
  void warcResponsesAndConversionsAreDocumentsAndOtherRecordsAreCounted() throws Exception {
    Path file = dir.resolve("crawl.warc.gz");
    WarcFiles.write(file, org.netpreserve.jwarc.WarcCompression.GZIP);
    List<ParsedRecord> records = read(InputFormatKind.WARC, file);
    Map<String, Document> byId =
        records.stream()
            .filter(r -> !r.isRejected())
            .collect(Collectors.toMap(r -> r.document().getId(), ParsedRecord::document));
    assertEquals(
        java.util.Set.of(WarcFiles.HTML_URI, WarcFiles.GZIPPED_URI, WarcFiles.WET_URI),
        byId.keySet());
    assertEquals(WarcFiles.HTML, byId.get(WarcFiles.HTML_URI).getText());
    assertEquals(
        "text/html;charset=windows-1252",
        byId.get(WarcFiles.HTML_URI).getMeta().get("Content-Type"),
        "as jwarc wrote the header");
    assertEquals(WarcFiles.HTML_URI, byId.get(WarcFiles.HTML_URI).getMeta().get("WARC-Target-URI"));
    assertEquals("response", byId.get(WarcFiles.HTML_URI).getMeta().get("WARC-Type"));
    assertEquals("crawl.warc.gz", byId.get(WarcFiles.HTML_URI).getSource());
    assertEquals(WarcFiles.GZIPPED_TEXT, byId.get(WarcFiles.GZIPPED_URI).getText());
    assertEquals(WarcFiles.WET_TEXT, byId.get(WarcFiles.WET_URI).getText());
    assertEquals("conversion", byId.get(WarcFiles.WET_URI).getMeta().get("WARC-Type"));
    assertEquals(Map.of("EMPTY_TEXT", 1L, "MALFORMED_HTTP", 1L), reasons(records));
    assertEquals(1, counters.findCounter(WarcCounters.WARCINFO_RECORDS_SKIPPED).getValue());
    assertEquals(1, counters.findCounter(WarcCounters.REQUEST_RECORDS_SKIPPED).getValue());
    assertEquals(1, counters.findCounter(WarcCounters.METADATA_RECORDS_SKIPPED).getValue());
    assertEquals(1, counters.findCounter(WarcCounters.RESPONSES_NOT_SUCCESSFUL).getValue());
    assertEquals(1, counters.findCounter(WarcCounters.RESPONSES_NOT_TEXT).getValue());
  }

  @Test
  void warcWithoutCompressionReadsTheSame() throws Exception {
    Path file = dir.resolve("crawl.warc");
    WarcFiles.write(file, org.netpreserve.jwarc.WarcCompression.NONE);
    List<ParsedRecord> records = read(InputFormatKind.WARC, file);
    assertEquals(
        List.of(WarcFiles.HTML_URI, WarcFiles.WET_URI, WarcFiles.GZIPPED_URI), ids(records));
    assertEquals(Map.of("EMPTY_TEXT", 1L, "MALFORMED_HTTP", 1L), reasons(records));
  }

  @Test
  void warcPayloadsOverMaxRecordBytesAreRejects() throws Exception {
    Path file = dir.resolve("crawl.warc.gz");
    WarcFiles.write(file, org.netpreserve.jwarc.WarcCompression.GZIP);
    List<ParsedRecord> records = read(InputFormatKind.WARC, file, "--max-record-bytes", "60");
    assertEquals(
        List.of(WarcFiles.GZIPPED_URI), ids(records), "the only payload of at most 60 bytes");
    assertEquals(
        Map.of("EMPTY_TEXT", 1L, "MALFORMED_HTTP", 1L, "RECORD_TOO_LARGE", 2L), reasons(records));
  }

  /**
   * A Parquet file as parquet-mr's writer writes it, in many row groups: columns chosen by the
   * field options, a missing id as {@code <file>:<row index>}, null and empty text as rejects, and
   * the same records whether the file is one split or many.
   */
  @Test
  void parquetColumnsAreChosenByTheFieldOptionsAndSplitsChangeNoRecord() throws Exception {
    Path file = dir.resolve("reviews.parquet");
    ParquetFiles.write(file, 3000);
    Files.writeString(dir.resolve("_SUCCESS"), "");
    String[] options = {
      "--text-field", "body", "--id-field", "review_id", "--label-field", "stars"
    };
    List<ParsedRecord> whole = read(InputFormatKind.PARQUET, dir, options);
    assertEquals(3000, whole.size());
    assertEquals(Map.of("EMPTY_TEXT", 1L, "MISSING_TEXT", 1L), reasons(whole));
    Map<String, Document> byId =
        whole.stream()
            .filter(r -> !r.isRejected())
            .collect(Collectors.toMap(r -> r.document().getId(), ParsedRecord::document));
    assertEquals("review 12: good value, would buy again. ", byId.get("r12").getText());
    assertEquals("2", byId.get("r12").getLabel());
    assertEquals(Map.of("lang", "en"), byId.get("r12").getMeta());
    assertEquals(
        "review 15: " + "good value, would buy again. ".repeat(4),
        byId.get("reviews.parquet:15").getText());
    assertEquals("review 9: caf\u00e9 \u00e9t\u00e9 \uFFFD", byId.get("r9").getText());
    assertEquals(
        List.of("r9"),
        whole.stream()
            .filter(ParsedRecord::hadInvalidUtf8)
            .map(r -> r.document().getId())
            .toList());

    Configuration small = new Configuration();
    small.setLong(FileInputFormat.SPLIT_MAXSIZE, 16 * 1024);
    Job probe = Job.getInstance(small);
    FileInputFormat.addInputPath(probe, new org.apache.hadoop.fs.Path(file.toUri()));
    int splits = InputFormats.splitCount(new ParquetDocumentInputFormat(), probe);
    assertTrue(splits >= 4, "expected several splits, got " + splits);
    List<ParsedRecord> split = read(InputFormatKind.PARQUET, file, small, options);
    assertEquals(ids(whole), ids(split));
    assertEquals(reasons(whole), reasons(split));
  }

  /** A folder of field cases copied from /work/shared/field-cases into the test resources. */
  private static Path fieldCase(String name) throws Exception {
    return Path.of(InputFormatsTest.class.getResource("field-cases/" + name).toURI());
  }

  private static long offsetOfLine(Path file, String prefix) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    String text = new String(bytes, StandardCharsets.UTF_8);
    return text.substring(0, text.indexOf(prefix)).getBytes(StandardCharsets.UTF_8).length;
  }
}
