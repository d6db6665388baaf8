# Shared by every chart: one colour per backend, the same on every chart.
color(b) = b eq "openssl"   ? "#1f77b4" : \
           b eq "boringssl" ? "#d62728" : \
           b eq "libsodium" ? "#2ca02c" : \
           b eq "mbedtls"   ? "#9467bd" : \
           b eq "wolfssl"   ? "#ff7f0e" : \
           b eq "nettle"    ? "#8c564b" : \
           b eq "gcrypt"    ? "#e377c2" : \
           b eq "gnutls"    ? "#bcbd22" : \
           b eq "null"      ? "#7f7f7f" : "#17becf"
set grid lc rgb "#dddddd"
set key outside right top
set border lw 1
