"""Masked Autoencoder (He et al. 2021) sized for live tiles, with an ONNX-friendly inference path.

The encoder sees only the visible patches plus a class token, so the model still answers when every
patch is masked. Targets are raw pixels (no per-patch normalisation: that would need the hidden patch's
own statistics at inference time, i.e. leak the answer).

Two mask interfaces (assets/README.md, "the MAE model contract"):
- patch mask (pixel_mask=False, the official MAE's): one flag per patch; the encoder sees fully visible
  patches only, so a patch with one masked pixel loses all its known pixels.
- pixel mask (pixel_mask=True, ours): one flag per pixel. Every patch with at least one known pixel is a
  visible token, its unknown pixels zeroed and the mask itself appended as a fourth channel to the patch
  embedding; only fully unknown patches are hidden. The encoder still sees visible tokens only (the MAE
  recipe) but keeps every known pixel - what brush strokes need.

Two entry points share every weight:
- forward_train(images, hidden, unknown): batched, per-sample visible counts may differ (key-padding mask).
- OnnxWrapper(model)(image, mask): batch 1, visible tokens gathered by index (NonZero + Gather), mask
  tokens built without shape arithmetic and put back in place with a permutation matmul, so a traced
  export works for any number of visible patches (no index_put, no baked-in counts).
"""
import math
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

# Fixed input normalisation inside the graph (roughly the statistics of natural images).
MEAN = (0.45, 0.45, 0.45)
STD = (0.25, 0.25, 0.25)
# PyTorch 2's fused kernel on GPUs (same maths); torch 1.13, the ONNX tracer and the CPU use the plain one.
FUSED_ATTENTION = hasattr(F, "scaled_dot_product_attention") and torch.cuda.is_available() \
    and os.environ.get("MAE_FUSED_ATTENTION", "1") == "1"


def sincos_pos_embed(dim, grid):
    """2-D sine-cosine positional embedding, [grid*grid, dim] (as in the MAE paper's code)."""
    assert dim % 4 == 0
    ys, xs = torch.meshgrid(torch.arange(grid, dtype=torch.float64), torch.arange(grid, dtype=torch.float64), indexing="ij")
    omega = 1.0 / (10000 ** (torch.arange(dim // 4, dtype=torch.float64) / (dim / 4)))

    def emb(pos):
        out = pos.reshape(-1, 1) * omega.reshape(1, -1)
        return torch.cat([torch.sin(out), torch.cos(out)], dim=1)

    return torch.cat([emb(xs), emb(ys)], dim=1).float()


class Attention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.scale = (dim // heads) ** -0.5
        self.qkv = nn.Linear(dim, dim * 3)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x, bias=None):
        b = x.shape[0]
        # reshape(-1) keeps the token count symbolic in a traced export.
        qkv = self.qkv(x).reshape(b, -1, 3, self.heads, self.qkv.in_features // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        if FUSED_ATTENTION and not torch.onnx.is_in_onnx_export():
            out = F.scaled_dot_product_attention(q, k, v, attn_mask=None if bias is None else bias.to(q.dtype))
        else:
            attn = (q @ k.transpose(-2, -1)) * self.scale
            if bias is not None:
                attn = attn + bias
            out = attn.softmax(dim=-1) @ v
        out = out.transpose(1, 2).reshape(b, -1, self.qkv.in_features)
        return self.proj(out)


class Block(nn.Module):
    def __init__(self, dim, heads, mlp_ratio=4.0):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim, eps=1e-6)
        self.attn = Attention(dim, heads)
        self.norm2 = nn.LayerNorm(dim, eps=1e-6)
        hidden = int(dim * mlp_ratio)
        self.mlp = nn.Sequential(nn.Linear(dim, hidden), nn.GELU(), nn.Linear(hidden, dim))

    def forward(self, x, bias=None):
        x = x + self.attn(self.norm1(x), bias)
        return x + self.mlp(self.norm2(x))


class MAE(nn.Module):
    def __init__(self, img_size=64, patch_size=8, dim=192, depth=8, heads=3,
                 dec_dim=128, dec_depth=2, dec_heads=4, mlp_ratio=4.0, pixel_mask=False):
        super().__init__()
        assert img_size % patch_size == 0
        self.config = dict(img_size=img_size, patch_size=patch_size, dim=dim, depth=depth, heads=heads,
                           dec_dim=dec_dim, dec_depth=dec_depth, dec_heads=dec_heads, mlp_ratio=mlp_ratio,
                           pixel_mask=pixel_mask)
        self.img_size, self.patch_size, self.pixel_mask = img_size, patch_size, pixel_mask
        self.grid = img_size // patch_size
        self.num_patches = self.grid ** 2
        pdim = patch_size * patch_size * 3
        self.patch_embed = nn.Linear(pdim + (patch_size * patch_size if pixel_mask else 0), dim)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, dim))
        self.register_buffer("pos_embed", sincos_pos_embed(dim, self.grid).unsqueeze(0), persistent=False)
        self.blocks = nn.ModuleList([Block(dim, heads, mlp_ratio) for _ in range(depth)])
        self.norm = nn.LayerNorm(dim, eps=1e-6)
        self.decoder_embed = nn.Linear(dim, dec_dim)
        self.mask_token = nn.Parameter(torch.zeros(1, 1, dec_dim))
        self.register_buffer("dec_pos_embed", sincos_pos_embed(dec_dim, self.grid).unsqueeze(0), persistent=False)
        self.decoder_blocks = nn.ModuleList([Block(dec_dim, dec_heads, mlp_ratio) for _ in range(dec_depth)])
        self.decoder_norm = nn.LayerNorm(dec_dim, eps=1e-6)
        self.decoder_pred = nn.Linear(dec_dim, pdim)
        self.register_buffer("mean", torch.tensor(MEAN).view(1, 3, 1, 1), persistent=False)
        self.register_buffer("std", torch.tensor(STD).view(1, 3, 1, 1), persistent=False)
        self._init_weights()

    def _init_weights(self):
        nn.init.normal_(self.cls_token, std=0.02)
        nn.init.normal_(self.mask_token, std=0.02)
        for m in self.modules():
            if isinstance(m, nn.Linear):
                nn.init.xavier_uniform_(m.weight)
                nn.init.zeros_(m.bias)
            elif isinstance(m, nn.LayerNorm):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)

    # --- pixels <-> patches -------------------------------------------------------------------
    def patchify(self, imgs):
        """[B,C,S,S] -> [B,N,p*p*C], each patch row-major with channels last."""
        b, c, p, g = imgs.shape[0], imgs.shape[1], self.patch_size, self.grid
        x = imgs.reshape(b, c, g, p, g, p).permute(0, 2, 4, 3, 5, 1)
        return x.reshape(b, g * g, p * p * c)

    def unpatchify(self, x):
        b, p, g = x.shape[0], self.patch_size, self.grid
        x = x.reshape(b, g, g, p, p, 3).permute(0, 5, 1, 3, 2, 4)
        return x.reshape(b, 3, g * p, g * p)

    def normalize(self, imgs):
        return (imgs - self.mean) / self.std

    def denormalize(self, imgs):
        return imgs * self.std + self.mean

    def hidden_patches(self, unknown):
        """[B,1,S,S] bool unknown pixels -> [B,N] bool patches the encoder does not see: patches with any
        unknown pixel under a patch mask, fully unknown patches under a pixel mask."""
        per_patch = self.patchify(unknown.float())
        return (per_patch.min(-1).values if self.pixel_mask else per_patch.max(-1).values) > 0.5

    def embed(self, imgs, unknown):
        """Patch tokens with positions. Unknown pixels never reach the tokens of visible patches (zeroed
        by where(), so even NaN there cannot leak); the pixel-mask variant also embeds the mask."""
        x = self.normalize(imgs)
        if not self.pixel_mask:
            return self.patch_embed(self.patchify(x)) + self.pos_embed
        x = torch.where(unknown, torch.zeros_like(x), x)
        return self.patch_embed(torch.cat([self.patchify(x), self.patchify(unknown.float())], -1)) + self.pos_embed

    # --- training path: batched, variable visible counts ---------------------------------------
    def forward_train(self, imgs, patch_mask, unknown=None):
        """imgs [B,3,S,S] in [0,1]; patch_mask [B,N] bool, True = hidden; unknown [B,1,S,S] bool pixels
        (required by the pixel-mask variant). Returns prediction [B,N,p*p*3] in normalised pixel space."""
        b, n = patch_mask.shape
        tokens = self.embed(imgs, unknown)
        # Visible patches first (stable order), then hidden; keep the longest visible run in the batch.
        order = torch.argsort(patch_mask.float() * n + torch.arange(n, device=imgs.device).float(), dim=1)
        n_vis = (~patch_mask).sum(dim=1)
        k = int(n_vis.max())
        keep = order[:, :k]
        x = torch.gather(tokens, 1, keep.unsqueeze(-1).expand(-1, -1, tokens.shape[-1]))
        valid = torch.arange(k, device=imgs.device).unsqueeze(0) < n_vis.unsqueeze(1)  # [B,k]
        x = x * valid.unsqueeze(-1)  # padded slots carry hidden pixels: zero them, and mask them as keys
        x = torch.cat([self.cls_token.expand(b, -1, -1), x], dim=1)
        key_ok = torch.cat([torch.ones(b, 1, dtype=torch.bool, device=imgs.device), valid], dim=1)
        bias = torch.zeros(b, 1, 1, k + 1, device=imgs.device).masked_fill(~key_ok.view(b, 1, 1, k + 1), float("-inf"))
        for blk in self.blocks:
            x = blk(x, bias)
        x = self.decoder_embed(self.norm(x))
        cls, vis = x[:, :1], x[:, 1:]
        vis = torch.where(valid.unsqueeze(-1), vis, self.mask_token.expand(b, k, -1))
        full_sorted = torch.cat([vis, self.mask_token.expand(b, n - k, -1)], dim=1)
        restore = torch.argsort(order, dim=1)
        full = torch.gather(full_sorted, 1, restore.unsqueeze(-1).expand(-1, -1, full_sorted.shape[-1]))
        return self._decode(cls, full)

    def _decode(self, cls, full):
        x = torch.cat([cls, full + self.dec_pos_embed], dim=1)
        for blk in self.decoder_blocks:
            x = blk(x)
        return self.decoder_pred(self.decoder_norm(x))[:, 1:]

    def reconstruct(self, imgs, patch_mask, unknown=None):
        """Batched inference in pixel space, clamped to [0,1]."""
        return self.denormalize(self.unpatchify(self.forward_train(imgs, patch_mask, unknown))).clamp(0, 1)

    def reconstruct_pixels(self, imgs, unknown):
        """Batched inference from a pixel mask [B,1,S,S] bool, either variant."""
        return self.reconstruct(imgs, self.hidden_patches(unknown), unknown)


class OnnxWrapper(nn.Module):
    """The exported graph: image [1,3,S,S] and either mask [1,N] (patch variant, 1 = reconstruct the patch) or
    pixel_mask [1,1,S,S] (pixel variant, 1 = unknown pixel), both float -> reconstruction [1,3,S,S]."""

    def __init__(self, mae):
        super().__init__()
        self.mae = mae

    def forward(self, image, mask):
        m = self.mae
        if m.pixel_mask:
            unknown = mask > 0.5
            tokens = m.embed(image, unknown)  # [1,N,D]
            hidden = m.hidden_patches(unknown)[0]
        else:
            tokens = m.embed(image, None)
            hidden = mask[0] > 0.5
        vis_ids = torch.nonzero(~hidden)[:, 0]
        hid_ids = torch.nonzero(hidden)[:, 0]
        x = torch.index_select(tokens, 1, vis_ids)
        x = torch.cat([m.cls_token, x], dim=1)
        for blk in m.blocks:
            x = blk(x)
        x = m.decoder_embed(m.norm(x))
        cls, vis = x[:, :1], x[:, 1:]
        # One mask token per hidden patch, without reading a count off a shape.
        mask_tokens = m.mask_token * torch.ones_like(hid_ids, dtype=torch.float32).view(1, -1, 1)
        sorted_tokens = torch.cat([vis, mask_tokens], dim=1)
        order = torch.cat([vis_ids, hid_ids])  # sorted slot -> patch index
        perm = (order.view(1, -1) == torch.arange(m.num_patches).view(-1, 1)).float()  # [patch, slot]
        full = perm.unsqueeze(0) @ sorted_tokens
        pred = m._decode(cls, full)
        return m.denormalize(m.unpatchify(pred)).clamp(0, 1)
