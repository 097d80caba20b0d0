"""A case whose image cannot be read is told an OCT scan by what its listing knows: a volume of B-scans, or a name
that says OCT; nothing else makes it one (the file is not opened)."""
from __future__ import annotations

from annotations.modality import listed_looks_like_oct


def test_a_volume_or_a_name_saying_oct_is_a_scan_and_nothing_else_is() -> None:
    assert listed_looks_like_oct("clinic/vol.dcm", frames=49)
    assert listed_looks_like_oct("OCT/scan.dcm", frames=1)
    assert listed_looks_like_oct("macula_oct.jpg", frames=1)
    assert listed_looks_like_oct("OCT/vol.dcm#frame=3", frames=1)  # a B-scan's address: its volume's file decides
    assert not listed_looks_like_oct("doctor/eye.jpg", frames=1)
    assert not listed_looks_like_oct("clinic/eye.dcm", frames=1)
