"""What produced one AI result, read from the result itself: each model that ran on the photo and what it drew
there (the findings' per-class sources, as the pipeline decided them for that photo: a candidates model that
skipped a small photo is not named), so a reopened case names what produced its stored result. The status bar and
the findings panel both show this list (worded by widgets/clinical_terms.result_source_label)."""
from __future__ import annotations

from dataclasses import dataclass

from annotations.classes import LESION_CLASSES, LesionClass
from annotations.document import AIResult
from annotations.findings import CLASSICAL_SOURCE, blended_models, gating_model

_DRAWN_CLASSES = (*LESION_CLASSES, LesionClass.OD)


@dataclass(frozen=True)
class ResultSource:
    name: str  # a model's card name, CLASSICAL_SOURCE, or GATED_SOURCE naming its model (never BLENDED_SOURCE)
    version: str = ""  # the model's version; "" for the classical detector
    classes: tuple[str, ...] = ()  # the classes it drew on this photo (MA, HE, EX, SE, OD), in that order

    @property
    def classical(self) -> bool:
        return self.name == CLASSICAL_SOURCE or gating_model(self.name) is not None


def result_sources(ai: AIResult) -> list[ResultSource]:
    """The result's models in the order they ran, each with the classes it drew; the classical detector once per
    way it drew (on its own, or kept where a lesion-region model agreed; the disc it placed, where no learned disc
    was found, is OD), and not at all where it drew nothing (a result stored before the disc's source was kept
    leaves its disc out); a class two models' averaged probability drew (BLENDED_SOURCE) with each of them. A result
    stored before per-class sources were kept names its models only."""
    lesion_sources = (ai.findings.lesion_sources if ai.findings is not None else None) or {}
    drawn: dict[str, list[str]] = {}
    for cls in _DRAWN_CLASSES:
        if cls.name in lesion_sources:
            source = lesion_sources[cls.name]
            for name in blended_models(source) or (source,):
                drawn.setdefault(name, []).append(cls.name)
    sources = []
    for model in ai.models:
        name = str(model.get("name", "?"))
        if name == CLASSICAL_SOURCE:  # named for what it drew; where every class came from a model, not at all
            ways = [way for way in drawn if ResultSource(way).classical] or ([] if lesion_sources else [name])
            sources.extend(ResultSource(way, "", tuple(drawn.pop(way, ()))) for way in ways)
        else:
            sources.append(ResultSource(name, str(model.get("version", "")), tuple(drawn.pop(name, ()))))
    return sources + [ResultSource(name, "", tuple(classes)) for name, classes in drawn.items()]  # named nowhere
