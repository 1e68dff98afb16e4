"""Writes the reference files the render tests compare against.

Run from this folder with numpy 1.24, torch 1.13, torchvision 0.14 and matplotlib 3.6 (Debian bookworm's
python3-numpy, python3-torch, python3-torchvision, python3-matplotlib): /usr/bin/python3 make_golden.py
"""
import numpy as np
import torch
import torch.nn.functional as F
import torchvision.transforms as T

rng = np.random.default_rng(20261122)

# .npy files exactly as np.save writes them
np.save("npy_f4_2x3.npy", np.array([[0.0, -1.5, 3.25], [1e-8, 65504.0, -0.0]], dtype=np.float32))
np.save("npy_f4_scalar.npy", np.array(2.5, dtype=np.float32))
np.save("npy_f4_1d.npy", np.arange(5, dtype=np.float32) / 3)
np.save("npy_f4_empty.npy", np.zeros((0, 4), dtype=np.float32))
np.save("npy_f8_2x2.npy", np.array([[0.1, -2.0], [1e300, 1.0 / 3]], dtype=np.float64))
np.save("npy_i4.npy", np.arange(4, dtype=np.int32))
np.save("npy_f4_fortran.npy", np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3)))
np.save("npy_f4_big_endian.npy", np.arange(3, dtype=">f4"))

# F.interpolate(bilinear, align_corners=False) on contiguous (1, 3, H, W) float32 input
for (h, w, oh, ow) in [(9, 13, 20, 6), (16, 16, 7, 7), (4, 6, 12, 5)]:
    x = rng.standard_normal((3, h, w)).astype(np.float32)
    y = F.interpolate(torch.from_numpy(x)[None], size=(oh, ow), mode="bilinear", align_corners=False)[0]
    np.save(f"bilinear_{h}x{w}_in.npy", x)
    np.save(f"bilinear_{h}x{w}_to_{oh}x{ow}.npy", y.numpy())

# torchvision Resize(int) + CenterCrop + Normalize on a tensor in [0, 1]
img = (rng.integers(0, 256, (3, 20, 30)).astype(np.float32)) / 255
pipeline = T.Compose([
    T.Resize(8, interpolation=T.InterpolationMode.BILINEAR, antialias=False),
    T.CenterCrop(6),
    T.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225]),
])
np.save("preprocess_in_20x30.npy", img)
np.save("preprocess_resize8_crop6.npy", pipeline(torch.from_numpy(img)).numpy())

# matplotlib's jet table (256 rows of r, g, b as float64)
import matplotlib

np.save("jet_matplotlib.npy", matplotlib.colormaps["jet"](np.arange(256))[:, :3])
