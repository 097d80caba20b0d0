"""An OCT volume from import to every B-scan analysed: opening the folder that holds it (the workspace indexes the
volume as one case), listing its B-scans as "Analyse all" and `analyze --workspace` do (annotations.bscan_scope),
and `retina-review analyze --workspace` over all of them with the installed models on one CPU thread.

The volume: a multi-frame Ophthalmic Tomography DICOM file stacked from the 512x496 Kermany B-scans in
../shared/data/oct-sample (repeated up to BENCH_OCT_BSCANS, default 49, a common macular cube); skipped without them.
Run: .venv/bin/python -m bench oct_volume   (about a minute on a busy 2-core machine)
"""
from __future__ import annotations

import contextlib
import io
import os
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

from bench.shared_data import shared_photos

BSCAN_SIZE = (512, 496)  # most of the sample's B-scans; the others are left out so that the frames stack


def _bscans(count: int) -> np.ndarray | None:
    photos = [path for path in shared_photos("oct-sample", "*/*.jpeg") if Image.open(path).size == BSCAN_SIZE]
    if not photos:
        return None
    return np.stack([np.asarray(Image.open(photos[index % len(photos)]).convert("L")) for index in range(count)])


def _write_volume(path: Path, frames: np.ndarray) -> None:
    """A minimal Ophthalmic Tomography multi-frame file, 8-bit monochrome, uncompressed."""
    from pydicom.dataset import FileDataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian, OphthalmicTomographyImageStorage, generate_uid

    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID, meta.MediaStorageSOPInstanceUID = OphthalmicTomographyImageStorage, generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds = FileDataset(str(path), {}, file_meta=meta, preamble=b"\0" * 128)
    ds.SOPClassUID, ds.SOPInstanceUID = OphthalmicTomographyImageStorage, meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID, ds.SeriesInstanceUID = generate_uid(), generate_uid()
    ds.Modality, ds.PatientID, ds.ImageLaterality = "OPT", "BENCH-1", "R"
    ds.NumberOfFrames, (ds.Rows, ds.Columns) = len(frames), frames.shape[1:]
    ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 8, 8, 7, 0
    ds.PixelData = frames.tobytes()
    ds.save_as(path, enforce_file_format=True)


def main() -> None:
    count = int(os.environ.get("BENCH_OCT_BSCANS", "49"))
    frames = _bscans(count)
    if frames is None:
        return
    import torch

    torch.set_num_threads(1)
    from annotations.bscan_scope import with_bscans
    from annotations.case_scopes import CaseFacts
    from annotations.workspace import Workspace
    from app.cli import main as cli

    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "scans"
        folder.mkdir()
        _write_volume(folder / "volume.dcm", frames)
        print(f"   volume: {count} B-scans of {BSCAN_SIZE[0]}x{BSCAN_SIZE[1]} from the oct-sample photos, "
              f"{(folder / 'volume.dcm').stat().st_size / 1e6:.1f} MB")
        started = time.perf_counter()
        with Workspace.open(folder) as workspace:
            opened = time.perf_counter() - started
            case = workspace.cases()[0]
            started = time.perf_counter()
            bscans = with_bscans(workspace, [CaseFacts(case.case_id, case.image_path, case.review_state, None,
                                                       False, None)])
            listed = time.perf_counter() - started
        print(f"   import: folder opened (volume indexed as one case) in {opened:.2f} s; "
              f"its {len(bscans)} B-scans listed in {listed * 1000:.0f} ms")
        started = time.perf_counter()
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(io.StringIO()):
            code = cli(["analyze", str(folder / "volume.dcm"), "--workspace", str(folder), "--device", "cpu"])
        analysed = time.perf_counter() - started
        summary = printed.getvalue().strip().replace(f" in {folder}", "")
        print(f"   analyze --workspace: {summary} (exit {code}) in {analysed:.1f} s, "
              f"{analysed / count * 1000:.0f} ms per B-scan (models loaded once, included)")
