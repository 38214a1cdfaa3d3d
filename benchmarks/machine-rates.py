"""Two rates of this machine, measured with the PyTorch peer's own library (Debian's python3-torch), 2 threads:
the matrix-product peak (float32 2048 x 2048 products, best of 10 in each of 3 rounds: before, between and after
the training runs) and the fastest training step of the study's network (small_net.py, without the peer's
dropout, which costs no multiply-adds, so the rate can only be higher; SGD with momentum; both memory layouts,
batch sizes 32 to 2048), in images per second: StudyArithmetic turns it into FLOP/s with the network's
multiply-adds. Prints one JSON object. Usage: python3 benchmarks/machine-rates.py [threads]"""
import json
import sys
import time

import torch
import torch.nn.functional as F

from small_net import small_net

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
matmul_rounds = []


def matmul_round():
    """Best of 10 products; run before, between and after the training rates, since a busy spell on this shared
    machine can slow one round."""
    matmul_rounds.append(2 * n ** 3 / best_seconds(lambda: a @ b, 10) / 1e9)


matmul_round()


steps = {}
for layout in ("nchw", "channels_last"):
    if layout == "channels_last":
        matmul_round()
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

        steps[f"{layout} batch {batch}"] = batch * count / best_seconds(train, 3)
matmul_round()
matmul = max(matmul_rounds)
best = max(steps, key=steps.get)
print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "matmul_gflops": round(matmul, 1),
                  "matmul_rounds": [round(r, 1) for r in matmul_rounds],
                  "training_images_per_s": {k: round(v) for k, v in steps.items()}, "best_training": best,
                  "best_training_images_per_s": round(steps[best])}))
