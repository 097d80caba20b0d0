"""GDCM's decoding, in a child process of its own: on damaged JPEG Lossless, JPEG Extended and JPEG-LS data GDCM ends
the process it runs in (a C++ exception that nothing catches: "terminate called after throwing", SIGABRT; once a
SIGSEGV), which in the program's own process would close the window and its unsaved work. Of damaged copies (bit
flips, cuts) one in tens stopped it in JPEG Extended, one in hundreds in JPEG Lossless, one in 900 in JPEG-LS.

decoded_apart starts ``python -I`` on this file for each frame (0.3 s on a development machine), sends it the
frame's pixel description and codestream, and reads the pixels back as a .npy array. The child imports nothing of
the program (-I: not even its own folder), only pydicom and NumPy; it is never given the file, only one frame of it.
"""
from __future__ import annotations

import io
import json
import signal
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from pydicom.dataset import Dataset

CHILD = Path(__file__)
DECODE_TIMEOUT_S = 120  # a 120-megapixel 16-bit frame decodes in seconds; a stuck decoder ends there
ERROR_CHARS = 500
# the Image Pixel module's elements that say how to read a frame; windowing and rescale stay with the reader
PIXEL_DESCRIPTION = {"SamplesPerPixel": int, "PhotometricInterpretation": str, "PlanarConfiguration": int,
                     "Rows": int, "Columns": int, "BitsAllocated": int, "BitsStored": int, "HighBit": int,
                     "PixelRepresentation": int}


class DecoderStopped(RuntimeError):
    """The child failed or died; the text says how, as its own error or its exit."""


def decoded_apart(dataset: Dataset, syntax: str, stream: bytes) -> np.ndarray:
    """The frame whose codestream is ``stream``, described by ``dataset``'s pixel description, decoded by GDCM
    through pydicom in a child process, as pydicom's pixel_array gives it."""
    description = {keyword: convert(dataset[keyword].value) for keyword, convert in PIXEL_DESCRIPTION.items()
                   if keyword in dataset}
    request = json.dumps({"syntax": syntax, "description": description}).encode() + b"\n" + stream
    try:
        done = subprocess.run([sys.executable, "-I", str(CHILD)], input=request, capture_output=True,
                              timeout=DECODE_TIMEOUT_S, check=False,
                              creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0))  # no console on Windows
    except subprocess.TimeoutExpired as exc:
        raise DecoderStopped(f"GDCM did not finish in {DECODE_TIMEOUT_S} s") from exc
    said = done.stderr.decode("utf-8", "replace").strip()[-ERROR_CHARS:]
    if done.returncode != 0:
        raise DecoderStopped(said if done.returncode == 1 else f"GDCM stopped ({_exit(done.returncode)}): {said}")
    return np.load(io.BytesIO(done.stdout), allow_pickle=False)


def _exit(returncode: int) -> str:
    if returncode < 0:
        try:
            return signal.Signals(-returncode).name
        except ValueError:
            return f"signal {-returncode}"
    return f"exit status {returncode}"


def main() -> int:
    """The child: a request on standard input, the pixels on standard output; an error on standard error, exit 1."""
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.encaps import encapsulate
    from pydicom.pixels import pixel_array

    request = json.loads(sys.stdin.buffer.readline())
    frame = Dataset()
    for keyword, value in request["description"].items():
        setattr(frame, keyword, value)
    frame.PixelData = encapsulate([sys.stdin.buffer.read()])
    frame["PixelData"].VR = "OB"
    frame.file_meta = FileMetaDataset()
    frame.file_meta.TransferSyntaxUID = request["syntax"]
    try:
        pixels = pixel_array(frame, decoding_plugin="gdcm")
    except Exception as exc:  # noqa: BLE001 - said to the reader, which names the file
        sys.stderr.write(str(exc))
        return 1
    out = io.BytesIO()  # NumPy writes an array's data to a file by its position, which a pipe has not
    np.save(out, pixels, allow_pickle=False)
    sys.stdout.buffer.write(out.getbuffer())
    return 0


if __name__ == "__main__":
    sys.exit(main())
