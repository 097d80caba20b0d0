"""A write the system refuses (full disk, read-only disk) says why in words a person can act on
(annotations.os_reasons), never the system's raw English: a case's save, its autosave snapshot, the command line's
report and the log file. The interface shows the same reasons translated (tests/gui/test_write_reasons_gui.py)."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

import annotations.output_folder
from annotations import messages as msg
from annotations.classes import LesionClass
from annotations.os_reasons import os_reason
from annotations.regular_files import unreadable
from annotations.workspace import Workspace, WorkspaceError
from annotations.workspace.sidecar import CaseFiles
from app.cli import main
from app.logging_setup import configure_logging
from tests import hostile_corpus as corpus
from tests.unit.test_hostile_storage import clean_logging  # noqa: F401 - a fixture
from tests.unit.test_report_cli import _image

REFUSALS = [(errno.ENOSPC, msg.DISK_FULL), (errno.EROFS, msg.READ_ONLY_DISK)]
# what a disk or network share going wrong says, besides the refusals: each worded (and so translated) as well
WORDED = [errno.EIO, errno.ETIMEDOUT, errno.ENOENT, errno.ENOTCONN, errno.EHOSTDOWN, errno.ESTALE, errno.EACCES,
          errno.EPERM, errno.EROFS, errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)]


def refuse(code: int):  # noqa: ANN201 - a stand-in for any writer
    def refused(*_args: object, **_kwargs: object) -> None:
        raise OSError(code, os.strerror(code))
    return refused


def failed_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int) -> tuple[str, str]:
    """The image path of a case whose save the system refused with `code`, and the save's message."""
    with Workspace.open(corpus.clinic_folder(tmp_path)) as ws:
        doc = ws.load_case(ws.cases()[0].case_id)
        doc.mask[2:5, 2:5] = LesionClass.MA.bit
        monkeypatch.setattr(CaseFiles, "save", refuse(code))
        with pytest.raises(WorkspaceError) as raised:
            ws.save_case(doc)
    return doc.image_path, str(raised.value)


@pytest.mark.parametrize("code, reason", REFUSALS)
def test_a_failed_save_names_the_case_and_the_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int,
                                                     reason: str) -> None:
    image_path, message = failed_save(tmp_path, monkeypatch, code)
    assert f"saving '{image_path}' failed ({reason})" in message
    assert os.strerror(code) not in message


@pytest.mark.parametrize("code, reason", REFUSALS)
def test_a_failed_autosave_names_the_snapshot_and_the_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             code: int, reason: str) -> None:
    with Workspace.open(corpus.clinic_folder(tmp_path)) as ws:
        doc = ws.load_case(ws.cases()[0].case_id)
        doc.mask[2:5, 2:5] = LesionClass.MA.bit
        monkeypatch.setattr(ws._snapshots, "write", refuse(code))
        with pytest.raises(WorkspaceError) as raised:
            ws.autosave(doc)
        snapshot = ws._snapshots.path(doc.case_id)
    assert str(raised.value) == (f"{snapshot}: autosave of '{doc.image_path}' failed ({reason}); save the case to "
                                 "keep its changes")


@pytest.mark.parametrize("code, reason", REFUSALS)
def test_the_report_command_names_the_file_and_the_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str], code: int,
                                                          reason: str) -> None:
    out = tmp_path / "report.pdf"
    monkeypatch.setattr(annotations.output_folder, "atomic_write_bytes", refuse(code))
    assert main(["report", str(_image(tmp_path / "r.png")), "--out", str(out), "--no-analysis"]) == 2
    assert f"error: cannot write {out} ({reason}); choose another file" in capsys.readouterr().err
    assert not out.exists()


def test_an_unwritable_log_folder_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clean_logging: None,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(Path, "mkdir", refuse(errno.EROFS))
    assert configure_logging(log_dir=tmp_path / "logs", console=False) is None
    assert f"cannot write the log file in {tmp_path / 'logs'} ({msg.READ_ONLY_DISK})" in capsys.readouterr().err


@pytest.mark.parametrize("code", WORDED, ids=[errno.errorcode[code] for code in WORDED])
def test_the_common_causes_are_worded_here_not_in_the_systems_words(code: int) -> None:
    """One place words them (annotations.os_reasons), for a write and a read alike: the interface translates each."""
    failure = OSError(code, os.strerror(code))
    assert os_reason(failure) in msg.OS_REASONS
    read = str(unreadable(Path("/share/eye.png"), failure))
    assert f"cannot read the file ({os_reason(failure)})" in read and os.strerror(code) not in read


@pytest.mark.parametrize("code, hint", [(errno.ENOSPC, msg.FREE_SPACE), (errno.EROFS, msg.MAKE_WRITABLE),
                                        (errno.EACCES, msg.MAKE_WRITABLE), (errno.EIO, msg.RECONNECT),
                                        (errno.ENOTCONN, msg.RECONNECT), (errno.EINVAL, msg.SAVE_AGAIN)])
def test_a_failed_save_says_what_to_do_about_its_cause(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int,
                                                       hint: str) -> None:
    """Not "free disk space or check permissions" after a network share went away (EIO)."""
    _, message = failed_save(tmp_path, monkeypatch, code)
    assert message.endswith(f"the previously saved labels are intact. {hint}")
