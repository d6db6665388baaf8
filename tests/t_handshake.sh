#!/bin/sh
# Handshake drivers (bin/tlshs-<stack>) and the handshake stage of
# `make bench`: every built driver completes the full and resumed
# handshakes of each scenario it supports, with checked results; chains of
# every depth verify; a wrong trust anchor fails; bad options are refused
# before any work; a crashing or hanging stack gets failed rows and the
# stage goes on. Checks behaviour, never timings.
# Environment: BIN (bin). Ends with "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here" || exit 2
BIN=${BIN:-bin}
case "$BIN" in /*) ;; *) BIN="$here/$BIN" ;; esac
certs="$here/bench/hs/certs"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

ok() { passed=$((passed + 1)); echo "pass $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
CSVAWK=$(cat scripts/csv.awk)
header="schema_version,run_id,backend,scenario,side,source,component,ns,median_us,p99_us,handshakes_per_s,count,status,note"

# check_rows CSV STACK COUNT: every row has 14 columns, the stack's name,
# source measured; ok rows have positive figures and COUNT handshakes;
# unsupported rows a reason. Prints "ok unsupported failed bad" counts.
check_rows() {
    awk "$CSVAWK"'
    NR == 1 { next }
    {
        n = csvsplit($0, v)
        if (n != 14 || v[3] != stack || v[6] != "measured" || v[7] != "total" ||
            (v[5] != "client" && v[5] != "server")) { badrow++; next }
        if (v[13] == "ok") {
            if (v[8] + 0 > 0 && v[9] + 0 > 0 && v[10] + 0 >= v[9] + 0 &&
                v[11] + 0 > 0 && v[12] == count) nok++
            else badrow++
        } else if (v[13] == "unsupported") {
            if (v[14] != "" && v[8] == "") nuns++; else badrow++
        } else if (v[13] == "failed") {
            if (v[14] != "") nfail++; else badrow++
        } else badrow++
    }
    END { printf "%d %d %d %d\n", nok, nuns, nfail, badrow }' stack="$2" count="$3" "$1"
}

# ok_scenarios CSV: the scenarios whose two rows are ok, one a line.
ok_scenarios() {
    awk "$CSVAWK"'NR > 1 { csvsplit($0, v); if (v[13] == "ok") n[v[4]]++ }
    END { for (s in n) if (n[s] == 2) print s }' "$1" | sort
}

stacks=""
for exe in "$BIN"/tlshs-*; do
    [ -x "$exe" ] && stacks="$stacks ${exe##*/tlshs-}"
done
if [ -z "$stacks" ]; then
    echo "skip: no handshake driver is built (make handshake)"
    echo "0 passed, 0 failed"
    exit 0
fi

all=$("$BIN/tlshs-$(echo $stacks | cut -d' ' -f1)" --list | cut -f1)
n_sc=$(echo "$all" | wc -l)
full=$("$BIN/tlshs-$(echo $stacks | cut -d' ' -f1)" --list | awk -F'\t' '$5 == "full" { print $1 }')

echo "== every scenario, each driver (3 handshakes after 1 warm-up)"
for s in $stacks; do
    exe="$BIN/tlshs-$s"
    if "$exe" --info > "$tmp/info-$s" 2>&1 && grep -q "^stack=$s$" "$tmp/info-$s" &&
        grep -q '^model_backend=.' "$tmp/info-$s"; then
        ok "$s: --info names the stack and its model backend"
    else
        bad "$s: --info ($(tr '\n' ' ' < "$tmp/info-$s"))"
    fi
    "$exe" --count 3 --warmup 1 --certs "$certs" --run-id t1 --csv "$tmp/$s.csv" \
        --samples "$tmp/$s.samples.csv" > /dev/null 2> "$tmp/$s.log"
    rc=$?
    set -- $(check_rows "$tmp/$s.csv" "$s" 3)
    nok=${1:-0} nuns=${2:-0} nfail=${3:-0} nbad=${4:-1}
    if [ $rc -eq 0 ] && [ "$(head -n 1 "$tmp/$s.csv")" = "$header" ] &&
        [ "$nbad" -eq 0 ] && [ "$nfail" -eq 0 ] && [ $((nok + nuns)) -eq $((2 * n_sc)) ]; then
        ok "$s: $((nok / 2)) scenarios ok, $((nuns / 2)) unsupported (with reasons), none failed"
    else
        bad "$s: exit $rc, rows ok $nok, unsupported $nuns, failed $nfail, malformed $nbad"
        grep -E 'failed' "$tmp/$s.log" | sed 's/^/  /'
    fi
    okl=$(ok_scenarios "$tmp/$s.csv")
    nfull=0 nres=0
    for sc in $okl; do
        if echo "$full" | grep -qx "$sc"; then nfull=$((nfull + 1)); else nres=$((nres + 1)); fi
    done
    if [ $nfull -ge 1 ] && [ $nres -ge 1 ]; then
        ok "$s: full ($nfull) and resumed ($nres) handshakes checked (version, suite, group, resumption)"
    else
        bad "$s: needs at least one full and one resumed scenario ok (full $nfull, resumed $nres)"
    fi
    expect=$((3 * nok / 2))
    got=$(awk 'END { print NR - 1 }' "$tmp/$s.samples.csv" 2>/dev/null)
    if [ "$(head -n 1 "$tmp/$s.samples.csv" 2>/dev/null)" = "run_id,backend,scenario,i,client_ns,server_ns" ] &&
        [ "${got:-0}" -eq "$expect" ] &&
        awk -F, -v s="$s" 'NR > 1 && ($1 != "t1" || $2 != s || $5 + 0 <= 0 || $6 + 0 <= 0) { exit 1 }' "$tmp/$s.samples.csv"; then
        ok "$s: samples file holds every measured handshake ($got)"
    else
        bad "$s: samples ($got rows, expected $expect)"
    fi
done

echo "== certificate chains of depth 2 and 3 (one full scenario per key type)"
chain_sc=tls12-ecdhe-rsa-x25519,tls13-x25519-ecdsa-p256,tls13-p384-ecdsa-p384
for d in 2 3; do
    for s in $stacks; do
        "$BIN/tlshs-$s" --count 2 --warmup 0 --chain-depth $d --certs "$certs" \
            --scenarios "$chain_sc" --csv "$tmp/d$d-$s.csv" > /dev/null 2>&1
        rc=$?
        set -- $(check_rows "$tmp/d$d-$s.csv" "$s" 2)
        if [ $rc -eq 0 ] && [ "${1:-0}" -ge 2 ] && [ "${3:-1}" -eq 0 ] && [ "${4:-1}" -eq 0 ] &&
            grep -q "chain depth $d" "$tmp/d$d-$s.csv"; then
            ok "$s: chain depth $d verifies"
        else
            bad "$s: chain depth $d (exit $rc, rows ${*:-none})"
        fi
    done
done

echo "== a wrong trust anchor fails the scenario (the client really verifies)"
mkdir -p "$tmp/wrong"
cp "$certs"/* "$tmp/wrong/"
cp "$certs/p256-root.pem" "$tmp/wrong/rsa2048-root.pem"
for s in $stacks; do
    "$BIN/tlshs-$s" --count 2 --warmup 0 --certs "$tmp/wrong" --scenarios tls12-ecdhe-rsa-x25519 \
        --csv "$tmp/wrong-$s.csv" > /dev/null 2>&1
    rc=$?
    set -- $(check_rows "$tmp/wrong-$s.csv" "$s" 2)
    # Failed, or unsupported where the stack lacks the scenario.
    if { [ $rc -eq 1 ] && [ "${3:-0}" -eq 2 ]; } || { [ $rc -eq 0 ] && [ "${2:-0}" -eq 2 ]; }; then
        ok "$s: untrusted chain -> rows failed ($(awk "$CSVAWK"'NR == 2 { csvsplit($0, v); print substr(v[14], 1, 60) }' "$tmp/wrong-$s.csv"))"
    else
        bad "$s: untrusted chain was not refused (exit $rc, rows ${*:-none})"
    fi
done

echo "== bad options are refused before any work"
exe="$BIN/tlshs-$(echo $stacks | cut -d' ' -f1)"
refused() { # description, args...
    d=$1; shift
    out=$("$exe" "$@" 2>&1 >/dev/null); rc=$?
    if [ $rc -eq 2 ] && [ -n "$out" ]; then ok "cli: $d"; else bad "cli: $d (exit $rc, '$out')"; fi
}
o="$tmp/refused.csv"
refused "unknown scenario" --csv "$o" --scenarios tls12-rsa,bogus
refused "empty scenario name" --csv "$o" --scenarios tls12-rsa,,tls12-resume
refused "scenario named twice" --csv "$o" --scenarios tls12-rsa,tls12-rsa
refused "--count 0" --csv "$o" --count 0
refused "--count -5" --csv "$o" --count -5
refused "--count abc" --csv "$o" --count abc
refused "--count 1,2" --csv "$o" --count 1,2
refused "--count huge" --csv "$o" --count 99999999999999999999
refused "--warmup x" --csv "$o" --warmup x
refused "--chain-depth 9" --csv "$o" --chain-depth 9
refused "--chain-depth 0" --csv "$o" --chain-depth 0
refused "--chain-depth without value" --csv "$o" --chain-depth
refused "missing certificate folder" --csv "$o" --certs "$tmp/nowhere"
refused "no --csv" --count 3
refused "unknown option" --csv "$o" --bogus
refused "--info with --list" --info --list
refused "unwritable --csv" --csv "$tmp/nowhere/x.csv" --count 1
if [ -z "$(ls "$tmp" | grep refused)" ]; then ok "cli: refused runs leave no file"; else bad "cli: a refused run left $(ls "$tmp" | grep refused)"; fi

echo "== the make bench stage: merge, failed rows for a crash and a hang"
run="$tmp/run"
mkdir -p "$run"
fake="$tmp/bin"
mkdir -p "$fake"
real=$(echo $stacks | cut -d' ' -f1)
# A stand-in stack for each fault: --info and --list answer like the real
# program (so it is selected), a run crashes or hangs.
for fault in crash hang; do
    cat > "$fake/tlshs-fake$fault" <<EOF
#!/bin/sh
case "\$1" in
    --info) echo "stack=fake$fault"; echo "model_backend=null"; exit 0 ;;
    --list) exec "$BIN/tlshs-$real" "\$@" ;;
esac
[ $fault = crash ] && kill -SEGV \$\$
sleep 30
EOF
    chmod +x "$fake/tlshs-fake$fault"
done
ln -s "$BIN/tlshs-$real" "$fake/tlshs-$real"
model=$("$BIN/tlshs-$real" --info | sed -n 's/^model_backend=//p')
BIN="$fake" SELECTED_BACKENDS="null $model" QUICK_RUN=1 RUN_ID=stage1 TLSBENCH_HS_TIMEOUT=3 \
    sh scripts/bench.d/10-handshake.sh "$run" > "$tmp/stage.log" 2>&1
rc=$?
hc="$run/handshake.csv"
if [ $rc -eq 0 ] && [ "$(head -n 1 "$hc" 2>/dev/null)" = "$header" ] &&
    [ "$(grep -c '^schema_version' "$hc")" -eq 1 ]; then
    ok "stage: handshake.csv with one header"
else
    bad "stage: exit $rc, $(head -n 1 "$hc" 2>/dev/null)"; sed 's/^/  /' "$tmp/stage.log"
fi
set -- $(check_rows "$hc" "$real" 50)
nreal=$(awk -F, -v s="$real" '$3 == s' "$hc" 2>/dev/null | wc -l)
if [ "$nreal" -eq $((2 * n_sc)) ] && [ "${1:-0}" -ge 2 ]; then
    ok "stage: $real rows kept beside the faulty stacks ($nreal rows, QUICK: 50 handshakes each)"
else
    bad "stage: $real rows $nreal"
fi
for fault in crash hang; do
    want="crashed (signal 11)"
    [ $fault = hang ] && want="killed after 3s"
    nf=$(awk "$CSVAWK"'{ csvsplit($0, v); if (v[3] == s && v[13] == "failed" && index(v[14], w)) n++ } END { print n + 0 }' \
        s="fake$fault" w="$want" "$hc" 2>/dev/null)
    if [ "$nf" -eq $((2 * n_sc)) ]; then ok "stage: $fault -> every row failed ($want)"; else bad "stage: $fault rows $nf"; fi
done
ns=$(awk 'END { print NR - 1 }' "$run/handshake_samples.csv" 2>/dev/null)
if [ "$(head -n 1 "$run/handshake_samples.csv" 2>/dev/null)" = "run_id,backend,scenario,i,client_ns,server_ns" ] &&
    [ "${ns:-0}" -eq $((50 * ${1:-0} / 2)) ]; then
    ok "stage: handshake_samples.csv merged ($ns handshakes)"
else
    bad "stage: samples ($ns rows)"
fi
if [ -z "$(find "$run" -name '*.tmp*')" ]; then ok "stage: no temporary file left"; else bad "stage: temporary files left"; fi
out=$(BIN="$fake" SELECTED_BACKENDS="$model" CHAIN_DEPTH=7 QUICK_RUN=1 sh scripts/bench.d/10-handshake.sh "$tmp/run" 2>&1); rc=$?
if [ $rc -ne 0 ] && echo "$out" | grep -q 'chain-depth'; then ok "stage: bad CHAIN_DEPTH refused"; else bad "stage: CHAIN_DEPTH=7 (exit $rc)"; fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
