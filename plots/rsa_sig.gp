# RSA (TLS 1.2 RSA key exchange: the server decrypts the premaster secret)
# and signature (the server's CertificateVerify or ServerKeyExchange sign,
# the client's verify) operations per second, a bar per backend.
set ylabel "operations per second (log scale, higher is better)"
set logscale y
set format y "%g"
load "plots/bars.gp"
