#!/bin/sh
# The handshake cost model (bin/tlsbench-model, scripts/bench.d/20-model.sh,
# scripts/plots.d/40-handshake.sh) on the fixed files of
# tests/fixtures/model: the arithmetic to the last digit, statuses and
# notes of missing or failed rows, the measured rows kept, the overhead,
# refusal of bad input with the output untouched, the shipped recipes, and
# the charts drawn. Ends with "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here" || exit 2
BIN=${BIN:-bin}
exe="$BIN/tlsbench-model"
fx=tests/fixtures/model
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "pass $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
finish() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }

if [ ! -x "$exe" ]; then
    bad "$exe is not built (make $exe)"
    finish
fi

# cell FILE BACKEND SCENARIO SIDE SOURCE COMPONENT COLUMN: one cell of
# handshake.csv (column by name), or "<none>" / "<2 rows>".
cell() {
    awk -v b="$2" -v sc="$3" -v sd="$4" -v src="$5" -v c="$6" -v col="$7" \
        "$(cat scripts/csv.awk)"'
        NR == 1 { n = csvsplit($0, h); for (i = 1; i <= n; i++) if (h[i] == col) k = i; next }
        { csvsplit($0, f) }
        f[3] == b && f[4] == sc && f[5] == sd && f[6] == src && f[7] == c { hits++; v = f[k] }
        END { print hits == 1 ? v : hits ? "<" hits " rows>" : "<none>" }' "$1"
}
# expect WHAT GOT WANT
expect() {
    if [ "$2" = "$3" ]; then ok "$1"; else bad "$1: got '$2', want '$3'"; fi
}

model() { # out, extra args...
    out=$1; shift
    "$exe" --recipes $fx/recipes.txt --results $fx/results.csv --out "$out" "$@"
}

echo "== the arithmetic (model rows only)"
m="$tmp/m1.csv"
if model "$m" > "$tmp/log" 2>&1; then ok "model-only run"; else bad "model-only run: $(cat "$tmp/log")"; fi
# 476233.679 + 5627.062 + 2 x 3770.281 (the threads=2 row is ignored)
expect "openssl tls12-rsa server total" "$(cell "$m" openssl tls12-rsa server model total ns)" 489401.303
expect "openssl prf_finished = 2 x 3770.281" "$(cell "$m" openssl tls12-rsa server model prf_finished ns)" 7540.562
expect "openssl prf_finished count" "$(cell "$m" openssl tls12-rsa server model prf_finished count)" 2
expect "threads=1 row used, not threads=2" "$(cell "$m" openssl tls12-rsa server model rsa_decrypt_pms ns)" 476233.679
# 18069.561 + 18955.066 + 7540.562
expect "openssl tls12-rsa client total (depth 1)" "$(cell "$m" openssl tls12-rsa client model total ns)" 44565.189
# six-decimal input kept exact: 66007.066 + 2 x 2.000001
expect "openssl tls13-psk-only total (six decimals)" "$(cell "$m" openssl tls13-psk-only server model total ns)" 66011.066002
expect "finished_hmac 2 x 2.000001" "$(cell "$m" openssl tls13-psk-only server model finished_hmac ns)" 4.000002
# gnutls modelled with the nettle rows: 63659.360 + 54672.074 + 2 x 1046.871
expect "gnutls (nettle rows) tls12-rsa client total" "$(cell "$m" gnutls tls12-rsa client model total ns)" 120425.176
expect "gnutls note names the nettle rows" \
    "$(cell "$m" gnutls tls12-rsa client model cert_verify note | grep -c 'of nettle at 63659.360 ns')" 1
expect "a failed row makes the total failed" "$(cell "$m" gnutls tls12-rsa server model total status)" failed
expect "the failed total has no ns" "$(cell "$m" gnutls tls12-rsa server model total ns)" ""
expect "the failed total names the row" \
    "$(cell "$m" gnutls tls12-rsa server model total note | grep -c 'prf/SHA256/ems/48 (failed)')" 1
expect "the other parts still get their ns" "$(cell "$m" gnutls tls12-rsa server model rsa_decrypt_pms ns)" 3604125.429
expect "a missing row makes the total unsupported" "$(cell "$m" gnutls tls13-psk-only client model total status)" unsupported
expect "the missing part names its row" \
    "$(cell "$m" gnutls tls13-psk-only client model hkdf_schedule note | grep -c 'missing row hkdf/SHA256/schedule/464')" 1
expect "a stack without rows or measurement is left out" "$(cell "$m" wolfssl tls12-rsa client model total ns)" "<none>"
expect "no overhead rows without measurement" "$(awk -F, '$6 == "overhead"' "$m" | wc -l)" 0
expect "model rows: 2 stacks x (4 + 4 + 3 + 3 + 2 x 2 + 2 x 2) + totals" "$(awk -F, '$6 == "model"' "$m" | wc -l)" 28

echo "== the chain-depth knob"
m3="$tmp/m3.csv"
model "$m3" --depth 3 > /dev/null 2>&1 || bad "--depth 3 run"
# 3 x 18069.561 + 18955.066 + 7540.562
expect "depth 3 multiplies cert_verify" "$(cell "$m3" openssl tls12-rsa client model cert_verify ns)" 54208.683
expect "depth 3 count" "$(cell "$m3" openssl tls12-rsa client model cert_verify count)" 3
expect "depth 3 total" "$(cell "$m3" openssl tls12-rsa client model total ns)" 80704.311
expect "depth leaves the server alone" "$(cell "$m3" openssl tls12-rsa server model total ns)" 489401.303

echo "== another column of ns per operation"
mc="$tmp/mc.csv"
model "$mc" --column ns_min > /dev/null 2>&1 || bad "--column ns_min run"
# the fixture's ns_min equals ns_per_op except where changed here
expect "--column ns_min gives the same sums on this fixture" "$(cell "$mc" openssl tls12-rsa server model total ns)" 489401.303
expect "--column is named in the note" "$(cell "$mc" openssl tls12-rsa server model prf_ems note | grep -c '(ns_min)')" 1
sed '2s/,476233.679,476233.679,/,476233.679,476000.000,/' $fx/results.csv > "$tmp/min.csv"
"$exe" --recipes $fx/recipes.txt --results "$tmp/min.csv" --out "$tmp/mc2.csv" --column ns_min > /dev/null 2>&1
expect "--column ns_min uses that column" "$(cell "$tmp/mc2.csv" openssl tls12-rsa server model rsa_decrypt_pms ns)" 476000.000

echo "== rows timed again beside the handshakes (--retimed): the lower counts"
# a re-timing of two openssl rows: decrypt lower (used), ems higher (not)
{ head -n 1 $fx/results.csv
  grep '^1,fixture-run,openssl,1.0,rsa,RSA-2048,decrypt,48,1,' $fx/results.csv | sed 's/,476233.679,476233.679,476233.679,/,470000.000,470000.000,471000.000,/'
  grep '^1,fixture-run,openssl,1.0,prf,SHA256,ems,48,1,' $fx/results.csv | sed 's/^\(\([^,]*,\)\{11\}\)[^,]*,[^,]*,/\199999.000,99999.000,/'
} > "$tmp/re.csv"
model "$tmp/mr.csv" --column ns_min --retimed "$tmp/re.csv" > "$tmp/log" 2>&1 || bad "--retimed run: $(cat "$tmp/log")"
expect "--retimed: the lower re-timed row is used" "$(cell "$tmp/mr.csv" openssl tls12-rsa server model rsa_decrypt_pms ns)" 470000.000
expect "--retimed: a higher re-timed row is not" "$(cell "$tmp/mr.csv" openssl tls12-rsa server model prf_ems ns)" "$(cell "$mc" openssl tls12-rsa server model prf_ems ns)"
"$exe" --recipes $fx/recipes.txt --results $fx/results.csv --out "$tmp/mr2.csv" --markdown "$tmp/mr2.md" --column ns_min --retimed "$tmp/re.csv" > /dev/null 2>&1
expect "--retimed: the report says so, with counts" "$(grep -c '(2 rows re-timed, 1 lower the second time)' "$tmp/mr2.md")" 1
sed 's/^1,fixture-run,/1,other-run,/' "$tmp/re.csv" > "$tmp/re-other.csv"
if model "$tmp/mr3.csv" --retimed "$tmp/re-other.csv" > "$tmp/log" 2>&1; then
    bad "--retimed of another run accepted"
else
    expect "--retimed of another run refused, nothing written" "$(grep -c 'must be of the same run' "$tmp/log")$([ -e "$tmp/mr3.csv" ] && echo written)" 1
fi
printf 'a,b\n1,2\n' > "$tmp/re-bad.csv"
if model "$tmp/mr4.csv" --retimed "$tmp/re-bad.csv" > "$tmp/log" 2>&1; then
    bad "--retimed of an unrelated CSV accepted"
else
    expect "--retimed of an unrelated CSV refused, nothing written" "$(grep -c 'not a results.csv' "$tmp/log")$([ -e "$tmp/mr4.csv" ] && echo written)" 1
fi

echo "== measured rows kept, overhead = measured - model"
h="$tmp/handshake.csv"
cp $fx/handshake.csv "$h"
if model "$h" --measured "$h" --markdown "$tmp/hs.md" > "$tmp/log" 2>&1; then ok "run with measured rows"; else bad "run with measured rows: $(cat "$tmp/log")"; fi
grep -v -e ',model,' -e ',overhead,' $fx/handshake.csv > "$tmp/want-measured"
grep -v -e ',model,' -e ',overhead,' "$h" > "$tmp/got-measured"
if cmp -s "$tmp/want-measured" "$tmp/got-measured"; then ok "measured rows kept as they were"; else bad "measured rows changed"; fi
expect "stale model row replaced" "$(cell "$h" openssl tls12-rsa client model total ns)" 44565.189
expect "stale rows gone" "$(grep -c 'stale' "$h")" 0
expect "overhead 50000 - 44565.189" "$(cell "$h" openssl tls12-rsa client overhead total ns)" 5434.811
expect "negative overhead 489000.5 - 489401.303" "$(cell "$h" openssl tls12-rsa server overhead total ns)" -400.803
expect "negative overhead is flagged" "$(cell "$h" openssl tls12-rsa server overhead total note | grep -c NEGATIVE)" 1
expect "overhead with six decimals" "$(cell "$h" openssl tls13-psk-only server overhead total ns)" 3988.933998
expect "zero overhead" "$(cell "$h" gnutls tls12-rsa client overhead total ns)" 0.000
expect "overhead of a failed model is failed" "$(cell "$h" gnutls tls12-rsa server overhead total status)" failed
expect "overhead of an unmeasured side is unsupported" "$(cell "$h" gnutls tls13-psk-only client overhead total status)" unsupported
expect "one overhead row per measured row" "$(awk -F, '$6 == "overhead"' "$h" | wc -l)" 6
cp "$h" "$tmp/first"
model "$h" --measured "$h" > /dev/null 2>&1
if cmp -s "$h" "$tmp/first"; then ok "a second run gives the same file"; else bad "a second run changed the file"; fi
expect "markdown: a section per scenario" "$(grep -c '^### tls' "$tmp/hs.md")" 2
expect "markdown: the floor exception is named" \
    "$(grep -c 'openssl tls12-rsa server: measured 489.0 µs < model 489.4 µs' "$tmp/hs.md")" 1
expect "markdown: floor count" "$(grep -c 'measured >= model in 3 of 4' "$tmp/hs.md")" 1

echo "== bad input is refused and nothing is written"
refused() { # description, then the arguments after --recipes
    d=$1; shift
    before=$(cksum < "$h")
    out=$("$exe" "$@" 2>&1 >/dev/null); rc=$?
    if [ $rc -eq 2 ] && [ -n "$out" ] && [ "$(cksum < "$h")" = "$before" ]; then
        ok "refused: $d"
    else
        bad "refused: $d (exit $rc, '$out')"
    fi
}
r="--recipes $fx/recipes.txt"
o="--out $h --measured $h"
refused "unknown option" $r --results $fx/results.csv $o --bogus
refused "no --results" $r $o
refused "--depth 0" $r --results $fx/results.csv $o --depth 0
refused "--depth 17" $r --results $fx/results.csv $o --depth 17
refused "--depth x" $r --results $fx/results.csv $o --depth x
refused "--depth -1" $r --results $fx/results.csv $o --depth -1
refused "--depth without value" $r --results $fx/results.csv $o --depth
refused "missing results file" $r --results "$tmp/nope.csv" $o
refused "--column that does not exist" $r --results $fx/results.csv $o --column cpu_ns
refused "--column that is not a number" $r --results $fx/results.csv $o --column note
printf 'a,b\n1,2\n' > "$tmp/notresults.csv"
refused "not a results.csv" $r --results "$tmp/notresults.csv" $o
head -n 3 $fx/results.csv > "$tmp/trunc.csv"
head -n 4 $fx/results.csv | tail -n 1 | cut -d, -f1-10 >> "$tmp/trunc.csv"
refused "truncated results row" $r --results "$tmp/trunc.csv" $o
sed '2s/,476233.679,/,4.7e5,/' $fx/results.csv > "$tmp/exp.csv"
refused "ns_per_op in exponent form" $r --results "$tmp/exp.csv" $o
sed '2s/,476233.679,/,-476233.679,/' $fx/results.csv > "$tmp/neg.csv"
refused "negative ns_per_op" $r --results "$tmp/neg.csv" $o
sed '2s/,ok,/,fine,/' $fx/results.csv > "$tmp/status.csv"
refused "unknown status" $r --results "$tmp/status.csv" $o
sed '3s/fixture-run/other-run/' $fx/results.csv > "$tmp/tworuns.csv"
refused "two run ids in results.csv" $r --results "$tmp/tworuns.csv" $o
sed '3s/,2,3,1000,999.000/,1,3,1000,999.000/' $fx/results.csv > "$tmp/dup.csv"
refused "a duplicated row" $r --results "$tmp/dup.csv" $o
cp $fx/handshake.csv "$tmp/m-bad.csv"
sed -i '2s/,openssl,/,rustls,/' "$tmp/m-bad.csv"
refused "measured stack without a recipe" $r --results $fx/results.csv --out "$tmp/m-bad.csv" --measured "$tmp/m-bad.csv"
cp $fx/handshake.csv "$tmp/m-bad.csv"
sed -i '2s/,tls12-rsa,/,tls12-dhe,/' "$tmp/m-bad.csv"
refused "measured scenario without a recipe" $r --results $fx/results.csv --out "$tmp/m-bad.csv" --measured "$tmp/m-bad.csv"
cp $fx/handshake.csv "$tmp/m-bad.csv"
sed -i '2s/fixture-run/other-run/' "$tmp/m-bad.csv"
refused "measured rows of another run" $r --results $fx/results.csv --out "$tmp/m-bad.csv" --measured "$tmp/m-bad.csv"
cp $fx/handshake.csv "$tmp/m-bad.csv"
sed -i '2s/,measured,/,guessed,/' "$tmp/m-bad.csv"
refused "unknown source" $r --results $fx/results.csv --out "$tmp/m-bad.csv" --measured "$tmp/m-bad.csv"
cp $fx/handshake.csv "$tmp/m-bad.csv"
sed -i '2s/,50000,/,fifty,/' "$tmp/m-bad.csv"
refused "measured ns not a number" $r --results $fx/results.csv --out "$tmp/m-bad.csv" --measured "$tmp/m-bad.csv"
cp $fx/handshake.csv "$tmp/m-bad.csv"
sed -i '2s/,50000,/,-50000,/' "$tmp/m-bad.csv"
refused "negative measured ns" $r --results $fx/results.csv --out "$tmp/m-bad.csv" --measured "$tmp/m-bad.csv"
cp $fx/handshake.csv "$tmp/m-bad.csv"
sed -n 2p $fx/handshake.csv >> "$tmp/m-bad.csv"
refused "a measured row twice" $r --results $fx/results.csv --out "$tmp/m-bad.csv" --measured "$tmp/m-bad.csv"
cp $fx/handshake.csv "$tmp/m-bad.csv"
sed -i '3s/,fixture: measured below the model$/,chain depth 1/' "$tmp/m-bad.csv"
refused "measured with another chain depth" $r --results $fx/results.csv --out "$tmp/m-bad.csv" --measured "$tmp/m-bad.csv" --depth 2
if "$exe" $r --results $fx/results.csv --out "$tmp/m-bad.csv" --measured "$tmp/m-bad.csv" --depth 1 > /dev/null 2>&1; then
    ok "measured with the same chain depth accepted"
else
    bad "measured with the same chain depth refused"
fi
refused "--out exists and is not the --measured file" $r --results $fx/results.csv --out "$h"
# Recipe files: each mistake is named with its line.
recipe_refused() { # description, line to append
    cp $fx/recipes.txt "$tmp/r.txt"
    echo "$2" >> "$tmp/r.txt"
    refused "recipe: $1" --recipes "$tmp/r.txt" --results $fx/results.csv $o
    out=$("$exe" --recipes "$tmp/r.txt" --list 2>&1 >/dev/null)
    case "$out" in *"r.txt:$(wc -l < "$tmp/r.txt"):"*) ok "recipe: $1: the line is named" ;;
        *) bad "recipe: $1: the line is not named ('$out')" ;; esac
}
recipe_refused "no comment" "tls12-rsa client extra 1 prf/SHA256/ems/48"
recipe_refused "unknown side" "tls12-rsa middle extra 1 prf/SHA256/ems/48  # why"
recipe_refused "undeclared scenario" "tls12-dhe client extra 1 prf/SHA256/ems/48  # why"
recipe_refused "count 0" "tls12-rsa client extra 0 prf/SHA256/ems/48  # why"
recipe_refused "count word" "tls12-rsa client extra two prf/SHA256/ems/48  # why"
recipe_refused "bad row name" "tls12-rsa client extra 1 prf/SHA256/ems  # why"
recipe_refused "size not a number" "tls12-rsa client extra 1 prf/SHA256/ems/x  # why"
recipe_refused "component twice" "tls12-rsa client prf_finished 1 prf/SHA256/ems/48  # why"
recipe_refused "component named total" "tls12-rsa client total 1 prf/SHA256/ems/48  # why"
recipe_refused "stack twice" "stack openssl openssl  # why"
recipe_refused "scenario twice" "scenario tls12-rsa  # why"
printf 'stack a a  # s\nscenario x  # s\nx client c 1 a/b/c/1  # s\n' > "$tmp/half.txt"
refused "recipe: a scenario without server lines" --recipes "$tmp/half.txt" --results $fx/results.csv $o

echo "== the shipped recipes"
"$exe" --recipes bench/model/recipes.txt --list > "$tmp/list" 2> "$tmp/log" || bad "shipped recipes: $(cat "$tmp/log")"
shipped=$(awk -F'\t' '$1 == "scenario" {print $2}' "$tmp/list" | tr '\n' ' ')
want="tls12-rsa tls12-ecdhe-rsa-x25519 tls12-ecdhe-rsa-p256 tls12-ecdhe-ecdsa-p256 tls13-x25519-rsapss tls13-x25519-ecdsa-p256 tls13-p256-ecdsa-p256 tls13-p384-ecdsa-p384 tls12-resume tls13-psk-dhe tls13-psk-only "
expect "the eleven scenarios, in order" "$shipped" "$want"
if [ -f bench/hs/scenarios.c ]; then
    # The measurement's scenario table must use the same names.
    for s in $shipped; do
        grep -q "\"$s\"" bench/hs/scenarios.c || bad "scenario $s is not in bench/hs/scenarios.c"
    done
    ok "recipe scenarios are the measurement's scenario names"
fi
if [ -x "$BIN/tlsbench-null" ]; then
    # Every row a recipe names must be a case of the harness (any backend
    # lists them all), or the model would say "missing" on every run.
    "$BIN/tlsbench-null" --list | cut -f1 > "$tmp/cases"
    missing=$(awk -F'\t' '$1 != "stack" && $1 != "scenario" {print $5}' "$tmp/list" | sort -u | grep -vxF -f "$tmp/cases")
    expect "every recipe row is a harness case" "$missing" ""
fi
expect "gnutls is modelled with nettle" "$(awk -F'\t' '$1 == "stack" && $2 == "gnutls" {print $3}' "$tmp/list")" nettle
for s in $shipped; do
    for side in client server; do
        n=$(awk -F'\t' -v s="$s" -v d="$side" '$1 == s && $2 == d' "$tmp/list" | wc -l)
        [ "$n" -gt 0 ] || bad "shipped recipes: $s $side has no lines"
    done
done
ok "every shipped scenario has client and server lines"
expect "full handshakes verify the certificate per chain level" \
    "$(awk -F'\t' '$3 == "cert_verify" && $4 == "depth"' "$tmp/list" | wc -l)" 8
expect "resumption verifies no certificate" \
    "$(awk -F'\t' '($1 ~ /resume|psk/) && ($3 ~ /verify|sign/)' "$tmp/list" | wc -l)" 0

echo "== the stage script"
run="$tmp/run"
mkdir -p "$run"
cp $fx/results.csv $fx/machine.txt "$run/"
if BIN="$BIN" sh scripts/bench.d/20-model.sh "$run" > "$tmp/log" 2>&1 && [ -s "$run/handshake.csv" ] && [ -s "$run/handshake.md" ]; then
    ok "stage without measured rows writes model rows"
else
    bad "stage without measured rows: $(cat "$tmp/log")"
fi
expect "stage: model rows only" "$(awk -F, 'NR > 1 && $6 != "model"' "$run/handshake.csv" | wc -l)" 0
cp $fx/handshake.csv $fx/handshake_samples.csv "$run/"
if BIN="$BIN" sh scripts/bench.d/20-model.sh "$run" > "$tmp/log" 2>&1; then ok "stage with measured rows"; else bad "stage with measured rows: $(cat "$tmp/log")"; fi
expect "stage: measured rows kept" "$(awk -F, '$6 == "measured"' "$run/handshake.csv" | wc -l)" 6
expect "stage: overhead rows" "$(awk -F, '$6 == "overhead"' "$run/handshake.csv" | wc -l)" 6
for d in 0 abc 17 -1 01; do
    before=$(cksum < "$run/handshake.csv")
    if DEPTH=$d BIN="$BIN" sh scripts/bench.d/20-model.sh "$run" > /dev/null 2>&1; then
        bad "stage: DEPTH=$d accepted"
    elif [ "$(cksum < "$run/handshake.csv")" != "$before" ]; then
        bad "stage: DEPTH=$d changed handshake.csv"
    else
        ok "stage: DEPTH=$d refused"
    fi
done
DEPTH=2 BIN="$BIN" sh scripts/bench.d/20-model.sh "$run" > /dev/null 2>&1
expect "stage: DEPTH=2 reaches the model" "$(cell "$run/handshake.csv" openssl tls12-rsa client model cert_verify count)" 2
CHAIN_DEPTH=3 BIN="$BIN" sh scripts/bench.d/20-model.sh "$run" > /dev/null 2>&1
expect "stage: CHAIN_DEPTH=3 reaches the model" "$(cell "$run/handshake.csv" openssl tls12-rsa client model cert_verify count)" 3
if CHAIN_DEPTH=2 DEPTH=1 BIN="$BIN" sh scripts/bench.d/20-model.sh "$run" > /dev/null 2>&1; then
    bad "stage: CHAIN_DEPTH=2 with DEPTH=1 accepted"
else
    ok "stage: CHAIN_DEPTH and DEPTH that differ are refused"
fi
if sh scripts/bench.d/20-model.sh "$tmp/no-such-run" > /dev/null 2>&1; then bad "stage: a missing run folder accepted"; else ok "stage: a missing run folder refused"; fi

echo "== the charts"
if command -v gnuplot > /dev/null 2>&1; then
    if sh scripts/plots.d/40-handshake.sh "$run" > "$tmp/log" 2>&1; then ok "charts drawn"; else bad "charts: $(cat "$tmp/log")"; fi
    for f in handshake-tls12-rsa handshake-tls13-psk-only handshake-ecdf-tls12-rsa; do
        for e in png svg; do
            [ -s "$run/plots/$f.$e" ] && ok "chart $f.$e" || bad "chart $f.$e missing"
        done
    done
    grep -q 'Fixture CPU' "$run/plots/handshake-tls12-rsa.svg" && ok "chart title names the machine" || bad "chart title lacks the machine"
    mkdir -p "$tmp/empty"
    if sh scripts/plots.d/40-handshake.sh "$tmp/empty" > /dev/null 2>&1; then bad "charts without handshake.csv claimed success"; else ok "charts without handshake.csv: nothing drawn, non-zero exit"; fi
else
    echo "skip charts: gnuplot is not installed"
fi
finish
