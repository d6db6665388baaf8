#!/bin/sh
# The `make leakcheck` driver: checks the knobs, makes a new folder
# results/leak-<UTC>_<host>/, runs bin/tlsleak-<backend> for each backend
# with RSA decryption (a crash or a hang is recorded and the run goes on),
# merges leakcheck.csv, draws the charts, writes the report section
# leakcheck.md and prints the verdicts.
#
# Environment (from mk/leakcheck.mk): BIN BACKENDS_FOUND BACKENDS
# LEAK_SECONDS (measuring time per backend, default 100) LEAK_KEYS
# (default 2048,1024) RUN (a bench run folder: the section is added to its
# leakcheck.md, and to its REPORT.md when there is one); TLSBENCH_RESULTS
# (default results).
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/scripts/lib.sh"

BIN=${BIN:-bin}
RESULTS=${TLSBENCH_RESULTS:-results}
found=${BACKENDS_FOUND:-}
header="schema_version,run_id,backend,backend_version,key_bits,class,samples,median_ns,diff_ns,ci_low_ns,ci_high_ns,p_sign,p_wilcoxon,p_friedman,friedman_stat,verdict,detectable_ns,tsc_ghz,note"

# ---------------------------------------------------------------- knobs
secs=${LEAK_SECONDS:-100}
case "$secs" in
    ""|*[!0-9]*|0*) tb_die "LEAK_SECONDS must be a whole number of seconds from 1 to 86400 (the measuring time per backend), not '$secs'" ;;
esac
[ ${#secs} -le 5 ] && [ "$secs" -le 86400 ] ||
    tb_die "LEAK_SECONDS must be a whole number of seconds from 1 to 86400, not '$secs'"
keys=${LEAK_KEYS:-2048,1024}
case "$keys" in
    ""|*,,*|,*|*,|*" "*) tb_die "LEAK_KEYS='$keys' is not a comma-separated list (valid: 1024,2048,3072,4096)" ;;
esac
seen=""
for k in $(echo "$keys" | tr ',' ' '); do
    case "$k" in 1024|2048|3072|4096) ;; *)
        tb_die "LEAK_KEYS: '$k' is not an RSA key size here (valid: 1024,2048,3072,4096)" ;;
    esac
    case " $seen " in *" $k "*) tb_die "LEAK_KEYS: $k is named twice" ;; esac
    seen="$seen $k"
done
target=""
if [ -n "${RUN:-}" ]; then
    target=$RUN
    [ -d "$target" ] || { [ -d "$RESULTS/$target" ] && target="$RESULTS/$target"; }
    [ -d "$target" ] || tb_die "RUN=$RUN: no such run folder (runs are in $RESULTS/)"
    target=$(cd "$target" && pwd)
fi

# Backends: the named ones must have RSA decryption; by default every
# built backend that has it (null, which does nothing, only when named: it
# measures the harness itself).
# Test suite only: BACKENDS=leaky with TLSBENCH_TEST_FAULTS=1 runs the
# test adapter that leaks on purpose (bin/tlsleak-leaky).
if [ "${TLSBENCH_TEST_FAULTS:-}" = 1 ] && [ "${BACKENDS:-}" = leaky ]; then
    sel=leaky
else
    sel=$(tb_select_backends "${BACKENDS:-}" "$found") || exit 2
fi
# `make leakcheck` checks the knobs this far before it builds anything.
[ "${1:-}" = --check-knobs ] && exit 0
backends="" skipped=""
for b in $sel; do
    exe="$BIN/tlsleak-$b"
    [ -x "$exe" ] || tb_die "$exe is missing (make leakcheck builds it)"
    if [ -z "${BACKENDS:-}" ] && [ "$b" = null ]; then continue; fi
    if why=$("$exe" --probe 2>&1); then
        backends="$backends $b"
    elif [ -n "${BACKENDS:-}" ]; then
        tb_die "$(echo "$why" | sed 's/^tlsleak: //'): it has nothing to check (leave it out of BACKENDS)"
    else
        skipped="$skipped $b"
    fi
done
backends=${backends# }
[ -n "$backends" ] || tb_die "no built backend has RSA decryption (built: $found)"
[ -n "$skipped" ] && echo "tlsleak: no RSA decryption, skipped:$skipped"

# ---------------------------------------------------------------- folder
stamp=$(date -u +%Y%m%dT%H%M%SZ)
host=$(uname -n | tr -c 'A-Za-z0-9.\n-' '_')
mkdir -p "$RESULTS" || tb_die "cannot create $RESULTS"
folder="$RESULTS/leak-${stamp}_$host"
i=1
while ! mkdir "$folder" 2>/dev/null; do
    i=$((i + 1)); folder="$RESULTS/leak-${stamp}_${host}_$i"
    [ $i -lt 100 ] || tb_die "cannot create a leak-check folder in $RESULTS"
done
run_id=$(basename "$folder")
mkdir -p "$folder/raw" "$folder/plots"
touch "$folder/INCOMPLETE"
n_be=$(echo "$backends" | wc -w)
echo "tlsleak: $run_id: backends $backends; keys $keys; ${secs}s of measuring per backend (about $(( (secs + 10) * n_be / 60 + 1 )) min)"

child=""
interrupted=0
on_signal() {
    interrupted=1
    [ -n "$child" ] && kill -TERM "$child" 2>/dev/null
}
trap on_signal INT TERM HUP

sh "$here/scripts/machine.sh" "$BIN" "$backends" > "$folder/machine.txt.tmp" 2>/dev/null &&
    mv "$folder/machine.txt.tmp" "$folder/machine.txt"

# ---------------------------------------------------------------- measure
timeout_s=$((secs * 3 / 2 + 120))
k=0
for b in $backends; do
    [ $interrupted = 1 ] && break
    k=$((k + 1))
    echo "tlsleak: backend $k of $n_be: $b"
    raw="$folder/raw/$b"
    timeout -s KILL "$timeout_s" "$BIN/tlsleak-$b" --seconds "$secs" --keys "$keys" \
        --run-id "$run_id" --csv "$raw.csv" > "$raw.out" 2> "$raw.log" &
    child=$!
    wait "$child"
    rc=$?
    while kill -0 "$child" 2>/dev/null; do wait "$child"; rc=$?; done
    child=""
    sed 's/^/  /' "$raw.out"
    if [ $interrupted = 1 ]; then
        # the tool's half-written CSV (tb_csv writes NAME.tmp.PID)
        rm -f "$raw.csv" "$raw.csv.tmp."*
        break
    fi
    if [ $rc -ne 0 ] || [ ! -s "$raw.csv" ]; then
        if [ $rc -eq 137 ]; then why="killed after ${timeout_s}s (hang or SIGKILL)";
        elif [ $rc -gt 128 ]; then why="crashed (signal $((rc - 128)))";
        else why="exited with status $rc: $(tail -n 1 "$raw.log" | tr -d '"')"; fi
        echo "tlsleak: $b $why; marked failed, the run goes on" >&2
        { echo "$header"
          for kb in $(echo "$keys" | tr ',' ' '); do
              echo "1,$run_id,$b,,$kb,,,,,,,,,,,failed,,,\"$why\""
          done; } > "$raw.csv.tmp" && mv "$raw.csv.tmp" "$raw.csv"
    fi
done

files=""
for b in $backends; do [ -f "$folder/raw/$b.csv" ] && files="$files $folder/raw/$b.csv"; done
# shellcheck disable=SC2086
[ -n "$files" ] && tb_merge_csv "$folder/leakcheck.csv" $files
if [ $interrupted = 1 ]; then
    echo "interrupted at $(date -u +%Y-%m-%dT%H:%M:%SZ); completed backends kept" > "$folder/INCOMPLETE"
    echo "tlsleak: interrupted; the completed backends are in $folder/leakcheck.csv (marked INCOMPLETE)" >&2
    exit 130
fi
rm -f "$folder/INCOMPLETE"

# ---------------------------------------------------------------- charts
sh "$here/scripts/plots.d/50-leakcheck.sh" "$folder" || echo "tlsleak: the charts could not be drawn" >&2

# ---------------------------------------------------------------- report
# leakcheck.md: the section for REPORT.md. Chart links are relative to the
# folder the section is in (prefix).
section() {
    awk -v prefix="$1" -v id="$run_id" -v secs="$secs" -v machine="$2" \
        -v plots="$(cd "$folder/plots" && ls leak-*.png 2>/dev/null | tr '\n' ' ')" \
        "$(cat "$here/scripts/csv.awk")"'
    function f(name) { return v[col[name]] }
    function pfmt(p) { return p == "" ? "" : (p + 0 == 0 ? "<1e-300" : p) }
    NR == 1 { n = csvsplit($0, h); for (i = 1; i <= n; i++) col[h[i]] = i; next }
    {
        csvsplit($0, v)
        key = f("backend") SUBSEP f("key_bits")
        if (!(key in seen)) { seen[key] = 1; order[++nk] = key }
        verdict[key] = f("verdict")
        if (f("class") == "" || f("class") == "valid48") {
            note[key] = f("note"); pf[key] = f("p_friedman")
            blocks[key] = f("samples"); det[key] = f("detectable_ns")
            ver[f("backend")] = f("backend_version")
        } else {
            p = f("p_wilcoxon") + 0
            if (!(key in best) || p < bestp[key]) {
                bestp[key] = p
                best[key] = sprintf("%s %+.1f ns (%.1f..%.1f)", f("class"), f("diff_ns"), f("ci_low_ns"), f("ci_high_ns"))
            }
        }
    }
    END {
        printf "## Leak check: RSA pre-master-secret decryption (%s)\n\n", id
        printf "Does the time of each backend'"'"'s TLS server path for the RSA pre-master secret "
        printf "(`decrypt_pms`, as timed in the speed rows) depend on the ciphertext? "
        printf "Eleven classes of ciphertext (valid 48-byte secret; valid with 0, 47, 49, 112 bytes; "
        printf "no structure; 00 01 and 01 02 headers; a zero in the padding; no separator; "
        printf "wrong version), a fresh one per query, timed in randomised blocks with the "
        printf "cycle counter on one pinned core (%s s of measuring per backend%s). ", secs, machine == "" ? "" : ", " machine
        printf "**Leak suggested** when the Friedman test across classes gives p < 1e-5; otherwise "
        printf "the widest 95%% bootstrap interval of a median difference says how small a "
        printf "difference the run could have seen.\n\n"
        printf "| backend | key | verdict | Friedman p | blocks | would have seen (ns) | most different class: median diff (95%% CI) |\n"
        printf "|---|---|---|---|---|---|---|\n"
        for (i = 1; i <= nk; i++) {
            split(order[i], kb, SUBSEP)
            vd = verdict[order[i]]
            if (vd == "leak suggested") vd = "**" vd "**"
            printf "| %s | RSA-%s | %s | %s | %s | %s | %s |\n", kb[1], kb[2], vd, pfmt(pf[order[i]]), blocks[order[i]], det[order[i]], best[order[i]]
        }
        printf "\n"
        for (i = 1; i <= nk; i++) {
            split(order[i], kb, SUBSEP)
            n = note[order[i]]
            if (verdict[order[i]] == "unsupported" || verdict[order[i]] == "failed")
                printf "- %s RSA-%s: %s: %s\n", kb[1], kb[2], verdict[order[i]], n
            else if (n ~ /self-check/) {
                sub(/.*self-check: /, "", n)
                printf "- %s RSA-%s: the self-check found broken blocks taken as valid: %s\n", kb[1], kb[2], n
            }
        }
        printf "\n"
        np = split(plots, pl, " ")
        for (i = 1; i <= np; i++) {
            b = pl[i]; sub(/^leak-/, "", b); sub(/\.png$/, "", b)
            printf "![%s: median difference from the valid class, 95%% CI](%splots/%s)\n\n", b, prefix, pl[i]
        }
    }' "$folder/leakcheck.csv"
}
machine=$(awk -F= '$1 == "cpu_model" { print $2 }' "$folder/machine.txt" 2>/dev/null)
if [ -s "$folder/leakcheck.csv" ]; then
    section "" "$machine" > "$folder/leakcheck.md.tmp" && mv "$folder/leakcheck.md.tmp" "$folder/leakcheck.md"
fi
if [ -n "$target" ] && [ -s "$folder/leakcheck.md" ]; then
    # Links from the run folder: a sibling in the same results folder.
    prefix=""
    [ "$(cd "$folder/.." && pwd)" = "$(cd "$target/.." && pwd)" ] && prefix="../$run_id/"
    section "$prefix" "$machine" > "$folder/section.tmp"
    # Appended, never replacing an earlier leak check's section; the
    # report tool includes RUN/leakcheck.md when it regenerates REPORT.md.
    { [ -s "$target/leakcheck.md" ] && echo; cat "$folder/section.tmp"; } >> "$target/leakcheck.md"
    if [ -f "$target/REPORT.md" ]; then
        { echo; cat "$folder/section.tmp"; } >> "$target/REPORT.md"
        echo "tlsleak: section added to $target/REPORT.md"
    else
        echo "tlsleak: $target has no REPORT.md; the section is in $target/leakcheck.md"
    fi
    rm -f "$folder/section.tmp"
fi

# ---------------------------------------------------------------- verdicts
echo "tlsleak: verdicts (per backend: a leak at any key size decides)"
awk "$(cat "$here/scripts/csv.awk")"'
    function f(name) { return v[col[name]] }
    function rank(x) { return x == "leak suggested" ? 4 : x == "inconclusive" ? 3 : x == "no leak detected" ? 2 : x == "failed" ? 1 : 0 }
    NR == 1 { n = csvsplit($0, h); for (i = 1; i <= n; i++) col[h[i]] = i; next }
    { csvsplit($0, v) }
    f("class") == "" || f("class") == "valid48" {
        b = f("backend"); vd = f("verdict")
        if (!(b in all)) { order[++nb] = b; all[b] = vd }
        else if (rank(vd) > rank(all[b])) all[b] = vd
        if (vd == "no leak detected") d = "would have seen " f("detectable_ns") " ns"
        else if (f("class") == "") d = f("note")
        else { d = f("note"); sub(/; [0-9]+ blocks.*/, "", d) }
        det[b] = det[b] sprintf("\n    RSA-%s: %s (%s)", f("key_bits"), vd, d)
    }
    END { for (i = 1; i <= nb; i++) printf "  %-10s %s%s\n", order[i], all[order[i]], det[order[i]] }' "$folder/leakcheck.csv"
echo "tlsleak: results in $folder"
exit 0
