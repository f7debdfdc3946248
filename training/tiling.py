"""Whole-crop restoration the way the Java runtime tiles an image (com.maeworkbench.mae.TileAxis), in torch, so
models of different tile sizes are compared on the same crops during training: tiles of side S on the
patch grid at stride S/2 (rounded down to a multiple of p), the last pulled back to the edge, blended
with raised-cosine weights that are 1 on sides facing the border; known pixels kept. Crops must be at
least S on each side (the runtime's mirror padding is not reproduced).
"""
import math

import torch


def tile_axis(length, tile, patch):
    """(origins, weights [n_tiles, tile]) as TileAxis computes them."""
    if length < tile:
        raise ValueError(f"crop side {length} < tile {tile}")
    stride = max(patch, (tile // 2) // patch * patch)
    if length == tile:
        origins = [0]
    else:
        count = (length - tile + stride - 1) // stride + 1
        origins = [k * stride for k in range(count - 1)] + [(length - tile + patch - 1) // patch * patch]
    band, ramp = (tile - stride) / 4, (tile - stride) / 2

    def profile(u):
        if u <= band:
            return 0.0
        if u >= band + ramp:
            return 1.0
        return 0.5 - 0.5 * math.cos(math.pi * (u - band) / ramp)

    n = len(origins)
    weights = torch.tensor([[min(1.0 if k == 0 else profile(t + 0.5), 1.0 if k == n - 1 else profile(tile - t - 0.5))
                             for t in range(tile)] for k in range(n)])
    return origins, weights


@torch.no_grad()
def restore(model, x, unknown, gray=None):
    """x [B,3,L,L] in [0,1], unknown [B,1,L,L] bool -> [B,3,L,L]: masked pixels from blended tiles, the
    rest from x. gray [B] bool: those outputs average their three channels (gray images run as RGB)."""
    s, p = model.config["img_size"], model.config["patch_size"]
    length = x.shape[-1]
    origins, w = tile_axis(length, s, p)
    w = w.to(x.device)
    total = torch.zeros_like(x)
    weight = torch.zeros_like(x[:, :1])
    for ky, oy in enumerate(origins):
        for kx, ox in enumerate(origins):
            u = unknown[:, :, oy:oy + s, ox:ox + s]
            if not u.any():
                continue
            out = model.reconstruct_pixels(x[:, :, oy:oy + s, ox:ox + s], u).float()
            tw = (w[ky].view(-1, 1) * w[kx].view(1, -1)).view(1, 1, s, s)
            total[:, :, oy:oy + s, ox:ox + s] += out * tw
            weight[:, :, oy:oy + s, ox:ox + s] += tw.expand(len(x), 1, s, s)
    rec = total / weight.clamp_min(1e-12)
    if gray is not None:
        rec = torch.where(gray.view(-1, 1, 1, 1), rec.mean(1, keepdim=True).expand_as(rec), rec)
    return torch.where(unknown, rec.clamp(0, 1), x)
