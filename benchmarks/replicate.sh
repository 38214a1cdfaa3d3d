# Sourced by the benchmark scripts: replicate DIR LABEL ARGS... runs Replication with ARGS and --out DIR (its table
# in DIR.log, its wall time in seconds, compile excluded, in DIR.wall) unless DIR holds a finished run (DIR.wall and
# DIR/summary.md): delete the folder and its files to rerun it.
replicate() {
  local dir="$1" label="$2" start end; shift 2
  if [ -f "$dir.wall" ] && [ -f "$dir/summary.md" ]; then
    echo "$label: $(cat "$dir.wall") s wall (recorded earlier), $dir.log"; return
  fi
  mkdir -p "$dir"
  start=$(date +%s)
  mvn -B -q -pl transfer-examples exec:java -Dexec.args="$* --out $dir" > "$dir.log" 2>&1 \
    || { tail -20 "$dir.log"; exit 1; }
  end=$(date +%s)
  echo "$((end - start))" > "$dir.wall"
  echo "$label: $((end - start)) s wall (compile excluded), $dir.log"
}
