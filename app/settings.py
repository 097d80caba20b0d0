"""The user's preferences, kept in QSettings: device, models per task, thresholds, autosave, reader, clinic.

``Settings`` reads and writes a plain ``SettingsValues`` so the settings dialog (a widget, which may not import
app/) edits a dict and nothing else knows where preferences live. Tests pass their own ini-file QSettings.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from annotations.classes import LESION_CLASSES
from annotations.threshold_scale import NO_ANCHOR
from inference.analysis_settings import MODEL_THRESHOLD, AnalysisSettings
from inference.model_card import TASKS
from inference.training.retrain_results import TASK_LABELS as RETRAINED_TASKS
from inference.training.retrain_going_back import Replaced

ORGANISATION = "RetinaReview"
APPLICATION = "RetinaReview"
MAX_RECENT = 8
ARBITRATION_LAYOUT_KEYS = ("arbitration/geometry", "arbitration/split")
REPLACED_GROUP = "retrain/replaced"  # what the retrained model in use replaced: "Go back to NAME" after a restart
REPORT_LANGUAGE_KEY = "report/language"  # the report language last chosen in the dialog
REPORT_READER_KEY = "report/reader"  # the reader's name last typed in the dialog
RENAMED_KEYS = {"analyze_on_open": "analyse_on_open"}  # new key -> the key earlier versions saved it under
# The groups of the keys Settings writes besides SettingsValues' (a key "window/geometry" is an INI file's
# "geometry" in its [window] section): own_ini_names tells the program's settings file from another program's
KEY_GROUPS = ("recent", "last_case", "window", "report", "export", "arbitration", "retrain", "tools", "annotation")
EARLIER_GROUPS = ("colours",)  # groups earlier versions wrote, still in their users' files


@dataclass
class SettingsValues:
    device: str = "auto"  # "auto", "cpu", "cuda", "cuda:1", "mps"
    models: dict[str, str] = field(default_factory=lambda: {task: "" for task in TASKS})  # "" = first found
    # per lesion class; negative (MODEL_THRESHOLD) keeps the model card's own, tuned threshold
    thresholds: dict[str, float] = field(default_factory=lambda: {c.name: MODEL_THRESHOLD for c in LESION_CLASSES})
    # per lesion class, the model's own threshold the reader's was set against (AnalysisSettings.threshold_anchors);
    # NO_ANCHOR, as settings saved before anchors read: the reader's is absolute
    threshold_anchors: dict[str, float] = field(default_factory=lambda: {c.name: NO_ANCHOR for c in LESION_CLASSES})
    autosave_s: int = 5  # a pause of this long writes a crash-recovery snapshot (steady work: 3x, CaseSaver)
    reader: str = ""
    analyze_on_open: bool = True  # analyse a case when it is opened and has no AI result yet
    # Report header and fonts (read by app.report.bridge.clinic_from_settings); class colours are DESIGN.md's.
    clinic_name: str = ""
    clinic_address: str = ""  # may span lines
    clinic_logo: str = ""  # PNG/JPEG file; "" for none
    report_cjk_font: str = ""  # TrueType file for Chinese/Japanese/Korean text; "" finds one
    language: str = ""  # interface language ("en", "zh_CN"); "" follows the system locale (app.i18n)
    # View ▸ B-scan at true shape: its pixels drawn and printed to the size its DICOM header records, not square
    bscan_true_shape: bool = False

    def analysis_settings(self) -> AnalysisSettings:
        """The part of the preferences that decides an analysis' models and thresholds."""
        return AnalysisSettings(device=self.device, models=dict(self.models), thresholds=dict(self.thresholds),
                                threshold_anchors=dict(self.threshold_anchors))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "SettingsValues":
        values = cls()
        for key, default in asdict(values).items():
            if key in data:
                value = data[key]
                setattr(values, key, {**default, **value} if isinstance(default, dict) else type(default)(value))
        return values


def own_ini_names() -> tuple[frozenset[str], frozenset[str]]:
    """The [sections] of an INI file of the program's settings, and the keys of its [General] section (QSettings'
    place for keys without a group: SettingsValues' plain fields, under their names of now or of before)."""
    fields = asdict(SettingsValues())
    groups = {key for key, value in fields.items() if isinstance(value, dict)}
    plain = {key for key, value in fields.items() if not isinstance(value, dict)}
    return frozenset({"General", *groups, *KEY_GROUPS, *EARLIER_GROUPS}), frozenset({*plain, *RENAMED_KEYS.values()})


class Settings:
    """Typed access to QSettings; a missing or malformed entry falls back to its default."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else QSettings(ORGANISATION, APPLICATION)

    @classmethod
    def from_file(cls, path: str | Path) -> "Settings":
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def load(self) -> SettingsValues:
        defaults = SettingsValues()
        data: dict[str, Any] = {}
        for key, default in asdict(defaults).items():
            if isinstance(default, dict):
                data[key] = {name: self._read(f"{key}/{name}", value) for name, value in default.items()}
            else:
                data[key] = self._read(key, default)
        return SettingsValues.from_dict(data)

    def save(self, values: SettingsValues) -> None:
        for key, value in asdict(values).items():
            if isinstance(value, dict):
                for name, item in value.items():
                    self.store.setValue(f"{key}/{name}", item)
            else:
                self.store.setValue(key, value)
        self.store.sync()

    def _read(self, key: str, default: Any) -> Any:
        if not self.store.contains(key) and self.store.contains(RENAMED_KEYS.get(key, key)):
            key = RENAMED_KEYS[key]  # saved before the key's rename
        raw = self.store.value(key, default)
        try:
            if isinstance(default, bool):  # ini files give "true"/"false" strings back
                return raw if isinstance(raw, bool) else str(raw).lower() in ("1", "true", "yes")
            return type(default)(raw)
        except (TypeError, ValueError):
            return default

    # recent workspaces --------------------------------------------------------------------------------
    def recent_workspaces(self) -> list[str]:
        return _strings(self.store.value("recent/workspaces", []))[:MAX_RECENT]

    def add_recent_workspace(self, folder: str | Path) -> None:
        folder = str(Path(folder).absolute())
        items = [folder] + [item for item in self.recent_workspaces() if item != folder]
        self.store.setValue("recent/workspaces", items[:MAX_RECENT])
        self.store.sync()

    def last_case(self, folder: str | Path) -> str:
        """The case that was open when ``folder`` was last left ("" if none is known)."""
        return str(self.store.value(_last_case_key(folder), "") or "")

    def save_last_case(self, folder: str | Path, case_id: str) -> None:
        self.store.setValue(_last_case_key(folder), case_id)  # written to disk by QSettings soon, and at exit

    # window geometry ----------------------------------------------------------------------------------
    def window_geometry(self) -> Any:
        """What QWidget.saveGeometry() gave last time, or None."""
        return self.store.value("window/geometry")

    def save_window_geometry(self, geometry: Any) -> None:
        self.store.setValue("window/geometry", geometry)
        self.store.sync()

    def window_state(self) -> Any:
        """What QMainWindow.saveState() gave last time (docks and tool bars), or None."""
        return self.store.value("window/state")

    def save_window_state(self, state: Any) -> None:
        self.store.setValue("window/state", state)
        self.store.sync()

    def case_list_width(self) -> int | None:
        """The width the reader dragged the case list to last time; None if they never did (the window's rule)."""
        width = self._read("window/case_list_width", -1)
        return width if width >= 0 else None

    def save_case_list_width(self, width: int) -> None:
        self.store.setValue("window/case_list_width", width)

    def last_report_language(self) -> str:
        """The report language last chosen in the report dialog; "" when none was (the report follows the interface:
        app.report.text.report_language)."""
        return str(self._read(REPORT_LANGUAGE_KEY, ""))

    def save_report_language(self, language: str) -> None:
        self.store.setValue(REPORT_LANGUAGE_KEY, language)
        self.store.sync()

    def report_reader(self, values: SettingsValues) -> str:
        """The reader a report names unless told another: the Settings' reader, else the name last typed in the
        report dialog (a clinic that never set one typed it into every report)."""
        return values.reader or str(self._read(REPORT_READER_KEY, ""))

    def save_report_reader(self, name: str) -> None:
        self.store.setValue(REPORT_READER_KEY, name)
        self.store.sync()

    def patient_details_shown(self) -> bool:
        """Whether the side panel's patient details were shown (True) or folded into one line last time."""
        return self._read("window/patient_details", True)

    def save_patient_details_shown(self, shown: bool) -> None:
        self.store.setValue("window/patient_details", shown)  # on disk at the event loop's next pass (QSettings)

    # export dialog ------------------------------------------------------------------------------------
    def export_formats(self) -> list[str]:
        """The formats of the last export started (a grades CSV every week need not be picked again); [] if none."""
        return _strings(self.store.value("export/formats", []))

    def save_export_formats(self, formats: list[str]) -> None:
        self.store.setValue("export/formats", list(formats))

    # arbitration dialog -------------------------------------------------------------------------------
    def arbitration_layout(self) -> tuple[QByteArray | None, QByteArray | None]:
        """What ArbitrationDialog.layout_state() gave last time (its geometry, its split); None where unknown."""
        return tuple(_bytes_or_none(self.store.value(key)) for key in ARBITRATION_LAYOUT_KEYS)

    def save_arbitration_layout(self, geometry: QByteArray, split: QByteArray | None) -> None:
        """``split`` None (a dialog without a disagreement map): the split kept stands."""
        for key, value in zip(ARBITRATION_LAYOUT_KEYS, (geometry, split)):
            if value is not None:
                self.store.setValue(key, value)
        self.store.sync()

    # going back from a retrained model -----------------------------------------------------------------
    def replaced_model(self) -> Replaced | None:
        """What the retrained model last used replaced (retrain_going_back.Replaced); None when nothing is kept, or
        what is kept is not one (edited by hand)."""
        fields = {name: str(self.store.value(f"{REPLACED_GROUP}/{name}", "") or "")
                  for name in ("task", "choice", "model", "installed")}
        if fields["task"] not in RETRAINED_TASKS or not fields["installed"]:
            return None
        return Replaced(fields["task"], fields["choice"], fields["model"], Path(fields["installed"]))

    def save_replaced_model(self, replaced: Replaced | None) -> None:
        """Keep ``replaced`` for the next start; None: nothing to go back to any more."""
        self.store.remove(REPLACED_GROUP)
        if replaced is not None:
            for name, value in asdict(replaced).items():
                self.store.setValue(f"{REPLACED_GROUP}/{name}", str(value))
        self.store.sync()

    # annotation tool settings -------------------------------------------------------------------------
    def tool_values(self, defaults: dict[str, Any]) -> dict[str, Any]:
        """The tool settings kept from last time, each of the type of its default (unreadable: the default)."""
        values = {name: self._read(f"tools/{name}", default) for name, default in defaults.items()}
        if "size" in defaults and not self.store.contains("tools/size") and self.store.contains("tools/radius"):
            # kept as a radius before the size became the brush's painted diameter: the same width painted
            values["size"] = round(2 * self._read("tools/radius", defaults["size"] / 2))
        return values

    def save_tool_values(self, values: dict[str, Any]) -> None:
        """Kept at each change: QSettings writes them all at the event loop's next pass, once however many came."""
        for name, value in values.items():
            self.store.setValue(f"tools/{name}", value)


def _bytes_or_none(value: Any) -> QByteArray | None:
    """A stored Qt state, or None for a missing entry or one that is not a state (edited by hand)."""
    return value if isinstance(value, QByteArray) else None


def _strings(raw: Any) -> list[str]:
    """A list QSettings kept, the empty entries left out (an ini file gives a one-item list back as its string)."""
    return [item for item in ([raw] if isinstance(raw, str) else list(raw or [])) if item]


def _last_case_key(folder: str | Path) -> str:
    """One key per folder: its path hashed, as a path's slashes would make QSettings groups."""
    return "last_case/" + hashlib.sha1(str(Path(folder).absolute()).encode()).hexdigest()[:16]
