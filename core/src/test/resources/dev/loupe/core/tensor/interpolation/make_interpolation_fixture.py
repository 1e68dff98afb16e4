"""Reference values for HostTensorTest's interpolation cases, from PyTorch's own kernels.

Run with Debian's torch 1.13 (CPU): /usr/bin/python3 make_interpolation_fixture.py
For each input NAME (a seeded float32 array of the shape in INPUTS) it writes NAME.npy and, for
each mode and output size, NAME_MODE_HxW.npy = F.interpolate(NAME, size=(H, W), ...) with
  bilinear                = mode="bilinear", align_corners=False (half-pixel centres, no antialias)
  bilinear_align_corners  = mode="bilinear", align_corners=True
  nearest                 = mode="nearest" (legacy: src = floor(dst * in / out))
"""
import os

import numpy as np
import torch
import torch.nn.functional as F

INPUTS = {
    "small": ((1, 2, 3, 5), [(7, 9), (2, 3), (6, 10), (1, 1), (3, 5), (4, 2), (14, 11), (5, 16)]),
    "large": ((1, 2, 14, 15), [(7, 7), (4, 5), (5, 31), (13, 16), (28, 30)]),
}
MODES = {
    "bilinear": dict(mode="bilinear", align_corners=False),
    "bilinear_align_corners": dict(mode="bilinear", align_corners=True),
    "nearest": dict(mode="nearest"),
}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    torch.manual_seed(20240611)
    for name, (shape, sizes) in INPUTS.items():
        x = torch.randn(*shape, dtype=torch.float32)
        np.save(os.path.join(here, f"{name}.npy"), x.numpy())
        for mode, options in MODES.items():
            for h, w in sizes:
                y = F.interpolate(x, size=(h, w), **options)
                np.save(os.path.join(here, f"{name}_{mode}_{h}x{w}.npy"), np.ascontiguousarray(y.numpy()))
    print("torch", torch.__version__, "->", here)


if __name__ == "__main__":
    main()
