#ifndef LRLAB_ROW_KERNELS_H
#define LRLAB_ROW_KERNELS_H

/// Matrix products of a training step's first layer that read their input rows straight from
/// the training table by index, so the minibatch is never gathered into a buffer: the rows
/// stream from memory while the FMAs run (see RowKernels.c). Row-major, single precision.

/// The widest kernels this CPU runs: 2 AVX-512, 1 AVX2 (each with FMA), 0 none (then callers
/// gather the rows and use BLAS).
int lrlab_row_kernels_level(void);

/// Z[r, n] += Σ_k X[rows[r] · ldx + k] · W[k · n_count + n]   for r < row_count, n < n_count, k < k_count.
/// Z is row_count × n_count (leading dimension n_count), W is k_count × n_count. `rows` NULL
/// means rows 0, 1, 2, … (a contiguous block: evaluation).
void lrlab_rows_forward(const float *x, long ldx, const long *rows, long row_count, long k_count,
                        const float *w, long n_count, float *z);

/// G[f, n] = Σ_r X[rows[r] · ldx + f] · D[r · n_count + n]   for f < f_count, n < n_count, r < row_count.
/// G (f_count × n_count) is overwritten; D is row_count × n_count. row_count ≥ 1.
void lrlab_rows_weight_gradient(const float *x, long ldx, const long *rows, long row_count, long f_count,
                                const float *d, long n_count, float *g);

/// The two products with the kernels of `level` (1 AVX2, 2 AVX-512; at most
/// `lrlab_row_kernels_level()`), for tests of each on one machine.
void lrlab_rows_forward_at(int level, const float *x, long ldx, const long *rows, long row_count, long k_count,
                           const float *w, long n_count, float *z);
void lrlab_rows_weight_gradient_at(int level, const float *x, long ldx, const long *rows, long row_count,
                                   long f_count, const float *d, long n_count, float *g);

#endif
