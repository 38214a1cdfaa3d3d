"""The study's network as the PyTorch peer builds it (shared/peers/pytorch_study.py's layers, without dropout, which
costs no multiply-adds): conv 8-16-24-24-16, fc 64-64, 5 classes; shared by machine-rates.py and model-batching.py."""
import torch.nn as nn


def small_net(classes=5):
    return nn.Sequential(
        nn.Conv2d(1, 8, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 24, 3, padding=1), nn.ReLU(),
        nn.Conv2d(24, 24, 3, padding=1), nn.ReLU(),
        nn.Conv2d(24, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(16 * 3 * 3, 64), nn.ReLU(),
        nn.Linear(64, 64), nn.ReLU(),
        nn.Linear(64, classes))
