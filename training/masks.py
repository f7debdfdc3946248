"""Training masks, batched in torch on any device: unknown pixels [B,1,S,S] bool (True = to reconstruct).

The mix covers what users give the workbench: random patch masks of any cell size (on the model's patch
grid, as the CLI's `patches:` masks land on a tile, or at any offset), free-form brush strokes as wide as
the Java generator draws them on a full image (2-6% of a 512-768 px side, i.e. up to ~46 px), painted
regions (ellipses and rectangles) and line dropout (missing detector rows/columns, interlaced fields).
Ratios are drawn from 0.25-0.9.

`line_mask` is the core's `lines:` mask (MaskShapes.lines in Java) bit for bit, on `JavaRandom`, a port of
java.util.Random; the Java test checks a fixture this module writes (training/fixtures/make_line_mask_fixture.py).
"""
import math

import numpy as np
import torch

MIX = torch.tensor([0.30, 0.15, 0.30, 0.13, 0.12])  # grid cells, cells at any offset, strokes, regions, lines


class JavaRandom:
    """java.util.Random: the 48-bit linear congruential generator, nextInt(bound) and nextDouble() exactly."""
    MULT, ADD, MASK = 0x5DEECE66D, 0xB, (1 << 48) - 1

    def __init__(self, seed):
        self.state = (seed ^ self.MULT) & self.MASK

    def next(self, bits):
        self.state = (self.state * self.MULT + self.ADD) & self.MASK
        return self.state >> (48 - bits)  # bits <= 31 here, so never negative as a Java int

    def next_int(self, bound):
        r, m = self.next(31), bound - 1
        if bound & m == 0:
            return (bound * r) >> 31
        u = r
        while True:
            r = u % bound
            if u - r + m < 1 << 31:  # Java rejects draws whose int sum overflows
                return r
            u = self.next(31)

    def next_double(self):
        return ((self.next(26) << 27) + self.next(27)) * 2.0 ** -53


def line_mask(width, height, axis="row", every=4, line_width=1, drop=1.0, seed=1):
    """The `lines:axis=row|col,every=N,width=W,drop=P,seed=S` mask: bool [height, width], True = missing.
    Phase = nextInt(every); then one nextDouble() per band, the band missing when it is below drop."""
    if every < 1 or not 1 <= line_width <= every or not 0 <= drop <= 1 or axis not in ("row", "col"):
        raise ValueError(f"bad line mask: axis={axis} every={every} width={line_width} drop={drop}")
    rnd = JavaRandom(seed)
    length = width if axis == "col" else height
    phase = rnd.next_int(every)
    missing = np.zeros(length, bool)
    for band in range((length - 1 + phase) // every + 1):
        if rnd.next_double() < drop:
            missing[max(0, band * every - phase):max(0, band * every - phase + line_width)] = True
    if axis == "col":
        return np.broadcast_to(missing[None, :], (height, width)).copy()
    return np.broadcast_to(missing[:, None], (height, width)).copy()


def uniform(n, lo, hi, gen, device):
    return lo + (hi - lo) * torch.rand(n, generator=gen, device=device)


def cell_masks(n, size, cells, offsets, ratios, gen):
    """Square cells of side cells[i] with the grid shifted by offsets[i] pixels, each hidden with
    probability ratios[i]."""
    device = ratios.device
    coords = torch.arange(size, device=device)
    ys = (coords.view(1, -1) + offsets[:, :1]) // cells.view(-1, 1)  # [B,S] cell row of each pixel row
    xs = (coords.view(1, -1) + offsets[:, 1:]) // cells.view(-1, 1)
    span = size // 2 + 2  # cells per side at most (smallest cell is 2 px)
    hidden = torch.rand(n, span, span, generator=gen, device=device) < ratios.view(-1, 1, 1)
    rows = torch.gather(hidden, 1, ys.unsqueeze(-1).expand(-1, -1, span))  # [B,S,span]
    return torch.gather(rows, 2, xs.unsqueeze(1).expand(-1, size, -1)).unsqueeze(1)


def grid_masks(n, size, patch, gen, ratios):
    """Cells of 1 or 2 model patches on the model's grid, like `patches:16` seen by an 8 px model."""
    device = ratios.device
    blocks = torch.randint(1, 3, (n,), generator=gen, device=device)
    cells = blocks * patch
    offsets = torch.randint(0, 2, (n, 2), generator=gen, device=device) * patch * (blocks.view(-1, 1) - 1)
    return cell_masks(n, size, cells, offsets, ratios, gen)


def any_cell_masks(n, size, gen, ratios):
    device = ratios.device
    cells = torch.randint(3, 17, (n,), generator=gen, device=device)
    offsets = (torch.rand(n, 2, generator=gen, device=device) * cells.view(-1, 1)).long()
    return cell_masks(n, size, cells, offsets, ratios, gen)


def stroke_masks(n, size, gen, device, chains=4, segments=5):
    """Random walks of capsules (1-4 strokes of 2-5 segments), radius 1.5..24 px on a 64 px tile."""
    c, s = chains, segments
    radius = torch.exp(uniform(n * c, math.log(1.5), math.log(24.0), gen, device)).view(n, c, 1)
    start = torch.rand(n, c, 2, generator=gen, device=device) * size
    angle = uniform(n * c, 0, 2 * math.pi, gen, device).view(n, c, 1) + \
        torch.cumsum(uniform(n * c * s, -math.pi / 2, math.pi / 2, gen, device).view(n, c, s), -1)
    step = uniform(n * c * s, 0.1, 0.45, gen, device).view(n, c, s) * size
    pts = start.unsqueeze(2) + torch.cumsum(torch.stack([torch.cos(angle), torch.sin(angle)], -1) * step.unsqueeze(-1), 2)
    pts = torch.cat([start.unsqueeze(2), pts], 2).clamp(0, size - 1)  # [B,c,s+1,2]
    a, b = pts[:, :, :-1].reshape(n, c * s, 2), pts[:, :, 1:].reshape(n, c * s, 2)
    r = radius.expand(n, c, s).reshape(n, c * s)
    # Strokes and segments beyond each sample's drawn count get radius 0 (draw nothing).
    n_chains = torch.randint(1, c + 1, (n, 1), generator=gen, device=device)
    n_segs = torch.randint(2, s + 1, (n, c), generator=gen, device=device)
    live = (torch.arange(c, device=device).view(1, c, 1) < n_chains.view(n, 1, 1)) & \
        (torch.arange(s, device=device).view(1, 1, s) < n_segs.unsqueeze(-1))
    r = r * live.reshape(n, c * s)
    grid = torch.arange(size, device=device, dtype=torch.float32) + 0.5
    pix = torch.stack(torch.meshgrid(grid, grid, indexing="ij")[::-1], -1).view(1, 1, -1, 2)  # (x, y)
    d = (b - a).unsqueeze(2)
    t = (((pix - a.unsqueeze(2)) * d).sum(-1) / (d * d).sum(-1).clamp_min(1e-9)).clamp(0, 1)
    dist2 = ((pix - a.unsqueeze(2) - t.unsqueeze(-1) * d) ** 2).sum(-1)  # [B, c*s, S*S]
    return (dist2 <= (r * r).unsqueeze(-1)).any(1).view(n, 1, size, size)


def region_masks(n, size, gen, device):
    """One painted region: an ellipse or a rectangle covering roughly 5-60% of the tile."""
    centre = torch.rand(n, 2, 1, 1, generator=gen, device=device) * size
    half = uniform(n * 2, 0.12, 0.45, gen, device).view(n, 2, 1, 1) * size
    grid = torch.arange(size, device=device, dtype=torch.float32) + 0.5
    dy = (grid.view(1, -1, 1) - centre[:, 0]) / half[:, 0]
    dx = (grid.view(1, 1, -1) - centre[:, 1]) / half[:, 1]
    ellipse = dy * dy + dx * dx <= 1
    rect = (dy.abs() <= 1) & (dx.abs() <= 1)
    pick = torch.rand(n, 1, 1, generator=gen, device=device) < 0.5
    return torch.where(pick, ellipse, rect).unsqueeze(1)


def line_masks(n, size, gen, device):
    """Line dropout on the training device: rows or columns, period 2-12 px, bands 1-4 px (at most half the
    period), a random phase, each band kept missing with probability 0.3-1 (dead lines at random places)."""
    every = torch.randint(2, 13, (n, 1), generator=gen, device=device)
    width = torch.minimum(torch.randint(1, 5, (n, 1), generator=gen, device=device), every // 2).clamp_min(1)
    phase = (torch.rand(n, 1, generator=gen, device=device) * every).long()
    drop = uniform(n, 0.3, 1.0, gen, device).view(n, 1)
    c = torch.arange(size, device=device).view(1, -1) + phase  # [n,S]
    band = c // every
    keep = torch.rand(n, size // 2 + 2, generator=gen, device=device) < drop  # per band (period >= 2)
    lines = ((c % every) < width) & torch.gather(keep, 1, band)
    cols = torch.rand(n, 1, 1, generator=gen, device=device) < 0.5
    return torch.where(cols, lines.view(n, 1, size), lines.view(n, size, 1)).unsqueeze(1)


def training_masks(n, size, patch, gen, device):
    """[n,1,S,S] bool from the training mix; every mask hides at least one pixel and keeps at least one."""
    kind = torch.multinomial(MIX.to(device), n, replacement=True, generator=gen)
    ratios = uniform(n, 0.25, 0.9, gen, device)
    makers = (lambda k, r: grid_masks(k, size, patch, gen, r), lambda k, r: any_cell_masks(k, size, gen, r),
              lambda k, r: stroke_masks(k, size, gen, device), lambda k, r: region_masks(k, size, gen, device),
              lambda k, r: line_masks(k, size, gen, device))
    out = torch.empty(n, 1, size, size, dtype=torch.bool, device=device)
    for i, make in enumerate(makers):  # each kind only for its own samples (strokes cost the most)
        sel = torch.nonzero(kind == i)[:, 0]
        if len(sel):
            out[sel] = make(len(sel), ratios[sel])
    return fix_degenerate(out, gen)


def fix_degenerate(masks, gen):
    """Masks that hide nothing get one random pixel hidden; masks that hide everything stay (the class
    token answers those, a case the workbench must handle)."""
    n, _, h, w = masks.shape
    empty = ~masks.view(n, -1).any(1)
    if empty.any():
        pos = torch.randint(0, h * w, (n,), generator=gen, device=masks.device)
        flat = masks.view(n, -1).clone()
        flat[torch.arange(n, device=masks.device), pos] |= empty
        masks = flat.view(n, 1, h, w)
    return masks
