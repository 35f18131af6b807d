#!/usr/bin/env python3
"""Writes the TensorBoard event-file fixtures of Tests/TensorBoardTests with the real tools.

Run from anywhere: `python3 Tests/Fixtures/tensorboard/make_fixtures.py`. It pip-installs
`tensorboard` when it is missing (torch must be installed: `torch.utils.tensorboard` needs
both) and rewrites the folders below next to this script, plus `expected.json`, the values
each run logged as the file stores them (float32 values rounded to float32), which the Swift
tests compare the decoded logs with.

Runs (each a tiny real training: a 2-8-2 MLP with SGD on a seeded toy problem, 3 epochs):

- `bs16_lr0.1/`, `bs64_lr0.05/`: `torch.utils.tensorboard.SummaryWriter` as people use it:
  `add_scalar("train/loss", …)` every step (TF1 `simple_value`), `train/acc` (the epoch's
  running accuracy over its minibatches), `val/loss` and `val/acc` every epoch, then `add_hparams({"batch_size", "lr", "optimizer"}, {"hparam/val_acc"})`,
  which writes a sub-folder of its own (named by the time) holding the hparams plugin's
  experiment, session_start_info and session_end_info, and the metric as a scalar.
- `tf2_style/`: TF2-style tensor summaries without TensorFlow: `add_scalar(new_style=True)`
  (a rank-0 DT_FLOAT tensor in `float_val`, plugin "scalars") for `train/loss` and `train/acc`, with
  `double_precision=True` (DT_DOUBLE in `double_val`) for `val/loss`, and `val/acc` written as
  TensorFlow 2's own writer does it: a rank-0 DT_FLOAT tensor in `tensor_content` (raw
  little-endian bytes), built with the `tensorboard` package's compiled protos and written by
  the same writer. The hparams are in the run folder itself, written by the `tensorboard`
  package's `tensorboard.plugins.hparams.summary_v2.hparams_pb` (as the Keras hparams callback
  does), with a float `learning_rate`, an int `batch_size` and a string `optimizer`.
"""

import importlib.util
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
EPOCHS = 3
SAMPLES = 64


def ensure_tensorboard():
    if importlib.util.find_spec("tensorboard") is None:
        subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "tensorboard"])


def f32(x):
    """x as a float32 stores it."""
    return struct.unpack("<f", struct.pack("<f", float(x)))[0]


def train(batch_size, lr, seed, log_step, log_epoch):
    """Trains a tiny MLP on a seeded two-blob problem; calls the loggers with real losses."""
    import torch

    g = torch.Generator().manual_seed(seed)
    x = torch.cat([torch.randn(SAMPLES // 2, 2, generator=g) + 1.0,
                   torch.randn(SAMPLES // 2, 2, generator=g) - 1.0])
    y = torch.cat([torch.zeros(SAMPLES // 2, dtype=torch.long), torch.ones(SAMPLES // 2, dtype=torch.long)])
    val_x = torch.cat([torch.randn(16, 2, generator=g) + 1.0, torch.randn(16, 2, generator=g) - 1.0])
    val_y = torch.cat([torch.zeros(16, dtype=torch.long), torch.ones(16, dtype=torch.long)])
    torch.manual_seed(seed)
    model = torch.nn.Sequential(torch.nn.Linear(2, 8), torch.nn.Tanh(), torch.nn.Linear(8, 2))
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    step = 0
    val_acc = 0.0
    for epoch in range(EPOCHS):
        order = torch.randperm(SAMPLES, generator=g)
        correct = 0
        for start in range(0, SAMPLES, batch_size):
            idx = order[start:start + batch_size]
            optimizer.zero_grad()
            out = model(x[idx])
            loss = loss_fn(out, y[idx])
            loss.backward()
            optimizer.step()
            correct += (out.argmax(1) == y[idx]).sum().item()
            log_step(step, loss.item())
            step += 1
        train_acc = correct / SAMPLES
        with torch.no_grad():
            out = model(val_x)
            val_loss = loss_fn(out, val_y).item()
            val_acc = (out.argmax(1) == val_y).float().mean().item()
        log_epoch(step, epoch, train_acc, val_loss, val_acc)
    return val_acc


def torch_run(name, batch_size, lr, seed, expected):
    from torch.utils.tensorboard import SummaryWriter

    folder = os.path.join(HERE, name)
    record = {"scalars": {"train/loss": [], "train/acc": [], "val/loss": [], "val/acc": []},
              "hparams": {"batch_size": str(batch_size), "lr": repr(lr), "optimizer": "sgd"}}
    with SummaryWriter(log_dir=folder) as writer:
        def log_step(step, loss):
            wall = time.time()
            writer.add_scalar("train/loss", loss, step, walltime=wall)
            record["scalars"]["train/loss"].append([step, wall, f32(loss)])

        def log_epoch(step, epoch, train_acc, val_loss, val_acc):
            wall = time.time()
            writer.add_scalar("train/acc", train_acc, step, walltime=wall)
            record["scalars"]["train/acc"].append([step, wall, f32(train_acc)])
            writer.add_scalar("val/loss", val_loss, step, walltime=wall)
            writer.add_scalar("val/acc", val_acc, step, walltime=wall)
            record["scalars"]["val/loss"].append([step, wall, f32(val_loss)])
            record["scalars"]["val/acc"].append([step, wall, f32(val_acc)])

        val_acc = train(batch_size, lr, seed, log_step, log_epoch)
        # add_hparams writes its own sub-folder (named by time.time()) next to the scalars.
        writer.add_hparams({"batch_size": batch_size, "lr": lr, "optimizer": "sgd"},
                           {"hparam/val_acc": val_acc})
    subfolders = [d for d in os.listdir(folder) if os.path.isdir(os.path.join(folder, d))]
    assert len(subfolders) == 1, subfolders
    # The metric add_hparams logs as a scalar (step 0: no global_step given), in the sub-folder;
    # its wall time is the writer's own, so the tests check only its step and value.
    record["subfolder"] = subfolders[0]
    record["hparam_metric"] = ["hparam/val_acc", 0, f32(val_acc)]
    expected[name] = record


def tf2_run(name, batch_size, lr, seed, expected):
    from torch.utils.tensorboard import SummaryWriter
    from tensorboard.compat.proto.summary_pb2 import Summary, SummaryMetadata
    from tensorboard.compat.proto.tensor_pb2 import TensorProto
    from tensorboard.compat.proto.tensor_shape_pb2 import TensorShapeProto
    from tensorboard.plugins.hparams import summary_v2 as hp

    folder = os.path.join(HERE, name)
    record = {"scalars": {"train/loss": [], "train/acc": [], "val/loss": [], "val/acc": []},
              "hparams": {"batch_size": str(batch_size), "learning_rate": repr(lr), "optimizer": "sgd"}}
    with SummaryWriter(log_dir=folder) as writer:
        writer.file_writer.add_summary(hp.hparams_pb({"batch_size": batch_size, "learning_rate": lr, "optimizer": "sgd"}))
        first_acc = [True]

        def log_step(step, loss):
            wall = time.time()
            writer.add_scalar("train/loss", loss, step, walltime=wall, new_style=True)
            record["scalars"]["train/loss"].append([step, wall, f32(loss)])

        def log_epoch(step, epoch, train_acc, val_loss, val_acc):
            wall = time.time()
            writer.add_scalar("train/acc", train_acc, step, walltime=wall, new_style=True)
            record["scalars"]["train/acc"].append([step, wall, f32(train_acc)])
            writer.add_scalar("val/loss", val_loss, step, walltime=wall, new_style=True, double_precision=True)
            record["scalars"]["val/loss"].append([step, wall, float(val_loss)])
            # TF2's writer: tensor_content, metadata on the tag's first value only.
            tensor = TensorProto(dtype="DT_FLOAT", tensor_shape=TensorShapeProto(),
                                 tensor_content=struct.pack("<f", val_acc))
            value = Summary.Value(tag="val/acc", tensor=tensor)
            if first_acc[0]:
                value.metadata.CopyFrom(SummaryMetadata(
                    plugin_data=SummaryMetadata.PluginData(plugin_name="scalars"), data_class=1))
                first_acc[0] = False
            writer.file_writer.add_summary(Summary(value=[value]), step, walltime=wall)
            record["scalars"]["val/acc"].append([step, wall, f32(val_acc)])

        train(batch_size, lr, seed, log_step, log_epoch)
    expected[name] = record


def main():
    ensure_tensorboard()
    import tensorboard
    import torch

    for name in ["bs16_lr0.1", "bs64_lr0.05", "tf2_style"]:
        shutil.rmtree(os.path.join(HERE, name), ignore_errors=True)
    expected = {"_written_by": f"torch {torch.__version__}, tensorboard {tensorboard.__version__}"}
    torch_run("bs16_lr0.1", 16, 0.1, 1, expected)
    torch_run("bs64_lr0.05", 64, 0.05, 2, expected)
    tf2_run("tf2_style", 32, 0.05, 3, expected)
    write_expected(expected)


def write_expected(expected):
    """expected.json, one [step, wall_time, value] row a line."""
    text = json.dumps(expected, indent=1, sort_keys=True)
    # Fold each innermost list of numbers onto one line.
    text = re.sub(r"\[\s*([-0-9.e]+),\s*([-0-9.e]+),\s*([-0-9.e]+)\s*\]", r"[\1, \2, \3]", text)
    text = re.sub(r"\[\s*(\"[^\"]*\"),\s*([-0-9.e]+),\s*([-0-9.e]+)\s*\]", r"[\1, \2, \3]", text)
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        f.write(text + "\n")


if __name__ == "__main__":
    main()
