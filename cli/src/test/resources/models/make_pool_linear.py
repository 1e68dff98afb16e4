"""Writes pool_linear.pt: a traced TorchScript classifier without any Conv2d layer, for the
test that `--layer all-conv` says so. Run with Debian's PyTorch: /usr/bin/python3 make_pool_linear.py"""
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.AdaptiveAvgPool2d((4, 4)), nn.Flatten(), nn.Linear(48, 3)).eval()
torch.jit.trace(model, torch.rand(1, 3, 16, 16)).save("pool_linear.pt")
