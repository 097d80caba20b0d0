"""The arbiter's images: masks reduced without losing small lesions, disagreement colours, two readings needed."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from annotations.classes import LesionClass, hex_to_rgb
from annotations.document import Box, CaseDocument, Modality
from annotations.pixel_spacing import PixelSpacing
from annotations.progress import Cancelled
from annotations.reading.disagreement import BOTH, ONLY_A, ONLY_B, compare_readings, disputed_pair
from annotations.reading.readers import Reading, open_reader
from annotations.reading.settings import ReadingMode, ReadingSettings, save_settings
from annotations.reading.side_by_side import (CODE_COLOURS, READING_PANES, ArbitrationCase, Pane,
                                               TooFewReadings, disagreement_rgb, prepare_arbitration, reduce_bits,
                                               render_panes)
from tests.unit.reading_fixtures import case_of, image_folder, read_case


def test_reducing_a_mask_keeps_a_single_labelled_pixel() -> None:
    bits = np.zeros((10, 9), np.uint8)
    bits[9, 8] = LesionClass.MA.bit
    bits[0, 0] = LesionClass.EX.bit | LesionClass.HE.bit
    small = reduce_bits(bits, (3, 3))
    assert small.shape == (3, 3)
    assert small[2, 2] == LesionClass.MA.bit and small[0, 0] == LesionClass.EX.bit | LesionClass.HE.bit
    assert np.count_nonzero(small) == 2


def test_disagreement_colours_say_who_labelled_each_pixel() -> None:
    image = np.full((1, 4, 3), 100, np.uint8)
    a = np.array([[LesionClass.HE.bit, LesionClass.HE.bit, 0, 0]], np.uint8)
    b = np.array([[0, LesionClass.HE.bit, LesionClass.HE.bit, LesionClass.MA.bit]], np.uint8)
    rgb = disagreement_rgb(image, a, b)
    assert [tuple(p) for p in rgb[0]] == [CODE_COLOURS[ONLY_A], CODE_COLOURS[BOTH], CODE_COLOURS[ONLY_B],
                                          CODE_COLOURS[ONLY_B]]
    he_only = disagreement_rgb(image, a, b, classes=(LesionClass.HE,))
    assert tuple(he_only[0, 3]) == (50, 50, 50)  # MA is not shown in the HE map: the photo, dimmed


def test_prepare_arbitration_needs_two_submitted_readings(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", width=64, height=40)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=2)
    with pytest.raises(TooFewReadings, match="arbitration needs two") as raised:
        prepare_arbitration(folder, case_of(0))
    assert raised.value.count == 1 and case_of(0) not in str(raised.value)  # the window names the case its way
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 0, grade=3, rows=slice(20, 30))
    case = prepare_arbitration(folder, case_of(0), side=32)
    assert [r.reader for r in case.readings] == ["Anna", "Ben"]
    assert case.comparison.reasons[0] == "DR grade 2 vs 3"
    assert [case.previews[pane].shape for pane in READING_PANES] == [(20, 32, 3), (20, 32, 3)]
    assert [pane.map_class for pane in case.map_panes] == [None, *LesionClass.__members__.values()][:-1]  # no OD
    assert set(case.previews) == {*READING_PANES, *case.map_panes}
    everything = case.previews[Pane()]
    assert (everything == CODE_COLOURS[ONLY_A]).all(axis=2).any()
    assert (everything == CODE_COLOURS[ONLY_B]).all(axis=2).any()


def _two_readings_prepared(tmp_path: Path) -> ArbitrationCase:
    """A 300x200 photo's case 0, read by Anna (grade 1) and Ben (grade 2), prepared with 64 px previews."""
    folder = image_folder(tmp_path / "f", width=300, height=200)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    for name, grade in (("Anna", 1), ("Ben", 2)):
        with open_reader(folder, name) as reader:
            read_case(reader, 0, grade=grade)
    return prepare_arbitration(folder, case_of(0), side=64)


def test_a_pane_is_rendered_at_its_own_size_from_the_full_size_photo(tmp_path: Path) -> None:
    case = _two_readings_prepared(tmp_path)
    case.readings[0].doc.mask[199, 299] = LesionClass.MA.bit  # one pixel, in the corner
    drawn = render_panes(case, {Pane(0): (210, 140), Pane(map_class=LesionClass.MA): (300, 200)})
    assert drawn[Pane(0)].shape == (140, 210, 3)  # not a whole fraction of the photo: a 1.43 reduction
    assert tuple(drawn[Pane(0)][139, 209]) != tuple(drawn[Pane(0)][0, 0])  # the single pixel stays visible
    assert drawn[Pane(map_class=LesionClass.MA)].shape == (200, 300, 3)  # the photo's own size: every pixel
    assert tuple(drawn[Pane(map_class=LesionClass.MA)][199, 299]) == CODE_COLOURS[ONLY_A]
    assert case.previews[Pane(0)].shape == (43, 64, 3)


def test_drawing_panes_stops_before_the_next_pane_once_cancelled(tmp_path: Path) -> None:
    case = _two_readings_prepared(tmp_path)
    asked: list[int] = []

    def cancelled_after_the_first_pane() -> bool:
        asked.append(len(asked))
        return len(asked) > 1

    with pytest.raises(Cancelled):
        render_panes(case, {pane: (150, 100) for pane in (*READING_PANES, *case.map_panes)},
                     cancelled=cancelled_after_the_first_pane)
    assert len(asked) == 2  # asked before each pane: the first drawn, the second not
    assert render_panes(case, {Pane(0): (150, 100)})[Pane(0)].shape == (100, 150, 3)  # never cancelled by default


def _scan_case(painted: dict[str, tuple[LesionClass, ...]], photo_reader: str = "") -> ArbitrationCase:
    """Two readings of a 20x10 OCT scan (``photo_reader``'s as a photo), each painted with its ``painted`` classes."""
    readings = []
    for name, classes in painted.items():
        doc = CaseDocument("c", "c.png", 20, 10, modality=Modality.FUNDUS if name == photo_reader else Modality.OCT)
        for cls in classes:
            doc.mask[2:4, 2:4] |= cls.bit
        readings.append(Reading(name, doc))
    return ArbitrationCase("c", readings, compare_readings(readings[0].doc, readings[1].doc, 0.5),
                           np.zeros((10, 20, 3), np.uint8))


def test_an_oct_scans_disagreement_maps_are_those_of_the_classes_its_readings_painted() -> None:
    he, ex = LesionClass.HE, LesionClass.EX
    assert _scan_case({"Anna": (), "Ben": ()}).map_panes == ()  # no lesion tools on a scan: no map
    assert _scan_case({"Anna": (ex,), "Ben": ()}).map_panes == (Pane(map_class=ex),)  # painted before marked OCT
    assert _scan_case({"Anna": (ex,), "Ben": (he,)}).map_panes == (Pane(), Pane(map_class=he), Pane(map_class=ex))
    photo = _scan_case({"Anna": (), "Ben": ()}, photo_reader="Anna")  # a photo's reading has every class
    assert [pane.map_class for pane in photo.map_panes] == [None, *LesionClass.__members__.values()][:-1]


def test_an_oct_scan_offers_its_readings_labels_only_where_a_reading_has_some() -> None:
    assert not _scan_case({"Anna": (), "Ben": ()}).labels_offered  # nothing to keep or correct: only the class
    assert _scan_case({"Anna": (), "Ben": (LesionClass.EX,)}).labels_offered  # painted before marked OCT
    boxed = _scan_case({"Anna": (), "Ben": ()})
    boxed.readings[1].doc.boxes.append(Box(LesionClass.HE, 1, 1, 4, 4))
    assert boxed.labels_offered
    assert _scan_case({"Anna": (), "Ben": ()}, photo_reader="Anna").labels_offered  # a photo's lesion tools add


def test_of_three_readings_the_arbiter_sees_a_pair_that_disagrees(tmp_path: Path) -> None:
    """Anna and Ben agree, Cleo does not: the first two alone would show an agreement (case_state wants every pair
    to agree, so the case is disputed); the pair shown is Anna's and Cleo's, with Ben's named beside them."""
    folder = image_folder(tmp_path / "f", width=64, height=40)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    for name, grade in (("Anna", 2), ("Ben", 2), ("Cleo", 3)):
        with open_reader(folder, name) as reader:
            read_case(reader, 0, grade=grade)
    case = prepare_arbitration(folder, case_of(0))
    assert [r.reader for r in case.readings] == ["Anna", "Cleo"] and [r.reader for r in case.others] == ["Ben"]
    assert not case.comparison.agree and "DR grade 2 vs 3" in case.comparison.reasons


def test_of_three_readings_of_one_grade_the_pair_whose_labels_disagree_is_shown(tmp_path: Path) -> None:
    folder = image_folder(tmp_path / "f", width=64, height=40)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    for name, rows in (("Anna", slice(2, 6)), ("Ben", slice(20, 30)), ("Cleo", slice(2, 6))):
        with open_reader(folder, name) as reader:
            read_case(reader, 0, grade=2, rows=rows)
    case = prepare_arbitration(folder, case_of(0))
    assert [r.reader for r in case.readings] == ["Anna", "Ben"] and [r.reader for r in case.others] == ["Cleo"]
    assert any(reason.startswith("EX mask Dice") for reason in case.comparison.reasons)


def test_disputed_pair_of_readings_that_all_agree_is_the_first_two() -> None:
    docs = [CaseDocument(f"c{k}", "a.png", 8, 6) for k in range(3)]
    pair, comparison = disputed_pair(docs, 0.7)
    assert pair == (0, 1) and comparison.agree


def test_the_panes_draw_each_readings_boxes_and_the_map_says_whose_they_are(tmp_path: Path) -> None:
    """Readings that disagree on their boxes alone ("EX boxes F1 0.40", as VOC-labelled readers do) showed two bare
    photos and an empty map: the panes drew masks only, so the arbiter could not see what they were deciding."""
    folder = image_folder(tmp_path / "f", count=1, width=120, height=80)
    save_settings(folder, ReadingSettings(mode=ReadingMode.DOUBLE))
    with open_reader(folder, "Anna") as anna:
        read_case(anna, 0, grade=2, rows=slice(0, 0), boxes=[Box(LesionClass.EX, 10, 10, 30, 30),
                                                             Box(LesionClass.EX, 60, 40, 90, 70),
                                                             Box(LesionClass.EX, 95, 5, 110, 20)])
    with open_reader(folder, "Ben") as ben:
        read_case(ben, 0, grade=2, rows=slice(0, 0), boxes=[Box(LesionClass.EX, 11, 10, 31, 30),
                                                           Box(LesionClass.EX, 70, 5, 80, 15),
                                                           Box(LesionClass.HE, 40, 50, 50, 60)])
    case = prepare_arbitration(folder, case_of(0))
    assert case.comparison.reasons == ["HE boxes F1 0.00", "EX boxes F1 0.40"]
    ex, he = (hex_to_rgb(cls.colour) for cls in (LesionClass.EX, LesionClass.HE))
    anna_pane, ben_pane = (case.previews[pane] for pane in READING_PANES)
    assert [tuple(anna_pane[y, x]) for y, x in ((10, 10), (40, 60), (5, 95))] == [ex] * 3  # each box's corner
    assert tuple(anna_pane[50, 40]) != he
    assert (tuple(ben_pane[10, 31]), tuple(ben_pane[50, 40])) == (ex, he)
    assert tuple(ben_pane[40, 60]) != ex
    for pane in (Pane(), Pane(map_class=LesionClass.EX)):  # the matched pair (IoU 0.9) white, Anna's others orange
        shown = case.previews[pane]
        assert [tuple(shown[y, x]) for y, x in ((10, 10), (10, 31), (40, 60))] == \
            [CODE_COLOURS[BOTH], CODE_COLOURS[BOTH], CODE_COLOURS[ONLY_A]]
    assert tuple(case.previews[Pane()][50, 40]) == tuple(case.previews[Pane()][5, 70]) == CODE_COLOURS[ONLY_B]
    assert tuple(case.previews[Pane(map_class=LesionClass.HE)][10, 10]) != CODE_COLOURS[BOTH]  # not the HE map's


def test_a_b_scan_at_its_true_shape_is_drawn_stretched_its_labels_in_place(tmp_path: Path) -> None:
    """Pixels three times as wide as tall (a B-scan's Pixel Spacing): at its true shape the panes are three times
    wider than the scan's pixel count; a labelled pixel lands where it is on the scan."""
    case = _two_readings_prepared(tmp_path)
    case.spacing = PixelSpacing(row_mm=0.004, column_mm=0.012)
    assert case.shown_size(true_shape=False) == (300, 200) and case.shown_size(true_shape=True) == (900, 200)
    case.readings[0].doc.mask[100, 150] = LesionClass.MA.bit
    drawn = render_panes(case, {Pane(map_class=LesionClass.MA): (900, 200)})[Pane(map_class=LesionClass.MA)]
    assert drawn.shape == (200, 900, 3)
    marked = np.argwhere((drawn == CODE_COLOURS[ONLY_A]).all(axis=2))
    assert marked[:, 0].tolist() == [100, 100, 100] and marked[:, 1].tolist() == [450, 451, 452]
