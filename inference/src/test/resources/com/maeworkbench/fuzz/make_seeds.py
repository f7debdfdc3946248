#!/usr/bin/python3
"""Writes the fuzz targets' seed inputs (the *FuzzTestInputs/<method>/seed-* files next to this script).

Small crops of the bundled samples (assets/samples) in every variant each decoder reads, pydicom's small
test files (PYDICOM below, see CORPUS-LICENSES.md), DICOM files made here with pydicom and gdcmconv, and the
ONNX test fixtures. Seeds are small on purpose: libFuzzer mutates small inputs much faster.
Needs Debian's python3-pil, python3-numpy, python3-pydicom, imagemagick and libgdcm-tools.

    /usr/bin/python3 inference/src/test/resources/com/maeworkbench/fuzz/make_seeds.py
"""
import glob
import io
import os
import shutil
import struct
import subprocess
import tempfile
import zlib

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate, encapsulate_extended
from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian, ExplicitVRBigEndian, generate_uid
from PIL import Image, PngImagePlugin

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, *[".."] * 7))
SAMPLES = os.path.join(ROOT, "assets", "samples")
RESOURCES = os.path.join(ROOT, "inference", "src", "test", "resources")
PYDICOM_FILES = "/usr/lib/python3/dist-packages/pydicom/data/test_files"
PYDICOM = ["MR_small.dcm", "MR_small_bigendian.dcm", "MR_small_implicit.dcm", "MR_small_RLE.dcm",
           "MR_small_jp2klossless.dcm", "JPEG2000.dcm", "JPEG2000-embedded-sequence-delimiter.dcm", "693_J2KI.dcm",
           "JPGExtended.dcm", "SC_rgb_small_odd.dcm", "SC_rgb_small_odd_jpeg.dcm", "SC_rgb_rle.dcm",
           "SC_rgb_rle_16bit.dcm", "SC_rgb_rle_32bit.dcm", "SC_rgb_rle_2frame.dcm", "SC_rgb_rle_16bit_2frame.dcm",
           "SC_rgb_jpeg_dcmtk.dcm", "SC_rgb_dcmtk_+eb+cy+n2.dcm", "SC_rgb_dcmtk_+eb+cr.dcm",
           "SC_jpeg_no_color_transform_2.dcm", "rtdose_1frame.dcm", "rtdose_rle_1frame.dcm",
           "rtdose_expb_1frame.dcm", "rtdose.dcm", "image_dfl.dcm", "ExplVR_BigEndNoMeta.dcm",
           "ExplVR_LitEndNoMeta.dcm", "UN_sequence.dcm", "nested_priv_SQ.dcm", "priv_SQ.dcm",
           "no_meta_group_length.dcm", "meta_missing_tsyntax.dcm", "SC_ybr_full_422_uncompressed.dcm"]


def target(cls, method):
    d = os.path.join(HERE, cls + "Inputs", method)
    os.makedirs(d, exist_ok=True)
    for old in glob.glob(os.path.join(d, "seed-*")):
        os.remove(old)
    return d


def crop(name, x, y, size=24, mode=None):
    im = Image.open(os.path.join(SAMPLES, name)).crop((x, y, x + size, y + size))
    return im.convert(mode) if mode else im


def magick(source, out, *options):
    """ImageMagick: for the variants PIL does not write (bit depths, compressions, tiles, floats)."""
    subprocess.run(["convert", source, *options, out], check=True)


def save(im, path, **kw):
    im.save(path, **kw)


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_by_hand(width, height, rows, colour_type, depth, extra=b"", idats=1):
    """Rows already filtered; several IDAT chunks and each filter type, which PIL never writes."""
    data = zlib.compress(rows)
    step = -(-len(data) // idats)
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, colour_type, 0, 0, 0)) + extra
    for i in range(0, len(data), step):
        out += chunk(b"IDAT", data[i:i + step])
    return out + chunk(b"IEND", b"")


def pngs():
    d = target("PngFuzzTest", "png")
    gray, rgb = crop("camera.png", 180, 150, mode="L"), crop("astronaut.png", 244, 244, mode="RGB")
    g, c = os.path.join(d, "seed-gray8.png"), os.path.join(d, "seed-rgb8.png")
    save(gray, g)
    save(rgb, c)
    for depth in (1, 2, 4):
        levels = np.asarray(gray, dtype=np.uint16) >> (8 - depth)
        rows = b"".join(b"\0" + np.packbits(np.unpackbits(row.astype(np.uint8)[:, None], axis=1)[:, 8 - depth:]).tobytes()
                        for row in levels)
        open(os.path.join(d, f"seed-gray{depth}.png"), "wb").write(png_by_hand(24, 24, rows, 0, depth))
    magick(g, os.path.join(d, "seed-gray16.png"), "-depth", "16")
    magick(c, os.path.join(d, "seed-rgb16.png"), "-depth", "16")
    magick(c, os.path.join(d, "seed-interlaced.png"), "-interlace", "PNG")
    save(rgb.convert("RGBA"), os.path.join(d, "seed-rgba8.png"))
    save(gray.convert("LA"), os.path.join(d, "seed-gray-alpha8.png"))
    save(rgb.quantize(16), os.path.join(d, "seed-palette4.png"), bits=4)
    save(rgb.quantize(200), os.path.join(d, "seed-palette8-trns.png"), transparency=3)
    save(crop("brain-proton-density.png", 78, 96), os.path.join(d, "seed-brain-palette.png"))
    info = PngImagePlugin.PngInfo()
    info.add_text("Software", "mae fuzz seed")
    info.add_text("Comment", "compressed text", zip=True)
    info.add_itxt("Title", "international", lang="en")
    save(gray, os.path.join(d, "seed-text-chunks.png"), pnginfo=info)
    # each filter type in turn, gray 16-bit with tRNS and a gAMA chunk, in three IDAT chunks
    px = np.asarray(gray, dtype=np.uint16) * 257
    raw = b"".join(bytes([y % 5]) + px[y].astype(">u2").tobytes() for y in range(px.shape[0]))
    extra = chunk(b"gAMA", struct.pack(">I", 45455)) + chunk(b"tRNS", struct.pack(">H", 0))
    open(os.path.join(d, "seed-filters-16bit-trns.png"), "wb").write(png_by_hand(24, 24, raw, 0, 16, extra, idats=3))
    return g, c


def jpegs(gray_png, rgb_png):
    d = target("JpegFuzzTest", "jpeg")
    gray, rgb = Image.open(gray_png), Image.open(rgb_png)
    save(gray, os.path.join(d, "seed-gray.jpg"), quality=80)
    for sub, name in ((0, "444"), (1, "422"), (2, "420")):
        save(rgb, os.path.join(d, f"seed-rgb-{name}.jpg"), quality=75, subsampling=sub)
    save(rgb, os.path.join(d, "seed-progressive.jpg"), progressive=True, quality=70)
    save(rgb, os.path.join(d, "seed-optimized.jpg"), optimize=True, quality=60)
    save(rgb.convert("CMYK"), os.path.join(d, "seed-cmyk-adobe.jpg"), quality=70)
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation
    save(rgb, os.path.join(d, "seed-exif.jpg"), exif=exif.tobytes(), quality=70)
    magick(rgb_png, os.path.join(d, "seed-restart.jpg"), "-define", "jpeg:restart-interval=1", "-quality", "70")
    save(crop("dune.jpg", 384, 234, 32), os.path.join(d, "seed-dune.jpg"), quality=85)
    return d


def tiffs(gray_png, rgb_png):
    d = target("TiffFuzzTest", "tiff")
    variants = {
        "gray8.tif": ["-compress", "none"], "gray8-lzw.tif": ["-compress", "lzw"], "gray8-deflate.tif": ["-compress", "zip"],
        "gray8-packbits.tif": ["-compress", "rle"], "gray16-bigendian.tif": ["-compress", "none", "-depth", "16", "-endian", "MSB"],
        # predictor 1: ImageMagick compresses floats with the floating-point predictor (3) by default, which the
        # JDK's TIFF reader, the one that keeps float values, refuses; one such file is kept as a seed
        "float32.tif": ["-compress", "zip", "-define", "tiff:predictor=1", "-depth", "32", "-define", "quantum:format=floating-point"],
        "float64.tif": ["-compress", "lzw", "-define", "tiff:predictor=1", "-depth", "64", "-define", "quantum:format=floating-point"],
        "float16.tif": ["-compress", "zip", "-define", "tiff:predictor=1", "-depth", "16", "-define", "quantum:format=floating-point"],
        "float32-predictor3.tif": ["-compress", "zip", "-depth", "32", "-define", "quantum:format=floating-point"],
        "int32.tif": ["-depth", "32"], "tiled.tif": ["-define", "tiff:tile-geometry=16x16"],
        "strips.tif": ["-define", "tiff:rows-per-strip=5"], "bilevel-g4.tif": ["-monochrome", "-compress", "Group4"],
        "bilevel-g3.tif": ["-monochrome", "-compress", "Fax"],
    }
    for name, options in variants.items():
        magick(gray_png, os.path.join(d, "seed-" + name), *options)
    rgb_variants = {
        "rgb8-lzw-predictor.tif": ["-compress", "lzw", "-define", "tiff:predictor=2"],
        "rgb16.tif": ["-depth", "16"], "rgb-planar.tif": ["-interlace", "plane"],
        "rgb-float32.tif": ["-compress", "zip", "-define", "tiff:predictor=1", "-depth", "32", "-define", "quantum:format=floating-point"],
        "rgba.tif": ["-alpha", "set"], "palette.tif": ["-type", "palette"], "cmyk.tif": ["-colorspace", "CMYK"],
        "jpeg.tif": ["-compress", "jpeg", "-quality", "70"],
    }
    for name, options in rgb_variants.items():
        magick(rgb_png, os.path.join(d, "seed-" + name), *options)
    magick(rgb_png, "TIFF64:" + os.path.join(d, "seed-bigtiff.tif"))
    subprocess.run(["convert", gray_png, rgb_png, os.path.join(d, "seed-two-pages.tif")], check=True)
    save(Image.open(gray_png).convert("I;16"), os.path.join(d, "seed-pil-16bit.tif"))


def bmps(gray_png, rgb_png):
    d = target("BmpFuzzTest", "bmp")
    rgb = Image.open(rgb_png)
    save(rgb, os.path.join(d, "seed-rgb24.bmp"))
    save(rgb.quantize(200), os.path.join(d, "seed-palette8.bmp"))
    save(Image.open(gray_png).convert("1"), os.path.join(d, "seed-bilevel.bmp"))
    magick(rgb_png, "BMP3:" + os.path.join(d, "seed-rle8.bmp"), "-type", "palette", "-colors", "64", "-compress", "RLE")
    magick(rgb_png, "BMP2:" + os.path.join(d, "seed-os2.bmp"), "-type", "palette", "-colors", "16")
    magick(rgb_png, "BMP:" + os.path.join(d, "seed-rgba32.bmp"), "-alpha", "set")
    magick(rgb_png, "BMP:" + os.path.join(d, "seed-rgb565.bmp"), "-define", "bmp:subtype=RGB565")
    magick(rgb_png, "BMP3:" + os.path.join(d, "seed-palette4.bmp"), "-type", "palette", "-colors", "16")


def pnms(gray_png, rgb_png):
    d = target("PnmFuzzTest", "pnm")
    magick(gray_png, "PBM:" + os.path.join(d, "seed-p4.pbm"), "-monochrome")
    magick(gray_png, "PBM:" + os.path.join(d, "seed-p1.pbm"), "-monochrome", "-compress", "none")
    magick(gray_png, "PGM:" + os.path.join(d, "seed-p5.pgm"))
    magick(gray_png, "PGM:" + os.path.join(d, "seed-p2.pgm"), "-compress", "none")
    magick(gray_png, "PGM:" + os.path.join(d, "seed-p5-16bit.pgm"), "-depth", "16")
    magick(rgb_png, "PPM:" + os.path.join(d, "seed-p6.ppm"))
    magick(rgb_png, "PPM:" + os.path.join(d, "seed-p3.ppm"), "-compress", "none")
    magick(rgb_png, "PPM:" + os.path.join(d, "seed-p6-16bit.ppm"), "-depth", "16")
    magick(rgb_png, "PAM:" + os.path.join(d, "seed-p7-rgba.pam"), "-alpha", "set")
    magick(gray_png, "PAM:" + os.path.join(d, "seed-p7-gray.pam"))
    open(os.path.join(d, "seed-comments.pgm"), "wb").write(b"P5\n# a comment\n4 # width\n2\n# max\n255\n" + bytes(range(0, 256, 32)))


def dataset(rows, columns, pixels, syntax=ExplicitVRLittleEndian, **attributes):
    """A minimal Secondary Capture image around pixel data; attributes override the image pixel module."""
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.7"
    meta.MediaStorageSOPInstanceUID = generate_uid(entropy_srcs=[str(rows), str(columns), str(sorted(attributes))])
    meta.TransferSyntaxUID = syntax
    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID = meta.MediaStorageSOPClassUID
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.Modality = "OT"
    ds.Rows, ds.Columns = rows, columns
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 8, 8, 7, 0
    for key, value in attributes.items():
        setattr(ds, key, value)
    if pixels is not None:
        ds.PixelData = pixels
    ds.is_little_endian = syntax != ExplicitVRBigEndian
    ds.is_implicit_VR = syntax == ImplicitVRLittleEndian
    return ds


def write_dicom(ds, path):
    ds.save_as(path, write_like_original=False)


def gdcm(source, out, *options):
    subprocess.run(["gdcmconv", *options, source, out], check=True)


def dicoms():
    d = target("DicomFuzzTest", "dicom")
    for name in PYDICOM:
        shutil.copy(os.path.join(PYDICOM_FILES, name), os.path.join(d, "seed-pydicom-" + name))
    rng = np.random.default_rng(10)
    g12 = (rng.integers(0, 4096, (16, 16))).astype("<u2")
    rgb = rng.integers(0, 256, (3, 8, 8, 3), dtype=np.uint8)  # three frames
    made = {
        "bits1.dcm": dataset(16, 16, np.packbits(rng.integers(0, 2, 256, dtype=np.uint8), bitorder="little").tobytes(),
                             BitsAllocated=1, BitsStored=1, HighBit=0),
        "mono1-12bit-signed.dcm": dataset(16, 16, (g12.astype(np.int32) - 2048).astype("<i2").tobytes(),
                                          PhotometricInterpretation="MONOCHROME1", BitsAllocated=16, BitsStored=12,
                                          HighBit=11, PixelRepresentation=1, RescaleSlope="2", RescaleIntercept="-10",
                                          WindowCenter="0", WindowWidth="400"),
        "uint32.dcm": dataset(8, 8, rng.integers(0, 2**32, 64, dtype=np.uint64).astype("<u4").tobytes(),
                              BitsAllocated=32, BitsStored=32, HighBit=31),
        "rgb-3frames-planar.dcm": dataset(8, 8, rgb.transpose(0, 3, 1, 2).tobytes(), SamplesPerPixel=3,
                                          PhotometricInterpretation="RGB", PlanarConfiguration=1, NumberOfFrames=3),
        "ybr-full.dcm": dataset(8, 8, rgb[0].tobytes(), SamplesPerPixel=3, PhotometricInterpretation="YBR_FULL",
                                PlanarConfiguration=0),
        "palette.dcm": dataset(8, 8, rng.integers(0, 16, 64, dtype=np.uint8).tobytes(),
                               PhotometricInterpretation="PALETTE COLOR",
                               RedPaletteColorLookupTableDescriptor=[16, 0, 16],
                               GreenPaletteColorLookupTableDescriptor=[16, 0, 16],
                               BluePaletteColorLookupTableDescriptor=[16, 0, 16],
                               RedPaletteColorLookupTableData=np.arange(16, dtype="<u2").tobytes() * 1,
                               GreenPaletteColorLookupTableData=(np.arange(16, dtype="<u2") * 4000).astype("<u2").tobytes(),
                               BluePaletteColorLookupTableData=(65535 - np.arange(16, dtype="<u2") * 4000).astype("<u2").tobytes()),
        "frames-not-a-number.dcm": dataset(4, 4, bytes(range(48)), NumberOfFrames="9"),
    }
    for name, ds in made.items():
        write_dicom(ds, os.path.join(d, "seed-" + name))
    # NumberOfFrames "x ": pydicom refuses to write it, so the "9 " written above is replaced
    path = os.path.join(d, "seed-frames-not-a-number.dcm")
    data = open(path, "rb").read()
    open(path, "wb").write(data.replace(b"\x28\x00\x08\x00IS\x02\x009 ", b"\x28\x00\x08\x00IS\x02\x00x "))
    floats = dataset(8, 8, None, BitsAllocated=32, BitsStored=None, HighBit=None, PixelRepresentation=None)
    del floats.BitsStored, floats.HighBit, floats.PixelRepresentation
    floats.FloatPixelData = rng.normal(0, 100, 64).astype("<f4").tobytes()
    write_dicom(floats, os.path.join(d, "seed-float32.dcm"))
    doubles = dataset(8, 8, None, BitsAllocated=64)
    del doubles.BitsStored, doubles.HighBit, doubles.PixelRepresentation
    doubles.DoubleFloatPixelData = rng.normal(0, 1, 64).astype("<f8").tobytes()
    write_dicom(doubles, os.path.join(d, "seed-float64.dcm"))
    # encapsulated frames: no offset table and two fragments per frame; an extended offset table
    frames = [bytes(f) for f in rgb.reshape(3, -1)]
    rle = []
    with tempfile.TemporaryDirectory() as tmp:
        raw12 = os.path.join(tmp, "g12.dcm")
        write_dicom(dataset(16, 16, g12.tobytes(), BitsAllocated=16, BitsStored=12, HighBit=11), raw12)
        rgbraw = os.path.join(tmp, "rgb.dcm")
        write_dicom(dataset(8, 8, rgb.tobytes(), SamplesPerPixel=3, PhotometricInterpretation="RGB",
                            PlanarConfiguration=0, NumberOfFrames=3), rgbraw)
        for source, tag in ((raw12, "12bit"), (rgbraw, "rgb-3frames")):
            gdcm(source, os.path.join(d, f"seed-jpeg-lossless-{tag}.dcm"), "--jpeg")
            gdcm(source, os.path.join(d, f"seed-rle-{tag}.dcm"), "--rle")
            gdcm(source, os.path.join(d, f"seed-deflated-{tag}.dcm"), "--deflated")
        gdcm(raw12, os.path.join(d, "seed-j2k-12bit.dcm"), "--j2k")  # gdcmconv 3.0 crashes on --j2k of the RGB file
        gdcm(rgbraw, os.path.join(d, "seed-jpeg-baseline-rgb-3frames.dcm"), "--jpeg", "--lossy", "-q", "80")
        gdcm(os.path.join(d, "seed-jpeg-lossless-12bit.dcm"), os.path.join(d, "seed-jpeg-lossless-split.dcm"), "--split", "256")
        for f in pydicom.encaps.generate_pixel_data_frame(pydicom.dcmread(os.path.join(d, "seed-rle-rgb-3frames.dcm")).PixelData, 3):
            rle.append(f)
    nobot = dataset(8, 8, encapsulate(rle, fragments_per_frame=2, has_bot=False), SamplesPerPixel=3,
                    PhotometricInterpretation="RGB", PlanarConfiguration=0, NumberOfFrames=3)
    nobot.file_meta.TransferSyntaxUID = "1.2.840.10008.1.2.5"
    write_dicom(nobot, os.path.join(d, "seed-rle-no-offset-table-split.dcm"))
    ext = dataset(8, 8, None, SamplesPerPixel=3, PhotometricInterpretation="RGB", PlanarConfiguration=0, NumberOfFrames=3)
    ext.PixelData, ext.ExtendedOffsetTable, ext.ExtendedOffsetTableLengths = encapsulate_extended(rle)
    ext.file_meta.TransferSyntaxUID = "1.2.840.10008.1.2.5"
    write_dicom(ext, os.path.join(d, "seed-rle-extended-offsets.dcm"))
    return d


def fragments(path):
    ds = pydicom.dcmread(path)
    n = int(getattr(ds, "NumberOfFrames", 1) or 1)
    return ds, list(pydicom.encaps.generate_pixel_data_frame(ds.PixelData, n))


def codec_seeds(dicom_dir):
    """Frames cut out of the encapsulated seeds, for the targets that wrap a fuzzed frame in a DICOM file."""
    jpeg, rle, j2k = target("DicomJpegFuzzTest", "jpegFrame"), target("DicomRleFuzzTest", "rleFrame"), target("DicomJpeg2000FuzzTest", "jpeg2000Frame")
    for path in sorted(glob.glob(os.path.join(dicom_dir, "seed-*.dcm"))):
        try:
            ds, frames = fragments(path)
        except Exception:
            continue  # native, deflated or not decodable by pydicom
        syntax = ds.file_meta.TransferSyntaxUID
        name = os.path.basename(path)[5:-4]
        if syntax.startswith("1.2.840.10008.1.2.4.5") or syntax.startswith("1.2.840.10008.1.2.4.7"):
            open(os.path.join(jpeg, f"seed-{name}.jpg"), "wb").write(frames[0])
        elif syntax.startswith("1.2.840.10008.1.2.4.9"):
            open(os.path.join(j2k, f"seed-{name}.j2k"), "wb").write(frames[0])
        elif syntax == "1.2.840.10008.1.2.5":
            # the RLE target reads rows, columns, samples and bits allocated from its first four bytes
            bits = {8: 0, 16: 1, 32: 2}[ds.BitsAllocated]
            head = bytes([ds.Rows % 256, ds.Columns % 256, 1 if ds.SamplesPerPixel == 3 else 0, bits])
            open(os.path.join(rle, f"seed-{name}.rle"), "wb").write(head + frames[0])


def masks(gray_png):
    d = target("MaskFuzzTest", "mask")
    mask = Image.open(gray_png).point(lambda v: 255 if v > 128 else 0)
    save(mask, os.path.join(d, "seed-mask.png"))
    save(mask.convert("1"), os.path.join(d, "seed-mask-1bit.png"))
    save(mask.convert("RGB"), os.path.join(d, "seed-mask-rgb.png"))
    save(mask.convert("P"), os.path.join(d, "seed-mask-palette.png"))
    save(mask, os.path.join(d, "seed-mask.bmp"))
    save(mask, os.path.join(d, "seed-mask.tif"), compression="tiff_lzw")
    magick(os.path.join(d, "seed-mask.png"), os.path.join(d, "seed-mask-16bit.png"), "-depth", "16")


def models():
    d = target("ModelFuzzTest", "model")
    for path in sorted(glob.glob(os.path.join(RESOURCES, "mae*", "**", "*.onnx"), recursive=True)):
        rel = os.path.relpath(path, RESOURCES).replace(os.sep, "-")
        shutil.copy(path, os.path.join(d, "seed-" + rel))


if __name__ == "__main__":
    gray_png, rgb_png = pngs()
    jpegs(gray_png, rgb_png)
    tiffs(gray_png, rgb_png)
    bmps(gray_png, rgb_png)
    pnms(gray_png, rgb_png)
    codec_seeds(dicoms())
    masks(gray_png)
    models()
