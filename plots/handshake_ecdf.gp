# Measured handshake latency distributions of one scenario: a panel per side
# (client, server), an empirical CDF per TLS stack in the stack's colour,
# from every measured handshake (handshake_samples.csv). The x axis is
# logarithmic so that stacks an order of magnitude apart fit on one chart;
# the steeper a curve, the steadier the stack.
#
# Variables (gnuplot -e): base (data prefix; files <base>.<side>.<stack>
# with one µs value per line), stacks_client / stacks_server (stacks with
# samples), title, out.
load "plots/common.gp"

scolor(s) = (s eq "gnutls" && color(s) eq color("")) ? color("nettle") : color(s)

set logscale x 10
set format x "%g"
# 1-2-5 steps: with decades alone a panel spanning one decade has two labels.
set xtics ("1" 1, "2" 2, "5" 5, "10" 10, "20" 20, "50" 50, "100" 100, "200" 200, "500" 500, \
           "1000" 1e3, "2000" 2e3, "5000" 5e3, "10000" 1e4, "20000" 2e4, "50000" 5e4, \
           "100000" 1e5, "200000" 2e5, "500000" 5e5, "1000000" 1e6)
set yrange [0:1.02]
set ytics 0.1
set grid xtics mxtics ytics lc rgb "#dddddd", lc rgb "#eeeeee"
set key outside right top samplen 2 title "stack"
set xlabel "µs per handshake (this side's own calls; log scale)"
set ylabel "fraction of handshakes at or below"

set terminal pngcairo noenhanced size 1500,620 font "DejaVu Sans,10"
set output out.".png"
do for [pass = 1:2] {
    if (pass == 2) {
        set terminal svg noenhanced size 1500,620 font "DejaVu Sans,10" dynamic
        set output out.".svg"
    }
    set multiplot layout 1,2 title title font ",12"
    do for [side in "client server"] {
        list = side eq "client" ? stacks_client : stacks_server
        set title side." side" font ",11"
        plot for [s in list] sprintf("%s.%s.%s", base, side, s) \
            using 1:(1) smooth cnormal with steps lw 2.5 lc rgb scolor(s) title s
    }
    unset multiplot
}
