#!/usr/bin/env python3
"""Labelled texts for bench/language-id.sh: translated UI messages from the GNU gettext catalogs
under /usr/share/locale, 300 distinct messages of 20+ characters a language (no format
placeholders or markup), English from the German catalogs' original strings. Writes JSON lines
{"lang", "text"} to the path given."""
import gettext
import glob
import json
import random
import re
import sys

LANGS = {"de": "de", "fr": "fr", "es": "es", "it": "it", "pt": "pt", "nl": "nl", "ru": "ru", "pl": "pl", "sv": "sv",
         "da": "da", "fi": "fi", "cs": "cs", "hu": "hu", "tr": "tr", "ja": "ja", "zh_CN": "zh-CN", "ko": "ko",
         "uk": "uk", "el": "el", "ro": "ro"}


def usable(text):
    return len(text) >= 20 and "%" not in text and "{" not in text and not re.search(r"[<>_/\\]", text)


rng = random.Random(7)
rows = []
for locale, code in LANGS.items():
    translated, originals = set(), set()
    for catalog in sorted(glob.glob(f"/usr/share/locale/{locale}/LC_MESSAGES/*.mo")):
        if "iso_" in catalog:
            continue
        try:
            entries = gettext.GNUTranslations(open(catalog, "rb"))._catalog
        except Exception:
            continue
        for source, target in entries.items():
            if isinstance(source, str) and isinstance(target, str) and usable(target):
                translated.add(" ".join(target.split()))
                if usable(source):
                    originals.add(" ".join(source.split()))
    for lang, texts in ((code, translated),) + ((("en", originals),) if locale == "de" else ()):
        texts = sorted(texts)
        rng.shuffle(texts)
        rows += [{"lang": lang, "text": text} for text in texts[:300]]
with open(sys.argv[1], "w") as out:
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
print(f"{len(rows)} labelled messages", file=sys.stderr)
