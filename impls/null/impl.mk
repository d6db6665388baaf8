# The null backend: every operation does nothing. Its rows are the harness
# overhead (the loop, the indirect call, the per-record nonce).
null_PKGS :=
null_CFLAGS :=
null_LIBS :=
null_FOUND := yes
