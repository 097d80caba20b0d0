"""GDCM's decoding, in a child process of its own: on damaged JPEG Lossless, JPEG Extended and JPEG-LS data GDCM ends
the process it runs in (a C++ exception that nothing catches: "terminate called after throwing", SIGABRT; once a
SIGSEGV), which in the program's own process would close the window and its unsaved work. Of damaged copies (bit
flips, cuts) one in tens stopped it in JPEG Extended, one in hundreds in JPEG Lossless, one in 900 in JPEG-LS.

The program runs ``python -P`` on this file (annotations.dicom.gdcm_decoders) and keeps it for frame after frame:
each request on standard input is a frame's pixel description and codestream, each reply on standard output the
pixels as a .npy array or the decoder's error. The child imports nothing of the program (-P: not even its own
folder), only pydicom and NumPy; it is never given the file, only one frame of it at a time. It ends when its
standard input closes: when the program closes it, and when the program ends, however it ends.
"""
from __future__ import annotations

import io
import json
import os
import struct
import sys
from pathlib import Path
from typing import BinaryIO

import numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate
from pydicom.pixels import pixel_array

CHILD = Path(__file__)
REQUEST_HEAD = struct.Struct(">QQ")  # the JSON header's length, the codestream's; then the two
REPLY_HEAD = struct.Struct(">BQ")  # DECODED or FAILED, the length of what follows: the .npy array, or the error
DECODED, FAILED = 0, 1


def read_exactly(stream: BinaryIO, size: int) -> bytearray:
    """The next ``size`` bytes of ``stream``; fewer only where it ended (a pipe gives what has arrived so far)."""
    data = bytearray(size)
    view, done = memoryview(data), 0
    while done < size:
        got = stream.readinto(view[done:])
        if not got:
            return data[:done]
        done += got
    return data


def main() -> int:
    """The child: requests until standard input closes. A request that fails is answered with its error."""
    replies = open(os.dup(sys.stdout.fileno()), "wb")  # the pipe to the program
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # whatever else prints (GDCM's C++) goes to standard error
    requests = sys.stdin.buffer
    while len(head := read_exactly(requests, REQUEST_HEAD.size)) == REQUEST_HEAD.size:
        header_size, stream_size = REQUEST_HEAD.unpack(head)
        request = json.loads(read_exactly(requests, header_size))
        stream = read_exactly(requests, stream_size)
        if len(stream) < stream_size:
            break
        status, answer = _decoded(request, bytes(stream))
        replies.write(REPLY_HEAD.pack(status, len(answer)))
        replies.write(answer)
        replies.flush()
    return 0


def _decoded(request: dict, stream: bytes) -> tuple[int, bytes | memoryview]:
    """DECODED and the pixels of the frame ``stream`` as pydicom's pixel_array gives them, as .npy; else FAILED and
    the error."""
    frame = Dataset()
    for keyword, value in request["description"].items():
        setattr(frame, keyword, value)
    frame.PixelData = encapsulate([stream])
    frame["PixelData"].VR = "OB"
    frame.file_meta = FileMetaDataset()
    frame.file_meta.TransferSyntaxUID = request["syntax"]
    try:
        pixels = pixel_array(frame, decoding_plugin="gdcm")
    except Exception as exc:  # noqa: BLE001 - said to the reader, which names the file
        return FAILED, str(exc).encode("utf-8", "replace")
    out = io.BytesIO()  # NumPy writes an array's data to a file by its position, which a pipe has not
    np.save(out, pixels, allow_pickle=False)
    return DECODED, out.getbuffer()


if __name__ == "__main__":
    sys.exit(main())
