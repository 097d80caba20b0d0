"""OutputFolder renames a file an earlier run wrote, edited since, aside (NAME.edited-TIME) before writing it anew. When
that write then fails (a full disk) or is stopped (Ctrl-C, Cancel), the edited file went unsaid to a name the person
never looks for and its own name was left empty: it is put back under its name, as the run found it."""
from __future__ import annotations

import errno
from pathlib import Path

import pytest

from annotations import output_folder
from annotations.output_folder import OutputError, OutputFolder

EDITED = b"edited by hand"


def fail_writing(monkeypatch: pytest.MonkeyPatch, name: str, stop: BaseException) -> None:
    """Every output folder's write of a file called ``name`` raises ``stop`` (a full disk, Ctrl-C); others go on."""
    real_write = output_folder.atomic_write_bytes

    def write(path: Path, data: bytes, **kwargs: object) -> None:
        if Path(path).name == name:
            raise stop
        real_write(path, data, **kwargs)

    monkeypatch.setattr(output_folder, "atomic_write_bytes", write)


def written_then_edited(root: Path) -> None:
    out = OutputFolder(root, job="test")
    with out.claimed():
        out.write_text("result.json", "{}")
    (root / "result.json").write_bytes(EDITED)


@pytest.mark.parametrize("stop", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()])
def test_an_edited_file_is_put_back_when_its_new_version_is_not_written(tmp_path: Path, stop: BaseException,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    written_then_edited(tmp_path)
    fail_writing(monkeypatch, "result.json", stop)
    out = OutputFolder(tmp_path, overwrite=True, job="test")
    with pytest.raises((OutputError, KeyboardInterrupt)), out.claimed():
        out.write_text("result.json", '{"new": 1}')
    assert (tmp_path / "result.json").read_bytes() == EDITED
    assert not list(tmp_path.glob("*.edited-*")) and out.kept_aside == []
    monkeypatch.undo()  # the next run still knows the file as the program's, edited since: it keeps it aside
    again = OutputFolder(tmp_path, overwrite=True, job="test")
    with again.claimed():
        again.write_text("result.json", '{"new": 1}')
    ((kept,),) = [[path for path in tmp_path.glob("result.json.edited-*")]]
    assert kept.read_bytes() == EDITED and again.kept_aside == [(tmp_path / "result.json", kept)]
