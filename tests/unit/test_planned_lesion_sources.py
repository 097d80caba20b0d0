"""Which source draws each lesion class, read from the cards (inference.lesion_sources): the rule the pipeline
follows, and what the settings dialog shows before any analysis (planned_lesion_sources)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from annotations.classes import LesionClass
from inference.analysis_models import model_for_task
from inference.analysis_settings import AnalysisSettings
from inference.lesion_sources import LesionSource, lesion_sources
from inference.loading import ModelSet
from inference.model_card import CARD_FILE, WEIGHTS_FILE, ModelCard, load_card
from inference.model_plan import planned_lesion_sources
from inference.pipeline import CLASSICAL_DETECTOR, analyze_image
from inference.registry import ModelRegistry
from tests.unit.test_inference_fixtures import saved_model, synthetic_fundus, tiny_segmentation_card
from tests.unit.test_lesion_sources import CLASSES, constant_model

MA, HE, EX, SE = LesionClass.MA, LesionClass.HE, LesionClass.EX, LesionClass.SE
CANDIDATES = ModelCard(name="dots", task="lesion-candidates", architecture="patch-classifier", encoder="none",
                       classes=["MA"], input_size=(24, 24), thresholds={"MA": 0.975})


def test_the_shipped_models_draw_ma_and_he_with_candidates_on_large_photos_and_without_on_small() -> None:
    small, large = planned_lesion_sources(AnalysisSettings(), ModelRegistry.bundled())
    thresholds = load_card(ModelRegistry.bundled().find("idrid-lesions")).thresholds  # chosen on validation photos
    blended = load_card(ModelRegistry.bundled().find("he-candidates"))
    assert small == {MA: LesionSource(None), HE: LesionSource("idrid-lesions", None, thresholds["HE"]),
                     EX: LesionSource("idrid-lesions", None, thresholds["EX"]),
                     SE: LesionSource("idrid-lesions", None, thresholds["SE"])}
    assert blended.blend_with == "idrid-lesions", "HE: the mean of the regions' and the lesion model's maps"
    assert blended.blend_sha256 == load_card(ModelRegistry.bundled().find("idrid-lesions")).sha256, \
        "its threshold was chosen on the shipped lesion model's map"
    dots = load_card(ModelRegistry.bundled().find("ma-candidates"))
    assert dots.blend_member == "clahe", "MA: the mean of the dots' map and the lesion model's CLAHE member's"
    assert large == {**small, MA: LesionSource("ma-candidates", None, dots.threshold("MA"), "idrid-lesions"),
                     HE: LesionSource("he-candidates", None, blended.threshold("HE"), "idrid-lesions")}


def test_the_pipeline_draws_each_class_from_the_source_the_rule_names() -> None:
    card = tiny_segmentation_card(classes=CLASSES)
    card.classical_classes = ["MA", "HE"]
    result = analyze_image(synthetic_fundus(200, 150), ModelSet.from_models([constant_model(card, {"EX": 9.0})]),
                           device="cpu")
    planned = {cls.name: source.model or CLASSICAL_DETECTOR["name"] for cls, source in lesion_sources(card).items()}
    drawn = {name: source for name, source in result.findings.lesion_sources.items() if name != "OD"}
    assert drawn == planned == {"MA": CLASSICAL_DETECTOR["name"], "HE": CLASSICAL_DETECTOR["name"],
                                "EX": card.name, "SE": card.name}


def test_no_lesion_model_leaves_every_class_to_the_classical_detector_without_a_threshold() -> None:
    assert set(lesion_sources(None).values()) == {LesionSource(None)}
    assert lesion_sources(None, [CANDIDATES])[MA] == LesionSource("dots", None, 0.975)


def test_a_gate_cuts_the_classes_it_has_and_judges_the_others_with_no_threshold_of_their_own() -> None:
    gate = replace(tiny_segmentation_card(name="regions", classes=["background", "HE", "EX"]),
                   mask_mode="gate-classical", thresholds={"HE": 0.4})
    sources = lesion_sources(gate)
    assert sources[HE] == LesionSource(None, "regions", 0.4)
    assert sources[EX] == LesionSource(None, "regions", 0.5)  # the card's default
    assert sources[MA] == LesionSource(None, "regions", None)  # judged by HE's probability: MA's threshold is none


def test_a_class_the_lesion_model_lacks_is_drawn_by_nothing() -> None:
    assert set(lesion_sources(tiny_segmentation_card(classes=["background", "EX"]))) == {EX}


def test_a_chosen_model_whose_card_cannot_be_read_plans_as_none(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / CARD_FILE).write_text("{", encoding="utf-8")
    settings = AnalysisSettings(models={"lesion-segmentation": str(folder)})
    small, _ = planned_lesion_sources(settings, ModelRegistry([tmp_path / "none"]))
    assert small == lesion_sources(None)


def test_the_plan_passes_over_a_model_whose_weights_do_not_load_as_the_loader_does(tmp_path: Path) -> None:
    """The first installed lesion model (search order: by folder name) has damaged weights: the analysis loads the
    second, and the settings dialog's plan names the same one."""
    broken = saved_model(tmp_path, tiny_segmentation_card(name="a-broken"))
    (broken / WEIGHTS_FILE).write_bytes(b"not the weights the card's checksum is of")
    saved_model(tmp_path, tiny_segmentation_card(name="b-sound"))
    registry = ModelRegistry([tmp_path])
    loaded = model_for_task("lesion-segmentation", AnalysisSettings(), registry)
    small, large = planned_lesion_sources(AnalysisSettings(), registry)
    assert loaded is not None and loaded.card.name == "b-sound"
    assert {source.model for source in small.values()} == {"b-sound"} and large == small


def test_the_plan_checks_the_automatic_models_once_until_their_files_change(tmp_path: Path, monkeypatch) -> None:
    """The settings dialog asks for the plan on open and on every model choice: the automatic choice's weights are
    checked once, and again only when a model folder's files change (a model retrained or copied over)."""
    import inference.model_plan as model_plan

    first = saved_model(tmp_path, tiny_segmentation_card(name="a-first"))
    registry = ModelRegistry([tmp_path])
    checked = []
    real = model_plan.checked_card

    def counted(folder: Path):  # noqa: ANN202 - the lesion model's checks, counted
        checked.append(Path(folder).name)
        return real(folder)

    monkeypatch.setattr(model_plan, "_automatic_cards", {})
    monkeypatch.setattr(model_plan, "checked_card", counted)
    for _ in range(3):
        small, _ = planned_lesion_sources(AnalysisSettings(), registry)
    assert checked == ["a-first"] and {source.model for source in small.values()} == {"a-first"}
    (first / WEIGHTS_FILE).write_bytes(b"damaged since")
    saved_model(tmp_path, tiny_segmentation_card(name="b-second"))
    small, _ = planned_lesion_sources(AnalysisSettings(), ModelRegistry([tmp_path]))
    assert checked == ["a-first", "a-first", "b-second"] and {source.model for source in small.values()} == {"b-second"}


def test_the_plan_reads_the_models_without_torch(tmp_path: Path) -> None:
    """The settings dialog plans on the GUI thread: importing torch there froze the window for seconds."""
    import subprocess
    import sys

    code = ("import sys; from inference.model_plan import planned_lesion_sources, planned_models; "
            "from inference.analysis_settings import AnalysisSettings; "
            "from inference.lesion_candidates.scale import MIN_FIELD_DIAMETER; "
            "planned_lesion_sources(AnalysisSettings()); planned_models(AnalysisSettings()); "
            "print(sorted(m for m in ('torch', 'segmentation_models_pytorch', 'timm') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
