#!/usr/bin/env python3
"""MNIST-shaped stand-in files for timing `dataset: mnist` end to end without the internet.

Writes the four files torchvision's MNIST mirror serves (`train-images-idx3-ubyte.gz` and the
others: IDX headers, 60,000 + 10,000 images of 28 × 28 bytes, gzip) and `checksums.txt`
(`NAME MD5` lines, the format of LRLAB_DATA_CHECKSUMS) into OUT. The images are the 8 × 8
digits of ../shared/bench/data/digits.csv scaled 3× to 24 × 24, placed at a random offset in
28 × 28, with random contrast and noise on the strokes: learnable like MNIST, but not MNIST, so only
the shapes, sizes and the pipeline are real. Training images come from digits rows i % 5 != 4,
test images from the others. Deterministic for a seed.

    python3 Benchmarks/mnist_shaped.py OUT [--seed 0]
"""
import argparse
import gzip
import hashlib
import os
import struct

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = os.path.join(HERE, "..", "..", "shared", "bench", "data", "digits.csv")


def images(rows, labels, count, rng):
    pick = rng.integers(0, len(rows), size=count)
    small = rows[pick].reshape(count, 8, 8) / 16.0
    big = small.repeat(3, axis=1).repeat(3, axis=2)  # 24 × 24
    out = np.zeros((count, 28, 28), dtype=np.float64)
    dy, dx = rng.integers(0, 5, size=count), rng.integers(0, 5, size=count)
    for i in range(count):
        out[i, dy[i]:dy[i] + 24, dx[i]:dx[i] + 24] = big[i]
    out *= rng.uniform(0.6, 1.0, size=(count, 1, 1)) * 255
    ink = out > 0  # noise on the strokes only: a black background, as MNIST's, keeps the files small
    out[ink] += rng.normal(0, 24, size=int(ink.sum()))
    out = np.clip(out, 0, 255) // 8 * 8  # 32 grey levels
    return out.astype(np.uint8), labels[pick].astype(np.uint8)


def write(path, magic, dims, payload):
    header = struct.pack(">I", magic) + b"".join(struct.pack(">I", d) for d in dims)
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
        f.write(header + payload.tobytes())


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    table = np.loadtxt(DIGITS, delimiter=",", skiprows=1)
    features, labels = table[:, :64], table[:, 64].astype(int)
    test_rows = np.arange(len(table)) % 5 == 4
    rng = np.random.default_rng(a.seed)
    os.makedirs(a.out, exist_ok=True)
    sums = []
    for prefix, rows, count in (("train", ~test_rows, 60000), ("t10k", test_rows, 10000)):
        x, y = images(features[rows], labels[rows], count, rng)
        for name, magic, dims, payload in ((f"{prefix}-images-idx3-ubyte.gz", 2051, (count, 28, 28), x),
                                           (f"{prefix}-labels-idx1-ubyte.gz", 2049, (count,), y)):
            path = os.path.join(a.out, name)
            write(path, magic, dims, payload)
            sums.append(f"{name} {hashlib.md5(open(path, 'rb').read()).hexdigest()}")
    with open(os.path.join(a.out, "checksums.txt"), "w") as f:
        f.write("\n".join(sums) + "\n")


if __name__ == "__main__":
    main()
