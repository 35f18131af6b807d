// The first layer's two products, reading the minibatch's rows in place (see RowKernels.h).
//
// Register blocking for AVX-512 (32 zmm registers; AVX2 below, with 6 × 16 tiles): an MR × 64 tile of the output (MR ≤ 6 rows,
// four 16-float vectors, 24 accumulators) is kept in registers while the shared dimension
// streams past; each step loads four vectors of the right-hand matrix and broadcasts one value
// per row, 24 FMAs for 10 loads. Columns past the last whole 64 go through a one-vector kernel
// with a mask. Without AVX2 callers gather and use BLAS (lrlab_row_kernels_level() is 0).
//
// Forward (z = x · W): a tile takes MR table rows; the rows stay in L1 across the column tiles
// and W (fan-in × fan-out) in L2. The rows come from memory once, while the FMAs run — where
// gathering them first and calling sgemm paid for the copy and for sgemm's own packing on top.
// Weight gradient (∂W = xᵀ · δ): a tile is MR features × 64 units, summed over the rows in
// chunks of `CHUNK` so a chunk's rows stay in L2; later chunks add to the first's sums.
#include "RowKernels.h"

// The same products in plain loops: CPUs without the vector kernels (callers use BLAS there,
// these are not fast) and level 0 of the `_at` functions.
static void forward_plain(const float *x, long ldx, const long *rows, long row_count, long k_count,
                          const float *w, long n_count, float *z) {
    for (long r = 0; r < row_count; r++)
        for (long k = 0; k < k_count; k++) {
            float v = x[(rows ? rows[r] : r) * ldx + k];
            for (long n = 0; n < n_count; n++) z[r * n_count + n] += v * w[k * n_count + n];
        }
}

static void gradient_plain(const float *x, long ldx, const long *rows, long row_count, long f_count,
                           const float *d, long n_count, float *g) {
    for (long i = 0; i < f_count * n_count; i++) g[i] = 0;
    for (long r = 0; r < row_count; r++)
        for (long f = 0; f < f_count; f++) {
            float v = x[rows[r] * ldx + f];
            for (long n = 0; n < n_count; n++) g[f * n_count + n] += v * d[r * n_count + n];
        }
}

#if defined(__x86_64__)
#include <immintrin.h>

#define TARGET __attribute__((target("avx512f,fma")))
#define CHUNK 256

static int level = -1;

int lrlab_row_kernels_level(void) {
    if (level < 0) {
        __builtin_cpu_init();
        int fma = __builtin_cpu_supports("fma");
        level = fma && __builtin_cpu_supports("avx512f") ? 2 : fma && __builtin_cpu_supports("avx2") ? 1 : 0;
    }
    return level;
}

// z[i, 0:64] += Σ_k a[i][k] · w[k, 0:64], i < MR.
#define FORWARD64(MR)                                                                               \
    TARGET static void forward64_##MR(const float *const *a, long k_count, const float *w, long ldw, \
                                      float *z, long ldz) {                                         \
        __m512 c[MR][4];                                                                            \
        for (int i = 0; i < MR; i++)                                                                \
            for (int j = 0; j < 4; j++) c[i][j] = _mm512_loadu_ps(z + i * ldz + 16 * j);            \
        for (long k = 0; k < k_count; k++) {                                                        \
            const float *row = w + k * ldw;                                                         \
            __m512 b0 = _mm512_loadu_ps(row), b1 = _mm512_loadu_ps(row + 16);                       \
            __m512 b2 = _mm512_loadu_ps(row + 32), b3 = _mm512_loadu_ps(row + 48);                  \
            for (int i = 0; i < MR; i++) {                                                          \
                __m512 v = _mm512_set1_ps(a[i][k]);                                                 \
                c[i][0] = _mm512_fmadd_ps(v, b0, c[i][0]);                                          \
                c[i][1] = _mm512_fmadd_ps(v, b1, c[i][1]);                                          \
                c[i][2] = _mm512_fmadd_ps(v, b2, c[i][2]);                                          \
                c[i][3] = _mm512_fmadd_ps(v, b3, c[i][3]);                                          \
            }                                                                                       \
        }                                                                                           \
        for (int i = 0; i < MR; i++)                                                                \
            for (int j = 0; j < 4; j++) _mm512_storeu_ps(z + i * ldz + 16 * j, c[i][j]);            \
    }

// The same for up to 16 columns (`mask` says which).
#define FORWARD16(MR)                                                                               \
    TARGET static void forward16_##MR(const float *const *a, long k_count, const float *w, long ldw, \
                                      float *z, long ldz, __mmask16 mask) {                         \
        __m512 c[MR];                                                                               \
        for (int i = 0; i < MR; i++) c[i] = _mm512_maskz_loadu_ps(mask, z + i * ldz);               \
        for (long k = 0; k < k_count; k++) {                                                        \
            __m512 b = _mm512_maskz_loadu_ps(mask, w + k * ldw);                                    \
            for (int i = 0; i < MR; i++) c[i] = _mm512_fmadd_ps(_mm512_set1_ps(a[i][k]), b, c[i]);  \
        }                                                                                           \
        for (int i = 0; i < MR; i++) _mm512_mask_storeu_ps(z + i * ldz, mask, c[i]);                \
    }

// g[i, 0:64] (+)= Σ_r x[rows[r], f0 + i] · d[r, 0:64], i < MR; `add` keeps g's values.
#define GRADIENT64(MR)                                                                              \
    TARGET static void gradient64_##MR(const float *x, long ldx, const long *rows, long row_count,  \
                                       long f0, const float *d, long ldd, float *g, long ldg, int add) { \
        __m512 c[MR][4];                                                                            \
        for (int i = 0; i < MR; i++)                                                                \
            for (int j = 0; j < 4; j++)                                                             \
                c[i][j] = add ? _mm512_loadu_ps(g + i * ldg + 16 * j) : _mm512_setzero_ps();        \
        for (long r = 0; r < row_count; r++) {                                                      \
            const float *features = x + rows[r] * ldx + f0;                                         \
            const float *delta = d + r * ldd;                                                       \
            __m512 b0 = _mm512_loadu_ps(delta), b1 = _mm512_loadu_ps(delta + 16);                   \
            __m512 b2 = _mm512_loadu_ps(delta + 32), b3 = _mm512_loadu_ps(delta + 48);              \
            for (int i = 0; i < MR; i++) {                                                          \
                __m512 v = _mm512_set1_ps(features[i]);                                             \
                c[i][0] = _mm512_fmadd_ps(v, b0, c[i][0]);                                          \
                c[i][1] = _mm512_fmadd_ps(v, b1, c[i][1]);                                          \
                c[i][2] = _mm512_fmadd_ps(v, b2, c[i][2]);                                          \
                c[i][3] = _mm512_fmadd_ps(v, b3, c[i][3]);                                          \
            }                                                                                       \
        }                                                                                           \
        for (int i = 0; i < MR; i++)                                                                \
            for (int j = 0; j < 4; j++) _mm512_storeu_ps(g + i * ldg + 16 * j, c[i][j]);            \
    }

#define GRADIENT16(MR)                                                                              \
    TARGET static void gradient16_##MR(const float *x, long ldx, const long *rows, long row_count,  \
                                       long f0, const float *d, long ldd, float *g, long ldg, int add, \
                                       __mmask16 mask) {                                            \
        __m512 c[MR];                                                                               \
        for (int i = 0; i < MR; i++)                                                                \
            c[i] = add ? _mm512_maskz_loadu_ps(mask, g + i * ldg) : _mm512_setzero_ps();            \
        for (long r = 0; r < row_count; r++) {                                                      \
            const float *features = x + rows[r] * ldx + f0;                                         \
            __m512 b = _mm512_maskz_loadu_ps(mask, d + r * ldd);                                    \
            for (int i = 0; i < MR; i++) c[i] = _mm512_fmadd_ps(_mm512_set1_ps(features[i]), b, c[i]); \
        }                                                                                           \
        for (int i = 0; i < MR; i++) _mm512_mask_storeu_ps(g + i * ldg, mask, c[i]);                \
    }

#define ALL(KERNEL) KERNEL(1) KERNEL(2) KERNEL(3) KERNEL(4) KERNEL(5) KERNEL(6)
ALL(FORWARD64)
ALL(FORWARD16)
ALL(GRADIENT64)
ALL(GRADIENT16)

#define DISPATCH(NAME, MR, ...)                                                                     \
    switch (MR) {                                                                                   \
    case 6: NAME##_6(__VA_ARGS__); break;                                                           \
    case 5: NAME##_5(__VA_ARGS__); break;                                                           \
    case 4: NAME##_4(__VA_ARGS__); break;                                                           \
    case 3: NAME##_3(__VA_ARGS__); break;                                                           \
    case 2: NAME##_2(__VA_ARGS__); break;                                                           \
    default: NAME##_1(__VA_ARGS__); break;                                                          \
    }

TARGET static __mmask16 tail_mask(long columns) {
    return columns >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << columns) - 1);
}

TARGET static void forward_avx512(const float *x, long ldx, const long *rows, long row_count, long k_count,
                                  const float *w, long n_count, float *z) {
    for (long r0 = 0; r0 < row_count; r0 += 6) {
        int mr = row_count - r0 < 6 ? (int)(row_count - r0) : 6;
        const float *a[6];
        for (int i = 0; i < mr; i++) a[i] = x + (rows ? rows[r0 + i] : r0 + i) * ldx;
        float *tile = z + r0 * n_count;
        long n0 = 0;
        for (; n0 + 64 <= n_count; n0 += 64) {
            DISPATCH(forward64, mr, a, k_count, w + n0, n_count, tile + n0, n_count)
        }
        for (; n0 < n_count; n0 += 16) {
            __mmask16 mask = tail_mask(n_count - n0);
            DISPATCH(forward16, mr, a, k_count, w + n0, n_count, tile + n0, n_count, mask)
        }
    }
}

TARGET static void gradient_avx512(const float *x, long ldx, const long *rows, long row_count, long f_count,
                                   const float *d, long n_count, float *g) {
    for (long r0 = 0; r0 < row_count; r0 += CHUNK) {
        long chunk = row_count - r0 < CHUNK ? row_count - r0 : CHUNK;
        int add = r0 > 0;
        const float *deltas = d + r0 * n_count;
        for (long f0 = 0; f0 < f_count; f0 += 6) {
            int mr = f_count - f0 < 6 ? (int)(f_count - f0) : 6;
            float *tile = g + f0 * n_count;
            long n0 = 0;
            for (; n0 + 64 <= n_count; n0 += 64) {
                DISPATCH(gradient64, mr, x, ldx, rows + r0, chunk, f0, deltas + n0, n_count, tile + n0, n_count, add)
            }
            for (; n0 < n_count; n0 += 16) {
                __mmask16 mask = tail_mask(n_count - n0);
                DISPATCH(gradient16, mr, x, ldx, rows + r0, chunk, f0, deltas + n0, n_count, tile + n0, n_count, add, mask)
            }
        }
    }
}

// AVX2 (16 ymm registers): 6 rows × 16 columns (two 8-float vectors, 12 accumulators), 8
// loads per 12 FMAs; columns past the last whole 16 go 8 at a time with a mask. (4 × 24 tiles
// read W's rows in 96-byte pieces across cache lines: the forward product ran at 43 GFLOP/s
// against 80 for these on the machine they were measured on.)
#define TARGET2 __attribute__((target("avx2,fma")))

#define YFORWARD16(MR)                                                                               \
    TARGET2 static void yforward16_##MR(const float *const *a, long k_count, const float *w, long ldw, \
                                       float *z, long ldz) {                                        \
        __m256 c[MR][2];                                                                            \
        for (int i = 0; i < MR; i++)                                                                \
            for (int j = 0; j < 2; j++) c[i][j] = _mm256_loadu_ps(z + i * ldz + 8 * j);             \
        for (long k = 0; k < k_count; k++) {                                                        \
            const float *row = w + k * ldw;                                                         \
            __m256 b0 = _mm256_loadu_ps(row), b1 = _mm256_loadu_ps(row + 8);                        \
            for (int i = 0; i < MR; i++) {                                                          \
                __m256 v = _mm256_broadcast_ss(a[i] + k);                                           \
                c[i][0] = _mm256_fmadd_ps(v, b0, c[i][0]);                                          \
                c[i][1] = _mm256_fmadd_ps(v, b1, c[i][1]);                                          \
            }                                                                                       \
        }                                                                                           \
        for (int i = 0; i < MR; i++)                                                                \
            for (int j = 0; j < 2; j++) _mm256_storeu_ps(z + i * ldz + 8 * j, c[i][j]);             \
    }

#define YFORWARD8(MR)                                                                                \
    TARGET2 static void yforward8_##MR(const float *const *a, long k_count, const float *w, long ldw,  \
                                      float *z, long ldz, __m256i mask) {                           \
        __m256 c[MR];                                                                               \
        for (int i = 0; i < MR; i++) c[i] = _mm256_maskload_ps(z + i * ldz, mask);                  \
        for (long k = 0; k < k_count; k++) {                                                        \
            __m256 b = _mm256_maskload_ps(w + k * ldw, mask);                                       \
            for (int i = 0; i < MR; i++) c[i] = _mm256_fmadd_ps(_mm256_broadcast_ss(a[i] + k), b, c[i]); \
        }                                                                                           \
        for (int i = 0; i < MR; i++) _mm256_maskstore_ps(z + i * ldz, mask, c[i]);                  \
    }

#define YGRADIENT16(MR)                                                                              \
    TARGET2 static void ygradient16_##MR(const float *x, long ldx, const long *rows, long row_count, \
                                        long f0, const float *d, long ldd, float *g, long ldg, int add) { \
        __m256 c[MR][2];                                                                            \
        for (int i = 0; i < MR; i++)                                                                \
            for (int j = 0; j < 2; j++)                                                             \
                c[i][j] = add ? _mm256_loadu_ps(g + i * ldg + 8 * j) : _mm256_setzero_ps();         \
        for (long r = 0; r < row_count; r++) {                                                      \
            const float *features = x + rows[r] * ldx + f0;                                         \
            const float *delta = d + r * ldd;                                                       \
            __m256 b0 = _mm256_loadu_ps(delta), b1 = _mm256_loadu_ps(delta + 8);                    \
            for (int i = 0; i < MR; i++) {                                                          \
                __m256 v = _mm256_broadcast_ss(features + i);                                       \
                c[i][0] = _mm256_fmadd_ps(v, b0, c[i][0]);                                          \
                c[i][1] = _mm256_fmadd_ps(v, b1, c[i][1]);                                          \
            }                                                                                       \
        }                                                                                           \
        for (int i = 0; i < MR; i++)                                                                \
            for (int j = 0; j < 2; j++) _mm256_storeu_ps(g + i * ldg + 8 * j, c[i][j]);             \
    }

#define YGRADIENT8(MR)                                                                               \
    TARGET2 static void ygradient8_##MR(const float *x, long ldx, const long *rows, long row_count,  \
                                       long f0, const float *d, long ldd, float *g, long ldg, int add, \
                                       __m256i mask) {                                              \
        __m256 c[MR];                                                                               \
        for (int i = 0; i < MR; i++) c[i] = add ? _mm256_maskload_ps(g + i * ldg, mask) : _mm256_setzero_ps(); \
        for (long r = 0; r < row_count; r++) {                                                      \
            const float *features = x + rows[r] * ldx + f0;                                         \
            __m256 b = _mm256_maskload_ps(d + r * ldd, mask);                                       \
            for (int i = 0; i < MR; i++) c[i] = _mm256_fmadd_ps(_mm256_broadcast_ss(features + i), b, c[i]); \
        }                                                                                           \
        for (int i = 0; i < MR; i++) _mm256_maskstore_ps(g + i * ldg, mask, c[i]);                  \
    }

ALL(YFORWARD16)
ALL(YFORWARD8)
ALL(YGRADIENT16)
ALL(YGRADIENT8)

TARGET2 static __m256i tail_mask8(long columns) {
    __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(columns < 8 ? columns : 8)), lanes);
}

TARGET2 static void forward_avx2(const float *x, long ldx, const long *rows, long row_count, long k_count,
                                 const float *w, long n_count, float *z) {
    for (long r0 = 0; r0 < row_count; r0 += 6) {
        int mr = row_count - r0 < 6 ? (int)(row_count - r0) : 6;
        const float *a[6];
        for (int i = 0; i < mr; i++) a[i] = x + (rows ? rows[r0 + i] : r0 + i) * ldx;
        float *tile = z + r0 * n_count;
        long n0 = 0;
        for (; n0 + 16 <= n_count; n0 += 16) {
            DISPATCH(yforward16, mr, a, k_count, w + n0, n_count, tile + n0, n_count)
        }
        for (; n0 < n_count; n0 += 8) {
            __m256i mask = tail_mask8(n_count - n0);
            DISPATCH(yforward8, mr, a, k_count, w + n0, n_count, tile + n0, n_count, mask)
        }
    }
}

TARGET2 static void gradient_avx2(const float *x, long ldx, const long *rows, long row_count, long f_count,
                                  const float *d, long n_count, float *g) {
    for (long r0 = 0; r0 < row_count; r0 += CHUNK) {
        long chunk = row_count - r0 < CHUNK ? row_count - r0 : CHUNK;
        int add = r0 > 0;
        const float *deltas = d + r0 * n_count;
        for (long f0 = 0; f0 < f_count; f0 += 6) {
            int mr = f_count - f0 < 6 ? (int)(f_count - f0) : 6;
            float *tile = g + f0 * n_count;
            long n0 = 0;
            for (; n0 + 16 <= n_count; n0 += 16) {
                DISPATCH(ygradient16, mr, x, ldx, rows + r0, chunk, f0, deltas + n0, n_count, tile + n0, n_count, add)
            }
            for (; n0 < n_count; n0 += 8) {
                __m256i mask = tail_mask8(n_count - n0);
                DISPATCH(ygradient8, mr, x, ldx, rows + r0, chunk, f0, deltas + n0, n_count, tile + n0, n_count, add, mask)
            }
        }
    }
}

void lrlab_rows_forward_at(int at, const float *x, long ldx, const long *rows, long row_count, long k_count,
                           const float *w, long n_count, float *z) {
    at = at < lrlab_row_kernels_level() ? at : lrlab_row_kernels_level();
    if (at >= 2) forward_avx512(x, ldx, rows, row_count, k_count, w, n_count, z);
    else if (at == 1) forward_avx2(x, ldx, rows, row_count, k_count, w, n_count, z);
    else forward_plain(x, ldx, rows, row_count, k_count, w, n_count, z);
}

void lrlab_rows_weight_gradient_at(int at, const float *x, long ldx, const long *rows, long row_count, long f_count,
                                   const float *d, long n_count, float *g) {
    at = at < lrlab_row_kernels_level() ? at : lrlab_row_kernels_level();
    if (at >= 2) gradient_avx512(x, ldx, rows, row_count, f_count, d, n_count, g);
    else if (at == 1) gradient_avx2(x, ldx, rows, row_count, f_count, d, n_count, g);
    else gradient_plain(x, ldx, rows, row_count, f_count, d, n_count, g);
}

void lrlab_rows_forward(const float *x, long ldx, const long *rows, long row_count, long k_count,
                        const float *w, long n_count, float *z) {
    lrlab_rows_forward_at(2, x, ldx, rows, row_count, k_count, w, n_count, z);
}

void lrlab_rows_weight_gradient(const float *x, long ldx, const long *rows, long row_count, long f_count,
                                const float *d, long n_count, float *g) {
    lrlab_rows_weight_gradient_at(2, x, ldx, rows, row_count, f_count, d, n_count, g);
}

#else

int lrlab_row_kernels_level(void) { return 0; }

void lrlab_rows_forward_at(int at, const float *x, long ldx, const long *rows, long row_count, long k_count,
                           const float *w, long n_count, float *z) {
    (void)at;
    forward_plain(x, ldx, rows, row_count, k_count, w, n_count, z);
}

void lrlab_rows_weight_gradient_at(int at, const float *x, long ldx, const long *rows, long row_count, long f_count,
                                   const float *d, long n_count, float *g) {
    (void)at;
    gradient_plain(x, ldx, rows, row_count, f_count, d, n_count, g);
}

void lrlab_rows_forward(const float *x, long ldx, const long *rows, long row_count, long k_count,
                        const float *w, long n_count, float *z) {
    forward_plain(x, ldx, rows, row_count, k_count, w, n_count, z);
}

void lrlab_rows_weight_gradient(const float *x, long ldx, const long *rows, long row_count, long f_count,
                                const float *d, long n_count, float *g) {
    gradient_plain(x, ldx, rows, row_count, f_count, d, n_count, g);
}

#endif
