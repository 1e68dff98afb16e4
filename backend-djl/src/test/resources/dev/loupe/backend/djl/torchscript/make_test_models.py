#!/usr/bin/env python3
"""Small TorchScript models for the tap-rewriter tests that fixtures/ does not cover:
ReLU as a function call (torch.relu / F.relu), one module instance called twice, and a tapped
output that later code changes in place (add_, in-place ReLU).

Run with the Debian PyTorch (torch 1.13.1): /usr/bin/python3 make_test_models.py
Writes <id>.pt and <id>/ with the same reference files as fixtures/reference/<id>/:
input.npy, logits.npy, targets.json, saliency_top.npy, act_<L>.npy, grad_<L>_top.npy
(a second call of L: act_<L>_call1.npy, grad_<L>_top_call1.npy) and layers.json.
References come from forward hooks on the Python model (output.register_hook for gradients).
"""
import json
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))


class FunctionalRelu(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1)
        self.conv2 = nn.Conv2d(8, 8, 3, padding=1)
        self.fc = nn.Linear(8, 4)

    def forward(self, x):
        x = torch.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = F.adaptive_avg_pool2d(x, 1).flatten(1)
        return self.fc(x)


class CalledTwice(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 3, 3, padding=1)
        self.act = nn.ReLU()
        self.fc = nn.Linear(3, 2)

    def forward(self, x):
        x = self.act(self.conv(x))
        x = self.act(self.conv(x))
        return self.fc(x.mean((2, 3)))


class InPlaceAfterTap(nn.Module):
    def __init__(self, inplace):
        super().__init__()
        self.inplace = inplace
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.relu = nn.ReLU(inplace=inplace)
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        y = self.conv(x)
        y = y.add_(0.5) if self.inplace else y + 0.5
        y = self.relu(y)
        return self.fc(y.mean((2, 3)))


def save(d, name, arr):
    np.save(os.path.join(d, name), np.ascontiguousarray(arr, dtype=np.float32))


def write(model_id, model, x, layers, scripted, hooked=None):
    """hooked: the model the hooks run on when `model` changes tensors in place (same weights)."""
    d = os.path.join(HERE, model_id)
    os.makedirs(d, exist_ok=True)
    ts = torch.jit.script(model) if scripted else torch.jit.trace(model, x)
    ts.save(os.path.join(HERE, model_id + ".pt"))
    save(d, "input.npy", x.numpy())
    with torch.no_grad():
        logits = ts(x)
    save(d, "logits.npy", logits.numpy())
    top = [int(v) for v in logits.argmax(1)]
    with open(os.path.join(d, "targets.json"), "w") as f:
        json.dump({"top": top}, f)

    model = hooked or model
    modules = dict(model.named_modules())
    acts, grads, handles = {}, {}, []
    for name in layers:
        def hook(_m, _i, out, name=name):
            acts.setdefault(name, []).append(out.detach().clone())
            # gradient hooks run in reverse call order: insert at the front to keep call order
            out.register_hook(lambda g, name=name: grads.setdefault(name, []).insert(0, g.detach().clone()))
        handles.append(modules[name].register_forward_hook(hook))
    xi = x.clone().requires_grad_(True)
    model(xi).gather(1, torch.tensor(top).view(-1, 1)).sum().backward()
    for h in handles:
        h.remove()
    save(d, "saliency_top.npy", xi.grad.numpy())
    for name in layers:
        for k, (a, g) in enumerate(zip(acts[name], grads[name])):
            suffix = "" if k == 0 else "_call%d" % k
            save(d, "act_%s%s.npy" % (name, suffix), a.numpy())
            save(d, "grad_%s_top%s.npy" % (name, suffix), g.numpy())

    rows, order, handles = {}, [], []
    for name, m in model.named_modules():
        if name == "":
            continue
        order.append(name)

        def count(mod, _i, out, name=name):
            row = rows.setdefault(name, {"path": name, "type": type(mod).__name__,
                                         "output_shape": list(out.shape), "calls": 0})
            row["calls"] += 1
        handles.append(m.register_forward_hook(count))
    with torch.no_grad():
        model(x[:1])
    for h in handles:
        h.remove()
    with open(os.path.join(d, "layers.json"), "w") as f:
        json.dump([rows[n] for n in order if n in rows], f, indent=2)
        f.write("\n")


def main():
    torch.manual_seed(7)
    x = torch.randn(2, 3, 16, 16)
    functional = FunctionalRelu().eval()
    twice = CalledTwice().eval()
    write("functional_relu_traced", functional, x, ["conv1", "conv2"], scripted=False)
    write("functional_relu_scripted", functional, x, ["conv1", "conv2"], scripted=True)
    write("called_twice_traced", twice, x, ["conv", "act"], scripted=False)
    write("called_twice_scripted", twice, x, ["conv", "act"], scripted=True)
    inplace = InPlaceAfterTap(inplace=True).eval()
    not_inplace = InPlaceAfterTap(inplace=False).eval()
    not_inplace.load_state_dict(inplace.state_dict())
    write("inplace_after_tap_traced", inplace, x, ["conv", "relu"], scripted=False, hooked=not_inplace)


if __name__ == "__main__":
    main()
