# Harness overhead: the null backend (which does nothing) timed by every
# case, one horizontal bar per case (median ns per operation, the line
# from the fastest to the slowest repetition). Subtract nothing: this is
# the floor under every other backend's figure. Variables (gnuplot -e):
# dat (index "case" median min max), title, note, out, height.
load "plots/common.gp"
set title title noenhanced font ",12"
set xlabel "nanoseconds per operation (log scale; bar: median, line: fastest to slowest repetition)"
set ylabel ""
set ytics nomirror noenhanced font ",8" scale 0
set grid xtics noytics
set key off
set label 1 note at graph 0.99, graph 0.99 right front font ",9" noenhanced
stats dat using 1:4 nooutput
n = STATS_max_x + 1
# the bars start at the power of ten below the fastest repetition
x0 = 10 ** floor(log10(STATS_min_y))
stats dat using 5 nooutput
set logscale x
set format x "%g"
set xrange [x0:10 ** ceil(log10(STATS_max))]
set yrange [n - 0.4:-0.6]
set style fill solid 0.85 border rgb "#333333"
set terminal pngcairo size 1100,height font "DejaVu Sans,10"
set output out.".png"
plot dat using (x0):1:(x0):3:($1 - 0.35):($1 + 0.35):ytic(2) with boxxyerror lc rgb color("null"), \
     dat using 3:1:4:5 with xerrorbars pt -1 lc rgb "#202020" lw 1
set terminal svg size 1100,height font "DejaVu Sans,10" dynamic
set output out.".svg"
replot
