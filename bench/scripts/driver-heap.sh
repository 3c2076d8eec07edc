#!/usr/bin/env bash
# Driver heap of `trainer fit` as the data grows (docs/performance.md, "Driver heap"): a Spark standalone master and
# one worker, each in its own JVM on loopback, started from the build's jars (no Spark installation); for each size,
# generated ratings (20 per user, 20,000 items) fitted by `bin/trainer fit --master spark://...` in client mode, so
# that the trainer's JVM is the driver and nothing else. The driver's heap is read from the JVM's own GC log
# (-Xlog:gc): the largest heap in use after a collection (what the driver kept alive) and the largest before one,
# with the wall time of the fit. With DRIVER_XMX=512m (Spark's smallest driver) the collector has to reclaim the old
# generation as it goes, so the after-collection peak is close to what the driver really holds; with a large heap it
# also counts garbage that G1 had no reason to collect yet.
#
# usage: bench/scripts/driver-heap.sh WORKDIR [RATINGS...]     (default sizes: 2000000 8000000 20000000)
#   DRIVER_XMX (default 4g): the driver's -Xmx; WORKER_MEMORY (default 8g): the worker's executor memory
#   FIT_ARGS: more `trainer fit` options (default: none; the trainer's defaults, evaluation and gate included)
# prints one line a size: `ratings=N after_gc_max_mb=A before_gc_max_mb=B wall_s=W exit=C`
# Build first: mvn -q -DskipTests package
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mkdir -p "${1:?usage: driver-heap.sh WORKDIR [RATINGS...]}" && cd "$1" && pwd)"
shift
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(2000000 8000000 20000000)
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
cp="$(cat "$root/trainer-cli/target/classpath.txt")"
jar="$root/trainer-cli/target/trainer-cli.jar"

# A standalone worker builds its executors' classpath from SPARK_HOME/jars (and its launcher asks for the Scala
# version, which a Spark installation would name): link the build's jars there.
spark_home="$work/spark-home"
rm -rf "$spark_home" && mkdir -p "$spark_home/jars"
IFS=: read -r -a jars <<< "$cp"
for j in "${jars[@]}"; do
  [[ "$j" == *.jar ]] && ln -sf "$j" "$spark_home/jars/"
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port); ui=$(free_port); wui=$(free_port)
mapfile -t opens < <(grep -v '^#' "$root/bin/jvm-options" | grep -v '^$')
"$java" "${opens[@]}" -Xmx512m -cp "$cp" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" \
  --webui-port "$ui" > "$work/master.log" 2>&1 &
master=$!
SPARK_SCALA_VERSION=2.13 SPARK_HOME="$spark_home" "$java" "${opens[@]}" -Xmx512m -cp "$cp" org.apache.spark.deploy.worker.Worker \
  --host 127.0.0.1 --cores 2 --memory "${WORKER_MEMORY:-8g}" --webui-port "$wui" --work-dir "$work/worker" \
  "spark://127.0.0.1:$port" > "$work/worker.log" 2>&1 &
worker=$!
trap 'kill $worker 2>/dev/null; sleep 2; kill $master 2>/dev/null' EXIT
for _ in $(seq 120); do
  if curl -sf "http://127.0.0.1:$ui/json/" | grep -q '"state" *: *"ALIVE"'; then break; fi
  sleep 1
done
curl -sf "http://127.0.0.1:$ui/json/" | grep -q '"state" *: *"ALIVE"' || { echo "the worker did not register" >&2; exit 1; }

for n in "${sizes[@]}"; do
  data="$work/ratings-$n.dat"
  if [[ ! -s "$data" ]]; then
    "$root/bin/trainer" generate --out "$data" --ratings "$n" --users $((n / 20)) --items 20000 --latent-rank 10 \
      > /dev/null 2> "$work/generate-$n.log"
  fi
  gc="$work/gc-$n.log"
  rm -rf "$work/store-$n" "$gc"
  start=$(date +%s.%N)
  set +e
  FRESHET_JAVA_OPTS="-Xmx${DRIVER_XMX:-4g} -Xlog:gc:file=$gc -Dspark.jars=$jar -Dspark.executor.memory=${WORKER_MEMORY:-8g}" \
    "$root/bin/trainer" fit --master "spark://127.0.0.1:$port" --store "$work/store-$n" --input "$data" \
    ${FIT_ARGS:-} > "$work/fit-$n.out" 2> "$work/fit-$n.log"
  code=$?
  set -e
  end=$(date +%s.%N)
  # GC lines: "... Pause Young (Normal) (G1 Evacuation Pause) 250M->120M(512M) 3.2ms". Only pauses that collect
# (Young, Mixed, Full) count: G1's Remark and Cleanup pauses print the heap in use, not what a collection kept.
  python3 - "$gc" "$n" "$start" "$end" "$code" <<'PY'
import re, sys
gc, n, start, end, code = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
before = after = 0
for line in open(gc):
    m = re.search(r"(\d+)M->(\d+)M\((\d+)M\)", line)
    if m and ("Pause Young" in line or "Pause Full" in line):
        before, after = max(before, int(m.group(1))), max(after, int(m.group(2)))
print(f"ratings={n} after_gc_max_mb={after} before_gc_max_mb={before} wall_s={end - start:.1f} exit={code}")
PY
done
