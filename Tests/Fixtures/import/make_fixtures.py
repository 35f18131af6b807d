#!/usr/bin/env python3
"""Writes the `lrlab import` fixtures with the real tools.

Keras 3 (torch backend) `CSVLogger` files under keras/, the same Keras trainings logged by its
`TensorBoard` callback (train/ and validation/ event files; it needs tensorflow) under keras-tb/,
PyTorch Lightning `CSVLogger`
folders (metrics.csv + hparams.yaml) under lightning/, and the same Lightning trainings logged by
its `TensorBoardLogger` (event files + hparams.yaml) under lightning-tb/: a tiny classifier on small random data
(2,048 training and 512 validation examples, 20 features, 4 classes whose labels follow a fixed
random linear rule), batch sizes 64 / 256 / 1024 x learning rates 0.01 / 0.1, plain SGD, 3 epochs.

    python3 Tests/Fixtures/import/make_fixtures.py [keras] [keras-tb] [lightning] [lightning-tb]   (default: all)

Installs keras, tensorflow-cpu, lightning and tensorboard with pip when they are missing (torch must be there). The output is
committed; run it again only to remake the fixtures (the numbers change with library versions).
"""
import importlib.util
import os
import shutil
import subprocess
import sys

os.environ.setdefault("KERAS_BACKEND", "torch")
HERE = os.path.dirname(os.path.abspath(__file__))
BATCH_SIZES = [64, 256, 1024]
RATES = [0.01, 0.1]
EPOCHS = 3
FEATURES, CLASSES, TRAIN, VALIDATION = 20, 4, 2048, 512


def ensure(module, requirement):
    if importlib.util.find_spec(module) is None:
        subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", requirement])


def data():
    import numpy as np
    rng = np.random.default_rng(13)
    rule = rng.normal(size=(FEATURES, CLASSES))
    x = rng.normal(size=(TRAIN + VALIDATION, FEATURES)).astype("float32")
    y = np.argmax(x @ rule + 0.5 * rng.normal(size=(TRAIN + VALIDATION, CLASSES)), axis=1).astype("int64")
    return x[:TRAIN], y[:TRAIN], x[TRAIN:], y[TRAIN:]


def keras_logs(x, y, vx, vy, tensorboard=False):
    ensure("keras", "keras>=3")
    if tensorboard:
        ensure("tensorflow", "tensorflow-cpu")  # Keras 3's TensorBoard callback writes through tf.summary
    import keras
    assert keras.__version__.startswith("3."), keras.__version__
    out = os.path.join(HERE, "keras-tb" if tensorboard else "keras")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    for batch in BATCH_SIZES:
        for rate in RATES:
            keras.utils.set_random_seed(1)
            model = keras.Sequential([keras.Input((FEATURES,)), keras.layers.Dense(16, activation="relu"),
                                      keras.layers.Dense(CLASSES, activation="softmax")])
            model.compile(optimizer=keras.optimizers.SGD(learning_rate=rate),
                          loss="sparse_categorical_crossentropy", metrics=["accuracy"])
            path = os.path.join(out, f"bs{batch}_lr{rate}")
            logger = keras.callbacks.TensorBoard(log_dir=path) if tensorboard else keras.callbacks.CSVLogger(path + ".csv")
            model.fit(x, y, batch_size=batch, epochs=EPOCHS, validation_data=(vx, vy), verbose=0,
                      callbacks=[logger])


def lightning_logs(x, y, vx, vy, tensorboard=False):
    ensure("lightning", "lightning")
    if tensorboard:
        ensure("tensorboard", "tensorboard")
    import torch
    import lightning as L
    from lightning.pytorch.callbacks import LearningRateMonitor
    from lightning.pytorch.loggers import CSVLogger, TensorBoardLogger
    from torch.utils.data import DataLoader, TensorDataset

    class Classifier(L.LightningModule):
        def __init__(self, batch_size, lr, optimizer="sgd"):
            super().__init__()
            self.save_hyperparameters()
            self.net = torch.nn.Sequential(torch.nn.Linear(FEATURES, 16), torch.nn.ReLU(), torch.nn.Linear(16, CLASSES))

        def step(self, batch, name, on_step):
            inputs, labels = batch
            logits = self.net(inputs)
            loss = torch.nn.functional.cross_entropy(logits, labels)
            accuracy = (logits.argmax(1) == labels).float().mean()
            self.log(f"{name}_loss", loss, on_step=on_step, on_epoch=True)
            self.log(f"{name}_acc", accuracy, on_step=False, on_epoch=True)
            return loss

        def training_step(self, batch, _):
            return self.step(batch, "train", on_step=True)

        def validation_step(self, batch, _):
            self.step(batch, "val", on_step=False)

        def configure_optimizers(self):
            return torch.optim.SGD(self.parameters(), lr=self.hparams.lr)

    out = os.path.join(HERE, "lightning-tb" if tensorboard else "lightning")
    shutil.rmtree(out, ignore_errors=True)
    train = TensorDataset(torch.from_numpy(x), torch.from_numpy(y))
    validation = TensorDataset(torch.from_numpy(vx), torch.from_numpy(vy))
    for batch in BATCH_SIZES:
        for rate in RATES:
            L.seed_everything(1, verbose=False)
            logger = TensorBoardLogger(out) if tensorboard else CSVLogger(out)
            trainer = L.Trainer(max_epochs=EPOCHS, logger=logger, log_every_n_steps=4,
                                callbacks=[LearningRateMonitor(logging_interval="step")],
                                enable_checkpointing=False, enable_progress_bar=False,
                                enable_model_summary=False, num_sanity_val_steps=0, accelerator="cpu")
            trainer.fit(Classifier(batch, rate), DataLoader(train, batch_size=batch, shuffle=True),
                        DataLoader(validation, batch_size=VALIDATION))


if __name__ == "__main__":
    which = sys.argv[1:] or ["keras", "lightning", "lightning-tb"]
    arrays = data()
    if "keras" in which:
        keras_logs(*arrays)
    if "keras-tb" in which:
        keras_logs(*arrays, tensorboard=True)
    if "lightning" in which:
        lightning_logs(*arrays)
    if "lightning-tb" in which:
        lightning_logs(*arrays, tensorboard=True)
