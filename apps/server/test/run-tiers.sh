#!/usr/bin/env bash
# Runs the three test tiers (see vitest.config.mts): the process tier, which mostly waits on real
# processes, retries and leases, in the background while the unit and in-process tiers use the
# cores; then shows the process tier's output as it finishes. Each run writes its own JSON report.
# OPENMSG_TEST_TIERS_IN_SEQUENCE=1 runs them one after the other instead (for comparing).
# OPENMSG_TEST_BESIDE="command": run after the parallel tiers, while the process tier still runs
# (scripts/test.sh puts the web inbox's tests there); its failure fails the run.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p test-results
rm -f test-results/vitest*.json test-results/process-tier.log

if [[ "${OPENMSG_TEST_TIERS_IN_SEQUENCE:-}" == 1 || $# -gt 0 ]]; then
  exec vitest run "$@"
fi

vitest run --project process --outputFile.json=test-results/vitest-process.json >test-results/process-tier.log 2>&1 &
process_pid=$!
vitest run --project unit --project in-process --outputFile.json=test-results/vitest.json
parallel_status=$?
beside_status=0
if [[ -n "${OPENMSG_TEST_BESIDE:-}" ]]; then
  bash -c "$OPENMSG_TEST_BESIDE"
  beside_status=$?
fi
echo "--- process tier (running since the start; its output so far, then as it comes) ---"
tail -n +1 --pid="$process_pid" -f test-results/process-tier.log
wait "$process_pid"
process_status=$?
exit $((parallel_status || beside_status || process_status))
