"""Two rates of this machine, measured with the PyTorch peer's own library (Debian's python3-torch), 2 threads:
the matrix-product peak (float32 2048 x 2048 products, best of 10) and the fastest training step of the study's
network (the small 8-layer net of shared/peers/pytorch_study.py, SGD with momentum, both memory layouts, batch
sizes 32 to 2048). FLOP are counted as StudyArithmetic counts them: 2 x (3 x forward - conv1's inputs' gradients).
Prints one JSON object. Usage: python3 benchmarks/machine-rates.py [threads]"""
import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
torch.manual_seed(0)


def best_seconds(run, repeats):
    run()
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


n = 2048
a, b = torch.randn(n, n), torch.randn(n, n)
matmul = 2 * n ** 3 / best_seconds(lambda: a @ b, 10) / 1e9


def small_net(k):
    return nn.Sequential(
        nn.Conv2d(1, 8, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 24, 3, padding=1), nn.ReLU(),
        nn.Conv2d(24, 24, 3, padding=1), nn.ReLU(),
        nn.Conv2d(24, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(16 * 3 * 3, 64), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(64, 64), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(64, k))


forward = [28 * 28 * 8 * 25 * 1, 14 * 14 * 16 * 25 * 8, 7 * 7 * 24 * 9 * 16, 7 * 7 * 24 * 9 * 24,
           7 * 7 * 16 * 9 * 24, 144 * 64, 64 * 64, 64 * 5]
flop_per_image = 2 * (3 * sum(forward) - forward[0])
steps = {}
for layout in ("nchw", "channels_last"):
    for batch in (32, 128, 512, 2048):
        net = small_net(5)
        x, y = torch.rand(batch, 1, 28, 28), torch.randint(0, 5, (batch,))
        if layout == "channels_last":
            net = net.to(memory_format=torch.channels_last)
            x = x.contiguous(memory_format=torch.channels_last)
        opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
        count = max(4, 8192 // batch)

        def train():
            for _ in range(count):
                opt.zero_grad(set_to_none=True)
                F.cross_entropy(net(x), y).backward()
                opt.step()

        steps[f"{layout} batch {batch}"] = flop_per_image * batch * count / best_seconds(train, 3) / 1e9
best = max(steps, key=steps.get)
print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "matmul_gflops": round(matmul, 1),
                  "training_gflops": {k: round(v, 1) for k, v in steps.items()}, "best_training": best,
                  "best_training_gflops": round(steps[best], 1)}))
