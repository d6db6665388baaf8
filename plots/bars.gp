# Grouped bars shared by the bar charts (loaded by cpb.gp, kex.gp,
# rsa_sig.gp, kdf.gp): one group per row of dat, one bar per backend in
# the backend's colour from common.gp, its value written above it.
# Expects dat ("label" v1 v2 ..., NaN where a backend has no value: no
# bar), backends, ngroups, vmin and vmax (the smallest and largest
# values), log_y (1 for a log scale), has_na (1 when a value is NaN),
# title, out, width,
# height, and fmt (the value labels' format); the chart script sets the
# y axis first (a log scale or not).
load "plots/common.gp"
set title title noenhanced font ",12"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border rgb "#333333"
set boxwidth 0.9
set xtics nomirror noenhanced scale 0
set grid noxtics ytics mytics
set key outside right top noenhanced
set xrange [-0.6:ngroups - 0.4]
# room above the tallest bar for its label
set yrange [*:(log_y ? vmax * 4 : vmax * 1.15)]
set bmargin 6
nb = words(backends)
# a space in a label starts a new line ("AES-128-GCM seal" -> two lines),
# so neighbouring labels do not collide
lab(s) = (sp = strstrt(s, " "), sp > 0 ? s[1:sp - 1]."\n".lab(s[sp + 1:]) : s)
# the centre of backend i's bar in group g (clustered, gap of one bar)
bx(g, i) = g + (i - 1 - (nb - 1) / 2.0) / (nb + 1.0)
# "n/a" stands where a backend has no value (unsupported or failed): just
# above the bottom of the axis (log axes start at a power of ten)
na_y = log_y ? 10 ** floor(log10(vmin)) * 1.1 : vmax / 100.0
# added only when some value is missing: gnuplot 5.4 can crash on a
# labels plot whose every point is undefined
na_plot = has_na ? ', for [i=1:nb] dat using (bx($0, i)):(strcol(i + 1) eq "NaN" ? na_y : NaN):("n/a") with labels rotate by 90 left font ",7" tc rgb "#808080" notitle' : ''
set terminal pngcairo size width,height font "DejaVu Sans,10"
set output out.".png"
plot for [i=1:nb] dat using (column(i + 1)):xtic(lab(strcol(1))) title word(backends, i) lc rgb color(word(backends, i)), \
     for [i=1:nb] dat using (bx($0, i)):(column(i + 1)):(sprintf(fmt, column(i + 1))) with labels rotate by 90 left offset 0,0.4 font ",7" notitle @na_plot
set terminal svg size width,height font "DejaVu Sans,10" dynamic
set output out.".svg"
replot
