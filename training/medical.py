"""Medical candidates: DICOM files and frames, ITK's 2-D images, NIfTI volumes sliced into 2-D pictures,
dipy's bundled scans and ctsim's reconstructed phantoms. They keep their bit depth: 8-bit data stays
uint8, deeper data becomes uint16 (`to_uint16` records how in the manifest's `transform`).

Every file (a volume, a series, one subject) is one group, so a validation slice never has a neighbour,
or the same anatomy in another contrast, in train. ITK's BrainWeb slices and mricron's ch2 are both Colin
Holmes' head (BrainWeb's anatomical model is built from the Colin27 scans): one group.
"""
import re
import subprocess
import warnings
from pathlib import Path

import numpy as np

from sources import SKIP_SYNTHETIC, Candidate, load_pil

# Slices of one volume at least this far apart (mm), at most this many per volume, from the part of the
# volume with anatomy in it (>= FOREGROUND of the slice above a low threshold). Colin27's two scans are
# validation (a bundled sample is a BrainWeb slice of him): fewer slices each, so evaluation stays quick.
SLICE_SPACING_MM = 2.0
MAX_SLICES = 96
FOREGROUND = 0.15
COLIN27 = "colin27"

DICOM_SKIP = re.compile(r"(image_dfl|simpleImage|SC_|chr|rtdose|liver|ExplVR|GDCMJ2K|JPEG-lossy|JPGExtended|"
                        r"embedded-sequence|MR_truncated|rtstruct|rtplan|simple-test)", re.I)
NIFTI = {  # file stem -> (group, most slices, spacing mm); atlases and label maps (aal, brodmann, jhu189,
    # natbrainlab, inia19-NeuroMaps) are not pictures; ch2bet is ch2 with the skull removed (a variant)
    "ch2": (COLIN27, 40, SLICE_SPACING_MM), "ch2better": (COLIN27, 40, SLICE_SPACING_MM),
    "inia19-t1-brain": ("mricron:inia19", MAX_SLICES, 1.5),  # a macaque brain: half a human's size
    "S0_10slices": ("dipy:S0_10slices", MAX_SLICES, SLICE_SPACING_MM),
    "test_piesno": ("dipy:test_piesno", MAX_SLICES, SLICE_SPACING_MM),
    # ascm_out_test is aniso_vox denoised: the same scan
    "aniso_vox": ("dipy:aniso_vox", MAX_SLICES, SLICE_SPACING_MM), "ascm_out_test": ("dipy:aniso_vox", MAX_SLICES, SLICE_SPACING_MM),
}
VOLUME_PREFIX = {"mricron-data": "mricron", "python3-dipy": "dipy"}
# Two 512 px CT heads of unknown provenance (pydicom's JPEG 2000 tests): possibly one patient, so one group.
DICOM_GROUPS = {"693_J2KI": "pydicom:J2K-CT-heads", "J2K_pixelrep_mismatch": "pydicom:J2K-CT-heads"}
CTSIM_PHANTOMS = ("herman", "shepp-logan")
# (detectors, views, filter, geometry): a clean scan, few views (streaks), another filter, a fan beam.
CTSIM_SCANS = ((367, 320, "abs_bandlimit", "parallel"), (367, 60, "abs_hamming", "parallel"),
               (255, 180, "abs_cosine", "parallel"), (367, 360, "abs_bandlimit", "equiangular"))
CTSIM_WINDOW = (-0.25, 1.25)  # attenuation (1/cm) mapped onto 0..65535; both phantoms' reconstructions lie inside
CTSIM_SIZE = 320


def to_uint16(arr, lo=None, hi=None):
    """(array, bits, transform): uint8 unchanged; integers shifted by their minimum into uint16 when they
    fit (exact values kept); anything else scaled linearly from [lo, hi] onto 0..65535."""
    if arr.dtype == np.uint8:
        return arr, 8, "none"
    lo = float(arr.min()) if lo is None else lo
    hi = float(arr.max()) if hi is None else hi
    if np.issubdtype(arr.dtype, np.integer) and hi - lo <= 65535:
        return (arr.astype(np.int64) - int(lo)).astype(np.uint16), 16, f"value - ({int(lo)})"
    scale = 65535 / max(hi - lo, 1e-12)
    out = np.clip((arr.astype(np.float64) - lo) * scale + 0.5, 0, 65535).astype(np.uint16)
    return out, 16, f"(value - ({lo:.6g})) * {scale:.6g}"


def loaded(arr):
    """What Candidate.load returns for a medical array: (pixels, no alpha, bits, transform)."""
    pixels, bits, transform = to_uint16(arr)
    return pixels, None, bits, transform


# --- DICOM ----------------------------------------------------------------------------------------------

def dicom_frames(path):
    """[(frame label, array)] of a DICOM file's displayable frames, palette and YBR converted to RGB."""
    import pydicom
    from pydicom.pixel_data_handlers.util import apply_color_lut, convert_color_space
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ds = pydicom.dcmread(str(path))
        arr = ds.pixel_array
        photo = str(getattr(ds, "PhotometricInterpretation", ""))
        if photo == "PALETTE COLOR":
            arr = apply_color_lut(arr, ds).astype(np.float64) / 257
            arr = (arr + 0.5).astype(np.uint8)
        elif photo.startswith("YBR") and arr.shape[-1] == 3:
            arr = convert_color_space(arr, photo, "RGB")
    frames = int(getattr(ds, "NumberOfFrames", 1) or 1)
    arr = arr if frames > 1 else arr[None]
    if photo == "MONOCHROME1":
        arr = arr.max() - arr
    return [(f"frame={i}" if frames > 1 else "", a) for i, a in enumerate(arr)], str(getattr(ds, "SOPInstanceUID", ""))


DICOM_PREFIX = {"python3-pydicom": "pydicom", "octave-dicom": "octave-dicom"}


def dicom_candidates(pkg, files):
    seen_uid = {}
    for path, inst in files:
        if DICOM_SKIP.search(path.name):
            continue
        try:
            frames, uid = dicom_frames(path)
        except Exception:
            continue
        # One picture re-encoded (MR_small in seven transfer syntaxes) shares its SOP Instance UID.
        own = f"{DICOM_PREFIX[pkg]}:{path.stem}"
        key = seen_uid.setdefault(uid, own) if uid else own
        group = DICOM_GROUPS.get(path.stem, key)
        everything = np.stack([a for _, a in frames])
        lo, hi = everything.min(), everything.max()  # one mapping for all frames of a file
        for label, arr in frames:
            a16 = to_uint16(arr, lo, hi) if arr.ndim == 2 else (arr.astype(np.uint8), 8, "none")
            yield Candidate(pkg, inst, "medical", key + (":" + label if label else ""), group, frame=label,
                            source=path, load=lambda a=a16: (a[0], None, a[1], a[2]))


# --- ITK (2-D images only) -------------------------------------------------------------------------------

def read_metaimage(path):
    """A 2-D MetaImage (.mha with data inline, .mhd + raw). No MetaImage reader is packaged for Python
    here (SimpleITK is not in Debian's python3 set), and the format is a text header and raw samples."""
    raw = path.read_bytes()
    end = raw.index(b"ElementDataFile")
    end = raw.index(b"\n", end) + 1
    head = dict(line.split(" = ", 1) for line in raw[:end].decode().splitlines() if " = " in line)
    dims = [int(v) for v in head["DimSize"].split()]
    if len(dims) != 2 or int(head.get("ElementNumberOfChannels", 1)) != 1:
        return None
    dtype = {"MET_UCHAR": np.uint8, "MET_SHORT": np.int16, "MET_USHORT": np.uint16, "MET_FLOAT": np.float32}[head["ElementType"]]
    dtype = np.dtype(dtype).newbyteorder(">" if head.get("BinaryDataByteOrderMSB", "False") == "True" else "<")
    name = head["ElementDataFile"].strip()
    data = raw[end:] if name == "LOCAL" else (path.parent / name).read_bytes()
    if name.endswith("zraw") or head.get("CompressedData") == "True":
        import zlib
        data = zlib.decompress(data)
    return np.frombuffer(data, dtype=dtype, count=dims[0] * dims[1]).reshape(dims[1], dims[0])


def itk_keys(stem):
    """(picture, group): BrainWeb slices (any contrast, shift, rotation, border) are one picture each per
    contrast and all Colin27; Visible Woman slices one body; the rat lung slices one lung."""
    m = re.match(r"(BrainProtonDensity|BrainT1|BrainMidSagittal|itkBrainSliceComplex)", stem)
    if m:
        return "itk:" + m.group(1), COLIN27
    for body in ("VisibleWoman", "RatLung"):
        if stem.startswith(body):
            return "itk:" + stem, "itk:" + body
    return "itk:" + stem, "itk:" + stem


def itk_candidates(pkg, files):
    for path, inst in files:
        if SKIP_SYNTHETIC.search(path.name) or path.suffix.lower() not in (".png", ".mha", ".mhd"):
            continue
        pic, group = itk_keys(path.stem)
        if path.suffix.lower() == ".png":
            load = lambda path=path: load_pil(path, max_side=None)  # noqa: E731 (ITK's PNGs are 8-bit)
        else:
            def load(path=path):
                arr = read_metaimage(path)
                return loaded(arr if arr is not None else np.zeros((1, 1), np.uint8))
        yield Candidate(pkg, inst, "medical", pic, group, source=path, load=load)


# --- volumes --------------------------------------------------------------------------------------------

def pick_slices(vol, zooms, cap=MAX_SLICES, spacing=SLICE_SPACING_MM):
    """[(label, 2-D slice)] from a 3-D volume in RAS order: along every axis whose in-plane voxels are
    near square and span >= 48 px, slices >= `spacing` mm apart inside the anatomy, at most `cap` in all, shown
    radiologically upright (anterior/superior at the top)."""
    thr = np.percentile(vol, 99) * 0.05
    plans = []
    for axis, name in enumerate(("sagittal", "coronal", "axial")):
        inplane = [zooms[a] for a in range(3) if a != axis]
        if max(inplane) / min(inplane) > 1.5 or min(n for a, n in enumerate(vol.shape) if a != axis) < 48:
            continue
        fg = [i for i in range(vol.shape[axis]) if (np.take(vol, i, axis) > thr).mean() >= FOREGROUND]
        if not fg:
            continue
        step = max(1, int(round(spacing / zooms[axis])))
        plans.append((axis, name, list(range(fg[0], fg[-1] + 1, step))))
    per_axis = max(1, cap // max(1, len(plans)))
    out = []
    for axis, name, idx in plans:
        if len(idx) > per_axis:
            idx = [idx[int(round(k))] for k in np.linspace(0, len(idx) - 1, per_axis)]
        for i in idx:
            out.append((f"{name}={i}", np.take(vol, i, axis).T[::-1]))
    return out


def volume_candidates(pkg, inst, path, vol, zooms, group, cap, spacing, stem):
    vol = np.asarray(vol)
    u16, bits, transform = to_uint16(vol)  # one mapping for the whole volume: slices stay comparable
    for label, sl in pick_slices(u16, zooms, cap, spacing):
        yield Candidate(pkg, inst, "medical", f"{VOLUME_PREFIX[pkg]}:{stem}:{label}", group, sliced=True,
                        frame=label, source=path,
                        load=lambda sl=np.ascontiguousarray(sl): (sl, None, bits, transform))


def nifti_candidates(pkg, files):
    import nibabel as nib
    for path, inst in files:
        stem = path.name.split(".nii")[0]
        if stem not in NIFTI:
            continue
        img = nib.as_closest_canonical(nib.load(str(path)))
        vol = np.asanyarray(img.dataobj)
        if vol.ndim == 4:
            vol = vol[..., 0]  # diffusion series: the b=0 volume
        yield from volume_candidates(pkg, inst, path, vol, img.header.get_zooms()[:3], *NIFTI[stem], stem=stem)


def dipy_candidates(pkg, files):
    files = list(files)
    yield from nifti_candidates(pkg, [f for f in files if ".nii" in f[0].name])
    for path, inst in files:
        if path.name == "t1_coronal_slice.npy":
            arr = np.load(path)
            yield Candidate(pkg, inst, "medical", "dipy:t1_coronal_slice", "dipy:t1_coronal_slice", source=path,
                            load=lambda arr=arr: loaded(arr))


# --- ctsim ----------------------------------------------------------------------------------------------

def ctsim_candidates(pkg, root, cache):
    """ctsim's phantoms projected (phm2pj) and reconstructed by filtered back-projection (pjrec) at
    several scan settings, exported raw (ifexport; its png16 writer swaps bytes) and mapped to uint16 over
    one fixed attenuation window."""
    bindir = root / pkg / "usr/bin"
    work = cache / "ctsim"
    work.mkdir(exist_ok=True)
    for phantom in CTSIM_PHANTOMS:
        for ndet, nview, filt, geometry in CTSIM_SCANS:
            label = f"{phantom} ndet={ndet} nview={nview} filter={filt} geometry={geometry}"
            out = work / (re.sub(r"\W+", "_", label) + ".f32")
            if not out.exists():
                pj, im = out.with_suffix(".pj"), out.with_suffix(".if")
                run = lambda *a: subprocess.run([str(bindir / a[0]), *map(str, a[1:])], check=True,  # noqa: E731
                                                capture_output=True)
                run("phm2pj", pj, ndet, nview, "--phantom", phantom, "--geometry", geometry)
                run("pjrec", pj, im, CTSIM_SIZE, CTSIM_SIZE, "--filter", filt)
                run("ifexport", im, out.with_suffix(".tmp"), "--format", "raw")
                out.with_suffix(".tmp").rename(out)
                pj.unlink()
                im.unlink()

            def load(out=out):
                arr = np.fromfile(out, dtype=np.float32).reshape(CTSIM_SIZE, CTSIM_SIZE)
                pixels, bits, transform = to_uint16(np.clip(arr, *CTSIM_WINDOW), *CTSIM_WINDOW)
                return pixels, None, bits, f"clip to [{CTSIM_WINDOW[0]}, {CTSIM_WINDOW[1]}], " + transform
            yield Candidate(pkg, "/usr/bin/ctsimtext", "medical", f"ctsim:{phantom}:{ndet}x{nview}:{filt}:{geometry}",
                            f"ctsim:{phantom}", frame=label, source=bindir / "ctsimtext", load=load)


def candidates(root, pkg, cache):
    base = root / pkg
    files = [(p, "/" + str(p.relative_to(base))) for p in sorted(base.rglob("*")) if p.is_file() and not p.is_symlink()]
    if pkg in ("python3-pydicom", "octave-dicom"):
        yield from dicom_candidates(pkg, [(p, i) for p, i in files if p.suffix == ".dcm" and "dicomdirtests" not in i])
    elif pkg == "insighttoolkit5-examples":
        yield from itk_candidates(pkg, [(p, i) for p, i in files if "/examples/Data/" in i])
    elif pkg == "mricron-data":
        yield from nifti_candidates(pkg, [(p, i) for p, i in files if p.name.endswith(".nii.gz")])
    elif pkg == "python3-dipy":
        yield from dipy_candidates(pkg, [(p, i) for p, i in files if "/dipy/data/files/" in i])
    elif pkg == "ctsim":
        yield from ctsim_candidates(pkg, root, cache)
