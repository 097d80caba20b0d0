"""Pascal VOC: labelImg round trip, label maps, repairs, malformed and hostile files."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from lxml import etree

from annotations.classes import LesionClass
from annotations.document import Box, CaseDocument
from annotations.formats import FormatError
from annotations.formats.label_map import (
    IDRID_CODRAS_LABEL_MAP,
    format_label_map,
    names_for_export,
    parse_label_map,
    resolve_label,
)
from annotations.formats.untrusted_xml import SAFE_PARSER_OPTIONS
from annotations.formats.voc import (
    VocAnnotation,
    annotation_from_case,
    read_voc,
    repair_coords,
    write_voc,
)
from tests.xml_parses import holding, watch_xml_parses

# Written the way labelImg writes (tabs, <path>, <source>, float-looking coordinates it sometimes emits).
LABELIMG_XML = """<annotation>
\t<folder>fundus</folder>
\t<filename>IDRiD_01.jpg</filename>
\t<path>/data/fundus/IDRiD_01.jpg</path>
\t<source>
\t\t<database>Unknown</database>
\t</source>
\t<size>
\t\t<width>640</width>
\t\t<height>480</height>
\t\t<depth>3</depth>
\t</size>
\t<segmented>0</segmented>
{objects}</annotation>
"""
OBJECT_XML = """\t<object>
\t\t<name>{name}</name>
\t\t<pose>{pose}</pose>
\t\t<truncated>{truncated}</truncated>
\t\t<difficult>{difficult}</difficult>
\t\t<bndbox>
\t\t\t<xmin>{xmin}</xmin>
\t\t\t<ymin>{ymin}</ymin>
\t\t\t<xmax>{xmax}</xmax>
\t\t\t<ymax>{ymax}</ymax>
\t\t</bndbox>
\t</object>
"""
FIXTURE_OBJECTS = [
    dict(name="hard_exudates", pose="Unspecified", truncated=0, difficult=0,
         xmin="12.0", ymin="30", xmax="40.0", ymax=55),
    dict(name="haemorrhage", pose="Frontal", truncated=1, difficult=0, xmin=0, ymin=0, xmax=100, ymax=80),
    dict(name="haemorrhage", pose="Left", truncated=0, difficult=1, xmin=600, ymin=400, xmax=640, ymax=480),
    dict(name="optic_disc", pose="Unspecified", truncated=0, difficult=0, xmin=300, ymin=200, xmax=380, ymax=290),
    dict(name="MA", pose="Unspecified", truncated=0, difficult=0, xmin=5, ymin=6, xmax=7, ymax=9),
]


def write_fixture(folder: Path, objects: list[dict], name: str = "IDRiD_01.xml") -> Path:
    path = folder / name
    path.write_text(LABELIMG_XML.format(objects="".join(OBJECT_XML.format(**o) for o in objects)), encoding="utf-8")
    return path


def expected_coords(obj: dict) -> tuple[int, ...]:
    return tuple(int(float(obj[k])) for k in ("xmin", "ymin", "xmax", "ymax"))


@pytest.fixture
def label_map() -> dict[str, LesionClass]:
    return parse_label_map(IDRID_CODRAS_LABEL_MAP)


def test_labelimg_round_trip_keeps_every_field_and_box(tmp_path: Path, label_map) -> None:
    source = write_fixture(tmp_path, FIXTURE_OBJECTS)
    first = read_voc(source, label_map)
    assert (first.folder, first.filename, first.path, first.database) == (
        "fundus", "IDRiD_01.jpg", "/data/fundus/IDRiD_01.jpg", "Unknown")
    assert (first.width, first.height, first.depth, first.segmented) == (640, 480, 3, 0)
    assert first.unknown_labels == [] and first.notes == []
    assert [b.coords() for b in first.boxes] == [expected_coords(o) for o in FIXTURE_OBJECTS]
    assert [b.label for b in first.boxes] == [LesionClass.EX, LesionClass.HE, LesionClass.HE, LesionClass.OD,
                                              LesionClass.MA]
    assert [(b.pose, b.truncated, b.difficult) for b in first.boxes] == [
        (o["pose"], bool(o["truncated"]), bool(o["difficult"])) for o in FIXTURE_OBJECTS]

    copy = tmp_path / "out" / "IDRiD_01.xml"
    write_voc(copy, first, names_for_export(label_map))
    second = read_voc(copy, label_map)
    strip = lambda a: [(b.label, b.coords(), b.pose, b.truncated, b.difficult) for b in a.boxes]  # noqa: E731
    assert strip(second) == strip(first)
    assert {k: v for k, v in vars(second).items() if k != "boxes"} == {
        k: v for k, v in vars(first).items() if k != "boxes"}
    # Written back with the file's own class names, so labelImg users see what they drew.
    names_written = [line.strip() for line in copy.read_text().splitlines() if "<name>" in line]
    assert names_written == [f"<name>{o['name']}</name>" for o in FIXTURE_OBJECTS]
    assert "\t<object>" in copy.read_text() and not copy.read_text().startswith("<?xml")


def test_unknown_labels_are_listed_once_and_their_boxes_skipped(tmp_path: Path) -> None:
    objects = FIXTURE_OBJECTS + [dict(FIXTURE_OBJECTS[0], name="drusen"), dict(FIXTURE_OBJECTS[1], name="drusen")]
    annotation = read_voc(write_fixture(tmp_path, objects), label_map=None)  # no map: only our own names
    assert annotation.unknown_labels == ["hard_exudates", "haemorrhage", "optic_disc", "drusen"]
    assert [b.label for b in annotation.boxes] == [LesionClass.MA]


def test_swapped_and_outside_coordinates_are_repaired_with_notes(tmp_path: Path, label_map) -> None:
    objects = [
        dict(FIXTURE_OBJECTS[0], xmin=50, xmax=10, ymin=-5, ymax=20),
        dict(FIXTURE_OBJECTS[1], xmin=600, xmax=700, ymin=470, ymax=500),
        dict(FIXTURE_OBJECTS[2], xmin=900, xmax=950, ymin=10, ymax=20),
    ]
    annotation = read_voc(write_fixture(tmp_path, objects), label_map)
    assert [b.coords() for b in annotation.boxes] == [(10, 0, 50, 20), (600, 470, 640, 480)]
    text = "\n".join(annotation.notes)
    assert "object 1 (hard_exudates): xmin and xmax were swapped" in text
    assert "object 2 (haemorrhage): clamped" in text
    assert "object 3 (haemorrhage): lies outside the 640x480 image, skipped" in text


def test_repair_keeps_edges_at_image_size() -> None:
    assert repair_coords((0, 0, 640, 480), 640, 480) == ((0, 0, 640, 480), [])


@pytest.mark.parametrize("content, reason", [
    ("<annotation><size><width>10</width>", "not well-formed XML"),
    ("<labels/>", "expected <annotation>"),
    ("<annotation><filename>a.jpg</filename></annotation>", "<width> is missing"),
    ("<annotation><size><width>0</width><height>5</height></size></annotation>", "image size is 0x5"),
    ("<annotation><size><width>ten</width><height>5</height></size></annotation>", "'ten' is not a number"),
    ("<annotation><size><width>9</width><height>5</height></size><object><name>MA</name></object></annotation>",
     "object 1 (MA) has no <bndbox>"),
])
def test_malformed_files_raise_format_error_naming_file(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "bad.xml"
    path.write_text(content)
    with pytest.raises(FormatError) as info:
        read_voc(path)
    assert info.value.path == str(path)
    assert reason in str(info.value) and str(path) in str(info.value)


def test_missing_file_raises_format_error(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="cannot read"):
        read_voc(tmp_path / "absent.xml")


def test_external_entity_does_not_read_the_referenced_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-42")
    path = tmp_path / "xxe.xml"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE annotation [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>\n'
        "<annotation><filename>&xxe;</filename><size><width>9</width><height>9</height></size>"
        "<object><name>&xxe;</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax></bndbox>"
        "</object></annotation>")
    with pytest.raises(FormatError) as info:
        read_voc(path)
    assert "DOCTYPE" in str(info.value) and "TOP-SECRET-42" not in str(info.value)
    # Behind the refusal, the parser itself leaves the entity unexpanded.
    root = etree.fromstring(path.read_bytes(), etree.XMLParser(**SAFE_PARSER_OPTIONS))
    assert "TOP-SECRET-42" not in etree.tostring(root, encoding="unicode")
    assert "&xxe;" in etree.tostring(root, encoding="unicode")


# 3 GB of "lol" expanded, which libxml2 refuses itself; 3 KB, which a parser that expands entities hands back
@pytest.mark.parametrize("levels", [10, 4])
def test_billion_laughs_is_refused_and_never_expanded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      levels: int) -> None:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, levels)]
    path = tmp_path / "laughs.xml"
    path.write_text(f"<?xml version=\"1.0\"?>\n<!DOCTYPE annotation [{''.join(entities)}]>\n"
                    f"<annotation><filename>&lol{levels - 1};</filename></annotation>")
    parses = watch_xml_parses(monkeypatch)
    with pytest.raises(FormatError) as info:  # libxml2's amplification limit or our DOCTYPE rule, either refuses
        read_voc(path)
    assert "lollol" not in str(info.value)
    assert len(parses) == 1 and not holding(parses, "lollol")


def test_annotation_from_case_copies_boxes_and_marks_segmented(tmp_path: Path) -> None:
    mask = np.zeros((50, 60), np.uint8)
    mask[3, 4] = LesionClass.HE.bit
    box = Box(LesionClass.SE, 1, 2, 30, 40, difficult=True, pose="Frontal")
    doc = CaseDocument("c1", "sub/eye.png", 60, 50, mask=mask, boxes=[box])
    annotation = annotation_from_case(doc, tmp_path / "images" / "eye.png")
    assert (annotation.filename, annotation.folder) == ("eye.png", "images")
    assert (annotation.width, annotation.height) == (60, 50)
    assert annotation.segmented == 1
    assert annotation.boxes[0] == box and annotation.boxes[0] is not box
    write_voc(tmp_path / "eye.xml", annotation)
    back = read_voc(tmp_path / "eye.xml")
    assert back.boxes[0].coords() == box.coords() and back.boxes[0].difficult and back.boxes[0].pose == "Frontal"
    assert back.path == "eye.png"  # never where the workspace lives on disk


def test_write_is_atomic_and_leaves_no_temp_files(tmp_path: Path) -> None:
    path = tmp_path / "a.xml"
    write_voc(path, VocAnnotation("a.jpg", 10, 10))
    write_voc(path, VocAnnotation("b.jpg", 10, 10))
    assert read_voc(path).filename == "b.jpg"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xml"]


def test_parse_label_map_is_case_insensitive_and_reports_errors() -> None:
    mapping = parse_label_map(" Hard_Exudates = ex ;\nhaemorrhage=2,")
    assert mapping == {"Hard_Exudates": LesionClass.EX, "haemorrhage": LesionClass.HE}  # spelt as given
    assert names_for_export(mapping)[LesionClass.EX] == "Hard_Exudates"  # written back so: CVAT matches case
    assert parse_label_map("Optic Disc=OD,optic disc=OD") == {"Optic Disc": LesionClass.OD}  # one name, twice
    assert resolve_label("HARD_EXUDATES", mapping) is LesionClass.EX
    assert resolve_label("se", mapping) is LesionClass.SE
    assert resolve_label("drusen", mapping) is None
    assert parse_label_map(format_label_map(mapping)) == mapping
    with pytest.raises(ValueError, match="name=CLASS"):
        parse_label_map("haemorrhage")
    with pytest.raises(ValueError, match="unknown lesion class 'XX'"):
        parse_label_map("haemorrhage=XX")
    with pytest.raises(ValueError, match="twice"):
        parse_label_map("a=MA,A=HE")
