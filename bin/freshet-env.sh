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

# freshet_spark_classpath MODULE: the Spark/Hadoop classpath the build wrote for MODULE (Spark, its YARN support,
# Hadoop), after the Hadoop and YARN configuration directories when HADOOP_CONF_DIR or YARN_CONF_DIR is set, as
# Spark's own launcher puts them: that is where the yarn master finds its ResourceManager.
freshet_spark_classpath() {
  local module=$1 jar cpfile cp
  jar="$FRESHET_HOME/$module/target/$module.jar"
  cpfile="$FRESHET_HOME/$module/target/classpath.txt"
  if [[ ! -f "$jar" || ! -f "$cpfile" ]]; then
    echo "freshet: $module is not built; run: mvn -q -DskipTests package" >&2
    exit 1
  fi
  cp="$(cat "$cpfile")"
  if [[ -n "${YARN_CONF_DIR:-}" && "${YARN_CONF_DIR}" != "${HADOOP_CONF_DIR:-}" ]]; then
    cp="$YARN_CONF_DIR:$cp"
  fi
  if [[ -n "${HADOOP_CONF_DIR:-}" ]]; then
    cp="$HADOOP_CONF_DIR:$cp"
  fi
  printf '%s' "$cp"
}

# freshet_classpath MODULE: the module's jar, then freshet_spark_classpath MODULE.
freshet_classpath() {
  local module=$1 cp
  cp="$(freshet_spark_classpath "$module")" || exit 1
  printf '%s' "$FRESHET_HOME/$module/target/$module.jar:$cp"
}

# freshet_arg OPTION ARGS...: the value of the last OPTION VALUE or OPTION=VALUE in ARGS, empty when there is none.
freshet_arg() {
  local option=$1 value="" prev="" arg
  shift
  for arg in "$@"; do
    if [[ "$prev" == "$option" ]]; then
      value=$arg
    fi
    case "$arg" in "$option="*) value=${arg#"$option="} ;; esac
    prev=$arg
  done
  printf '%s' "$value"
}

# freshet_master ARGS...: the value of --master URL or --master=URL in ARGS, empty when there is none.
freshet_master() {
  freshet_arg --master "$@"
}

# freshet_loopback_if_local ARGS...: when the arguments run Spark on this machine (no --master, or a local[...]
# one), keep Spark to the loopback interface. Spark binds its web UI, and its driver's ports, to SPARK_LOCAL_IP,
# and to every interface without it; a cluster master keeps Spark's own settings. A SPARK_LOCAL_IP already set wins.
freshet_loopback_if_local() {
  local master
  master="$(freshet_master "$@")"
  if [[ -z "$master" || "$master" == local* ]]; then
    export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
  fi
}

# freshet_sets_conf KEY ARGS...: whether ARGS set the Spark setting KEY (--conf KEY=..., --conf=KEY=...) or
# FRESHET_JAVA_OPTS sets it as a system property (-DKEY=...).
freshet_sets_conf() {
  local key=$1 prev="" arg
  shift
  for arg in "$@" ${FRESHET_JAVA_OPTS:-}; do
    case "$arg" in "--conf=$key="*|"-D$key="*) return 0 ;; esac
    if [[ "$prev" == "--conf" && "$arg" == "$key="* ]]; then
      return 0
    fi
    prev=$arg
  done
  return 1
}

# freshet_yarn_jars MODULE ARGS...: with --master yarn in ARGS, prints spark.yarn.jars=JARS, the build's Spark,
# YARN and Hadoop jars (comma-separated) that YARN's containers (the ApplicationMaster, the executors) run on,
# unless ARGS or FRESHET_JAVA_OPTS already name spark.yarn.jars or spark.yarn.archive (a cluster that keeps Spark's
# jars on HDFS: then nothing is uploaded at each submit). Prints nothing for any other master.
freshet_yarn_jars() {
  local module=$1 cpfile
  shift
  [[ "$(freshet_master "$@")" == yarn* ]] || return 0
  if freshet_sets_conf spark.yarn.jars "$@" || freshet_sets_conf spark.yarn.archive "$@"; then
    return 0
  fi
  cpfile="$FRESHET_HOME/$module/target/classpath.txt"
  printf 'spark.yarn.jars=%s' "$(tr ':' ',' < "$cpfile" | tr -d '\n')"
}

# freshet_log_format ARGS...: the log format the arguments (--log-format F, --log-format=F) or else
# FRESHET_LOG_FORMAT ask for, in lower case; text when neither does. The JVM checks the value (exit 2).
freshet_log_format() {
  local format
  format="$(freshet_arg --log-format "$@")"
  format="${format:-${FRESHET_LOG_FORMAT:-text}}"
  printf '%s' "${format,,}"
}

# freshet_json_logs ARGS...: with json logs asked for, the JVM starts with them (-Dfreshet.log.format=json, which
# cli-common's log4j2.properties reads), so that its first log line is JSON already.
freshet_json_logs() {
  if [[ "$(freshet_log_format "$@")" == json ]]; then
    FRESHET_JVM_OPTS+=("-Dfreshet.log.format=json")
  fi
}

# freshet_exec ARGS... -- COMMAND...: execs COMMAND (the JVM), which keeps the launcher's PID. With json logs
# asked for in ARGS, its stderr goes through a filter that drops the one line the JVM itself prints before any
# logger exists: its notice for the jdk.incubator.vector module that bin/jvm-options adds (the Vector API top-N
# kernel). Every other line passes as it comes, so stderr holds JSON objects only.
freshet_exec() {
  local args=()
  while [[ $# -gt 0 && "$1" != "--" ]]; do
    args+=("$1")
    shift
  done
  shift
  if [[ "$(freshet_log_format "${args[@]}")" == json ]]; then
    exec "$@" 2> >(exec grep --line-buffered -vxF 'WARNING: Using incubator modules: jdk.incubator.vector' >&2)
  fi
  exec "$@"
}
