#!/usr/bin/env bash
# Language identification: clean's detector (optimaize language-detector 0.6) beside Lingua 1.2.2
# (maintained), on labelled texts in 21 languages taken from the translated UI messages under
# /usr/share/locale (GNU gettext catalogs: 300 messages a language, English from the originals),
# by length: accuracy and texts/s. Needs python3 and the .mo files (Debian: most desktop libraries
# ship them). Not a test: run it by hand and quote the figures.
# Usage: bench/language-id.sh   (both of Lingua's modes)
set -euo pipefail
home=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work="$home/bench/work/language-id"
mkdir -p "$work"
python3 "$home/bench/language-id/messages.py" "$work/messages.jsonl"
cat > "$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>bench</groupId><artifactId>language-id</artifactId><version>1</version>
<dependencies>
<dependency><groupId>com.optimaize.languagedetector</groupId><artifactId>language-detector</artifactId><version>0.6</version></dependency>
<dependency><groupId>com.github.pemistahl</groupId><artifactId>lingua</artifactId><version>1.2.2</version></dependency>
<dependency><groupId>com.fasterxml.jackson.core</groupId><artifactId>jackson-databind</artifactId><version>2.18.6</version></dependency>
</dependencies></project>
POM
(cd "$work" && mvn -B -q dependency:build-classpath -Dmdep.outputFile=classpath.txt >/dev/null)
for mode in high low; do
  echo "bench language-id: Lingua in its $mode accuracy mode"
  java -Xmx6g -cp "$(cat "$work/classpath.txt")" "$home/bench/language-id/LanguageIdBench.java" "$work/messages.jsonl" $mode \
    2>&1 | grep -v SLF4J
done
