"""The dataset's rules as pure functions (no I/O, so the tests can pin them): what counts as a picture,
when two pictures are the same, and which split a group lands in.

- `reject_reason`: why an array is not a picture we train or evaluate on (None when it is one).
- `phash`: a 64-bit DCT perceptual hash of the luma; `hamming` compares two.
- `split_of`: train / val / test from a hash of the group key: deterministic, and a group never moves when
  other pictures are added.
"""
import hashlib
import re

import numpy as np

# Natural pictures below this side are icons and sprites; medical slices are often small (64-128 px
# MR), so their floor is lower. A 64 px model tile still fits after the runtime's mirror padding.
MIN_SIDE = {"natural": 128, "medical": 48}
# Detail: luma std (0-255 scale) and mean absolute gradient; below either, a flat fill or a faint texture.
MIN_STD = 8.0
MIN_GRADIENT = 0.5
# Share of 8x8 blocks that are flat (std < 1 grey level); above it, a graphic on a plain background.
MAX_FLAT_BLOCKS = {"natural": 0.7, "medical": 0.85}
# Distinct luma levels: fewer means line art, a label map or a few-colour graphic, not a photo or scan.
MIN_LEVELS = 48
# A cut-out (sprite, stamp, decal) has a transparent background; only nearly opaque images are pictures.
MIN_OPAQUE = 0.98

# Two pictures are one (re-encoded, resized, recoloured, retouched) when either
# - their pHash lies within SAME_PICTURE bits and their 32x32 thumbnails correlate >= SAME_CORRELATION (the
#   hash alone matches unrelated dark, sparse pictures: a star cluster and a night sea, near 6 bits), or
# - their detail (a 64x64 thumbnail minus its 8x8 block means) correlates >= SAME_DETAIL: this finds
#   recoloured copies the hash misses (a skybox in two tones, 12 bits apart, detail 0.94; a rope texture
#   in two colours, 16 bits, 0.995) and keeps apart pictures of one layout (two galaxies, 0.64-0.81).
SAME_PICTURE = 6
SAME_CORRELATION = 0.9
SAME_DETAIL = 0.9

SPLIT_SHARES = {"natural": (0.10, 0.10), "medical": (0.20, 0.20)}  # (test, val); the rest trains
# The allow-listed packages hold only ~20 medical volumes/files, and a few large volumes carry most of the
# slices, so a hash alone would leave a held-out split without medical pictures or the training set
# without its largest volume. These groups are placed by hand, by modality, before any model was
# evaluated on them: test gets a CT (ankle), a CT phantom (Shepp-Logan), two MR series (dipy's PIESNO scan
# and diffusion b0 slices) and an ultrasound loop; validation, besides Colin27 and CT_small (bundled
# samples), a 4 mm MR volume and the Visible Woman cryosections; train the macaque brain, two CT heads,
# the Herman phantom and ITK's other slices. Every other medical group (and any added later) falls to the hash.
MEDICAL_SPLIT = {"octave-dicom:CT-MONO2-16-ankle": "test", "ctsim:shepp-logan": "test", "dipy:test_piesno": "test",
                 "dipy:S0_10slices": "test", "octave-dicom:US-PAL-8-10x-echo": "test",
                 "dipy:aniso_vox": "val", "itk:VisibleWoman": "val",
                 "mricron:inia19": "train", "ctsim:herman": "train", "pydicom:J2K-CT-heads": "train",
                 "itk:RatLung": "train", "itk:FatMRISlice": "train"}


def luma(arr):
    """float64 luma on a 0-255 scale of a uint8/uint16 gray or RGB array (uint16 scaled by its own range)."""
    a = arr.astype(np.float64)
    if arr.dtype == np.uint16:
        lo, hi = np.percentile(a, [0.5, 99.5])
        a = np.clip((a - lo) / max(hi - lo, 1e-9), 0, 1) * 255
    if a.ndim == 3:
        a = a[..., :3] @ np.array([0.299, 0.587, 0.114])
    return a


def normal_map(rgb):
    """Tangent-space normal maps (bump textures) are bluish purple everywhere: R, G near 128, B high."""
    if rgb.ndim != 3 or rgb.shape[2] < 3:
        return False
    m = rgb[..., :3].reshape(-1, 3).mean(0)
    return bool(m[2] > 190 and abs(m[0] - 128) < 35 and abs(m[1] - 128) < 35)


def reject_reason(arr, kind, alpha=None):
    """Why arr (HxW or HxWx3, uint8 or uint16) is not a usable picture, or None."""
    h, w = arr.shape[:2]
    if min(h, w) < MIN_SIDE[kind]:
        return "small"
    if alpha is not None and (alpha >= 250).mean() < MIN_OPAQUE:
        return "transparent"
    if normal_map(arr):
        return "normal-map"
    y = luma(arr)
    if y.std() < MIN_STD:
        return "flat"
    grad = (np.abs(np.diff(y, axis=0)).mean() + np.abs(np.diff(y, axis=1)).mean()) / 2
    if grad < MIN_GRADIENT:
        return "flat"
    bh, bw = h // 8, w // 8
    blocks = y[:bh * 8, :bw * 8].reshape(bh, 8, bw, 8).std(axis=(1, 3))
    if (blocks < 1.0).mean() > MAX_FLAT_BLOCKS[kind]:
        return "plain-background"
    levels = len(np.unique(np.round(y).astype(np.int64)))
    if levels < MIN_LEVELS:
        return "few-levels"
    return None


def thumbnail(arr, size=32):
    """Area-averaged luma, size x size (also what phash starts from); a side shorter than size repeats pixels."""
    y = luma(arr)
    if min(y.shape) < size:
        y = np.repeat(np.repeat(y, -(-size // y.shape[0]), axis=0), -(-size // y.shape[1]), axis=1)
    h, w = y.shape
    rows = np.minimum((np.arange(h) * size) // h, size - 1)
    cols = np.minimum((np.arange(w) * size) // w, size - 1)
    small = np.zeros((size, size))
    np.add.at(small, (rows[:, None], cols[None, :]), y)
    return small / (np.bincount(rows, minlength=size)[:, None] * np.bincount(cols, minlength=size)[None, :])


def detail(arr):
    """Unit-norm fine structure: a 64x64 thumbnail minus its 8x8 block means, flattened."""
    t = thumbnail(arr, 64)
    d = (t - np.kron(t.reshape(8, 8, 8, 8).mean(axis=(1, 3)), np.ones((8, 8)))).ravel()
    return d / max(np.linalg.norm(d), 1e-9)


def correlation(a, b):
    a, b = a - a.mean(), b - b.mean()
    return float((a * b).sum() / max(np.sqrt((a * a).sum() * (b * b).sum()), 1e-12))


def same_picture(hash_a, hash_b, thumb_a, thumb_b):
    return hamming(hash_a, hash_b) <= SAME_PICTURE and correlation(thumb_a, thumb_b) >= SAME_CORRELATION


def _dct_matrix(n):
    k = np.arange(n)
    m = np.cos(np.pi * (2 * k[None, :] + 1) * k[:, None] / (2 * n))
    m[0] /= np.sqrt(2)
    return m


_DCT32 = _dct_matrix(32)


def phash(arr, small=None):
    """64-bit perceptual hash (pHash): the 8x8 lowest DCT frequencies of a 32x32 area-averaged luma,
    thresholded at their median. Robust to resizing, re-encoding and mild colour changes."""
    small = thumbnail(arr) if small is None else small
    freq = (_DCT32 @ small @ _DCT32.T)[:8, :8].ravel()
    bits = freq[1:] > np.median(freq[1:])  # the DC term says only how bright, not what
    return int("".join("1" if b else "0" for b in bits), 2)


def hamming(a, b):
    return bin(a ^ b).count("1")


def unit_hash(key):
    """A stable number in [0,1) from a string (sha256, not Python's salted hash)."""
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big") / 2 ** 64


def split_of(group, kind, force_val=False):
    """'train', 'val' or 'test' for a group. Medical groups are fewer (volumes, not pictures), so a larger
    share of them is held out, enough to report medical separately on both held-out splits."""
    if force_val:
        return "val"
    if kind == "medical" and group in MEDICAL_SPLIT:
        return MEDICAL_SPLIT[group]
    test, val = SPLIT_SHARES[kind]
    u = unit_hash(group)
    return "test" if u < test else "val" if u < test + val else "train"


def stem_base(stem):
    """A file stem without resolution, numbering and light/dark suffixes: the picture it shows."""
    s = re.sub(r"([_-]?\d+x\d+)+(_portrait)?$", "", stem, flags=re.I)
    s = re.sub(r"[-_](l|d|day|night|morning|evening|dark|light|big|small|hd|hires|large|\dk)$", "", s, flags=re.I)
    return re.sub(r"[-_ ]?\d+$", "", s) or stem


def safe_name(text):
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_")
