"""Planting and scoring for bench/dedupe-quality.sh (the shell script documents the measures).

plant CORPUS N OUT PAIRS: writes CORPUS plus N near copies of random messages, each aimed at a
  true Jaccard similarity drawn uniformly from [0.80, 1.00); PAIRS gets copy id, original id and
  the true similarity. Similarity follows Sheaf's definition: NFKC, lower case, punctuation
  removed, white space split, word 5-shingles (a text of fewer than 5 words is one shingle).
score CORPUS PAIRS DUPLICATES: prints recall and precision from `sheaf inspect _duplicates`.
"""
import json
import random
import sys
import unicodedata


def words(text):
    out, word = [], []
    for ch in unicodedata.normalize("NFKC", text):
        cat = unicodedata.category(ch)
        if ch.isspace() or cat in ("Cc", "Zs", "Zl", "Zp"):
            if word:
                out.append("".join(word))
                word = []
        elif not cat.startswith("P"):
            word.append(ch.lower())
    if word:
        out.append("".join(word))
    return out


def shingles(text, k=5):
    w = words(text)
    if len(w) < k:
        return {" ".join(w)}
    return {" ".join(w[i:i + k]) for i in range(len(w) - k + 1)}


def jaccard(a, b):
    return len(a & b) / len(a | b) if a or b else 1.0


def vary(text, fraction, rng):
    tokens = text.split(" ")
    for i in range(len(tokens)):
        if rng.random() < fraction:
            tokens[i] = "planted%d" % rng.randrange(10**9)
    return " ".join(tokens)


def plant(corpus, count, out, pairs):
    rng = random.Random(2026)
    records = [json.loads(line) for line in open(corpus)]
    candidates = [r for r in records if len(words(r["text"])) >= 50]
    with open(out, "w") as f, open(pairs, "w") as p:
        for r in records:
            f.write(json.dumps(r) + "\n")
        for n in range(count):
            original = rng.choice(candidates)
            base = shingles(original["text"])
            target = rng.uniform(0.80, 1.0)
            lo, hi, best = 0.0, 0.2, None
            for _ in range(14):  # bisect the replaced fraction until the similarity is near target
                mid = (lo + hi) / 2
                text = vary(original["text"], mid, random.Random(n * 7919 + 1))
                sim = jaccard(base, shingles(text))
                if best is None or abs(sim - target) < abs(best[1] - target):
                    best = (text, sim)
                if sim > target:
                    lo = mid
                else:
                    hi = mid
            copy = dict(original, id="planted-%05d" % n, text=best[0])
            f.write(json.dumps(copy) + "\n")
            p.write("%s\t%s\t%.4f\n" % (copy["id"], original["id"], best[1]))
    print("planted %d near copies" % count, file=sys.stderr)


def score(corpus, pairs, duplicates, threshold=0.8):
    texts = {}
    for line in open(corpus):
        r = json.loads(line)
        texts[r["id"]] = r["text"]
    rep = {}
    for line in open(duplicates):
        d = json.loads(line)
        rep[d["id"]] = d["duplicateOf"]
    def root(i):
        return rep.get(i, i)
    bins = {}
    found = total = 0
    for line in open(pairs):
        copy, original, sim = line.rstrip("\n").split("\t")
        sim = float(sim)
        if sim < threshold:
            continue
        hit = root(copy) == root(original)
        total += 1
        found += hit
        b = min(int((sim - threshold) / 0.05), 3)
        key = "%.2f-%.2f" % (threshold + 0.05 * b, threshold + 0.05 * (b + 1))
        bins.setdefault(key, [0, 0])
        bins[key][0] += hit
        bins[key][1] += 1
    members = {}
    for i, r in rep.items():
        members.setdefault(r, []).append(i)
    good = 0
    cache = {}
    def sh(i):
        if i not in cache:
            cache[i] = shingles(texts[i])
        return cache[i]
    for dropped, r in rep.items():
        cluster = [r] + [m for m in members[r] if m != dropped]
        if any(jaccard(sh(dropped), sh(m)) >= 0.75 for m in cluster):
            good += 1
    print("recall: %d of %d planted pairs with true similarity >= %.2f in one cluster = %.4f"
          % (found, total, threshold, found / total if total else float("nan")))
    for key in sorted(bins):
        print("  similarity %s: %d of %d = %.3f" % (key, bins[key][0], bins[key][1], bins[key][0] / bins[key][1]))
    print("precision: %d of %d dropped documents have true similarity >= 0.75 to a member of their cluster = %.4f"
          % (good, len(rep), good / len(rep) if rep else float("nan")))


if __name__ == "__main__":
    if sys.argv[1] == "plant":
        plant(sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5])
    elif sys.argv[1] == "score":
        score(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit("usage: dedupe_quality.py plant|score ...")
