# Sourced by bin/trainer, bin/predictor and bin/spark-submit: finds the build, the JVM and its options.
# Runs Freshet straight from the Maven build (mvn -DskipTests package), with no Spark installation.
FRESHET_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
FRESHET_JVM_OPTS=()
while IFS= read -r line; do
  case "$line" in ''|'#'*) ;; *) FRESHET_JVM_OPTS+=("$line") ;; esac
done < "$FRESHET_HOME/bin/jvm-options"
# Extra JVM options (heap, system properties): FRESHET_JAVA_OPTS="-Xmx8g -Dfoo=bar", split on spaces.
if [[ -n "${FRESHET_JAVA_OPTS:-}" ]]; then
  read -r -a extra <<< "$FRESHET_JAVA_OPTS"
  FRESHET_JVM_OPTS+=("${extra[@]}")
fi

# freshet_classpath MODULE: the module's jar and its Spark/Hadoop classpath, plus HADOOP_CONF_DIR.
freshet_classpath() {
  local module=$1 jar cpfile cp
  jar="$FRESHET_HOME/$module/target/$module.jar"
  cpfile="$FRESHET_HOME/$module/target/classpath.txt"
  if [[ ! -f "$jar" || ! -f "$cpfile" ]]; then
    echo "freshet: $module is not built; run: mvn -q -DskipTests package" >&2
    exit 1
  fi
  cp="$jar:$(cat "$cpfile")"
  if [[ -n "${HADOOP_CONF_DIR:-}" ]]; then
    cp="$HADOOP_CONF_DIR:$cp"
  fi
  printf '%s' "$cp"
}

# freshet_loopback_if_local ARGS...: when the arguments run Spark on this machine (no --master, or a local[...]
# one), keep Spark to the loopback interface. Spark binds its web UI, and its driver's ports, to SPARK_LOCAL_IP,
# and to every interface without it; a cluster master keeps Spark's own settings. A SPARK_LOCAL_IP already set wins.
freshet_loopback_if_local() {
  local master="" prev="" arg
  for arg in "$@"; do
    if [[ "$prev" == "--master" ]]; then
      master=$arg
    fi
    case "$arg" in --master=*) master=${arg#--master=} ;; esac
    prev=$arg
  done
  if [[ -z "$master" || "$master" == local* ]]; then
    export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
  fi
}
