"""The information Articles 13 and 14 GDPR require, and which clause of a notice gives each piece."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..sources.problems import WARNING, Problem, display_path
from ..sources.yamlsource import load_yaml

COVERAGE_FILE = "gdpr.yml"


@dataclass(frozen=True)
class Element:
    """One piece of required information: stable key, article reference, name per language."""

    key: str
    article: str
    names: dict[str, str]


def _e(key: str, article: str, en: str, ro: str, lv: str) -> Element:
    return Element(key, article, {"en": en, "ro": ro, "lv": lv})


ELEMENTS = [
    _e("controller-identity", "13(1)(a), 14(1)(a)", "Identity and contact details of the controller",
       "Identitatea și datele de contact ale operatorului", "Pārziņa identitāte un kontaktinformācija"),
    _e("dpo-contact", "13(1)(b), 14(1)(b)", "Contact details of the data protection officer",
       "Datele de contact ale responsabilului cu protecția datelor",
       "Datu aizsardzības speciālista kontaktinformācija"),
    _e("purposes", "13(1)(c), 14(1)(c)", "Purposes of the processing", "Scopurile prelucrării", "Apstrādes nolūki"),
    _e("legal-basis", "13(1)(c), 14(1)(c)", "Legal basis for each purpose", "Temeiul juridic al fiecărui scop",
       "Katra nolūka juridiskais pamats"),
    _e("legitimate-interests", "13(1)(d), 14(2)(b)", "Legitimate interests pursued",
       "Interesele legitime urmărite", "Leģitīmās intereses"),
    _e("data-categories", "14(1)(d)", "Categories of personal data", "Categoriile de date cu caracter personal",
       "Personas datu kategorijas"),
    _e("recipients", "13(1)(e), 14(1)(e)", "Recipients or categories of recipients",
       "Destinatarii sau categoriile de destinatari", "Saņēmēji vai saņēmēju kategorijas"),
    _e("third-country-transfers", "13(1)(f), 14(1)(f)", "Transfers outside the EEA and their safeguards",
       "Transferurile în afara SEE și garanțiile lor", "Nosūtīšana ārpus EEZ un tās garantijas"),
    _e("retention", "13(2)(a), 14(2)(a)", "Storage period or the criteria for it",
       "Perioada de stocare sau criteriile de stabilire a acesteia", "Glabāšanas laiks vai tā noteikšanas kritēriji"),
    _e("right-access", "13(2)(b), 14(2)(c)", "Right of access", "Dreptul de acces", "Tiesības piekļūt datiem"),
    _e("right-rectification", "13(2)(b), 14(2)(c)", "Right to rectification", "Dreptul la rectificare",
       "Tiesības labot datus"),
    _e("right-erasure", "13(2)(b), 14(2)(c)", "Right to erasure", "Dreptul la ștergere", "Tiesības dzēst datus"),
    _e("right-restriction", "13(2)(b), 14(2)(c)", "Right to restriction of processing",
       "Dreptul la restricționarea prelucrării", "Tiesības ierobežot apstrādi"),
    _e("right-portability", "13(2)(b), 14(2)(c)", "Right to data portability", "Dreptul la portabilitatea datelor",
       "Tiesības uz datu pārnesamību"),
    _e("right-object", "13(2)(b), 14(2)(c)", "Right to object", "Dreptul la opoziție", "Tiesības iebilst"),
    _e("withdraw-consent", "13(2)(c), 14(2)(d)", "Right to withdraw consent at any time",
       "Dreptul de a retrage oricând consimțământul", "Tiesības jebkurā laikā atsaukt piekrišanu"),
    _e("complaint-supervisory-authority", "13(2)(d), 14(2)(e)",
       "Right to lodge a complaint with a supervisory authority",
       "Dreptul de a depune o plângere la o autoritate de supraveghere",
       "Tiesības iesniegt sūdzību uzraudzības iestādei"),
    _e("statutory-or-contractual-requirement", "13(2)(e)",
       "Whether providing the data is required, and the consequences of not providing it",
       "Dacă furnizarea datelor este obligatorie și consecințele nefurnizării lor",
       "Vai datu sniegšana ir obligāta un kādas ir sekas, ja tos nesniedz"),
    _e("automated-decision-making", "13(2)(f), 14(2)(g)", "Automated decision-making, including profiling",
       "Procesul decizional automatizat, inclusiv crearea de profiluri",
       "Automatizēta lēmumu pieņemšana, arī profilēšana"),
    _e("source-of-data", "14(2)(f)", "Source of the personal data", "Sursa datelor cu caracter personal",
       "Personas datu avots"),
]
ELEMENT_KEYS = [e.key for e in ELEMENTS]


@dataclass
class Coverage:
    """For one company: which clauses give each element, and the elements marked not applicable."""

    path: Path
    shown_as: str
    clauses: dict[str, list[str]]
    not_applicable: dict[str, dict[str, str] | str]

    def clauses_for(self, key: str) -> list[str]:
        """Clause ids that give element `key`, in the order they were declared."""
        return [clause for clause, keys in self.clauses.items() if key in keys]

    def reason(self, key: str, lang: str) -> str | None:
        """Why element `key` does not apply, in `lang`, if it is marked so."""
        reason = self.not_applicable.get(key)
        if isinstance(reason, dict):
            return reason.get(lang) or next(iter(reason.values()), None)
        return reason


def load_coverage(company_dir: Path, clause_ids: list[str], languages: list[str],
                  root: Path | None) -> tuple[Coverage | None, list[Problem]]:
    """Read companies/<id>/gdpr.yml and check it against the notice's clause ids."""
    path = Path(company_dir) / COVERAGE_FILE
    shown = display_path(path, root)
    if not path.exists():
        return None, [Problem(shown, 1, "no GDPR coverage file: list which clause gives each element "
                                        "(see CONTRIBUTING.md, 'GDPR coverage')", WARNING)]
    source = load_yaml(path, shown)
    data = source.data or {}
    if not isinstance(data, dict):
        return None, [Problem(shown, 1, "expected 'clauses:' and 'not_applicable:' mappings "
                                        "(clause-id: [element keys], element-key: reason)")]
    problems: list[Problem] = []
    clauses = data.get("clauses") or {}
    not_applicable = data.get("not_applicable") or {}
    if not isinstance(clauses, dict) or not isinstance(not_applicable, dict):
        line = source.line("clauses" if not isinstance(clauses, dict) else "not_applicable")
        return None, [Problem(shown, line, "expected 'clauses:' and 'not_applicable:' mappings "
                                           "(clause-id: [element keys], element-key: reason)")]
    for clause, keys in clauses.items():
        line = source.line(f"clauses.{clause}")
        if clause not in clause_ids:
            problems.append(Problem(shown, line, f"clause '{clause}' is not in the notice: use one of its clause ids"))
        for key in keys if isinstance(keys, list) else [keys]:
            if key not in ELEMENT_KEYS:
                problems.append(Problem(shown, line, f"'{key}' is not a GDPR element key (one of: "
                                                     f"{', '.join(ELEMENT_KEYS)})"))
    for key, reason in not_applicable.items():
        line = source.line(f"not_applicable.{key}")
        if key not in ELEMENT_KEYS:
            problems.append(Problem(shown, line, f"'{key}' is not a GDPR element key"))
        texts = reason.values() if isinstance(reason, dict) else [reason]
        if not all(isinstance(t, str) and t.strip() for t in texts):
            problems.append(Problem(shown, line, f"'{key}' is marked not applicable without a reason: give one"))
        if isinstance(reason, dict) and set(languages) - set(reason):
            problems.append(Problem(shown, line, f"the reason for '{key}' has no text in "
                                                 f"{sorted(set(languages) - set(reason))}"))
    coverage = Coverage(path, shown, {c: (k if isinstance(k, list) else [k]) for c, k in clauses.items()},
                        not_applicable)
    gaps = [f"{e.key} (Art. {e.article})" for e in ELEMENTS
            if not coverage.clauses_for(e.key) and e.key not in not_applicable]
    if gaps:
        problems.append(Problem(shown, 1, f"the notice does not give {len(gaps)} of the elements Articles 13 and 14 "
                                          f"require: {', '.join(gaps)}. Tell the company; readers are not shown "
                                          f"this list unless company.yml says gdpr_gaps_public: yes", WARNING))
    return coverage, problems
