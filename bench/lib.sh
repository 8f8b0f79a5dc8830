# Shell functions the benchmarks share; sourced by bench/*/run.sh.

# CPU of a process's threads by thread name, digits dropped ("qtp123-45" -> "qtp-"): "name run_us wait_us"
# (/proc/<tid>/schedstat: time on a core, time waiting for one), and "TOTAL run_us 0" for the whole process
# (exited threads included; /proc/<pid>/stat, in ticks of 10 ms)
cpu_threads() {
  local pid=$1 t comm stat rest
  for t in /proc/"$pid"/task/*; do
    comm=$(cat "$t/comm" 2>/dev/null) || continue
    read -r run wait _ <"$t/schedstat" 2>/dev/null || continue
    comm=${comm//[0-9]/}
    echo "${comm// /_} $((run / 1000)) $((wait / 1000))"
  done | awk '{ run[$1] += $2; wait[$1] += $3 } END { for (k in run) print k, run[k], wait[k] }'
  stat=$(cat /proc/"$pid"/stat); rest=${stat##*) }; set -- $rest
  echo "TOTAL $(((${12} + ${13}) * 10000)) 0"
}
