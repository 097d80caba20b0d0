"""Patient details of a case: the eye suggested from the AI's optic disc, each eye's name, the age from the birth
date and which edit changes it, and what a report should warn about. Cases of one patient are linked by their patient
ID."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from itertools import chain, combinations
from typing import Callable, Iterable, Sequence

from annotations.document import AIResult, CaseDocument, PatientInfo
from annotations.unfinished_reading import unfinished_warnings
from annotations.wording import QT_TRANSLATE_NOOP, Translate, english, fill, join_clauses

EYES = ("OD", "OS")
MAX_AGE = 130  # years: the oldest age a patient field takes (the window's age boxes, `report --age`)
# Photographs of a living retina date from the late 1880s and fundus cameras from the 1920s: an exam date before
# this is a year mistyped (1890 for 1990). Film of the 1950s scanned in is later, so it is only warned of.
EARLIEST_EXAM = date(1900, 1, 1)
# A name a DICOM header writes in both forms (Wang^Xiaoming=王^小明): the language's own first, the other in
# brackets; zh_CN: "{ideographic}（{alphabetic}）"
BOTH_NAMES = QT_TRANSLATE_NOOP("PatientNames", "{alphabetic} ({ideographic})")


def eye_label(eye: str, translate: Translate = english) -> str:
    """"OD (right eye)" / "OS (left eye)" in ``translate``'s language (the patient panel, the report dialog, its
    warnings and the report all name an eye so); anything else as it is."""
    labels = {"OD": translate("Eyes", "OD (right eye)"), "OS": translate("Eyes", "OS (left eye)")}
    return labels.get(eye, eye)


def sex_label(sex: str, translate: Translate = english) -> str:
    """"female" / "male" / "other" for a sex code (F, M, X) in ``translate``'s language, as the report prints it and
    its warnings name it (a Chinese warning said "性别：M 与 F"); anything else as it is."""
    labels = {"F": translate("Report", "female"), "M": translate("Report", "male"), "X": translate("Report", "other")}
    return labels.get(sex.strip().upper(), sex)


def shown_name(patient: PatientInfo, translate: Translate = english) -> str:
    """The patient's name as the patient panel, the report and its file show it, in ``translate``'s language: both
    forms of a name a DICOM header writes alphabetic and ideographic ("Xiaoming Wang (王小明)", in Chinese
    "王小明（Xiaoming Wang）"), else the one it has."""
    if not (patient.name and patient.ideographic_name):
        return patient.name or patient.ideographic_name
    return fill(translate("PatientNames", BOTH_NAMES), alphabetic=patient.name, ideographic=patient.ideographic_name)


def renamed(patient: PatientInfo, typed: str, translations: Iterable[Translate] = ()) -> PatientInfo:
    """``patient`` with the name ``typed`` where a name was shown (shown_name): as recorded where it is the one
    shown, in English or a language of ``translations`` (asked only of a name in two forms); else the typed one
    alone, which replaces both forms."""
    if patient.ideographic_name and any(typed == shown_name(patient, translate)
                                        for translate in chain([english], translations)):
        return patient
    return replace(patient, name=typed, ideographic_name="")


def case_with_eye(file_name: str, eye: str, translate: Translate = english) -> str:
    """"b.png OS (left eye)": one of the patient's cases, by its file and its eye (eye_label); either may be
    missing."""
    return " ".join(part for part in (file_name, eye_label(eye, translate)) if part)


def suggested_eye(ai: AIResult | None, width: int) -> str:
    """"OD" when the AI found the optic disc on the image's right, "OS" on its left, "" when it found none.

    For a standard macula-centred photo viewed from the front the disc lies nasal, on the eye's own side: a disc
    on the right of the image is a right eye. The findings record the side they took (``orientation.eye``)."""
    findings = ai.findings if ai is not None else None
    if findings is None:
        return ""
    taken = findings.orientation.eye if findings.orientation is not None else ""
    for eye in EYES:
        if eye in taken:
            return eye
    disc = findings.optic_disc
    centre = disc.center if disc is not None and disc.found else None
    if not centre or width <= 0:
        return ""
    return "OD" if float(centre[0]) > width / 2 else "OS"


# A date written year first, as forms and Chinese clinics write it (1958/3/12, 1958.3.12, 1958年3月12日, 1958年3月12号,
# 1958-3-12; full-width digits and separators too, as an input method in full-width mode types them): read as that
# date. A day-first 03/12/1958 means another day in another clinic: not read.
_YEAR_FIRST = re.compile(r"(\d{4})\s*[-/.年－／．。]\s*(\d{1,2})\s*[-/.月－／．。]\s*(\d{1,2})\s*[日号]?")


def written_date(text: str) -> str:
    """``text`` as an ISO date where it names one (read_date: 19580312 too) or one written year first (_YEAR_FIRST),
    else as typed (stripped): what a typed birth or exam date is recorded as, so that the age follows from it and a
    DICOM header can hold it."""
    read = read_date(text)
    if read is not None:
        return read.isoformat()
    found = _YEAR_FIRST.fullmatch(text.strip())
    if found:
        try:
            return date(*(int(part) for part in found.groups())).isoformat()
        except ValueError:  # 1958/2/30
            pass
    return text.strip()


def names_no_date(text: str) -> bool:
    """Whether typed date ``text`` is there but names no date, even as written_date reads it (03/12/1958: which
    day?): printed as typed, it gives no age and no DICOM date."""
    return bool(text.strip()) and read_date(written_date(text)) is None


def read_date(text: str) -> date | None:
    """The ISO date ``text`` names ("1960-02-15"), None when it names none."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def age_on(birth_date: str, on: str = "") -> int | None:
    """Whole years from an ISO ``birth_date`` to the ISO date ``on`` (today when empty); None when unreadable or no
    patient's age (born after that day, or older than MAX_AGE: date_checks says which)."""
    return patient_age(_years(birth_date, on))


def patient_age(years: int | None) -> int | None:
    """``years`` where a patient can be that old (0..MAX_AGE), else None: the one rule for an age computed from the
    dates (age_on) and one a DICOM header states (its PatientAge "174Y" beside a birth date of 1850)."""
    return years if years is not None and 0 <= years <= MAX_AGE else None


def date_checks(birth_date: str, exam_date: str, translate: Translate = english, today: date | None = None
                ) -> list[str]:
    """What no patient's dates can be: a birth date after the exam date, or either in the future (``today``: the
    computer's date where None), a year mistyped (2062 for 1962); a birth date more than MAX_AGE years before the
    exam (today without one), or an exam date before EARLIEST_EXAM (1890 for 1990). The age then follows from
    neither (age_on gives none), so a report printed "born 1 Jan 2030" beside an exam of 2024, or an age of 174,
    unremarked. One text each, worded by ``translate`` (the report dialog's and `report`'s warnings, the patient
    panel's red date): warnings, not refusals, as old records are kept as recorded; [] where all is well or a date
    is unreadable (unreadable_dates says that)."""
    today = today or date.today()
    born, exam = read_date(birth_date), read_date(exam_date)
    found = []
    if born is not None and exam is not None and born > exam:
        found.append(translate("ReportWarnings", "The birth date {birth} is after the exam date {exam}: check "
                                                 "both").format(birth=born.isoformat(), exam=exam.isoformat()))
    elif born is not None and born > today:
        found.append(translate("ReportWarnings", "The birth date {birth} is in the future: check it").format(
            birth=born.isoformat()))
    elif born is not None and exam is not None and exam <= today and (_years(birth_date, exam_date) or 0) > MAX_AGE:
        found.append(translate("ReportWarnings", "The birth date {birth} is more than {years} years before the "
                                                 "exam date {exam}: check both").format(
            birth=born.isoformat(), years=MAX_AGE, exam=exam.isoformat()))
    elif born is not None and exam is None and (_years(birth_date, today.isoformat()) or 0) > MAX_AGE:
        found.append(translate("ReportWarnings", "The birth date {birth} is more than {years} years ago: check "
                                                 "it").format(birth=born.isoformat(), years=MAX_AGE))
    if exam is not None and exam > today:
        found.append(translate("ReportWarnings", "The exam date {exam} is in the future: check it").format(
            exam=exam.isoformat()))
    elif exam is not None and exam < EARLIEST_EXAM:
        found.append(translate("ReportWarnings", "The exam date {exam} is before {year}: check its year").format(
            exam=exam.isoformat(), year=EARLIEST_EXAM.year))
    return found


def reported_age(patient: PatientInfo) -> int | None:
    """The age a report prints: the one recorded, else the birth date's on the exam date (today without one)."""
    return patient.age if patient.age is not None else age_on(patient.birth_date, patient.exam_date)


def edited_age(recorded: PatientInfo, edited: PatientInfo, age_typed: bool) -> int | None:
    """The age once the reader edited the patient's fields into ``edited`` (its age: the age field's).

    An age the reader typed (``age_typed``) stands. Else a birth or exam date the reader changed gives the age on
    the exam date (today without one), where the birth date is readable; none where no patient has it, born after
    that day or more than MAX_AGE years before (date_checks: the age recorded before printed "64 years (born 1 Jan
    2030)"). Else the recorded age stays, though the birth date gives another: a DICOM header's age at an exam it has
    no date of, an anonymised birth date's 1 January, a birth date typed a year ago with no exam date; only the
    reader changes a patient's age."""
    if age_typed:
        return edited.age
    if (edited.birth_date, edited.exam_date) != (recorded.birth_date, recorded.exam_date):
        computed = age_on(edited.birth_date, edited.exam_date)
        if computed is not None or _years(edited.birth_date, edited.exam_date) is not None:  # none a patient has
            return computed
    return recorded.age


def reported_edited_age(recorded: PatientInfo, edited: PatientInfo, age_typed: bool) -> int | None:
    """The age a report prints once the reader edited the patient's fields into ``edited`` (its age: the age
    field's): one typed as typed (None: "not recorded" chosen, none printed), else edited_age's, else the dates'
    (reported_age). The report dialog's age follows its exam date so, and `report`'s its dates given."""
    if age_typed:
        return edited.age
    return reported_age(replace(edited, age=edited_age(recorded, edited, age_typed=False)))


def _years(birth_date: str, on: str) -> int | None:
    """Whole years from the ISO ``birth_date`` to the ISO date ``on`` (today when empty), negative where born after
    it, however many (age_on keeps those a patient can have); None when either is unreadable."""
    born, day = _born_and_day(birth_date, on)
    if born is None or day is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _born_and_day(birth_date: str, on: str) -> tuple[date | None, date | None]:
    """The dates an age is counted between (age_on): the birth date and ``on``, today when empty."""
    return read_date(birth_date), read_date(on) if on.strip() else date.today()


def half_typed_date(recorded: PatientInfo, edited: PatientInfo) -> bool:
    """Whether the reader changed a date into text naming no date ("1960-02"): still being typed, so a pause in the
    typing does not record it (leaving the field records it as typed)."""
    return any(typed.strip() and typed != before and read_date(typed) is None
               for typed, before in ((edited.birth_date, recorded.birth_date), (edited.exam_date, recorded.exam_date)))


def case_patient_field(recorded: str | None, header: str | None) -> str:
    """A patient field of the case (its patient ID, its eye): the one the reader recorded (None: none, the case was
    never saved nor edited), else the one its image header (DICOM) carries, so a DICOM case is listed with its
    patient and eye, and linked, before it is ever saved. A recorded value wins even when empty: a DICOM case opens
    with its header's, which the reader may clear."""
    return ((header if recorded is None else recorded) or "").strip()


def guessed_eye(doc: CaseDocument) -> str:
    """The eye a report prefills from the AI where the case records none (suggested_eye); "" where one is recorded
    or the AI suggests none: the report's eye and its warning about a guessed one follow this one rule."""
    return "" if doc.patient.eye else suggested_eye(doc.ai, doc.width)


def patient_key(patient_id: str | None) -> str:
    """What two patient IDs must share to name one patient (case and surrounding spaces aside); "" links nothing."""
    return (patient_id or "").strip().casefold()


def other_patients(patients: Sequence[PatientInfo], translate: Translate = english) -> list[str]:
    """The patients of a report's cases where they are more than one (patient_labels: by ID, else by name as
    ``translate`` shows it), sorted; [] where they are one: a report covers one patient (the report dialog had
    printed one patient's left eye under another's name). Two cases name other patients by other IDs (patient_key);
    where either has no ID, by other names (case and spaces aside; in their forms, _other_names): a photo of John
    Smith and one of Jane Doe, neither with an ID, went into one report. One ID under two spellings of a name is one
    patient (detail_differences warns of it)."""
    found = {label for a, b in combinations(patients, 2) if _other_patient(a, b)
             for label in patient_labels(a, b, translate)}
    return sorted(found)


def patient_labels(a: PatientInfo, b: PatientInfo, translate: Translate = english) -> tuple[str, str]:
    """How a message names two cases' patients apart: by their IDs where both have one, else by their names as shown
    (shown_name, in ``translate``'s language: Xiaoming Wang (王小明) beside Xiaoming Wang (王晓明); where the names
    told them apart, "patient P1" beside "patient Jane Doe" hid the name that differs), each falling back on the
    other if it has none."""
    if a.patient_id.strip() and b.patient_id.strip():
        return a.patient_id.strip(), b.patient_id.strip()
    names = [shown_name(patient, translate).strip() or patient.patient_id.strip() for patient in (a, b)]
    return names[0], names[1]


def _other_patient(a: PatientInfo, b: PatientInfo) -> bool:
    ids = patient_key(a.patient_id), patient_key(b.patient_id)
    if all(ids):
        return ids[0] != ids[1]
    return _other_names(a, b, _name_key)


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _other_names(a: PatientInfo, b: PatientInfo, key: Callable[[str], str]) -> bool:
    """Whether the names of ``a`` and ``b``, both recorded, name other people, each form compared by its ``key``.
    A name in both forms and one in either alone (a device writing 王^小明 only) name one person where they share a
    form: Xiaoming Wang (王小明) and 王小明 were two patients. Two in both forms must agree in both: Xiaoming Wang
    (王小明) and Xiaoming Wang (王晓明) are two, as 王小明 and 王晓明 are."""
    (alphabetic_a, ideographic_a), (alphabetic_b, ideographic_b) = (
        (key(patient.name), key(patient.ideographic_name)) for patient in (a, b))
    if not ((alphabetic_a or ideographic_a) and (alphabetic_b or ideographic_b)):
        return False
    if ideographic_a and ideographic_b:
        return (alphabetic_a, ideographic_a) != (alphabetic_b, ideographic_b)
    shared = {alphabetic_a, ideographic_a} & {alphabetic_b, ideographic_b}
    return not shared - {""}


# The patient details two cases of one patient must agree on (the report prints the first case's).
COMPARED_DETAILS = ("name", "birth_date", "sex")


def detail_differences(patients: Sequence[PatientInfo], translate: Translate = english) -> list[str]:
    """Where the cases of a report record other patient details than its first case (COMPARED_DETAILS, each
    recorded on both): "name 王小明 vs 王晓明", one text each, worded by ``translate``. A correction typed on one eye
    stays on that case, so the report printed the details of whichever eye was open."""
    labels = {"name": translate("ReportWarnings", "name"), "birth_date": translate("ReportWarnings", "birth date"),
              "sex": translate("ReportWarnings", "sex")}
    first, found = patients[0], []
    for patient in patients[1:]:
        for field in COMPARED_DETAILS:
            ours, theirs = getattr(first, field).strip(), getattr(patient, field).strip()
            if field == "name":  # in its forms (_other_names), as shown
                differ = _other_names(first, patient, str.strip)
                ours, theirs = shown_name(first, translate).strip(), shown_name(patient, translate).strip()
            else:
                differ = bool(ours and theirs and ours != theirs)
            if field == "sex":
                ours, theirs = sex_label(ours, translate), sex_label(theirs, translate)
            if differ:
                found.append(translate("ReportWarnings", "{field} {first} vs {other}").format(
                    field=labels[field], first=ours, other=theirs))
    return found


def corrected_details(recorded: PatientInfo, printed: PatientInfo) -> dict[str, str]:
    """The compared details (COMPARED_DETAILS) the report prints otherwise than ``recorded``, the first case's,
    which the report dialog is prefilled with: the reader's corrections, each given to every case, as `report
    --patient-name` gives its own, so a detail corrected is no longer said to differ, nor to print as the first case
    records it."""
    written = {"birth_date": written_date}  # as the dialog reads what it holds (ReportDialog.fields)
    return {field: getattr(printed, field) for field in COMPARED_DETAILS
            if written.get(field, str.strip)(getattr(printed, field)) !=
            written.get(field, str.strip)(getattr(recorded, field))}


def unreadable_dates(birth_date: str, exam_date: str, translate: Translate = english) -> list[str]:
    """A birth or exam date a report prints that names no date (03/12/1958: which day?): printed as written, with
    no age from it and none in a DICOM header. The patient panel records such a date as typed (and marks it red),
    so the report dialog and `report` warn of it, one text each, worded by ``translate``."""
    labels = {"birth": translate("ReportWarnings", "birth date"), "exam": translate("ReportWarnings", "exam date")}
    return [translate("ReportWarnings", "The {field} \"{date}\" is not a date this program can read: the "
                                        "report prints it as written, with no age from it; write it "
                                        "YYYY-MM-DD").format(field=labels[field], date=text.strip())
            for field, text in (("birth", birth_date), ("exam", exam_date))
            if names_no_date(text)]


def eye_disagreements(eye: str, doc: CaseDocument, header_eye: str = "", translate: Translate = english
                      ) -> list[str]:
    """Where the report prints ``eye`` for the case (recorded by the reader, or its image header's) against what
    else says which eye it is: the eye its image header (DICOM laterality) records, ``header_eye``; the side the
    AI found the optic disc on (suggested_eye): "OD (right eye) is recorded, but …", one text each. The recorded eye
    is still the one printed (a header may be wrong, and the AI's side is a guess, which a disc-centred or mirrored
    photo misleads), but a clinical report must not hide the contradiction: the report prints these beside the eye,
    the report dialog warns with them. None where they agree, or either is unknown."""
    if eye not in EYES:
        return []
    found = []
    if header_eye in EYES and header_eye != eye:
        found.append(translate("ReportWarnings", "{eye} is recorded, but the image's DICOM header records "
                                                 "{header}: check which eye this image is").format(
            eye=eye_label(eye, translate), header=eye_label(header_eye, translate)))
    suggested = suggested_eye(doc.ai, doc.width)
    if suggested in EYES and suggested != eye:
        found.append(translate("ReportWarnings", "{eye} is recorded, but where the AI found the optic disc suggests "
                                                 "{suggested}: check which eye this image is").format(
            eye=eye_label(eye, translate), suggested=eye_label(suggested, translate)))
    return found


def files_apart_from_images(patient_id: str, header_ids: Sequence[str]) -> bool:
    """Whether a report whose patient ID is ``patient_id`` is filed as a DICOM study of its own, not in its images'
    study: where the ID is not the one an image's DICOM header records (``header_ids``, "" where none: a reader's
    correction). An archive keys a study by its patient, and refuses or quarantines an object that names another
    patient in a study it holds (annotations.dicom.report_object)."""
    return any(header.strip() and header.strip() != patient_id.strip() for header in header_ids)


def report_warnings(docs: Sequence[CaseDocument], names: Sequence[str], ai_eyes: Sequence[bool],
                    translate: Translate = english, eyes: Sequence[str] | None = None,
                    header_eyes: Sequence[str] | None = None, unsettled: Sequence[bool] | None = None,
                    patient_id: str | None = None, header_ids: Sequence[str] = (), exam_date: str | None = None,
                    birth_date: str | None = None, patient_name: str | None = None, sex: str | None = None,
                    recovered: Sequence[bool] | None = None) -> list[str]:
    """What the reader should know before a report leaves the building: ungraded or unfinished cases
    (unfinished_warnings, which the `report` command says too; ``recovered``, one per case: its labels hold a crash's
    edits recovered and not checked since), eyes printed as the AI guessed them (``ai_eyes``, one
    per case: the report dialog's eye is still its prefill from guessed_eye) and eyes printed against the image header's
    or the AI's side (eye_disagreements of ``eyes``, the eyes the report prints, one per case, by default those
    recorded; ``header_eyes``, the eyes their image headers record, by default none), grades that are no consensus in
    double reading (``unsettled``, one per case: a reader's own reading, or a case its readers have not settled; a
    patient must not be told an overruled grade), a patient ID (``patient_id``, the one printed) not the one the images'
    DICOM headers record (``header_ids``), a birth date the report prints (``birth_date``) that date_checks finds
    impossible with the exam date printed (``exam_date``; each by default the first case's) or either unreadable
    (unreadable_dates), patient details the cases record differently (detail_differences) but those the reader corrected
    (corrected_details of ``patient_name``, ``birth_date`` and ``sex``, those printed), worded by ``translate`` (the
    report dialog passes Qt's; catalogue "report"), each case by its name in ``names``, as every message names it
    (annotations.case_names; the window names its cases from the case list, without reading a file)."""
    warnings = []
    printed = list(eyes) if eyes is not None else [doc.patient.eye for doc in docs]
    headers = list(header_eyes) if header_eyes is not None else [""] * len(docs)
    for doc, name, from_ai, eye, header, open_case, unchecked in zip(
            docs, names, ai_eyes, printed, headers, unsettled or [False] * len(docs), recovered or [False] * len(docs),
            strict=True):
        if open_case:
            warnings.append(translate("ReportWarnings", "{case}: the grade printed is not the consensus of the double "
                                                        "reading (a reader's own, or the readers have not settled "
                                                        "it); the arbiter's window reports the consensus").format(
                case=name))
        warnings += unfinished_warnings(doc, name, translate, unchecked)
        guessed = guessed_eye(doc)
        if from_ai and guessed:  # a wrong eye must not pass unseen
            warnings.append(translate("ReportWarnings", "{case}: the eye is not recorded; {eye} is the AI's guess "
                                                        "from where it found the optic disc, check it").format(
                case=name, eye=eye_label(guessed, translate)))
        warnings += [translate("ReportWarnings", "{case}: {check}").format(case=name, check=check)
                     for check in eye_disagreements(eye, doc, header, translate)]
    first = docs[0].patient
    given = (("name", patient_name), ("birth_date", birth_date), ("sex", sex))
    corrected = corrected_details(first, replace(first, **{field: text for field, text in given if text is not None}))
    if "name" in corrected:  # a name typed replaces both forms (renamed)
        corrected["ideographic_name"] = ""
    differences = detail_differences([replace(doc.patient, **corrected) for doc in docs], translate)
    if differences:
        warnings.append(translate("ReportWarnings", "The cases record different patient details ({differences}): "
                                                    "the report prints those of {case}, check them").format(
            differences=join_clauses(differences, translate), case=names[0]))
    printed_birth = first.birth_date if birth_date is None else birth_date
    printed_exam = first.exam_date if exam_date is None else exam_date
    warnings += date_checks(printed_birth, printed_exam, translate)
    warnings += unreadable_dates(printed_birth, printed_exam, translate)
    if patient_id is not None and files_apart_from_images(patient_id, header_ids):
        warnings.append(translate("ReportWarnings", "The patient ID is not the one in the images' DICOM header "
                                                    "({header}): a DICOM report is filed as a study of its own, not "
                                                    "with the images (an archive refuses a study of two patients)"
                                  ).format(header=", ".join(dict.fromkeys(h.strip() for h in header_ids if h.strip()))))
    return warnings
