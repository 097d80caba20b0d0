"""`analyze --workspace` on a folder whose photo is deleted or moved away after the command listed it, before the
workspace's scan: the run goes on with the others and names the missing one, as for a photo gone mid-run."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotations.workspace import Workspace
from app.cli import main
from tests.unit.test_analyze_resume import photos
from tests.unit.test_inference_cli import no_installed_models  # noqa: F401 - fixture


def test_a_photo_gone_before_the_workspace_scan_fails_alone_and_is_named(
        tmp_path: Path, no_installed_models: None, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    """The whole run was refused: "eye1.png: not among the cases of …; --workspace takes the results of that
    folder's own images", about the folder's own photo."""
    from inference.batch import results

    folder = tmp_path / "in"
    gone = photos(folder)[1]
    opened = results.open_consensus

    def open_after_a_deletion(*args: object, **kwargs: object) -> Workspace:
        gone.unlink()  # after the command's listing, before the workspace's own
        return opened(*args, **kwargs)
    monkeypatch.setattr(results, "open_consensus", open_after_a_deletion)
    assert main(["analyze", str(folder), "--workspace", str(folder), "--device", "cpu"]) == 1
    captured = capsys.readouterr()
    assert f"error: {gone}: cannot read the file: not found — check that the file was not moved or deleted" \
        in captured.err
    assert "2 of 3 images analysed" in captured.out and "1 failed" in captured.out
    with Workspace.open(folder) as ws:
        assert {case.image_path: case.analysed for case in ws.cases()} == {"eye0.png": True, "eye2.png": True}
