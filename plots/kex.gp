# Key-exchange operations per second, a bar per backend: key generation,
# the shared-secret derivation, and both together (one ECDHE exchange as a
# TLS server does it) for each group.
set ylabel "operations per second (log scale, higher is better)"
set logscale y
set format y "%g"
load "plots/bars.gp"
