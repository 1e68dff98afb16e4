"""Writes matplotlib's colour tables for Loupe, and separate sample points to test them against.

Run from this folder with Debian bookworm's python3-matplotlib (3.6.3) and python3-numpy (1.24):
    /usr/bin/python3 make_colormap_tables.py
It writes
  ../../../main/resources/dev/loupe/render/color/colormaps.txt   the tables Colormap loads
  colormap_samples.txt                                          cmap(x, bytes=True) at sample points
Both are deterministic (no randomness beyond a fixed seed), so rerunning changes nothing.
"""
import matplotlib
import numpy as np

NAMES = ["viridis", "inferno", "magma", "coolwarm", "gist_earth", "gray", "seismic", "bwr"]
# jet is built in Java from its segment data (bit-identical floats); it is sampled here as a check.
SAMPLED = ["jet"] + NAMES
TABLES = "../../../main/resources/dev/loupe/render/color/colormaps.txt"

with open(TABLES, "w") as f:
    f.write(f"# matplotlib {matplotlib.__version__}: colormaps[name](np.linspace(0, 1, 256), bytes=True)\n")
    f.write("# one map per line: name, then 256 entries as rrggbb (alpha is always ff).\n")
    f.write("# Written by render/src/test/resources/golden/make_colormap_tables.py; do not edit.\n")
    for name in NAMES:
        cmap = matplotlib.colormaps[name]
        assert cmap.N == 256, name
        lut = cmap(np.linspace(0, 1, 256), bytes=True)
        # linspace(0, 1, 256)[k] * 256 lies in [k, k + 1), so row k is table entry k
        assert (lut == cmap(np.arange(256), bytes=True)).all(), name
        f.write(name + " " + " ".join("%02x%02x%02x" % tuple(int(c) for c in row[:3]) for row in lut) + "\n")

rng = np.random.default_rng(20261123)
points = [0.0, 1.0, 0.5, 0.25, 0.75, 0.5 / 256, 1.0 / 256, 255.0 / 256, 255.5 / 256, 127.999 / 256,
          100.7 / 256, 0.999999, -0.25, 1.5]
points += [float(v) for v in rng.random(20)]
with open("colormap_samples.txt", "w") as f:
    f.write("# name x r g b: matplotlib %s colormaps[name](x, bytes=True) for float64 x (repr, exact)\n"
            % matplotlib.__version__)
    for name in SAMPLED:
        cmap = matplotlib.colormaps[name]
        for x in points:
            r, g, b, _ = cmap(np.float64(x), bytes=True)
            f.write(f"{name} {x!r} {r} {g} {b}\n")
