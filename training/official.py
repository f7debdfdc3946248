"""Loads a checkpoint in the layout of the official MAE code (facebookresearch/mae, models_mae.py) into
this project's MAE, so users with internet access can drop in much stronger weights.

Layout differences handled here: the patch embedding is a Conv2d there (a Linear over (row, col, channel)
patch vectors here); positional embeddings carry a leading class-token row there (always zero; the
encoder's is folded into cls_token) and are copied as they are, not recomputed; inputs are normalised
with ImageNet statistics.

Only checkpoints with a decoder trained on raw pixels reconstruct images: mae_visualize_vit_large.pth
(and its _ganloss variant). The mae_pretrain_vit_*.pth files are encoder-only; a checkpoint trained with
--norm_pix_loss predicts per-patch-normalised pixels, which cannot be told from the weights.
"""
import torch

from mae_model import MAE

IMAGENET_MEAN, IMAGENET_STD = (0.485, 0.456, 0.406), (0.229, 0.224, 0.225)
# Attention heads are not stored in a state dict. The official configs (models_mae.py): ViT-B/16
# 768 -> 12, ViT-L/16 1024 -> 16, ViT-H/14 1280 -> 16; every decoder 512 wide with 16 heads.
OFFICIAL_HEADS = {768: 12, 1024: 16, 1280: 16}
OFFICIAL_DEC_HEADS = {512: 16}


def _count(sd, prefix):
    return len({k.split(".")[1] for k in sd if k.startswith(prefix + ".")})


def default_heads(dim, dec_dim):
    return OFFICIAL_HEADS.get(dim, max(1, dim // 64)), OFFICIAL_DEC_HEADS.get(dec_dim, max(1, dec_dim // 32))


def convert_state_dict(sd):
    """Returns (config, state dict for MAE, pos_embed [1,N,D], decoder_pos_embed [1,N,Dd]) from an official
    models_mae state dict. Heads in the config are defaults (see OFFICIAL_HEADS)."""
    sd = {k[len("module."):] if k.startswith("module.") else k: v for k, v in sd.items()}
    if "decoder_embed.weight" not in sd:
        raise SystemExit("checkpoint has no decoder (the mae_pretrain_vit_*.pth files are encoder-only); "
                         "use a full one such as mae_visualize_vit_large.pth")
    conv = sd["patch_embed.proj.weight"]  # [D, 3, p, p]
    dim, _, p, _ = conv.shape
    n = sd["pos_embed"].shape[1] - 1
    grid = int(round(n ** 0.5))
    dec_dim = sd["decoder_embed.weight"].shape[0]
    heads, dec_heads = default_heads(dim, dec_dim)
    cfg = dict(img_size=grid * p, patch_size=p, dim=dim, depth=_count(sd, "blocks"), heads=heads,
               dec_dim=dec_dim, dec_depth=_count(sd, "decoder_blocks"), dec_heads=dec_heads,
               mlp_ratio=sd["blocks.0.mlp.fc1.weight"].shape[0] / dim)
    if sd["decoder_pos_embed"][:, 0].abs().max() > 1e-6:
        # Our decoder adds no positional embedding to the class token; the official one is fixed at zero.
        raise SystemExit("decoder_pos_embed has a non-zero class-token row; not supported")
    out = {}
    for k, v in sd.items():
        if k in ("pos_embed", "decoder_pos_embed"):
            continue
        if k == "patch_embed.proj.weight":
            # Conv2d weight [D, c, p, q] -> Linear over vectors in patchify's (p, q, c) order.
            out["patch_embed.weight"] = v.permute(0, 2, 3, 1).reshape(dim, -1)
        elif k == "patch_embed.proj.bias":
            out["patch_embed.bias"] = v
        elif k == "cls_token":
            out[k] = v + sd["pos_embed"][:, :1]  # the official encoder adds pos_embed row 0 to the class token
        else:
            out[k.replace("mlp.fc1", "mlp.0").replace("mlp.fc2", "mlp.2")] = v
    return cfg, out, sd["pos_embed"][:, 1:], sd["decoder_pos_embed"][:, 1:]


def load_official(path, heads=None, dec_heads=None):
    """MAE with the weights of an official checkpoint; heads/dec_heads override the defaults."""
    ck = torch.load(path, map_location="cpu")
    sd = ck.get("model", ck)
    cfg, state, pos, dec_pos = convert_state_dict(sd)
    if heads:
        cfg["heads"] = heads
    if dec_heads:
        cfg["dec_heads"] = dec_heads
    if cfg["dim"] % cfg["heads"] or cfg["dec_dim"] % cfg["dec_heads"]:
        raise SystemExit(f"heads {cfg['heads']}/{cfg['dec_heads']} do not divide widths {cfg['dim']}/{cfg['dec_dim']}")
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
