#!/usr/bin/env python3
"""Builds mr-jobs/src/test/resources/dev/sheaf/clean/gopher-reference.jsonl: texts at, below and above
the limit of every Gopher rule, each with the decision of datatrove's GopherRepetitionFilter then
GopherQualityFilter (FineWeb's order), re-implemented here from their definitions
(datatrove/pipeline/filters/gopher_{repetition,quality}_filter.py, default limits). datatrove is not
installable here (no PyPI), and its English word tokenizer is NLTK's; this reference tokenizes as
Sheaf documents it (white space, punctuation at a word's edges a token of its own, a run of dots one
token), and the texts are ASCII so both sides agree on punctuation. GopherReferenceTest (Java)
checks that clean's gopher preset makes the same decision, with the same rule, on every text.

Usage: python3 mr-jobs/src/test/python/gopher_reference.py > mr-jobs/src/test/resources/dev/sheaf/clean/gopher-reference.jsonl
"""
import json
import random
import re
import sys
from collections import Counter

PUNCTUATION = set("!/\u2014\u201d:\uff05\uff11\u3008&(\u3001\u2501\\\u3010#%\u300c\u300d\uff0c\u3011\uff1b+^]~\u201c\u300a\u201e';\u2019{|\u2236\u00b4[=-`*\uff0e\uff08\u2013\uff1f\uff01\uff1a$\uff5e\u00ab\u3009,><\u300b)?\uff09\u3002\u2026@_.\"}\u25ba\u00bb") | set(
    map(chr, (x for a, b in ((0, 9), (11, 13), (13, 32), (127, 160)) for x in range(a, b))))
STOP_WORDS = {"the", "be", "to", "of", "and", "that", "have", "with"}


def tokenize(text):
    tokens = []
    for piece in text.split():
        head, tail = [], []
        i, j = 0, len(piece)
        while i < j and piece[i] in PUNCTUATION:
            k = i + 1
            if piece[i] == ".":
                while k < j and piece[k] == ".":
                    k += 1
            head.append(piece[i:k]); i = k
        while j > i and piece[j - 1] in PUNCTUATION:
            j -= 1
        if j > i:
            head.append(piece[i:j])
        k = j
        while k < len(piece):
            m = k + 1
            if piece[k] == ".":
                while m < len(piece) and piece[m] == ".":
                    m += 1
            tail.append(piece[k:m]); k = m
        tokens += head + tail
    return tokens


def find_duplicates(x):
    seen, chars, elements = set(), 0, 0
    for e in x:
        if e in seen:
            chars += len(e); elements += 1
        else:
            seen.add(e)
    return elements, chars


def repetition(text, on=lambda rule: True):
    paragraphs = re.split(r"\n{2,}", text.strip())
    d, c = find_duplicates(paragraphs)
    if on("DUPLICATE_PARAGRAPHS") and d / len(paragraphs) > 0.3: return "DUPLICATE_PARAGRAPHS"
    if on("DUPLICATE_PARAGRAPH_CHARS") and c / len(text) > 0.2: return "DUPLICATE_PARAGRAPH_CHARS"
    lines = re.split("\n+", text)
    d, c = find_duplicates(lines)
    if on("DUPLICATE_LINES") and d / len(lines) > 0.3: return "DUPLICATE_LINES"
    if on("DUPLICATE_LINE_CHARS") and c / len(text) > 0.2: return "DUPLICATE_LINE_CHARS"
    words = tokenize(text)
    for n, frac in ((2, 0.2), (3, 0.18), (4, 0.16)):
        grams = [" ".join(words[i:i + n]) for i in range(len(words) - n + 1)]
        if grams and on(f"TOP_{n}GRAM"):
            gram, count = Counter(grams).most_common(1)[0]
            if len(gram) * count / len(text) > frac: return f"TOP_{n}GRAM"
    for n, frac in ((5, 0.15), (6, 0.14), (7, 0.13), (8, 0.12), (9, 0.11), (10, 0.10)):
        seen, repeated, i = set(), 0, 0
        while i < len(words) - n + 1:
            gram = "".join(words[i:i + n])
            if gram in seen:
                repeated += len(gram); i += n
            else:
                seen.add(gram); i += 1
        if on(f"DUPLICATE_{n}GRAMS") and repeated / len(text) > frac: return f"DUPLICATE_{n}GRAMS"
    return None


def quality(text, on=lambda rule: True):
    words = tokenize(text)
    n = len(words)
    kept = [w for w in words if any(ch not in PUNCTUATION for ch in w)]
    if len(kept) < 50 or len(kept) > 100000: return "WORD_COUNT"
    mean = sum(len(w) for w in kept) / len(kept)
    if mean < 3 or mean > 10: return "MEAN_WORD_LENGTH"
    if text.count("#") / n > 0.1: return "SYMBOL_RATIO"
    if (text.count("...") + text.count("\u2026")) / n > 0.1: return "SYMBOL_RATIO"
    lines = text.splitlines()
    if sum(s.lstrip().startswith("\u2022") or s.lstrip().startswith("-") for s in lines) / len(lines) > 0.9:
        return "BULLET_LINES"
    if sum(s.rstrip().endswith("...") or s.rstrip().endswith("\u2026") for s in lines) / len(lines) > 0.3:
        return "ELLIPSIS_LINES"
    if sum(any(c.isalpha() for c in w) for w in words) / n < 0.8: return "ALPHA_WORDS"
    if sum(w in STOP_WORDS for w in words) < 2: return "STOP_WORDS"
    return None


def decide(text, rules=None):
    on = (lambda rule: True) if rules is None else (lambda rule: rule in rules)
    return repetition(text, on) or (quality(text) if rules is None else None)


rng = random.Random(16)
LETTERS = "bcdfghjklmnprstvwz" + "aeiou" * 3


def word(length):
    return "".join(rng.choice(LETTERS) for _ in range(length))


def words(count, length=6, stop=4):
    """count distinct-looking words of the given length, stop of them stop words."""
    out = [word(length) for _ in range(count - stop)]
    for k in range(stop):
        out.insert(rng.randrange(len(out) + 1), rng.choice(sorted(STOP_WORDS)))
    return out


cases = []


def case(name, text, expected, rules=None):
    """rules: the repetition rules on (default: both Gopher presets whole)."""
    got = decide(text, rules)
    if got != expected:
        sys.exit(f"{name}: the reference says {got}, the case was built for {expected}")
    entry = {"case": name, "text": text, "rule": got}
    if rules is not None:
        entry["rules"] = sorted(rules)
    cases.append(entry)


def sentence_lines(n_lines, per_line=8, length=6):
    return [" ".join(words(per_line, length, stop=2)) + "." for _ in range(n_lines)]


# word count: 49, 50, 51 non-symbol words (and punctuation that does not count)
for n, expected in ((49, "WORD_COUNT"), (50, None), (51, None)):
    case(f"words-{n}", " ".join(words(n)) + " , ; !", expected)
# mean word length: exactly 3, below, exactly 10, above (stop words are 3 letters)
case("mean-length-3", " ".join(["the", "and"] + [word(3) for _ in range(58)]), None)
case("mean-length-below-3", " ".join(["the", "and"] + [word(3) for _ in range(57)] + ["xy"]), "MEAN_WORD_LENGTH")
case("mean-length-10", " ".join(["the", "and"] + [word(10) for _ in range(51)] + [word(17), word(17)]), None)
case("mean-length-above-10", " ".join(["the", "and"] + [word(10) for _ in range(51)] + [word(17), word(18)]),
     "MEAN_WORD_LENGTH")
# '#' per token: 0.1 exactly (6 of 60 tokens), above
base = words(54)
case("hashes-at", " ".join(base[:10] + ["#", base[10], "#", base[11], "#", base[12], "#", base[13], "#", base[14], "#"]
                           + base[15:]), None)
case("hashes-above", " ".join(base[:10] + ["#", base[10], "#", base[11], "#", base[12], "#", base[13], "#", base[14], "#",
                               base[15], "#"] + base[16:]), "SYMBOL_RATIO")
spread = words(54)
case("ellipses-at", " ".join(w + (" ..." if i < 6 else "") for i, w in enumerate(spread)), None)
case("ellipses-above", " ".join(w + (" \u2026" if i < 7 else "") for i, w in enumerate(spread)), "SYMBOL_RATIO")
# bullet lines: 9 of 10 (at), 10 of 10 (above), 8 of 10 (below)
for bullets, expected in ((8, None), (9, None), (10, "BULLET_LINES")):
    lines = sentence_lines(10)
    case(f"bullets-{bullets}-of-10", "\n".join(("- " + l if i < bullets else l) for i, l in enumerate(lines)), expected)
# lines ending in an ellipsis: 3 of 10 (at), 4 (above), 2 (below); many tokens so the symbol ratio stays low
for ends, expected in ((2, None), (3, None), (4, "ELLIPSIS_LINES")):
    lines = sentence_lines(10)
    case(f"ellipsis-lines-{ends}-of-10", "\n".join((l[:-1] + "..." if i < ends else l) for i, l in enumerate(lines)),
         expected)
# tokens with a letter: 0.8 exactly (48 of 60), below
case("alpha-at", " ".join(words(48) + [str(1000 + 7 * i) for i in range(12)]), None)
case("alpha-below", " ".join(words(47) + [str(1000 + 7 * i) for i in range(13)]), "ALPHA_WORDS")
# stop words: 1 occurrence (below), 2 (at), 3, and "The" does not count (case-sensitive, as datatrove)
for stops, expected in ((1, "STOP_WORDS"), (2, None), (3, None)):
    case(f"stop-words-{stops}", " ".join(words(60, stop=stops)), expected)
case("stop-words-capitalised", " ".join(words(59, stop=1) + ["The"]), "STOP_WORDS")

# duplicate paragraphs: 3 of 10 (at), 4 (above); the repeated one short so its characters stay low
long_paragraphs = [" ".join(words(30, 7)) + "." for _ in range(10)]
for dups, expected in ((3, None), (4, "DUPLICATE_PARAGRAPHS")):
    paragraphs = long_paragraphs[: 9 - dups] + ["Short one."] * (dups + 1)
    case(f"duplicate-paragraphs-{dups}-of-10", "\n\n".join(paragraphs), expected)
# duplicate lines: the same with single line breaks
for dups, expected in ((3, None), (4, "DUPLICATE_LINES")):
    lines = long_paragraphs[: 9 - dups] + ["Short one."] * (dups + 1)
    case(f"duplicate-lines-{dups}-of-10", "\n".join(lines), expected)


def filler_text(length):
    out = []
    while sum(len(w) + 1 for w in out) < length:
        out.append(word(5))
    text = " ".join(out)
    return text[:length]


def exact_fraction(name, separator, rule):
    """A unit repeated once: its characters exactly 0.2 of the text (at the limit), then a bit more."""
    unit = " ".join(["the", "and"] + words(10, 6, stop=0)) + "."
    total = 5 * len(unit)
    rest = total - 2 * len(unit) - 3 * len(separator)
    first = filler_text(rest // 2).strip()
    second = filler_text(rest - len(first)).strip()
    text = separator.join([unit, first, unit, second])
    text += "s" * (total - len(text))
    assert len(text) == total and len(unit) / len(text) == 0.2, name
    # a repeated unit long enough to hold 0.2 of the text repeats n-grams too: judged by its own rule alone
    case(name + "-at", text, None, {rule})
    case(name + "-above", text[: -len(separator) - len(second)] + separator + second[:-9], rule, {rule})


exact_fraction("duplicate-paragraph-chars", "\n\n", "DUPLICATE_PARAGRAPH_CHARS")
exact_fraction("duplicate-line-chars", "\n", "DUPLICATE_LINE_CHARS")

# top n-grams: one n-gram repeated, its share just under and just over the limit
for n, frac in ((2, 0.2), (3, 0.18), (4, 0.16)):
    gram = " ".join(word(4) for _ in range(n))
    for repeats in range(2, 60):
        body = words(80, 5)
        pieces = []
        for r in range(repeats):
            pieces += body[r * 3: r * 3 + 3] + [gram]
        pieces += body[repeats * 3:]
        text = " ".join(pieces)
        share = len(gram) * repeats / len(text)
        if share > frac:
            break
        below = text
    case(f"top-{n}gram-below", below, None)
    case(f"top-{n}gram-above", text, f"TOP_{n}GRAM")
# duplicate n-grams: a 10-word sentence repeated until the 5..10-gram shares cross their limits
sentence = " ".join(word(5) for _ in range(10))
for repeats in (1, 2, 3, 4, 6):
    text = " ".join(words(120, 6)) + " " + " ".join([sentence] * repeats)
    case(f"duplicate-ngrams-{repeats}-copies", text, decide(text))
# each duplicate n-gram rule alone, just under and just over its limit: filler words shrink the share
for n in range(5, 11):
    rule = f"DUPLICATE_{n}GRAMS"
    sentence = " ".join(word(5) for _ in range(n))
    filler = words(400, 6)
    previous = None
    for keep in range(400, 0, -1):
        text = " ".join(filler[:keep]) + " " + sentence + " " + sentence
        if decide(text, {rule}) == rule:
            case(f"duplicate-{n}grams-above", text, rule, {rule})
            case(f"duplicate-{n}grams-below", previous, None, {rule})
            break
        previous = text

# a text that passes every rule, and the empty-line edge cases of the line splits
case("pass", "\n\n".join(" ".join(words(40, 6)) + "." for _ in range(5)), None)
case("leading-and-trailing-breaks", "\n\n" + "\n".join(sentence_lines(8)) + "\n\n\n", None)

for c in cases:
    print(json.dumps(c, ensure_ascii=True))
print(f"{len(cases)} cases; rules covered: {sorted({c['rule'] for c in cases if c['rule']})}", file=sys.stderr)
