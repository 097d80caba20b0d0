"""An import's warnings about labels named for the pages of a multi-page TIFF, or for a TIFF volume's file itself
(its first page), read in the window's language."""
from __future__ import annotations

from annotations.case_names import case_name
from annotations.workspace import Workspace
from annotations.workspace import transfer_messages as warning
from annotations.workspace.label_import import import_labels
from tests.gui.test_domain_messages import chinese  # noqa: F401 - fixture
from tests.unit.test_tiff_first_page_label_files import boxed_before
from widgets.domain_messages import shown_message


def test_the_tiff_pages_warning_is_shown_in_chinese(chinese) -> None:  # noqa: F811 - the fixture
    text = warning.TIFF_PAGE_LABELS.format(count=2, image=case_name("scans/vol.tif"), example="vol_b003_MA.png",
                                           pages=5)
    assert shown_message(text).startswith("2 个标注文件按 'scans/vol.tif' 的页命名（例如 vol_b003_MA.png），未导入："
                                          "该文件是 5 页的 TIFF")


def test_the_first_page_labels_warning_is_shown_in_chinese(chinese, tmp_path) -> None:  # noqa: F811 - the fixture
    boxed_before(tmp_path)
    with Workspace.open(tmp_path) as ws:
        said = [w for w in import_labels(ws, tmp_path, "voc").warnings if w.startswith("vol.xml")]
    assert [shown_message(text) for text in said] == [
        "vol.xml：按 'vol.tif' 命名，该文件现在作为含 7 个 B 扫描的 OCT 容积打开；这些标注是在 TIFF 仅作为一张图像（即其第一页）"
        "打开时所做，因此已导入其 B 扫描 1，而不是其显示的 B 扫描 4"]
