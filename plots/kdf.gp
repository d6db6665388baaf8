# Microseconds per call of the TLS 1.2 PRF (master secret, extended master
# secret, key block, Finished) and of TLS 1.3 HKDF (extract, one
# expand-label, the whole key schedule), a bar per backend.
set ylabel "microseconds per call (log scale, lower is better)"
set logscale y
set format y "%g"
load "plots/bars.gp"
