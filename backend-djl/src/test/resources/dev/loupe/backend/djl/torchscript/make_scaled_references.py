#!/usr/bin/env python3
"""References for scaled forward passes (Scope.forwardScaled, used by Ablation-CAM).

Run with the Debian PyTorch (torch 1.13.1) after fixtures/make_fixtures.py, which it imports
and does not change: /usr/bin/python3 make_scaled_references.py

For each case it rebuilds the Python twin of a committed fixture model (the architecture from
make_fixtures.build_arch, the weights from the TorchScript file's state_dict), registers a
forward hook on the layer that returns output * factor, and runs the fixture's input.npy.
Writes scaled/<case>_factor.npy and scaled/<case>_logits.npy (float32), and scaled/check.json
with, per model, max |twin logits - committed logits.npy| (should be ~1e-6) and, per case,
max |scaled - plain logits| (how much the factor changes the output).
"""
import importlib.util
import json
import os

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "scaled")


def repo_fixtures():
    d = HERE
    while not os.path.isfile(os.path.join(d, "fixtures", "make_fixtures.py")):
        parent = os.path.dirname(d)
        if parent == d:
            raise SystemExit("no fixtures/make_fixtures.py above " + HERE)
        d = parent
    return os.path.join(d, "fixtures")


FIXTURES = repo_fixtures()
spec = importlib.util.spec_from_file_location("make_fixtures", os.path.join(FIXTURES, "make_fixtures.py"))
mf = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mf)


def twin(arch, model_file):
    model, _size = mf.build_arch(arch)
    model.load_state_dict(torch.jit.load(os.path.join(FIXTURES, model_file)).state_dict())
    return model.eval()


def output_of(model, layer, x):
    got = {}
    h = dict(model.named_modules())[layer].register_forward_hook(lambda _m, _i, out: got.setdefault("a", out.clone()))
    with torch.no_grad():
        model(x)
    h.remove()
    return got["a"]


def scaled_logits(model, layer, x, factor):
    h = dict(model.named_modules())[layer].register_forward_hook(lambda _m, _i, out: out * factor)
    try:
        with torch.no_grad():
            return model(x)
    finally:
        h.remove()


def ablate_strongest(a):
    """(B,C,1,1) ones with, in row b, the channel of largest mean activation set to zero."""
    factor = torch.ones(a.shape[0], a.shape[1], 1, 1)
    for b, k in enumerate(a.mean((2, 3)).argmax(1).tolist()):
        factor[b, k] = 0
    return factor


def save(name, arr):
    np.save(os.path.join(OUT, name), np.ascontiguousarray(arr, dtype=np.float32))


def main():
    torch.set_num_threads(2)
    os.makedirs(OUT, exist_ok=True)
    gen = torch.Generator().manual_seed(6001)
    check = {"twin_vs_committed_logits": {}, "scaled_vs_plain_logits": {}}
    models = {
        "resnet18": ("resnet18", "models/resnet18_traced.pt"),
        "shapes_cnn": ("shapes_cnn", "quickstart/shapes_cnn.pt"),
    }
    # case name, reference id, layer, factor kind
    cases = [
        ("resnet18_layer4_ablate", "resnet18", "layer4", "ablate"),
        ("resnet18_layer3.1.conv2_channels", "resnet18", "layer3.1.conv2", "channels"),
        ("resnet18_layer2.0.downsample.0_map", "resnet18", "layer2.0.downsample.0", "map"),
        ("shapes_cnn_features.13_ablate", "shapes_cnn", "features.13", "ablate"),
        ("shapes_cnn_features.11_channels", "shapes_cnn", "features.11", "channels"),
    ]
    twins = {}
    for ref_id, (arch, model_file) in models.items():
        model = twin(arch, model_file)
        x = torch.from_numpy(np.load(os.path.join(FIXTURES, "reference", ref_id, "input.npy")))
        with torch.no_grad():
            plain = model(x)
        committed = np.load(os.path.join(FIXTURES, "reference", ref_id, "logits.npy"))
        check["twin_vs_committed_logits"][ref_id] = float(np.abs(plain.numpy() - committed).max())
        twins[ref_id] = (model, x, plain)
    for name, ref_id, layer, kind in cases:
        model, x, plain = twins[ref_id]
        a = output_of(model, layer, x)
        if kind == "ablate":
            factor = ablate_strongest(a)
        elif kind == "channels":
            factor = torch.rand(a.shape[0], a.shape[1], 1, 1, generator=gen) * 2
        else:  # one spatial map per channel, shared by the batch
            factor = torch.rand(1, *a.shape[1:], generator=gen) * 2
        logits = scaled_logits(model, layer, x, factor)
        save(name + "_factor.npy", factor.numpy())
        save(name + "_logits.npy", logits.numpy())
        check["scaled_vs_plain_logits"][name] = float((logits - plain).abs().max())
    with open(os.path.join(OUT, "check.json"), "w") as f:
        json.dump(check, f, indent=2)
        f.write("\n")
    print(json.dumps(check, indent=2))


if __name__ == "__main__":
    main()
