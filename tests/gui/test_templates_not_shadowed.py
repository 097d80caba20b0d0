"""Every text the interface knows (each KnownTexts of widgets/ and app/) reaches the Chinese interface whole: no
other, vaguer template takes it first and leaves its English words. "skipped (the data set needs the image): {error}"
was shown in English because a FileProblem's "{path}: {reason}" matched it too, the warning's words taken for a path.

Each template is filled with each of its figures' known texts in turn (the templates inside, to the last), then
shown as the interface shows it: by the shown_message that tries all the families, where it is one of them, else by
its own family. What must be gone is each used template's English words that its Chinese does not keep."""
from __future__ import annotations

import importlib
import pkgutil
import re
import string
from dataclasses import dataclass
from typing import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication

import app
import widgets
from app import inference_messages
from tests.gui.test_domain_messages import as_written_samples, chinese  # noqa: F401 - chinese: a fixture
from widgets import domain_messages
from widgets.known_texts import AsWritten, KnownTexts, ListOf, Named, OneOf

Part = KnownTexts | AsWritten | ListOf | OneOf | Named
FIGURE = re.compile(r"«[^»]*»")  # a sample's figure shown as written (as_written_samples)
WORD = re.compile(r"[A-Za-z]{2,}")


@dataclass(frozen=True)
class Sample:
    text: str
    templates: tuple[tuple[str, str], ...]  # (context, English) of each template the text was made of


def registered_families() -> list[KnownTexts]:
    """Each KnownTexts the modules of widgets/ and app/ define, with those inside others."""
    found: dict[int, KnownTexts] = {}
    pending: list[Part] = []
    for package in (widgets, app):
        for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            pending += [value for value in vars(importlib.import_module(module.name)).values()
                        if isinstance(value, (KnownTexts, ListOf, OneOf))]
    while pending:
        part = pending.pop()
        if isinstance(part, ListOf):
            pending.append(part.texts)
        elif isinstance(part, OneOf):
            pending += part.texts
        elif isinstance(part, KnownTexts) and id(part) not in found:
            found[id(part)] = part
            pending += [inner for parts in part.parts.values() for inner in parts]
    return sorted(found.values(), key=lambda known: known.context)


def samples(part: Part, name: str) -> list[Sample]:
    """Texts ``part`` matches as the code that writes them fills them: each of a family's templates, with each
    figure's alternatives in turn (one figure varied at a time, the others at their first)."""
    if isinstance(part, KnownTexts):
        return [sample for template in part.templates for sample in _filled(part, template)]
    if isinstance(part, OneOf):
        return [sample for text in part.texts for sample in samples(text, name)]
    if isinstance(part, ListOf):
        items = samples(part.texts, name)
        pair = items[:2] if len(items) > 1 else items * 2
        return items + [Sample(part.separator.join(item.text for item in pair),
                               tuple(template for item in pair for template in item.templates))]
    if isinstance(part, Named):
        return [Sample(part.codes[0], ())]
    return [Sample(next(text for text in as_written_samples(name) if part.match(text) is not None), ())]


def _filled(known: KnownTexts, template: str) -> Iterator[Sample]:
    names = [name for _, name, _, _ in string.Formatter().parse(template) if name]
    options = {name: _figures(known, name) for name in names}
    first = {name: figures[0] for name, figures in options.items()}
    variants = [first] + [{**first, name: figure} for name in names for figure in options[name][1:]]
    for figures in variants:
        yield Sample(template.format(**{name: figure.text for name, figure in figures.items()}),
                     ((known.context, template), *(used for figure in figures.values() for used in figure.templates)))


def _figures(known: KnownTexts, name: str) -> list[Sample]:
    """What a figure may be: each known text of its part, else a name as written. Not the family's values: a family
    does not say which figure each is for, and one put in another's place makes a text nobody writes."""
    if name in known.parts:
        return [sample for part in known.parts[name] for sample in samples(part, name)]
    return [Sample(f"«{name}»", ())]


def words_left(sample: Sample, shown: str) -> list[str]:
    """The English words of ``sample``'s templates still in ``shown``, but those their Chinese keeps ("VOC")."""
    english = {word for _, text in sample.templates for word in WORD.findall(_without_figures(text))}
    kept = {word for context, text in sample.templates
            for word in WORD.findall(QCoreApplication.translate(context, text))}
    shown = FIGURE.sub("", shown)
    return sorted(word for word in english - kept if re.search(rf"(?<![A-Za-z]){word}(?![A-Za-z])", shown))


def _without_figures(template: str) -> str:
    return "".join(literal for literal, _, _, _ in string.Formatter().parse(template))


def shown_by(known: KnownTexts) -> Callable[[str], str]:
    """How the interface shows ``known``'s texts: the window's shown_message, which tries every family of
    annotations/ and inference/, where ``known`` is one of those; else its own dialog, by the family alone."""
    families = (*domain_messages.SHOWN, *inference_messages.SHOWN)
    if any(known is family or isinstance(family, ListOf) and known is family.texts for family in families):
        return inference_messages.shown_message
    return known


@pytest.mark.parametrize("known", registered_families(), ids=lambda known: known.context)
def test_every_template_is_shown_whole_in_chinese_by_what_shows_it(chinese, known: KnownTexts) -> None:
    show = shown_by(known)
    untranslated = [(sample.text, shown, left) for sample in samples(known, "text")
                    for shown in [show(sample.text)] for left in [words_left(sample, shown)] if left]
    assert not untranslated, untranslated[:5]


def test_a_dialog_shows_annotations_texts_as_the_window_does(chinese) -> None:
    """The dialogs (import, export, double reading) show annotations/' texts by domain_messages.shown_message,
    without inference/' families: each of those texts is shown whole by it too."""
    untranslated = [(sample.text, shown) for known in domain_messages.SHOWN for sample in samples(known, "text")
                    for shown in [domain_messages.shown_message(sample.text)] if words_left(sample, shown)]
    assert not untranslated, untranslated[:5]
