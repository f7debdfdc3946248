"""Random training crops, batched in torch on any device (a GPU trains faster than a CPU can crop).

Every picture is held once on the device as a 3-level pyramid (1, 1/2, 1/4, area-averaged) of 16-bit
values (8-bit photos exactly, windowed medical scans without losing their depth), so a crop of up to 4x
the tile is resampled from the level that needs at most a 2x bilinear shrink - no aliasing from sampling
a large crop sparsely. Scale jitter, the eight flips/rotations by 90 degrees, channel permutations
and random grayscale stretch a small set of pictures (the model restores structure, not a colour palette).
"""
import math

import numpy as np
import torch
import torch.nn.functional as F

LEVELS = 3
MAX_SCALE = 4.0
LUMA = (0.299, 0.587, 0.114)
FULL, OFFSET = 65535, 32768  # stored value of 1.0 (an 8-bit value v is v * 257 exactly)


def as_unit(img):
    """float32 HxWx3 in [0,1] from uint8 or float input."""
    a = np.asarray(img)
    return (a.astype(np.float32) / 255) if a.dtype == np.uint8 else a.astype(np.float32)


class CropSampler:
    def __init__(self, images, size, device, weights=None):
        """images: HxWx3 arrays, uint8 or float in [0,1]; weights: relative sampling weight per image."""
        self.size, self.device = size, device
        self.count = len(images)
        self.weights = None if weights is None else torch.as_tensor(weights, dtype=torch.float32, device=device)
        self.levels, self.level_hw = [], []
        pyramids = [[torch.from_numpy(as_unit(img)).permute(2, 0, 1) * FULL] for img in images]
        for lvl in range(1, LEVELS):
            for pyr in pyramids:
                prev = pyr[-1]
                pyr.append(F.avg_pool2d(prev[None], 2)[0] if min(prev.shape[1:]) >= 2 else prev)
        for lvl in range(LEVELS):
            hs = [pyr[lvl].shape[1] for pyr in pyramids]
            ws = [pyr[lvl].shape[2] for pyr in pyramids]
            # 16 bits per value; torch 1.13 has no uint16, so int16 holding value - OFFSET
            stack = torch.zeros(self.count, 3, max(hs), max(ws), dtype=torch.int16)
            for i, pyr in enumerate(pyramids):
                stack[i, :, :hs[i], :ws[i]] = (pyr[lvl].round().clamp(0, FULL) - OFFSET).to(torch.int16)
            self.levels.append(stack.to(device))
            self.level_hw.append(torch.tensor(list(zip(hs, ws)), dtype=torch.float32, device=device))

    def sample(self, n, gen, gray_p=0.25, flips=True):
        """[n,3,S,S] float in [0,1]."""
        dev, s = self.device, self.size
        if self.weights is None:
            idx = torch.randint(0, self.count, (n,), generator=gen, device=dev)
        else:
            idx = torch.multinomial(self.weights, n, replacement=True, generator=gen)
        short = self.level_hw[0][idx].min(1).values
        max_scale = (short / s).clamp(1.0, MAX_SCALE)
        scale = torch.exp(torch.rand(n, generator=gen, device=dev) * torch.log(max_scale))
        crop0 = torch.minimum(s * scale, short)  # crop side in level-0 pixels (< S only for tiny pictures)
        level = torch.floor(torch.log2((crop0 / s).clamp_min(1.0))).clamp(0, LEVELS - 1).long()
        out = torch.empty(n, 3, s, s, device=dev)
        for lvl in range(LEVELS):
            sel = torch.nonzero(level == lvl)[:, 0]
            if len(sel):
                out[sel] = self._resample(lvl, idx[sel], crop0[sel] / 2 ** lvl, gen)
        if flips:
            for flip in (lambda t: t.flip(-1), lambda t: t.flip(-2), lambda t: t.transpose(-1, -2)):
                out = torch.where(torch.rand(n, 1, 1, 1, generator=gen, device=dev) < 0.5, flip(out), out)
            perm = torch.argsort(torch.rand(n, 3, generator=gen, device=dev), 1)
            keep = torch.rand(n, 1, generator=gen, device=dev) < 0.7
            perm = torch.where(keep, torch.arange(3, device=dev).expand(n, 3), perm)
            out = torch.gather(out, 1, perm.view(n, 3, 1, 1).expand(-1, -1, s, s))
        if gray_p > 0:
            g = (out * torch.tensor(LUMA, device=dev).view(1, 3, 1, 1)).sum(1, keepdim=True).expand(-1, 3, -1, -1)
            out = torch.where(torch.rand(n, 1, 1, 1, generator=gen, device=dev) < gray_p, g, out)
        return out

    def _resample(self, lvl, idx, crop, gen):
        """Bilinear samples of an S x S grid over a crop x crop square at a random place of level lvl."""
        dev, s = self.device, self.size
        stack = self.levels[lvl]
        hw = self.level_hw[lvl][idx]
        crop = torch.minimum(crop, hw.min(1).values)
        room = (hw - crop.unsqueeze(1)).clamp_min(0)
        origin = torch.rand(len(idx), 2, generator=gen, device=dev) * room  # (y, x)
        t = (torch.arange(s, device=dev, dtype=torch.float32) + 0.5) / s  # pixel centres in [0,1]
        ys = origin[:, :1] + t.view(1, -1) * crop.view(-1, 1) - 0.5  # [n,S] source rows
        xs = origin[:, 1:] + t.view(1, -1) * crop.view(-1, 1) - 0.5
        y0 = ys.floor().clamp(0, None)
        x0 = xs.floor().clamp(0, None)
        wy = (ys - y0).clamp(0, 1)
        wx = (xs - x0).clamp(0, 1)
        y0l, x0l = y0.long(), x0.long()
        y1l = torch.minimum(y0l + 1, hw[:, :1].long() - 1)
        x1l = torch.minimum(x0l + 1, hw[:, 1:].long() - 1)
        h, w = stack.shape[2], stack.shape[3]
        base = (idx * 3).view(-1, 1, 1, 1) + torch.arange(3, device=dev).view(1, 3, 1, 1)  # [n,3,1,1]
        flat = stack.view(-1)

        def at(yy, xx):
            return flat[((base * h + yy.view(-1, 1, s, 1)) * w + xx.view(-1, 1, 1, s))].float() + OFFSET

        top = at(y0l, x0l) * (1 - wx.view(-1, 1, 1, s)) + at(y0l, x1l) * wx.view(-1, 1, 1, s)
        bottom = at(y1l, x0l) * (1 - wx.view(-1, 1, 1, s)) + at(y1l, x1l) * wx.view(-1, 1, 1, s)
        return (top * (1 - wy.view(-1, 1, s, 1)) + bottom * wy.view(-1, 1, s, 1)) / FULL
