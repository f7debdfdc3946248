"""Loads a checkpoint in the layout of the official MAE code (facebookresearch/mae, models_mae.py) into
this project's MAE, so users with internet access can drop in much stronger weights.

Layout differences handled here: the patch embedding is a Conv2d there (a Linear over (row, col, channel)
patch vectors here); positional embeddings carry a leading class-token row there (always zero) and are
copied as they are, not recomputed; inputs are normalised with ImageNet statistics.
"""
import torch

from mae_model import MAE

IMAGENET_MEAN, IMAGENET_STD = (0.485, 0.456, 0.406), (0.229, 0.224, 0.225)


def _count(sd, prefix):
    return len({k.split(".")[1] for k in sd if k.startswith(prefix + ".")})


def convert_state_dict(sd):
    """Returns (config, state dict for MAE) from an official models_mae state dict."""
    conv = sd["patch_embed.proj.weight"]  # [D, 3, p, p]
    dim, _, p, _ = conv.shape
    n = sd["pos_embed"].shape[1] - 1
    grid = int(round(n ** 0.5))
    dec_dim = sd["decoder_embed.weight"].shape[0]
    cfg = dict(img_size=grid * p, patch_size=p, dim=dim, depth=_count(sd, "blocks"), heads=max(1, dim // 64),
               dec_dim=dec_dim, dec_depth=_count(sd, "decoder_blocks"), dec_heads=16 if dec_dim >= 512 else max(1, dec_dim // 32),
               mlp_ratio=sd["blocks.0.mlp.fc1.weight"].shape[0] / dim)
    out = {}
    for k, v in sd.items():
        if k in ("pos_embed", "decoder_pos_embed"):
            continue
        k2 = k.replace("mlp.fc1", "mlp.0").replace("mlp.fc2", "mlp.2")
        if k == "patch_embed.proj.weight":
            out["patch_embed.weight"] = v.permute(0, 2, 3, 1).reshape(dim, -1)
        elif k == "patch_embed.proj.bias":
            out["patch_embed.bias"] = v
        else:
            out[k2] = v
    return cfg, out, sd["pos_embed"][:, 1:], sd["decoder_pos_embed"][:, 1:]


def load_official(path, heads=None, dec_heads=None):
    ck = torch.load(path, map_location="cpu")
    sd = ck.get("model", ck)
    cfg, state, pos, dec_pos = convert_state_dict(sd)
    if heads:
        cfg["heads"] = heads
    if dec_heads:
        cfg["dec_heads"] = dec_heads
    m = MAE(**cfg)
    missing, unexpected = m.load_state_dict(state, strict=False)
    if missing or unexpected:
        raise SystemExit(f"{path}: not an official MAE checkpoint (missing {missing[:5]}, unexpected {unexpected[:5]})")
    with torch.no_grad():
        m.pos_embed.copy_(pos)
        m.dec_pos_embed.copy_(dec_pos)
        m.mean.copy_(torch.tensor(IMAGENET_MEAN).view(1, 3, 1, 1))
        m.std.copy_(torch.tensor(IMAGENET_STD).view(1, 3, 1, 1))
    return m
