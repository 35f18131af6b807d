"""Exports the numpy reference's first 50 training steps on digits as a fixture for
Tests/TrainingTests/ReferenceEquivalenceTests.swift.

Derived from ../shared/bench/mlp_numpy.py (same data, split, init, batch order, loss and
float32 arithmetic), with hidden 16 to keep the file small, run twice from the same initial
weights and batch order: SGD with momentum exactly as mlp_numpy.py, and Adam written from
torch.optim.Adam's formulas (single-tensor form). Writes the initial parameters (lrlab's buffer
order W1, b1, W2, b2; W row-major fan_in x fan_out), each epoch's row order and each step's
minibatch mean loss (before its update).

    python3 Tests/Fixtures/make_training_fixture.py [--bench ../shared/bench]
"""
import argparse
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser()
parser.add_argument("--bench", default=os.path.join(HERE, "..", "..", "..", "shared", "bench"))
parser.add_argument("--out", default=os.path.join(HERE, "numpy_reference_steps.json"))
args = parser.parse_args()
sys.path.insert(0, args.bench)
from common import load_digits_split  # noqa: E402
import numpy as np  # noqa: E402

SEED, HIDDEN, BATCH, STEPS, EPOCHS = 0, 16, 64, 50, 3
Xtr, ytr, Xte, yte = load_digits_split()
n, d = Xtr.shape
classes = 10
rng = np.random.default_rng(SEED)


def init(fan_in, fan_out):  # PyTorch's default Linear init, as mlp_numpy.py
    b = 1 / np.sqrt(fan_in)
    return (rng.uniform(-b, b, (fan_in, fan_out)).astype(np.float32),
            rng.uniform(-b, b, fan_out).astype(np.float32))


W1, b1 = init(d, HIDDEN)
W2, b2 = init(HIDDEN, classes)
initial = [W1, b1, W2, b2]
orders = [rng.permutation(n) for _ in range(EPOCHS)]


def loss_and_gradients(params, idx):
    W1, b1, W2, b2 = params
    xb, yb = Xtr[idx], ytr[idx]
    m = len(idx)
    h = xb @ W1 + b1
    a = np.maximum(h, 0)
    logits = a @ W2 + b2
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    p /= p.sum(axis=1, keepdims=True)
    loss = float(-np.log(p[np.arange(m), yb] + 1e-12).sum()) / m
    dlogits = p
    dlogits[np.arange(m), yb] -= 1
    dlogits /= m
    gW2 = a.T @ dlogits
    gb2 = dlogits.sum(axis=0)
    da = dlogits @ W2.T
    da[h <= 0] = 0
    return loss, (xb.T @ da, da.sum(axis=0), gW2, gb2)


def batches():
    for order in orders:
        for i in range(0, n, BATCH):
            yield order[i:i + BATCH]


def run(update):
    params = [p.copy() for p in initial]
    state = [dict() for _ in params]
    losses = []
    for t, idx in enumerate(batches(), start=1):
        if t > STEPS:
            break
        loss, grads = loss_and_gradients(params, idx)
        losses.append(loss)
        for prm, g, s in zip(params, grads, state):
            update(prm, g, s, t)
    return losses


LR_SGD, MU = np.float32(0.1), np.float32(0.9)


def momentum_sgd(prm, g, s, t):  # mlp_numpy.py: v = mu*v + g; p -= lr*v
    v = s.setdefault("v", np.zeros_like(prm))
    v *= MU
    v += g
    prm -= LR_SGD * v


LR_ADAM, BETA1, BETA2, EPS = 0.01, 0.9, 0.999, 1e-8


def adam(prm, g, s, t):  # torch.optim.Adam, single-tensor form, weight_decay 0
    m = s.setdefault("m", np.zeros_like(prm))
    v = s.setdefault("v", np.zeros_like(prm))
    m += np.float32(1 - BETA1) * (g - m)                    # exp_avg.lerp_(grad, 1 - beta1)
    v *= np.float32(BETA2)                                  # exp_avg_sq.mul_(beta2)
    v += np.float32(1 - BETA2) * (g * g)                    #   .addcmul_(grad, grad, value=1 - beta2)
    step_size = LR_ADAM / (1 - BETA1 ** t)
    denom = np.sqrt(v) / np.float32(math.sqrt(1 - BETA2 ** t)) + np.float32(EPS)
    prm -= np.float32(step_size) * (m / denom)              # addcdiv_(exp_avg, denom, value=-step_size)


def floats(a):
    return [float(np.format_float_positional(x, unique=True, trim="-")) for x in np.asarray(a, np.float32).ravel()]


fixture = {
    "source": "Tests/Fixtures/make_training_fixture.py (numpy %s), digits benchmark split" % np.__version__,
    "seed": SEED, "hidden": HIDDEN, "batch_size": BATCH, "steps": STEPS,
    "parameters": sum((floats(p) for p in initial), []),
    "orders": [o.tolist() for o in orders],
    "cases": [
        {"optimizer": "momentum", "lr": float(LR_SGD), "momentum": float(MU), "losses": run(momentum_sgd)},
        {"optimizer": "adam", "lr": LR_ADAM, "betas": [BETA1, BETA2], "eps": EPS, "losses": run(adam)},
    ],
}
with open(args.out, "w") as f:
    json.dump(fixture, f, separators=(",", ":"))
    f.write("\n")
print(args.out, os.path.getsize(args.out), "bytes")
