#!/usr/bin/env python3
"""Trains a small PyTorch nn.Sequential on Fashion-MNIST classes 0-4 and writes what ImportFromTorchTest imports:

  model.safetensors  the trained network's state_dict in the safetensors format, written by hand below exactly as
                     safetensors.torch.save_file(model.state_dict(), ...) writes it (that package is not in Debian):
                     8 bytes of header length (unsigned little-endian), a JSON header padded with spaces to a
                     multiple of 8, then the raw little-endian tensor bytes. Keys are the state_dict's ("0.weight",
                     "4.running_mean", ...); BatchNorm's num_batches_tracked is kept as an I64 scalar, as
                     save_file keeps it, and the Java importer ignores it.
  model.json         the Sequential's modules in order with their constructor arguments (describe() below; copy it
                     to describe your own network), the input shape and torch's version.
  expected.json      PyTorch's own evaluation, in eval mode, of the first 500 test images of classes 0-4 in the
                     test file's order (labels 0-4 as they are): accuracy, every prediction, and the softmax
                     probabilities of the first 10 images.
  same-*             the same three files for a second, smaller network: Conv2d(padding='same') with an even kernel
                     (asymmetric padding) and padding='valid', and Dropout after each convolution block.

Run from this folder with Debian's python3-torch (1.13) and NumPy: /usr/bin/python3 make_fixture.py
The Fashion-MNIST IDX files are read from transfer-examples (see DATA below). Seeded and single-threaded, so the
output is deterministic for a given torch build. Pixels are byte / 255 as float32, as LabelledImages.copyImage
gives them to both Java backends.
"""
import gzip
import json
import os
import struct

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, *[".."] * 8, "transfer-examples", "src", "main", "resources", "org", "transferable",
                    "examples", "fashion-mnist")
CLASSES = [0, 1, 2, 3, 4]
TRAIN_IMAGES = 600   # the first 600 training images of classes 0-4 in file order
TEST_IMAGES = 500    # the first 500 test images of classes 0-4 in file order
EPOCHS = 2
SEED = 15


def idx(prefix):
    with gzip.open(os.path.join(DATA, prefix + "-images-idx3-ubyte.gz")) as f:
        raw = f.read()
    count, rows, cols = struct.unpack(">III", raw[4:16])
    images = np.frombuffer(raw, dtype=np.uint8, offset=16).reshape(count, 1, rows, cols)
    with gzip.open(os.path.join(DATA, prefix + "-labels-idx1-ubyte.gz")) as f:
        labels = np.frombuffer(f.read(), dtype=np.uint8, offset=8).astype(np.int64)
    keep = np.isin(labels, CLASSES)
    return images[keep], labels[keep]


def tensor(images):
    return torch.from_numpy(images.astype(np.float32) / np.float32(255.0))


# The constructor arguments each supported module kind is described by; any other module is written with its type
# and name only, and the Java importer refuses it naming its index and kind.
ATTRIBUTES = {
    "Conv2d": ["in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation", "groups",
               "padding_mode"],
    "BatchNorm2d": ["num_features", "eps", "momentum", "affine", "track_running_stats"],
    "BatchNorm1d": ["num_features", "eps", "momentum", "affine", "track_running_stats"],
    "MaxPool2d": ["kernel_size", "stride", "padding", "dilation", "ceil_mode"],
    "AvgPool2d": ["kernel_size", "stride", "padding", "ceil_mode", "count_include_pad", "divisor_override"],
    "Linear": ["in_features", "out_features"],
    "Dropout": ["p"],
    "Flatten": ["start_dim", "end_dim"],
    "ReLU": [],
    "LeakyReLU": ["negative_slope"],
    "Tanh": [],
    "Sigmoid": [],
    "Identity": [],
    "Softmax": ["dim"],
    "LogSoftmax": ["dim"],
}


def describe(sequential, input_shape):
    modules = []
    for name, module in sequential.named_children():
        kind = type(module).__name__
        entry = {"name": name, "type": kind}
        for attribute in ATTRIBUTES.get(kind, []):
            value = getattr(module, attribute)
            entry[attribute] = list(value) if isinstance(value, tuple) else value
        if kind in ("Conv2d", "Linear"):
            entry["bias"] = module.bias is not None
        modules.append(entry)
    return {"format": "torch.nn.Sequential", "torch": torch.__version__,
            "input": {"channels": input_shape[0], "height": input_shape[1], "width": input_shape[2]},
            "modules": modules}


def save_safetensors(state_dict, path):
    header = {"__metadata__": {"format": "pt"}}
    data = bytearray()
    for key, value in state_dict.items():
        value = value.detach().cpu().contiguous()
        if value.dtype == torch.float32:
            dtype, raw = "F32", value.numpy().astype("<f4").tobytes()
        elif value.dtype == torch.int64:
            dtype, raw = "I64", value.numpy().astype("<i8").tobytes()
        else:
            raise ValueError(key + ": unexpected dtype " + str(value.dtype))
        header[key] = {"dtype": dtype, "shape": list(value.shape), "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as out:
        out.write(struct.pack("<Q", len(text)))
        out.write(text)
        out.write(data)


def write_json(value, path):
    """An object with one key a line, and one line for each element of a list of objects or lists."""
    lines = []
    for key, item in value.items():
        if isinstance(item, list) and item and isinstance(item[0], (dict, list)):
            rows = ",\n".join("  " + json.dumps(row) for row in item)
            lines.append(" " + json.dumps(key) + ": [\n" + rows + "\n ]")
        else:
            lines.append(" " + json.dumps(key) + ": " + json.dumps(item))
    with open(path, "w") as out:
        out.write("{\n" + ",\n".join(lines) + "\n}\n")


def train(model, train_x, train_y):
    optimiser = torch.optim.Adam(model.parameters(), lr=2e-3)
    loss_fn = nn.CrossEntropyLoss()
    shuffle = torch.Generator().manual_seed(SEED)
    for epoch in range(EPOCHS):
        model.train()
        order = torch.randperm(len(train_y), generator=shuffle)
        for start in range(0, len(order), 32):
            batch = order[start:start + 32]
            optimiser.zero_grad()
            loss = loss_fn(model(train_x[batch]), train_y[batch])
            loss.backward()
            optimiser.step()
        print("epoch", epoch + 1, "last batch loss", float(loss))


def write(model, prefix, test_x, test_y):
    """Writes PREFIXmodel.safetensors, PREFIXmodel.json and PREFIXexpected.json."""
    model.eval()
    with torch.no_grad():
        logits = model(test_x)
    probabilities = torch.softmax(logits, dim=1)
    predictions = logits.argmax(dim=1)
    accuracy = float((predictions == test_y).float().mean())

    save_safetensors(model.state_dict(), os.path.join(HERE, prefix + "model.safetensors"))
    write_json(describe(model, (1, 28, 28)), os.path.join(HERE, prefix + "model.json"))
    expected = {
        "description": "PyTorch's own evaluation (eval mode, torch " + torch.__version__ + ") of the first "
                       + str(TEST_IMAGES) + " test images of Fashion-MNIST classes 0-4 in file order",
        "torch": torch.__version__, "images": TEST_IMAGES, "accuracy": accuracy,
        "loss": float(nn.CrossEntropyLoss()(logits, test_y)),
        "predictions": predictions.tolist(),
        "probabilities": [[float(p) for p in row] for row in probabilities[:10]],
    }
    write_json(expected, os.path.join(HERE, prefix + "expected.json"))
    print(prefix + "model: PyTorch accuracy on", TEST_IMAGES, "test images:", accuracy)


def main():
    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    train_x, train_y = idx("train")
    test_x, test_y = idx("t10k")
    train_x, train_y = tensor(train_x[:TRAIN_IMAGES]), torch.from_numpy(train_y[:TRAIN_IMAGES])
    test_x, test_y = tensor(test_x[:TEST_IMAGES]), torch.from_numpy(test_y[:TEST_IMAGES])

    model = nn.Sequential(
        nn.Conv2d(1, 8, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(16 * 6 * 6, 32), nn.ReLU(), nn.Dropout(0.25),
        nn.Linear(32, len(CLASSES)))
    train(model, train_x, train_y)
    write(model, "", test_x, test_y)

    # same padding with an even kernel (PyTorch pads 1 above and left, 2 below and right: the spec's same padding)
    # and dropout after each convolution block, written as same-model.*, same-expected.json
    torch.manual_seed(SEED)
    same = nn.Sequential(
        nn.Conv2d(1, 6, 4, padding="same"), nn.ReLU(), nn.MaxPool2d(2), nn.Dropout(0.2),
        nn.Conv2d(6, 8, 3, padding="valid"), nn.Tanh(), nn.MaxPool2d(2), nn.Dropout(0.1),
        nn.Flatten(), nn.Linear(8 * 6 * 6, len(CLASSES)))
    train(same, train_x, train_y)
    write(same, "same-", test_x, test_y)


if __name__ == "__main__":
    main()
