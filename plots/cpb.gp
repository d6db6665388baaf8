# Cycles per byte of each AEAD (seal and open) at one record size, a bar
# per backend: the cost of bulk encryption independent of clock speed.
set ylabel "cycles per byte (TSC cycles; log scale, lower is better)"
set logscale y
set format y "%g"
load "plots/bars.gp"
