"""Training masks on the model's patch grid: random patches, 2x2-patch blocks and brush strokes.

Mirrors the Java generators (com.maeworkbench.mask.MaskShapes) closely enough that the model sees the
shapes users draw: the Java side masks a patch when any of its pixels is masked, as done here.
"""
import math

import numpy as np


def random_patches(rng, grid, ratio, block=1):
    """Hide about `ratio` of the grid in square blocks of `block` patches, the block grid offset at random
    (the CLI's 16 px patches land on even or odd 8 px model patches depending on the tile origin)."""
    off_y, off_x = (rng.integers(0, block, size=2) if block > 1 else (0, 0))
    cells = [(y, x) for y in range(-off_y, grid, block) for x in range(-off_x, grid, block)]
    rng.shuffle(cells)
    hidden = np.zeros((grid, grid), bool)
    target = ratio * grid * grid
    for y, x in cells:
        if hidden.sum() >= target:
            break
        hidden[max(0, y):y + block, max(0, x):x + block] = True
    return hidden.reshape(-1)


def strokes(rng, size, patch, count):
    """Free-form brush strokes drawn on the pixel grid, then pooled: a patch is hidden if any pixel is."""
    yy, xx = np.mgrid[0:size, 0:size] + 0.5
    pix = np.zeros((size, size), bool)
    for _ in range(count):
        radius = rng.uniform(1.5, size * 0.08)
        x, y = rng.uniform(0, size, 2)
        angle = rng.uniform(0, 2 * math.pi)
        for _ in range(rng.integers(2, 6)):
            angle += rng.uniform(-math.pi / 2, math.pi / 2)
            step = rng.uniform(0.1, 0.4) * size
            nx, ny = np.clip(x + math.cos(angle) * step, 0, size - 1), np.clip(y + math.sin(angle) * step, 0, size - 1)
            dx, dy = nx - x, ny - y
            t = np.clip(((xx - x) * dx + (yy - y) * dy) / max(dx * dx + dy * dy, 1e-9), 0, 1)
            pix |= (xx - x - t * dx) ** 2 + (yy - y - t * dy) ** 2 <= radius * radius
            x, y = nx, ny
    g = size // patch
    return pix.reshape(g, patch, g, patch).any(axis=(1, 3)).reshape(-1)


def training_mask(rng, size, patch):
    """One hidden-patch vector (True = hidden) from the training mix; never all-visible."""
    grid = size // patch
    kind = rng.random()
    if kind < 0.3:
        hidden = random_patches(rng, grid, rng.uniform(0.25, 0.9), 1)
    elif kind < 0.65:
        hidden = random_patches(rng, grid, rng.uniform(0.25, 0.9), 2)
    else:
        hidden = strokes(rng, size, patch, int(rng.integers(1, 6)))
    if not hidden.any():
        hidden[rng.integers(0, grid * grid)] = True
    return hidden
