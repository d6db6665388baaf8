# The handshake-latency chart of one scenario, a column per side (client,
# server). Top row: per TLS stack a stacked bar of the model's components
# (crypto primitives from this run's rows) and, beside it, a thin bar of
# the measured median in the stack's colour with a whisker to the p99.
# Bottom row: the same components as a share of the measured median, the
# rest (hatched) being the protocol overhead, so that stacks an order of
# magnitude apart can still be read.
#
# Variables (gnuplot -e): base (data prefix: per side <base>.<side>.seg.<c>
# with x ylow yhigh (µs), <base>.<side>.meas.<stack> with x median p99,
# <base>.<side>.labels with x y "text", and the same in per cent under
# <base>.<side>.pct.seg.<c>, .pct.over, .pct.labels), stacks
# (space-separated, x = index from 0), comps_<side> and pcomps_<side> (the
# components present, bottom first), meas_<side> (stacks measured),
# ymax_<side> (µs), pmax_<side> (%), title, out.
load "plots/common.gp"

# GnuTLS is modelled with Nettle's rows: it takes Nettle's colour unless
# common.gp gives it one of its own.
scolor(s) = (s eq "gnutls" && color(s) eq color("")) ? color("nettle") : color(s)

# One colour per component, the same on every scenario's chart: blues for
# the key exchange, reds for the server's signatures, oranges for the
# client's verifications, purple for RSA key transport, greens and greys
# for the key derivation.
ccolor(c) = c eq "ecdhe_exchange" ? "#2b6cb0" : \
            c eq "ecdhe_keygen"   ? "#63a4e0" : \
            c eq "ecdhe_derive"   ? "#1c4f82" : \
            c eq "rsa_decrypt_pms" ? "#6a3d9a" : \
            c eq "rsa_encrypt_pms" ? "#b294d6" : \
            c eq "ske_sign"       ? "#c0392b" : \
            c eq "cv_sign"        ? "#e06666" : \
            c eq "cert_verify"    ? "#e69138" : \
            c eq "ske_verify"     ? "#f6c26b" : \
            c eq "cv_verify"      ? "#f6c26b" : \
            c eq "prf_ems"        ? "#38761d" : \
            c eq "prf_keyblock"   ? "#6aa84f" : \
            c eq "prf_finished"   ? "#b6d7a8" : \
            c eq "hkdf_schedule"  ? "#45818e" : \
            c eq "finished_hmac"  ? "#a2c4c9" : \
            c eq "binder_keys"    ? "#999999" : \
            c eq "binder_hmac"    ? "#cccccc" : \
            c eq "ticket_open"    ? "#8d6e63" : "#444444"

n = words(stacks)
half_model = 0.24
half_meas = 0.08
off_meas = 0.36

set style fill solid 1.0 border rgb "white"
set style textbox transparent fc rgb "#50ffffff" noborder margins 1,1
set key outside right top invert samplen 1.5 spacing 1.1 title "model parts" left
set xrange [-0.6:n - 0.35]
set xtics scale 0
set ytics nomirror
set xtics nomirror
set grid noxtics ytics

set terminal pngcairo noenhanced size 1700,1150 font "DejaVu Sans,10"
set output out.".png"
do for [pass = 1:2] {
    if (pass == 2) {
        set terminal svg noenhanced size 1700,1150 font "DejaVu Sans,10" dynamic
        set output out.".svg"
    }
    set multiplot layout 2,2 title title font ",12"
    set xtics ("" 0)
    do for [i = 1:n] {
        set xtics add (word(stacks, i) i - 1)
    }
    # Top row: absolute cost, model beside measurement.
    set xlabel "stacked: the model (this run's crypto primitives); thin bar: measured median in the stack's colour, whisker to p99" font ",9"
    set ylabel "µs per handshake (this side's own calls)"
    do for [side in "client server"] {
        comps = side eq "client" ? comps_client : comps_server
        meas = side eq "client" ? meas_client : meas_server
        ymax = side eq "client" ? ymax_client : ymax_server
        b = sprintf("%s.%s", base, side)
        set title side." side: cost of one handshake" font ",11"
        set yrange [0:ymax]
        plot for [c in comps] sprintf("%s.seg.%s", b, c) \
                 using 1:(($2 + $3) / 2):($1 - half_model):($1 + half_model):2:3 \
                 with boxxyerror lc rgb ccolor(c) title c, \
             for [s in meas] sprintf("%s.meas.%s", b, s) \
                 using ($1 + off_meas):($2 / 2):($1 + off_meas - half_meas):($1 + off_meas + half_meas):(0):2 \
                 with boxxyerror fs solid 1.0 border rgb "#222222" lc rgb scolor(s) notitle, \
             for [s in meas] sprintf("%s.meas.%s", b, s) \
                 using ($1 + off_meas):2:(0):($3 - $2) with vectors nohead lc rgb "#222222" lw 1.2 notitle, \
             for [s in meas] sprintf("%s.meas.%s", b, s) \
                 using ($1 + off_meas - 0.04):3:(0.08):(0) with vectors nohead lc rgb "#222222" lw 1.2 notitle, \
             sprintf("%s.labels", b) using 1:2:3 with labels boxed font ",8" tc rgb "#111111" notitle
    }
    # Bottom row: where the measured time goes, in per cent of it; the
    # hatched part is the protocol overhead (measured minus model).
    set xlabel "each bar is 100% of the stack's measured median; hatched: protocol overhead outside the modelled crypto" font ",9"
    set ylabel "% of the measured time"
    do for [side in "client server"] {
        comps = side eq "client" ? pcomps_client : pcomps_server
        ymax = side eq "client" ? pmax_client : pmax_server
        b = sprintf("%s.%s.pct", base, side)
        set title side." side: share of the measured time" font ",11"
        set yrange [0:ymax]
        plot for [c in comps] sprintf("%s.seg.%s", b, c) \
                 using 1:(($2 + $3) / 2):($1 - half_model):($1 + half_model):2:3 \
                 with boxxyerror lc rgb ccolor(c) title c, \
             sprintf("%s.over", b) using 1:(($2 + $3) / 2):($1 - half_model):($1 + half_model):2:3 \
                 with boxxyerror fs pattern 4 border rgb "#555555" lc rgb "#555555" title "overhead", \
             100 with lines dt 2 lc rgb "#555555" notitle, \
             sprintf("%s.labels", b) using 1:2:3 with labels boxed font ",8" tc rgb "#111111" notitle
    }
    unset multiplot
}
