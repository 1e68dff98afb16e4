# Shared by examples/run-*-example.sh (sourced, not run): Maven's arguments from the environment
# (LOUPE_M2_REPO: a local repository; LOUPE_MVN_OFFLINE=1: no network) and fail().
mvn_args=(-B -q)
if [[ -n "${LOUPE_M2_REPO:-}" ]]; then
    mvn_args+=("-Dmaven.repo.local=${LOUPE_M2_REPO}")
fi
if [[ "${LOUPE_MVN_OFFLINE:-0}" == 1 ]]; then
    mvn_args+=(-o)
fi

fail() {
    printf '%s: %s\n' "$(basename "$0" .sh)" "$*" >&2
    exit 1
}
