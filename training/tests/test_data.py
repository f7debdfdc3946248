"""The dataset's rules: what is a picture, which files are one picture or one group, the split, medical
value mapping and slicing (synthetic arrays only; no packages needed).

  /usr/bin/python3 -m unittest discover -s training/tests -t training
"""
import io
import sys
import unittest
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from medical import COLIN27, itk_keys, pick_slices, to_uint16  # noqa: E402
from picture_rules import (MEDICAL_SPLIT, SAME_DETAIL, SAME_PICTURE, detail, hamming, phash,  # noqa: E402
                           reject_reason, same_picture, split_of, stem_base, thumbnail)
from sources import SKIP_NAME, _skimage_picture, _wallpaper_picture, game_keys  # noqa: E402


def photo(h=240, w=320, seed=0):
    """A smooth random field with edges: passes as a picture."""
    rng = np.random.default_rng(seed)
    small = rng.integers(0, 256, (h // 16 + 1, w // 16 + 1, 3)).astype(np.uint8)
    big = np.asarray(Image.fromarray(small).resize((w, h), Image.BICUBIC)).astype(np.int16)
    return np.clip(big + rng.integers(-6, 7, big.shape), 0, 255).astype(np.uint8)


class RulesTest(unittest.TestCase):
    def test_pictures_pass_and_non_pictures_say_why(self):
        self.assertIsNone(reject_reason(photo(), "natural"))
        self.assertEqual(reject_reason(photo(100, 300), "natural"), "small")
        self.assertIsNone(reject_reason(photo(100, 300)[..., 0], "medical"))  # medical slices may be small
        self.assertEqual(reject_reason(np.full((200, 200, 3), 90, np.uint8), "natural"), "flat")
        alpha = np.full((240, 320), 255, np.uint8)
        alpha[:, :100] = 0
        self.assertEqual(reject_reason(photo(), "natural", alpha), "transparent")
        self.assertIsNone(reject_reason(photo(), "natural", np.full((240, 320), 255, np.uint8)))
        bump = np.stack([np.full((200, 200), 128), np.full((200, 200), 128), np.full((200, 200), 250)], -1)
        bump = (bump + np.random.default_rng(1).integers(-30, 30, bump.shape)).clip(0, 255).astype(np.uint8)
        self.assertEqual(reject_reason(bump, "natural"), "normal-map")
        icon = np.full((256, 256, 3), 255, np.uint8)  # a small drawing on a white page
        icon[70:190, 70:190] = photo(120, 120) // 2
        self.assertEqual(reject_reason(icon, "natural"), "plain-background")
        stripes = np.tile(np.repeat(np.arange(0, 256, 16, dtype=np.uint8), 3), (256, 6))[:, :256]
        self.assertEqual(reject_reason(np.stack([stripes] * 3, -1), "natural"), "few-levels")
        # 16-bit data is judged on its own range, not on the 0..65535 scale
        self.assertIsNone(reject_reason(photo()[..., 0].astype(np.uint16) * 3 + 1000, "medical"))

    def test_phash_matches_variants_and_separates_pictures(self):
        a = photo(480, 640, seed=1)
        small = np.asarray(Image.fromarray(a).resize((320, 240), Image.LANCZOS))
        buf = io.BytesIO()
        Image.fromarray(a).save(buf, "JPEG", quality=70)
        jpeg = np.asarray(Image.open(buf))
        darker = (a.astype(np.float64) * 0.8).astype(np.uint8)
        gray = np.asarray(Image.fromarray(a).convert("L"))
        for variant in (small, jpeg, darker, gray):
            self.assertLessEqual(hamming(phash(a), phash(variant)), SAME_PICTURE)
        others = [hamming(phash(a), phash(photo(480, 640, seed=s))) for s in range(2, 12)]
        self.assertGreater(min(others), SAME_PICTURE * 2, others)
        # a hash match alone is not enough: the thumbnails must correlate too
        self.assertTrue(same_picture(phash(a), phash(small), thumbnail(a), thumbnail(small)))
        self.assertFalse(same_picture(phash(a), phash(a), thumbnail(a), thumbnail(photo(480, 640, seed=5))))
        # a tone curve moves the hash but not the detail; another picture's detail is unrelated
        toned = (255 * (a.astype(np.float64) / 255) ** 1.8).astype(np.uint8)
        self.assertGreater(float(detail(a) @ detail(toned)), SAME_DETAIL)
        self.assertLess(float(detail(a) @ detail(photo(480, 640, seed=7))), 0.5)
        stars = np.zeros((300, 300), np.uint8)
        stars[np.random.default_rng(0).integers(0, 300, (2, 40)).tolist()] = 255
        other = np.zeros((300, 300), np.uint8)
        other[np.random.default_rng(1).integers(0, 300, (2, 40)).tolist()] = 255
        self.assertFalse(same_picture(phash(stars), phash(other), thumbnail(stars), thumbnail(other)))

    def test_split_is_a_stable_hash_of_the_group(self):
        keys = [f"pkg:picture{i}" for i in range(4000)]
        splits = [split_of(k, "natural") for k in keys]
        self.assertEqual(splits, [split_of(k, "natural") for k in keys])  # deterministic (no salted hash)
        share = {s: splits.count(s) / len(keys) for s in ("train", "val", "test")}
        self.assertAlmostEqual(share["val"], 0.10, delta=0.02)
        self.assertAlmostEqual(share["test"], 0.10, delta=0.02)
        self.assertEqual(split_of("pkg:picture7", "natural", force_val=True), "val")
        for group, split in MEDICAL_SPLIT.items():
            self.assertEqual(split_of(group, "medical"), split)
        self.assertEqual(split_of(COLIN27, "medical", force_val=True), "val")
        medical = [split_of(k, "medical") for k in keys]
        self.assertAlmostEqual(medical.count("test") / len(keys), 0.20, delta=0.03)

    def test_stem_base(self):
        for stem, base in (("Elephants_3840x2160", "Elephants"), ("adwaita-l", "adwaita"), ("rock04", "rock"),
                           ("grass_big", "grass"), ("moon_4k", "moon"), ("Splash7", "Splash"), ("ice", "ice")):
            self.assertEqual(stem_base(stem), base)


class GroupTest(unittest.TestCase):
    def test_wallpaper_variants_are_one_picture(self):
        base = "/usr/share/wallpapers/Autumn/contents/"
        pics = {_wallpaper_picture("plasma-workspace-wallpapers", base + p)
                for p in ("images/1280x1024.jpg", "images/1920x1080.jpg", "images_dark/1920x1080.jpg")}
        self.assertEqual(pics, {"plasma:Autumn"})
        d = "/usr/share/backgrounds/mate/abstract/"
        self.assertEqual({_wallpaper_picture("mate-backgrounds", d + f) for f in
                          ("Elephants.jpg", "Elephants_3840x2160.jpg", "Elephants_5640x3172.jpg")}, {"mate:Elephants"})
        d = "/usr/share/backgrounds/gnome/"
        self.assertEqual(_wallpaper_picture("gnome-backgrounds", d + "adwaita-l.webp"),
                         _wallpaper_picture("gnome-backgrounds", d + "adwaita-d.webp"))
        self.assertNotEqual(_wallpaper_picture("gnome-backgrounds", d + "adwaita-l.webp"),
                            _wallpaper_picture("gnome-backgrounds", d + "grid-l.webp"))
        self.assertEqual(_wallpaper_picture("lomiri-wallpapers-16.04", "/usr/share/backgrounds/x.jpg"),
                         _wallpaper_picture("lomiri-wallpapers-20.04", "/usr/share/backgrounds/x.jpg"))

    def test_skimage_pairs(self):
        d = "/usr/lib/python3/dist-packages/skimage/"
        self.assertEqual({_skimage_picture(d + f"registration/tests/data/{k}X{xy}.png") for k in ("Original", "Transformed")
                          for xy in ("-130Y130", "130Y130", "75Y75")}, {"skimage:registration"})
        self.assertEqual(_skimage_picture(d + "data/motorcycle_left.png"), _skimage_picture(d + "data/motorcycle_right.png"))

    def test_game_groups(self):
        fg = "/usr/share/games/flightgear/"
        # a seasonal copy joins its summer texture; an aircraft's liveries are one group
        self.assertEqual(game_keys("flightgear-data-base", fg + "Textures/Terrain/grass.png"),
                         game_keys("flightgear-data-base", fg + "Textures/Terrain.winter/grass.png"))
        a = game_keys("flightgear-data-base", fg + "Aircraft/c172p/Models/Liveries/red.png")
        b = game_keys("flightgear-data-base", fg + "Aircraft/c172p/Models/Effects/interior/panel.png")
        self.assertEqual(a[1], b[1])
        self.assertNotEqual(a[0], b[0])
        # textures of one collection are separate groups; numbered ones separate pictures of one group
        stk = "/usr/share/games/supertuxkart/data/textures/"
        rock1, rock2 = game_keys("supertuxkart-data", stk + "rock1.jpg"), game_keys("supertuxkart-data", stk + "rock2.jpg")
        self.assertEqual(rock1[1], rock2[1])
        self.assertNotEqual(rock1[0], rock2[0])
        self.assertNotEqual(rock1[1], game_keys("supertuxkart-data", stk + "sand.jpg")[1])
        self.assertEqual(game_keys("supertuxkart-data", stk + "sand_1024x1024.jpg")[0], game_keys("supertuxkart-data", stk + "sand.jpg")[0])
        track = "/usr/share/games/supertuxkart/data/tracks/hacienda/"
        self.assertEqual(game_keys("supertuxkart-data", track + "wall.png")[1], game_keys("supertuxkart-data", track + "roof.png")[1])
        # a desktop theme's screens are one artwork
        self.assertEqual(game_keys("desktop-base", "/usr/share/desktop-base/emerald-theme/grub/grub-4x3.png"),
                         game_keys("desktop-base", "/usr/share/plymouth/themes/emerald/background.png"))

    def test_names_that_are_not_pictures(self):
        for name in ("/x/grass2_nm.jpg", "/x/hd_palmTreeBark_a_Normal.png", "/x/city1.mask.png", "/x/gui/icons/a.png",
                     "/x/gfx_spark.png", "/x/buildings-lightmap.png", "/x/Terrain/caatinga-crop-mask.png"):
            self.assertTrue(SKIP_NAME.search(name), name)
        for name in ("/usr/share/games/flightgear/Textures/Terrain/grass.png", "/x/texture.jpg", "/x/rock_01_d.png"):
            self.assertFalse(SKIP_NAME.search(name), name)

    def test_colin27_is_one_subject(self):
        for stem in ("BrainProtonDensitySlice", "BrainProtonDensitySliceShifted13x17y", "BrainT1Slice", "BrainMidSagittalSlice"):
            self.assertEqual(itk_keys(stem)[1], COLIN27)
        self.assertEqual(itk_keys("BrainProtonDensitySliceRotated10")[0], itk_keys("BrainProtonDensitySlice")[0])
        self.assertEqual(itk_keys("RatLungSlice1")[1], itk_keys("RatLungSlice2")[1])
        self.assertNotEqual(itk_keys("RatLungSlice1")[0], itk_keys("RatLungSlice2")[0])


class MedicalTest(unittest.TestCase):
    def test_values_keep_their_depth(self):
        u8 = np.arange(256, dtype=np.uint8).reshape(16, 16)
        self.assertEqual(to_uint16(u8)[1:], (8, "none"))
        ct = np.array([[-1024, 0], [40, 3071]], np.int16)
        out, bits, transform = to_uint16(ct)
        self.assertEqual((out.dtype, bits), (np.uint16, 16))
        np.testing.assert_array_equal(out.astype(np.int64) - 1024, ct)  # exact: shifted, not scaled
        self.assertEqual(transform, "value - (-1024)")
        f = np.array([[0.0, 0.5], [1.0, 383.2]], np.float32)
        out, bits, _ = to_uint16(f)
        self.assertEqual((int(out.min()), int(out.max()), bits), (0, 65535, 16))

    def test_slices_are_spaced_inside_the_anatomy_and_capped(self):
        vol = np.zeros((60, 70, 80), np.uint16)
        vol[10:50, 10:60, 20:70] = 1000  # anatomy away from the edges
        slices = pick_slices(vol, (1.0, 1.0, 1.0), cap=30, spacing=2.0)
        self.assertLessEqual(len(slices), 30)
        for axis in ("sagittal", "coronal", "axial"):
            idx = [int(label.split("=")[1]) for label, _ in slices if label.startswith(axis)]
            self.assertTrue(idx, axis)
            self.assertTrue(all(b - a >= 2 for a, b in zip(idx, idx[1:])), idx)
            self.assertTrue(all(i >= 5 for i in idx), idx)  # no empty edge slices
        # thick slices (5 mm across 1 mm in-plane) are only cut along the thick axis
        labels = [label for label, _ in pick_slices(vol, (1.0, 1.0, 5.0), cap=100, spacing=2.0)]
        self.assertTrue(labels and all(label.startswith("axial") for label in labels), labels)


if __name__ == "__main__":
    unittest.main()
