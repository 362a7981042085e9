"""The garment parser: a compact U-Net (about 1.2 M parameters) that cv2.dnn can run.

Plain 3×3 convolutions (faster than depthwise ones on a CPU at this size), batch norm folded at export,
a dilated block at the bottom for context, bilinear upsampling and skip concatenations.
"""

from __future__ import annotations

import torch
from torch import nn


def conv(cin: int, cout: int, stride: int = 1, dilation: int = 1) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, stride=stride, padding=dilation, dilation=dilation, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True),
    )


class Down(nn.Sequential):
    def __init__(self, cin: int, cout: int):
        super().__init__(conv(cin, cout, stride=2), conv(cout, cout))


class Up(nn.Module):
    def __init__(self, cin: int, cskip: int, cout: int):
        super().__init__()
        self.up = nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False)
        self.body = nn.Sequential(conv(cin + cskip, cout), conv(cout, cout))

    def forward(self, x, skip):
        return self.body(torch.cat([self.up(x), skip], dim=1))


class GarmentNet(nn.Module):
    def __init__(self, n_classes: int, in_channels: int = 3, widths=(16, 32, 64, 96, 128)):
        super().__init__()
        w1, w2, w3, w4, w5 = widths
        self.d1 = Down(in_channels, w1)  # /2
        self.d2 = Down(w1, w2)  # /4
        self.d3 = Down(w2, w3)  # /8
        self.d4 = Down(w3, w4)  # /16
        self.d5 = Down(w4, w5)  # /32
        self.ctx = nn.Sequential(conv(w5, w5, dilation=2), conv(w5, w5, dilation=4))
        self.u4 = Up(w5, w4, w4)
        self.u3 = Up(w4, w3, w3)
        self.u2 = Up(w3, w2, w2)
        self.u1 = Up(w2, w1, w1)
        self.head = nn.Conv2d(w1, n_classes, 1)
        self.final = nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False)

    def forward(self, x):
        x1 = self.d1(x)
        x2 = self.d2(x1)
        x3 = self.d3(x2)
        x4 = self.d4(x3)
        x5 = self.ctx(self.d5(x4))
        y = self.u4(x5, x4)
        y = self.u3(y, x3)
        y = self.u2(y, x2)
        y = self.u1(y, x1)
        return self.final(self.head(y))


def load_onnx(model: GarmentNet, path) -> int:
    """Load the weights of an ONNX file that ``train_garments.export`` wrote from this architecture into ``model``
    (so a run can start from committed weights when its checkpoint is gone). The export folded each batch norm
    into the convolution before it; each ONNX ``Conv`` is matched to its module by the scope in its node name
    (``/u4/body/body.0/body.0.0/Conv`` → ``u4.body.0.0``) and by shape, and its batch norm is set to pass the
    folded bias through (``recalibrate`` then gives it real statistics). Returns the number of tensors loaded;
    raises ValueError when a convolution is missing or its shape differs."""
    import onnx
    from onnx import numpy_helper

    graph = onnx.load(str(path)).graph
    tensors = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    modules = dict(model.named_modules())
    convs = {n for n, m in modules.items() if isinstance(m, nn.Conv2d)}
    loaded, done = 0, set()
    for node in graph.node:
        if node.op_type != "Conv":
            continue
        scope = node.name.strip("/").split("/")[:-1]  # [top module, ..., the conv's own scope]
        first, last = scope[0], scope[-1]
        name = last if last == first or last.startswith(first + ".") else f"{first}.{last}"
        if name not in convs or name in done:
            raise ValueError(f"ONNX node {node.name} matches no convolution of the model ({name})")
        conv = modules[name]
        weight = torch.from_numpy(tensors[node.input[1]].copy())
        bias = torch.from_numpy(tensors[node.input[2]].copy()) if len(node.input) > 2 else None
        if weight.shape != conv.weight.shape:
            raise ValueError(f"{name}: ONNX weight {tuple(weight.shape)}, model {tuple(conv.weight.shape)}")
        with torch.no_grad():
            conv.weight.copy_(weight)
            if conv.bias is not None:
                conv.bias.copy_(bias)
            else:
                bn = _batch_norm_after(modules, name)
                bn.weight.fill_(1.0)
                bn.bias.copy_(bias)
                bn.running_mean.zero_()
                bn.running_var.fill_(1.0 - bn.eps)
        loaded += 2
        done.add(name)
    if done != convs:
        raise ValueError(f"convolutions without ONNX weights: {', '.join(sorted(convs - done))}")
    return loaded


def _batch_norm_after(modules: dict, conv_name: str) -> nn.BatchNorm2d:
    """The batch norm that follows a bias-free convolution in ``conv()`` (its next sibling)."""
    parent, _, index = conv_name.rpartition(".")
    bn = modules.get(f"{parent}.{int(index) + 1}")
    if not isinstance(bn, nn.BatchNorm2d):
        raise ValueError(f"{conv_name}: no batch norm after it")
    return bn


@torch.no_grad()
def recalibrate(model: GarmentNet, inputs) -> None:
    """Give the batch norms of a model loaded by ``load_onnx`` the statistics of their convolution's output over
    ``inputs`` (batches), keeping the evaluated function the same: running mean μ and variance σ², scale
    a·√(σ² + ε), shift c + a·μ (the layer computed a·z + c). Training (batch statistics) then starts close to the loaded function instead of
    renormalising every layer."""
    modules = dict(model.named_modules())
    pairs = {
        n: _batch_norm_after(modules, n) for n, m in modules.items() if isinstance(m, nn.Conv2d) and m.bias is None
    }
    sums = {n: [0.0, 0.0, 0] for n in pairs}

    def hook(name):
        def record(_module, _inp, out):
            z = out.transpose(0, 1).reshape(out.shape[1], -1).double()
            s = sums[name]
            s[0], s[1], s[2] = s[0] + z.sum(1), s[1] + (z * z).sum(1), s[2] + z.shape[1]

        return record

    handles = [modules[n].register_forward_hook(hook(n)) for n in pairs]
    was_training = model.training
    model.eval()
    try:
        for x in inputs:
            model(x)
    finally:
        for h in handles:
            h.remove()
        model.train(was_training)
    for n, bn in pairs.items():
        total, total_sq, count = sums[n]
        mean = total / count
        var = (total_sq / count - mean * mean).clamp_min(0)
        # the layer computes a·z + c now; keep that with the new statistics
        a = bn.weight.double() / (bn.running_var.double() + bn.eps).sqrt()
        c = bn.bias.double() - bn.running_mean.double() * a
        bn.running_mean.copy_(mean)
        bn.running_var.copy_(var)
        bn.weight.copy_(a * (var + bn.eps).sqrt())
        bn.bias.copy_(c + a * mean)
