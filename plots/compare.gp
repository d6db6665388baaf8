# make compare: B/A time per operation for every row compared, grouped by
# backend and family; a filled point is a row marked as changed (the test
# significant after Benjamini-Hochberg, and at least MIN_CHANGE), an open
# one is not (~). The short bar across a family is its geometric
# mean. Variables (gnuplot -e): dat (x ratio significant backend family
# case), groups (level x_start x_end x_center geomean label; level 1 =
# backend block, 2 = family), backends, title, out, width.
load "plots/common.gp"
set title title noenhanced
set ylabel "B/A time per operation (log scale; below 1: B faster)"
set logscale y 2
# both ranges from the data before either is set (stats obeys set ranges)
stats dat using 2 nooutput
lo = STATS_min < 0.8 ? STATS_min / 1.1 : 0.8 / 1.1
hi = STATS_max > 1.25 ? STATS_max * 1.1 : 1.25 * 1.1
stats dat using 1 nooutput
set xrange [STATS_min - 1.5:STATS_max + 1.5]
set yrange [lo:hi]
# fine tics near 1 for small differences, powers of two for large ones
if (hi / lo < 4) {
    set ytics ("0.5" 0.5, "0.67" 0.667, "0.8" 0.8, "0.9" 0.9, "1" 1, "1.1" 1.1, "1.25" 1.25, "1.5" 1.5, "2" 2)
} else {
    set ytics ("1/64" 1/64., "1/32" 1/32., "1/16" 1/16., "1/8" 0.125, "1/4" 0.25, "1/2" 0.5, "1" 1, "2" 2, "4" 4, "8" 8, "16" 16, "32" 32, "64" 64, "128" 128)
}
# backend names 4 % of the (log) height below the top
top_label = hi / (hi / lo) ** 0.04
set xtics rotate by 45 right nomirror font ",8" scale 0
set grid noxtics ytics
set key outside right top title "changed?"
set arrow from graph 0, first 1 to graph 1, first 1 nohead lc rgb "#404040" lw 1 dt 2 back
set bmargin 5
set terminal pngcairo size width,620 font "DejaVu Sans,10"
set output out.".png"
# family boundaries (light), backend boundaries (dark), family names as
# x tics, geometric means, backend names along the top, then the rows
plot \
  groups using ($1 == 2 ? $2 - 0.5 : NaN):(lo):(0):(hi - lo) with vectors nohead lc rgb "#cccccc" notitle, \
  groups using ($1 == 1 && $2 > 0 ? $2 - 1 : NaN):(lo):(0):(hi - lo) with vectors nohead lc rgb "#707070" lw 1.5 notitle, \
  groups using 4:(NaN):xticlabels($1 == 2 ? strcol(6) : "") notitle, \
  groups using ($1 == 2 ? $2 - 0.3 : NaN):5:($3 - $2 + 0.6):(0) with vectors nohead lc rgb "#000000" lw 2 notitle, \
  groups using ($1 == 1 ? $4 : NaN):(top_label):6 with labels font ",10" tc rgb "#202020" notitle, \
  for [b in backends] dat using 1:(strcol(4) eq b && $3 == 1 ? $2 : NaN) with points pt 7 ps 0.9 lc rgb color(b) notitle, \
  for [b in backends] dat using 1:(strcol(4) eq b && $3 == 0 ? $2 : NaN) with points pt 6 ps 0.9 lc rgb color(b) notitle, \
  NaN with points pt 7 lc rgb "#404040" title "marked", \
  NaN with points pt 6 lc rgb "#404040" title "no (~)" noenhanced, \
  NaN with lines lw 2 lc rgb "#000000" title "geomean"
set terminal svg size width,620 font "DejaVu Sans,10" dynamic
set output out.".svg"
replot
