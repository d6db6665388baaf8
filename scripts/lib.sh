# Shared shell functions of the scripts (sourced, POSIX sh).

tb_die() {
    echo "tlsbench: $*" >&2
    exit 2
}

# tb_select_backends "a,b" "found list": checks a comma list against the
# known and built backends; prints the selection (space-separated).
tb_select_backends() {
    want=$1 found=$2
    known="null openssl boringssl libsodium mbedtls wolfssl nettle gcrypt"
    [ -z "$want" ] && { echo $found; return 0; }
    case "$want" in
        *,,*|,*|*,|*" "*) echo "tlsbench: BACKENDS='$want' is not a comma-separated list (valid: $found)" >&2; return 2 ;;
    esac
    out=""
    for b in $(echo "$want" | tr ',' ' '); do
        case " $known " in *" $b "*) ;; *)
            echo "tlsbench: unknown backend '$b' (valid: $known)" >&2; return 2 ;;
        esac
        case " $found " in *" $b "*) ;; *)
            echo "tlsbench: backend '$b' is not built here: its library headers were not found (make list-backends; built: $found)" >&2; return 2 ;;
        esac
        case " $out " in *" $b "*)
            echo "tlsbench: backend '$b' is named twice in BACKENDS" >&2; return 2 ;;
        esac
        out="$out $b"
    done
    echo $out
}

# tb_failed_rows EXE BACKEND RUN_ID WHY [knobs...]: results.csv rows marked
# failed for every case the knobs select (the executable itself failed).
tb_failed_rows() {
    exe=$1 b=$2 rid=$3 why=$4
    shift 4
    echo "schema_version,run_id,backend,backend_version,family,alg,op,size_bytes,threads,repetitions,iterations,ns_per_op,ns_min,ns_max,cv_percent,ops_per_s,ops_per_s_per_thread,mb_per_s,cycles_per_byte,cycles_per_op,noisy,status,note"
    thr=1 f1=. f2=. sizes=""
    while [ $# -gt 0 ]; do
        case "$1" in
            --threads) thr=$2 ;;
            --filter) if [ "$f1" = . ]; then f1=$2; else f2=$2; fi ;;
            --sizes) sizes="--sizes $2" ;;
        esac
        shift
    done
    # shellcheck disable=SC2086
    "$exe" --list --filter "$f1" --filter "$f2" $sizes 2>/dev/null | while IFS="	" read -r name fam alg op avail size bulk note; do
        for t in $(echo "$thr" | tr ',' ' '); do
            echo "1,$rid,$b,,$fam,$alg,$op,$size,$t,,,,,,,,,,,,,failed,\"$why\""
        done
    done
}

# tb_merge_csv OUT FILE...: one header, every row; written atomically.
tb_merge_csv() {
    _merge_out=$1
    shift
    awk 'FNR == 1 { if (NR == 1) print; next } { print }' "$@" > "$_merge_out.tmp.$$" &&
        mv "$_merge_out.tmp.$$" "$_merge_out"
}

# tb_drop_threads1 IN OUT: IN (a results.csv or samples.csv) without its
# threads=1 rows (the header kept); CSV-aware (a note may hold commas).
# Needs $here, the top of the tree.
tb_drop_threads1() {
    awk "$(cat "$here/scripts/csv.awk")"'
        NR == 1 { n = csvsplit($0, h); for (i = 1; i <= n; i++) if (h[i] == "threads") t = i; print; next }
        { csvsplit($0, v); if (v[t] != "1") print }' "$1" > "$2"
}

# tb_new_folder PARENT NAME: makes PARENT/NAME, or PARENT/NAME_2, _3, ...
# when it exists (never reusing a folder); prints the path.
tb_new_folder() {
    mkdir -p "$1" || { echo "tlsbench: cannot create $1" >&2; return 2; }
    _nf="$1/$2"
    _i=1
    while ! mkdir "$_nf" 2>/dev/null; do
        _i=$((_i + 1))
        _nf="$1/$2_$_i"
        [ $_i -lt 1000 ] || { echo "tlsbench: cannot create a folder in $1" >&2; return 2; }
    done
    echo "$_nf"
}

# tb_link_latest RESULTS RUN_ID: results/latest -> the run (atomic).
tb_link_latest() {
    ln -sfn "$2" "$1/.latest.$$" && mv -T "$1/.latest.$$" "$1/latest"
}
