"""A synthetic many-class corpus of short texts, as JSON lines, for bench/train-multiclass.sh.

Each class draws most words from its own topic vocabulary and the rest from words shared by all
classes, so classes overlap; texts are 8 to 30 words. Deterministic for a given seed.
Usage: python3 multiclass_corpus.py CLASSES DOCS SEED > corpus.jsonl
"""
import json
import random
import sys

classes, docs, seed = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
syllables = ["ka", "lo", "mi", "nu", "pe", "ra", "si", "to", "vu", "ze", "bo", "da", "fi", "gu", "ha", "je"]


def word():
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))


shared = [word() for _ in range(2000)]
topics = [[word() for _ in range(150)] for _ in range(classes)]
for i in range(docs):
    label = rng.randrange(classes)
    words = [rng.choice(topics[label]) if rng.random() < 0.35 else rng.choice(shared)
             for _ in range(rng.randint(8, 30))]
    print(json.dumps({"id": f"doc-{i}", "label": f"class-{label:02d}", "text": " ".join(words)}))
