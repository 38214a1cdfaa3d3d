"""What model batching would gain here, measured with the peer's library (Debian's python3-torch): K copies of the
study's small network trained on the same mini-batch, (a) one after another, K steps of K separate networks, against
(b) one grouped network: conv1 with K x 8 filters on the shared images, conv2-conv5 as grouped convolutions
(groups = K), fc6-fc8 as batched matrix products, the K losses summed (each copy's gradients are its own), one SGD
step. Same arithmetic, fewer and larger operations. Prints the time per copy-step of each and the ratio, in both
memory layouts. Usage: python3 benchmarks/model-batching.py [threads] [K] [batch]   (default 1 14 32)"""
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

from small_net import small_net

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
K = int(sys.argv[2]) if len(sys.argv) > 2 else 14
batch = int(sys.argv[3]) if len(sys.argv) > 3 else 32
torch.set_num_threads(threads)
torch.manual_seed(0)


class Grouped(nn.Module):
    """K small networks as one: channels of copy k are [k * width, (k + 1) * width)."""

    def __init__(self, k):
        super().__init__()
        self.k = k
        self.convs = nn.ModuleList([
            nn.Conv2d(1, k * 8, 5, padding=2),
            nn.Conv2d(k * 8, k * 16, 5, padding=2, groups=k),
            nn.Conv2d(k * 16, k * 24, 3, padding=1, groups=k),
            nn.Conv2d(k * 24, k * 24, 3, padding=1, groups=k),
            nn.Conv2d(k * 24, k * 16, 3, padding=1, groups=k)])
        self.weights = nn.ParameterList([nn.Parameter(torch.randn(k, i, o) * (2 / i) ** 0.5)
                                         for i, o in ((144, 64), (64, 64), (64, 5))])
        self.biases = nn.ParameterList([nn.Parameter(torch.zeros(k, 1, o)) for o in (64, 64, 5)])

    def forward(self, x):
        for i, conv in enumerate(self.convs):
            x = F.relu(conv(x))
            if i in (0, 1, 4):
                x = F.max_pool2d(x, 2)
        n = x.shape[0]
        # [n, k * 16, 3, 3] -> [k, n, 144], each copy's features in its own NCHW order
        x = x.reshape(n, self.k, 144).transpose(0, 1)
        for j, (w, b) in enumerate(zip(self.weights, self.biases)):
            x = torch.baddbmm(b, x, w)
            if j < 2:
                x = F.relu(x)
        return x  # [k, n, 5]


def seconds_per_step(step, count):
    step()
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(count):
            step()
        best = min(best, (time.perf_counter() - start) / count)
    return best


x = torch.rand(batch, 1, 28, 28)
y = torch.randint(0, 5, (batch,))
print(f"PyTorch {torch.__version__}, {threads} thread(s), {K} copies, batch {batch}")
for layout in ("nchw", "channels_last"):
    fmt = torch.channels_last if layout == "channels_last" else torch.contiguous_format
    xs = x.contiguous(memory_format=fmt)
    nets = [small_net().to(memory_format=fmt) for _ in range(K)]
    opts = [torch.optim.SGD(n.parameters(), lr=0.01, momentum=0.9) for n in nets]

    def separate():
        for net, opt in zip(nets, opts):
            opt.zero_grad(set_to_none=True)
            F.cross_entropy(net(xs), y).backward()
            opt.step()

    grouped = Grouped(K).to(memory_format=fmt)
    opt = torch.optim.SGD(grouped.parameters(), lr=0.01, momentum=0.9)
    labels = y.repeat(K)

    def together():
        opt.zero_grad(set_to_none=True)
        # the sum of the K copies' mean losses: each copy's gradients are those of its own loss
        (F.cross_entropy(grouped(xs).reshape(K * batch, 5), labels, reduction="sum") / batch).backward()
        opt.step()

    a = seconds_per_step(separate, 10) / K
    b = seconds_per_step(together, 10) / K
    print(f"{layout:14s} separate {a * 1e3:7.3f} ms per copy-step, grouped {b * 1e3:7.3f} ms: {a / b:5.2f}x")
