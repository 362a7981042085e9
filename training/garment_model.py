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
