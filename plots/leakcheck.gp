# The leak check of one backend: per key size (a panel each, own scale),
# each ciphertext class's median time difference from the valid class
# with its 95% bootstrap interval; a leak-free path keeps every interval
# across the zero line.
# Variables (gnuplot -e): base (data files <base>.<bits>.dat with columns
# index class diff ci_low ci_high), keys (space-separated key sizes),
# title_<bits> (each panel's title), ylo_<bits> and yhi_<bits> (its y
# range), backend (its colour), title, out.
load "plots/common.gp"
nk = words(keys)
set xtics noenhanced rotate by -30 scale 0 font ",9"
set ylabel "ns (class - valid48)"
set xrange [-0.6:9.6]
set key off
set grid ytics
set style line 1 lc rgb color(backend) lw 2 pt 7 ps 1.1
h = 360 * nk + 60
do for [t in "png svg"] {
    if (t eq "png") {
        set terminal pngcairo size 1000,h font "DejaVu Sans,10"
    } else {
        set terminal svg size 1000,h font "DejaVu Sans,10" dynamic
    }
    set output out.".".t
    set multiplot layout nk,1 title title noenhanced font ",12"
    do for [i = 1:nk] {
        k = word(keys, i)
        set title value("title_".k) noenhanced
        set yrange [value("ylo_".k):value("yhi_".k)]
        plot 0 with lines lc rgb "#555555" dt 2 notitle, \
             sprintf("%s.%s.dat", base, k) using 1:3:4:5:xtic(2) with yerrorbars ls 1 notitle
    }
    unset multiplot
}
