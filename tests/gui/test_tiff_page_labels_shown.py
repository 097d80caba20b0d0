"""An import's warning about labels named for the pages of a multi-page TIFF reads in the window's language."""
from __future__ import annotations

from annotations.case_names import case_name
from annotations.workspace import transfer_messages as warning
from tests.gui.test_domain_messages import chinese  # noqa: F401 - fixture
from widgets.domain_messages import shown_message


def test_the_tiff_pages_warning_is_shown_in_chinese(chinese) -> None:  # noqa: F811 - the fixture
    text = warning.TIFF_PAGE_LABELS.format(count=2, image=case_name("scans/vol.tif"), example="vol_b003_MA.png",
                                           pages=5)
    assert shown_message(text).startswith("2 个标注文件按 'scans/vol.tif' 的页命名（例如 vol_b003_MA.png），未导入："
                                          "该文件是 5 页的 TIFF")
