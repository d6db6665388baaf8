# Multi-core scaling: total throughput (real time, all threads together)
# against the thread count, a line per backend, in three panels: bulk
# encryption, RSA-2048 decryption, the X25519 exchange. The dashed line
# is perfect scaling from one thread; the figure at the end of each line
# is its speedup over the fewest threads. Variables (gnuplot -e): base1..3
# (<base>.<backend>.dat: threads total speedup), b1..b3 (backends per
# panel), all (every backend, for the key), tmax, tics, title, out.
load "plots/common.gp"
set logscale y
set format y "%g"
# a tic at every doubling: perfect scaling climbs one tic per doubling
set ytics 2
set xlabel "threads"
set xrange [0.7:tmax * 1.45]
set xtics () nomirror
do for [t in tics] { set xtics add (t int(t)) }
set xtics nomirror
set grid xtics ytics mytics
set key off
file(base, b) = sprintf("%s.%s.dat", base, b)
array lm[3] = [0.07, 0.37, 0.67]
array bases[3]
bases[1] = base1; bases[2] = base2; bases[3] = base3
array lists[3]
lists[1] = b1; lists[2] = b2; lists[3] = b3
array whats[3] = ["AES-128-GCM seal, 16 KiB records", "RSA-2048 decryption", "X25519 exchange (keygen + derive)"]
array ylabs[3] = ["total MB/s (10^6 bytes/s, log scale)", "total operations per second (log scale)", "total operations per second (log scale)"]
do for [term in "png svg"] {
    if (term eq "png") {
        set terminal pngcairo size 1500,560 font "DejaVu Sans,10"
        set output out.".png"
    } else {
        set terminal svg size 1500,560 font "DejaVu Sans,10" dynamic
        set output out.".svg"
    }
    set multiplot title title noenhanced font ",12"
    do for [k=1:3] {
        set lmargin at screen lm[k]
        set rmargin at screen lm[k] + 0.22
        set tmargin at screen 0.86
        set bmargin at screen 0.12
        set title whats[k] noenhanced
        set ylabel ylabs[k] noenhanced
        if (strlen(lists[k]) == 0) {
            # this row was not measured: an empty, labelled panel
            set label 9 "not measured" at graph 0.5, graph 0.5 center
            unset logscale y
            plot [1:2] [0:1] NaN notitle
            unset label 9
            set logscale y
        } else {
            plot for [b in lists[k]] file(bases[k], b) using 1:2 with linespoints lw 2 pt 7 ps 0.9 lc rgb color(b) notitle, \
                 for [b in lists[k]] file(bases[k], b) using 1:($2 / $3 * $1) with lines dt 2 lw 1 lc rgb color(b) notitle, \
                 for [b in lists[k]] file(bases[k], b) using 1:2:($1 == tmax ? sprintf(" %.2fx", $3) : "") with labels left font ",8" tc rgb color(b) notitle
        }
    }
    # the key: every backend once, right of the last panel
    set key at screen 0.99, screen 0.86 right top noenhanced title "backend"
    unset title
    unset ylabel
    unset xlabel
    set lmargin at screen 0.91
    set rmargin at screen 0.99
    set border 0
    unset tics
    unset grid
    plot [0:1] [1:2] for [b in all] NaN with linespoints lw 2 pt 7 lc rgb color(b) title b, \
         NaN with lines dt 2 lc rgb "#606060" title "perfect"
    set border
    set tics
    set xtics () nomirror
    do for [t in tics] { set xtics add (t int(t)) }
    set grid xtics ytics mytics
    set xlabel "threads"
    set key off
    unset multiplot
}
