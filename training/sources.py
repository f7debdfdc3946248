"""The Debian packages the model may learn from, fetched into a cache, and the candidate pictures in each.

`fetch(cache)` downloads the allow-listed packages with `apt-get download` and unpacks them with
`dpkg-deb -x` (nothing is installed). `candidates(cache)` yields one `Candidate` per picture file, frame or
slice, with two keys: `picture` (every variant of one picture - resolutions, light/dark, re-encodings -
shares it; one is kept) and `group` (what must stay on one side of a split: a volume's slices, a game
track's textures, a skybox's faces, one subject scanned twice). Pixels load lazily (`Candidate.load`).
Natural pictures come as uint8; medical ones keep their bit depth (`medical.py` slices and decodes them).
"""
import math
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
from PIL import Image

from picture_rules import stem_base

Image.MAX_IMAGE_PIXELS = 1 << 28  # flightgear's globe textures are 8192 x 4096

NATURAL = ["gnome-backgrounds", "mate-backgrounds", "plasma-workspace-wallpapers", "sway-backgrounds",
           "lomiri-wallpapers", "lomiri-wallpapers-16.04", "lomiri-wallpapers-20.04", "ukui-wallpapers",
           "python3-skimage", "desktop-base", "tuxpaint-stamps-default", "gcompris-qt-data", "stellarium-data",
           "extremetuxracer-data", "supertuxkart-data", "flightgear-data-base", "mypaint-data-extras", "gimp-data"]
MEDICAL = ["python3-pydicom", "insighttoolkit5-examples", "mricron-data", "python3-dipy", "ctsim", "octave-dicom"]
PACKAGES = NATURAL + MEDICAL

IMAGE_EXT = {".png", ".jpg", ".jpeg", ".webp", ".tif", ".tiff", ".rgb", ".sgi", ".bmp", ".ppm", ".pgm"}
# Not pictures, by name: maps that are not images of anything (normal/bump/height/specular/light maps,
# masks, overlays), user-interface art, fonts and effect sprites, synthetic test patterns.
SKIP_NAME = re.compile(
    r"(normal|[_-]nm\b|[_-]nm[_.]|bump|heightmap|[_-]height|hmap|[_-]spec(ular)?[_.]|gloss|roughness|metallic|"
    r"lightmap|relief|[_.-]mask|colou?rmask|overlay|shadow|[_-]alpha|/icons?/|icon[s_-]|/gui/|/ui/|button|_butt|"
    r"cursor|font|glyph|/credits?/|\btext\b|logo|emblem|preview|thumb|screenshot|gfx|glow|spark|flare|particle|"
    r"/editor/|/skins?/|/doc/|/docs/|/symbols/|/signs/|/Instruments|gauge|menu|checkbox|listbox|"
    r"displace|noise|perlin|caustic|/Globe/|/Water/|/webroot/|/scenery3d/Testscene|/gimpressionist/)", re.I)
# Where a game's pictures are: model textures elsewhere are UV atlases (a vehicle, building or aircraft cut
# into unrelated pieces on one sheet, not a picture of anything), sky-culture art is line drawings on black.
INCLUDE = {
    "flightgear-data-base": re.compile(r"/Textures/(Terrain|Terrain\.winter|Sky)/|/Textures/Splash"),
    "supertuxkart-data": re.compile(r"/data/(textures|tracks)/"),
    "stellarium-data": re.compile(r"/(nebulae|textures|landscapes)/"),
}
SKIP_PACKAGE = {"stellarium-data": re.compile(r"comet|/textures/.*(halo|sky|star|glow|pointer|gui|fog|cardinal|neb)", re.I)}
# skimage and ITK ship synthetic test images next to real ones.
SKIP_SYNTHETIC = re.compile(
    r"(checker|chessboard|bw_text|horse|binary|blobs|logo|Circle|Point|Hough|FFT|DiagonalLines|VentricleModel|"
    r"Watershed|Mask|Spikes|lfw|foo3x5|green_palette|microaneurysms|_GRAY|_RGB|multipage|charset|"
    r"ResampleImageFilterInput|CorpusCallosum|Bayesian|itkBrainSliceComplex|BrainProtonDensity3Slices|"
    r"\btext\b|clock_motion|page|color\.png|colorwheel|palette|rgb_bars)", re.I)


@dataclass
class Candidate:
    package: str
    file: str  # as installed, e.g. /usr/share/backgrounds/gnome/blobs-l.webp
    kind: str  # natural | medical
    picture: str
    group: str
    frame: str = ""  # slice, frame, resource or reconstruction inside the file
    load: Callable = field(default=None, repr=False)  # -> (array, alpha or None, bits, transform)
    source: Path = None  # the file on disk whose sha256 the manifest records
    sliced: bool = False  # a slice of a volume: distinct from the volume's other slices by construction


def fetch(cache):
    """apt-get download + dpkg-deb -x for every package not yet unpacked; returns {package: version}."""
    debs, root = cache / "debs", cache / "pkg"
    debs.mkdir(parents=True, exist_ok=True)
    missing = [p for p in PACKAGES if not (root / p).is_dir()]
    if missing:
        subprocess.run(["apt-get", "download", *missing], cwd=debs, check=True)
        for p in missing:
            deb = sorted(debs.glob(f"{p}_*.deb"))[-1]
            (root / p).mkdir(parents=True, exist_ok=True)
            subprocess.run(["dpkg-deb", "-x", str(deb), str(root / p)], check=True)
    return versions(cache)


def versions(cache):
    out = {}
    for p in PACKAGES:
        debs = sorted((cache / "debs").glob(f"{p}_*.deb"))
        if not debs:
            raise SystemExit(f"{p}: not in {cache / 'debs'} (run build_dataset.py --fetch)")
        out[p] = subprocess.run(["dpkg-deb", "-f", str(debs[-1]), "Version"], capture_output=True, text=True,
                                check=True).stdout.strip()
    return out


def licences(cache, pkg):
    """Short licence names from the package's machine-readable copyright file."""
    f = cache / "pkg" / pkg / "usr/share/doc" / pkg / "copyright"
    text = f.read_text(errors="replace") if f.exists() else ""
    names = sorted({m.strip() for m in re.findall(r"^License:\s*(.+)$", text, re.M)})
    return " | ".join(names) or "see /usr/share/doc/" + pkg + "/copyright"


# Natural pictures are stored (and judged by picture_rules) with their longer side at most this.
MAX_SIDE = 768


def load_pil(path_or_file, max_side=MAX_SIDE):
    """(uint8 HxW or HxWx3, alpha or None, 8, 'none'), longer side <= max_side (LANCZOS; JPEGs decode at
    a reduced DCT scale first). 16-bit files reduce to 8 bits (natural pictures)."""
    with Image.open(path_or_file) as im:
        im.seek(0)
        if max_side and max(im.size) > max_side:
            s = max_side / max(im.size)
            im.draft(im.mode, (math.ceil(im.size[0] * s), math.ceil(im.size[1] * s)))
        if im.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
            a = np.asarray(im, dtype=np.float64)
            lo, hi = a.min(), a.max()
            im = Image.fromarray(((a - lo) / max(hi - lo, 1e-9) * 255 + 0.5).astype(np.uint8))
        elif im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
            im = im.convert("RGBA")
        elif im.mode not in ("L", "RGB"):
            im = im.convert("L" if im.mode == "1" else "RGB")
        if max_side and max(im.size) > max_side:
            s = max_side / max(im.size)
            im = im.resize((max(1, round(im.size[0] * s)), max(1, round(im.size[1] * s))), Image.LANCZOS)
        arr = np.asarray(im)
    if arr.ndim == 3 and arr.shape[2] == 4:
        return np.ascontiguousarray(arr[..., :3]), arr[..., 3], 8, "none"
    return arr, None, 8, "none"


def _files(root, pkg, exts=IMAGE_EXT):
    base = root / pkg
    for p in sorted(base.rglob("*")):
        if p.suffix.lower() in exts and p.is_file() and not p.is_symlink():
            yield p, "/" + str(p.relative_to(base))


# --- natural --------------------------------------------------------------------------------------------

def _wallpaper_picture(pkg, inst):
    path = Path(inst)
    stem = path.stem
    if pkg == "plasma-workspace-wallpapers":
        return "plasma:" + path.parts[path.parts.index("wallpapers") + 1]
    if pkg in ("mate-backgrounds", "gnome-backgrounds"):
        base = re.sub(r"(_\d+x\d+|-[dl]|-day|-night|-morning|-dark|-light|-Dark|-Light)$", "", stem)
        return ("mate:" if pkg.startswith("mate") else "gnome:") + base
    if pkg.startswith("lomiri-wallpapers"):
        return "lomiri:" + stem
    if pkg == "ukui-wallpapers":
        return "ukui:" + stem
    if pkg == "sway-backgrounds":
        return "sway:" + re.sub(r"_\d+x\d+(_Portrait)?$", "", stem)
    raise ValueError(pkg)


def _skimage_picture(inst):
    # Registration and stereo pairs show one scene: one picture.
    stem = re.sub(r"^(Original|Transformed)X-?\d+Y-?\d+$", "registration", Path(inst).stem)
    return "skimage:" + re.sub(r"_(left|right)$", "", stem)


# Directories that are collections of unrelated textures: there each picture is its own group (seasonal
# copies such as flightgear's Terrain.winter join their summer picture); elsewhere a directory (a track,
# an aircraft, a skybox, a theme) is one group.
COLLECTIONS = {
    "stellarium-data": ("/usr/share/stellarium/nebulae/default", "/usr/share/stellarium/textures"),
    "extremetuxracer-data": ("/usr/share/games/etr/textures", "/usr/share/games/etr/terrains"),
    "supertuxkart-data": ("/usr/share/games/supertuxkart/data/textures",),
    "flightgear-data-base": ("/usr/share/games/flightgear/Textures/Terrain", "/usr/share/games/flightgear/Textures/Runway",
                             "/usr/share/games/flightgear/Textures/Terrain.winter", "/usr/share/games/flightgear/Textures"),
    "gimp-data": ("/usr/share/gimp/2.0/images", "/usr/share/gimp/2.0/scripts/images"),
}
SHORT = {"stellarium-data": "stellarium", "extremetuxracer-data": "etr", "supertuxkart-data": "stk",
         "flightgear-data-base": "fgfs", "gimp-data": "gimp", "tuxpaint-stamps-default": "tuxpaint",
         "mypaint-data-extras": "mypaint", "desktop-base": "desktop-base", "gcompris-qt-data": "gcompris"}


def game_keys(pkg, inst):
    """(picture, group) for a file of a game/art data package. Numbered files (rock01, rock02; abell31,
    abell33) are pictures of their own - true copies fall to the perceptual hash - but one group."""
    short, path = SHORT[pkg], Path(inst)
    parent = str(path.parent)
    stem = re.sub(r"([_-]?\d+x\d+)+$", "", path.stem).lower()  # a resolution suffix names no other picture
    if pkg == "desktop-base":
        m = re.search(r"(?:plymouth/themes/|desktop-base/)([a-z]+)(?:-theme)?/", inst)
        theme = m.group(1) if m else path.parent.name
        return f"{short}:{theme}", f"{short}:{theme}"  # one artwork per theme, cut to several screens
    if parent in COLLECTIONS.get(pkg, ()):
        folder = re.sub(r"[.]winter$", "", path.parent.name)
        return f"{short}:{folder}/{stem}", f"{short}:{folder}/{stem_base(path.stem).lower()}"
    if pkg == "flightgear-data-base" and "/Aircraft/" in inst:
        group = f"{short}:Aircraft/" + inst.split("/Aircraft/")[1].split("/")[0]
    elif pkg == "supertuxkart-data" and re.search(r"/data/(tracks|karts|library)/", inst):
        group = f"{short}:" + "/".join(inst.split("/data/")[1].split("/")[:2])
    else:
        group = f"{short}:" + re.sub(r"^/usr/share/(games/)?[^/]+/", "", parent)
    return f"{group}/{stem}", group


def gcompris_resources(rcc):
    """(resource path, bytes) of the images in a Qt resource bundle, read by Qt itself (PyQt5)."""
    from PyQt5.QtCore import QDirIterator, QFile, QIODevice, QResource
    root = "/rcc_" + re.sub(r"\W", "_", rcc.stem)
    if not QResource.registerResource(str(rcc), root):
        return
    it = QDirIterator(":" + root, QDirIterator.Subdirectories)
    while it.hasNext():
        name = it.next()
        if Path(name).suffix.lower() in IMAGE_EXT and it.fileInfo().isFile():
            f = QFile(name)
            if f.open(QIODevice.ReadOnly):
                yield name[len(root) + 1:], bytes(f.readAll())
                f.close()


def natural_candidates(root, pkg):
    if pkg == "gcompris-qt-data":
        import io
        for rcc, inst in _files(root, pkg, {".rcc"}):
            for res, data in gcompris_resources(rcc):
                if SKIP_NAME.search(res):
                    continue
                activity = rcc.stem
                pic = f"gcompris:{activity}/{Path(res).stem.lower()}"
                yield Candidate(pkg, inst, "natural", pic, f"gcompris:{activity}", frame=res, source=rcc,
                                load=lambda data=data: load_pil(io.BytesIO(data)))
        return
    for path, inst in _files(root, pkg):
        if pkg == "python3-skimage":
            if not re.search(r"/skimage/(data|registration/tests/data)/", inst) or SKIP_SYNTHETIC.search(path.name):
                continue
            pic = grp = _skimage_picture(inst)
        elif pkg in SHORT:
            if SKIP_NAME.search(inst) or (pkg in INCLUDE and not INCLUDE[pkg].search(inst)) \
                    or (pkg in SKIP_PACKAGE and SKIP_PACKAGE[pkg].search(inst)):
                continue
            pic, grp = game_keys(pkg, inst)
        else:
            if "/doc/" in inst or "/icons/" in inst:
                continue
            pic = grp = _wallpaper_picture(pkg, inst)
        yield Candidate(pkg, inst, "natural", pic, grp, source=path, load=lambda path=path: load_pil(path))


def candidates(cache, only=None):
    import medical
    root = cache / "pkg"
    for pkg in NATURAL:
        if not only or pkg in only:
            yield from natural_candidates(root, pkg)
    for pkg in MEDICAL:
        if not only or pkg in only:
            yield from medical.candidates(root, pkg, cache)
