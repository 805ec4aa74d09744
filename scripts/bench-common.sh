# Shared by scripts/bench-*: build once in release mode and time commands.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup-machine"
# scripts/bench-perf builds once and sets GIT_BENCH_PREBUILT, so the compiler is not among the processes it measures.
if [ -z "${GIT_BENCH_PREBUILT:-}" ]; then
  (cd "$root" && swift build -c release --static-swift-stdlib --product git-bench 2>&1 | tail -n 1 >&2 && swift build -c release --static-swift-stdlib --product git-bench-perf 2>&1 | tail -n 1 >&2)
fi
bin="$root/.build/release"
export PATH="$bin:$PATH"

# now_ns: monotonic-enough wall clock in nanoseconds.
now_ns() { date +%s%N; }

# median_ms CMD...: runs CMD 15 times (after 2 warm-ups) and prints the median wall time in milliseconds.
median_ms() {
  local samples=() i start end
  for i in 1 2; do "$@" >/dev/null 2>&1 || true; done
  for i in $(seq 1 15); do
    start=$(now_ns); "$@" >/dev/null 2>&1 || true; end=$(now_ns)
    samples+=($(( (end - start) / 1000 )))
  done
  printf '%s\n' "${samples[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%.2f", a[int((NR + 1) / 2)] / 1000 }'
}

# make_project DIR: a git repo with a trivial benchmark whose runner writes a fixed result.
make_project() {
  local dir=$1
  mkdir -p "$dir/bench"
  git -C "$dir" init -q -b main
  cat > "$dir/bench/manifest.toml" <<'TOML'
[project]
name = "Perf"
language = "shell"
invocation = "sh bench/runner.sh {entry_point} {config_path} {output_path}"

[[benchmarks]]
name = "trivial"
entry_point = "trivial"
tier = "quality"
metric_direction = "minimize"
repetitions = 6
baseline_seeds = [1, 2, 3, 4, 5, 6]
promotion_sigma = 2.0
TOML
  cat > "$dir/bench/runner.sh" <<'SH'
printf '{"status":"ok","metric":1.0}' > "$3"
SH
  git -C "$dir" add -A
  git -C "$dir" -c user.name=perf -c user.email=perf@example.invalid commit -qm init
}
