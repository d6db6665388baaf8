# AEAD throughput against record size, a line per backend.
# Variables (gnuplot -e): base (data file prefix: <base>.<backend>.dat with
# columns size_bytes mb_per_s), backends (space-separated), title, out.
load "plots/common.gp"
set title title noenhanced
set xlabel "record size (bytes)"
set ylabel "throughput (MB/s, 10^6 bytes/s)"
set logscale x 2
set xrange [12:20000]
set xtics ("16" 16, "64" 64, "256" 256, "1024" 1024, "" 1350, "4096" 4096, "8192" 8192, "16384" 16384)
# 1350 sits next to 1024 on a log axis: its label goes one line lower
set label "1350" at 1350, graph 0 center offset 0, -2.1
set yrange [0:*]
set terminal pngcairo size 1000,600 font "DejaVu Sans,10"
set output out.".png"
plot for [b in backends] sprintf("%s.%s.dat", base, b) using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb color(b) title b
set terminal svg size 1000,600 font "DejaVu Sans,10" dynamic
set output out.".svg"
replot
