"""`retina-review open --overwrite` or `--timeout` without `--screenshot` was accepted and changed nothing (the window
opened as always, the person left thinking a screenshot would be saved or replaced). Now the parser refuses it."""
from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main


@pytest.mark.parametrize("options, named", [(["--overwrite"], "--overwrite needs --screenshot"),
                                            (["--timeout", "30"], "--timeout needs --screenshot"),
                                            (["--timeout", "30", "--overwrite"],
                                             "--timeout and --overwrite need --screenshot")],
                         ids=["overwrite", "timeout", "both"])
def test_a_screenshot_option_without_screenshot_is_the_parsers_error(tmp_path: Path, options: list[str], named: str,
                                                                      capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.commands import open as open_command

    monkeypatch.setattr(open_command, "_has_display", lambda: False)  # were it accepted: no window, all the same
    with pytest.raises(SystemExit) as refused:
        main(["open", str(tmp_path), *options])
    said = capsys.readouterr().err
    assert refused.value.code == 2 and said.startswith("usage: retina-review open")
    assert f"retina-review open: error: {named} OUT.png" in said
