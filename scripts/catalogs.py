"""Translation catalogues of Knotenpunkt: extract, fill, compile and check.

Run from the repository root:

    .venv/bin/python scripts/catalogs.py update   # `make messages`: needs GNU gettext
    .venv/bin/python scripts/catalogs.py check    # `make catalog-check`: what CI runs
    .venv/bin/python scripts/catalogs.py stats    # translated entries per language
    .venv/bin/python scripts/catalogs.py missing > todo.json   # what lacks a translation
    .venv/bin/python scripts/catalogs.py fill todo.json        # write translations, compile

msgids are English (Django convention), so a language without a translation falls back to
English. German (LANGUAGE_CODE) and English must be complete; every language in
KNOTENPUNKT_COMPLETE_LANGUAGES is held to that. English needs no translator: `update` copies
each msgid into its empty msgstr.

`update` runs makemessages for the `django` domain over the `knotenpunkt` package only
(no JavaScript strings exist yet; add the `djangojs` domain here when they do), with
--no-obsolete, file-only locations and no wrapping, so a diff shows what changed and nothing
else. It then fills English, normalises the headers (Plural-Forms per language, below) and
compiles every .po to .mo with polib: the .mo files are committed, `make run` needs no gettext.

`check` fails, saying what is wrong, when
  (a) `update` would change a .po (it runs makemessages into a temporary copy and compares;
      header dates are ignored),
  (b) a German or English entry is untranslated or fuzzy,
  (c) a .mo is missing or out of date relative to its .po,
  (d) a translation's placeholders (%(name)s, %s, {name}) or HTML markup differ from the msgid's,
  (e) a catalogue is missing or its Plural-Forms header is not the one below.
"""

import argparse
import difflib
import os
import re
import shutil
import sys
import tempfile
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

import polib

REPO_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = REPO_DIR / "knotenpunkt"
LOCALE_DIR = PACKAGE_DIR / "locale"
DOMAIN = "django"
SOURCE_LANGUAGE = "en"  # the language of the msgids
# Relative to the package; .venv, node_modules and var lie outside it, listed for safety.
IGNORE_PATTERNS = ["static/vendor/*", "node_modules/*", "var/*", ".venv/*", "locale/*"]
HEADER_DATES = ("POT-Creation-Date", "PO-Revision-Date")

# Plural rules as in the GNU gettext manual / CLDR for whole numbers. Add a line here when a
# language joins settings.LANGUAGES.
PLURAL_FORMS = {
    "de": "nplurals=2; plural=(n != 1);",
    "en": "nplurals=2; plural=(n != 1);",
    "tr": "nplurals=2; plural=(n != 1);",
    "fa": "nplurals=2; plural=(n > 1);",
    "ar": (
        "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
        "n%100>=11 && n%100<=99 ? 4 : 5);"
    ),
    "ru": (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);"
    ),
    "uk": (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);"
    ),
}
HEADER_COMMENT = (
    "Knotenpunkt – translation catalogue: {name} ({code}).\n"
    "This file is distributed under the same licence as Knotenpunkt (EUPL-1.2).\n"
    "msgids are English. Created and updated by `make messages` (scripts/catalogs.py)."
)

# %(name)s, %s, %d ... ("%%" is a literal percent sign), {name} / {} (python-brace-format).
NAMED_PERCENT = re.compile(r"%\((\w+)\)[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
POSITIONAL_PERCENT = re.compile(r"%[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
BRACE = re.compile(r"(?<!\{)\{(\w*)\}(?!\})")
TAG = re.compile(r"</?[a-zA-Z][^<>]*>")


def setup_django():
    sys.path.insert(0, str(REPO_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "knotenpunkt.config.settings.dev")
    import django

    django.setup()


def languages():
    """The language codes of settings.LANGUAGES, and the ones that must be complete."""
    from django.conf import settings

    codes = [code for code, _name in settings.LANGUAGES]
    missing = [code for code in codes if code not in PLURAL_FORMS]
    if missing:
        sys.exit(f"catalogs.py: add the Plural-Forms of {', '.join(missing)} to PLURAL_FORMS.")
    complete = list(getattr(settings, "KNOTENPUNKT_COMPLETE_LANGUAGES", [settings.LANGUAGE_CODE]))
    for code in (settings.LANGUAGE_CODE, SOURCE_LANGUAGE):
        if code not in complete:
            complete.append(code)
    return codes, complete


def po_path(locale_dir, code):
    return Path(locale_dir) / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def load(path):
    # wrapwidth=0: one line per string (lines break only after "\n"), like --no-wrap.
    return polib.pofile(str(path), wrapwidth=0)


def nplurals(code):
    return int(re.search(r"nplurals\s*=\s*(\d+)", PLURAL_FORMS[code]).group(1))


def live_entries(po):
    return [entry for entry in po if not entry.obsolete]


def key(entry):
    return (entry.msgctxt or "", entry.msgid)


def describe(entry, width=70):
    text = entry.msgid.replace("\n", "\\n")
    if len(text) > width:
        text = text[: width - 1] + "…"
    where = f"  [{entry.occurrences[0][0]}]" if entry.occurrences else ""
    context = f" (context {entry.msgctxt!r})" if entry.msgctxt else ""
    return f'"{text}"{context}{where}'


def translations(entry):
    """The msgstr values of an entry: one, or one per plural form."""
    if entry.msgid_plural:
        return [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def is_translated(entry):
    return all(translations(entry)) and "fuzzy" not in entry.flags


@contextmanager
def working_directory(path):
    previous = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


# --- update -------------------------------------------------------------------------------


def run_makemessages(package_dir, codes):
    """Extract the strings of `package_dir` into `package_dir`/locale with makemessages."""
    from django.conf import settings
    from django.core.management import CommandError, call_command

    previous = settings.LOCALE_PATHS
    settings.LOCALE_PATHS = [str(Path(package_dir) / "locale")]
    try:
        with working_directory(package_dir):
            call_command(
                "makemessages",
                locale=codes,
                domain=DOMAIN,
                ignore_patterns=IGNORE_PATTERNS,
                no_obsolete=True,
                add_location="file",
                no_wrap=True,
                verbosity=0,
            )
    except CommandError as error:
        sys.exit(f"catalogs.py: makemessages failed: {error}\nIs GNU gettext installed?")
    finally:
        settings.LOCALE_PATHS = previous


def normalise(po, code, previous):
    """Headers, plural slots and (for English) msgstr = msgid; keeps diffs to real changes."""
    from django.conf.locale import LANG_INFO

    name = LANG_INFO.get(code, {}).get("name", code)
    if not po.header or po.header.startswith("SOME DESCRIPTIVE TITLE"):
        po.header = HEADER_COMMENT.format(name=name, code=code)
    po.metadata_is_fuzzy = False
    po.metadata.update(
        {
            "Project-Id-Version": "Knotenpunkt",
            "Report-Msgid-Bugs-To": "",
            "Language": code,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": PLURAL_FORMS[code],
        }
    )
    # Replace xgettext's template values; translators' tools may set their own later.
    if po.metadata.get("Language-Team", "").startswith("LANGUAGE"):
        po.metadata["Language-Team"] = name
    if po.metadata.get("Last-Translator", "").startswith("FULL NAME"):
        po.metadata["Last-Translator"] = "Knotenpunkt"
    forms = nplurals(code)
    for entry in live_entries(po):
        if entry.msgid_plural:
            entry.msgstr_plural = {i: entry.msgstr_plural.get(i, "") for i in range(forms)}
        if code == SOURCE_LANGUAGE and not is_translated(entry):
            if entry.msgid_plural:
                entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
            else:
                entry.msgstr = entry.msgid
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    # The creation date changes only when the extracted strings do.
    if previous is not None and extracted(previous) == extracted(po):
        for name in HEADER_DATES:
            if name in previous.metadata:
                po.metadata[name] = previous.metadata[name]


def extracted(po):
    return [
        (entry.msgctxt, entry.msgid, entry.msgid_plural, entry.occurrences)
        for entry in live_entries(po)
    ]


def update_catalogs(package_dir, codes, compile_mo=True):
    locale_dir = Path(package_dir) / "locale"
    previous = {}
    for code in codes:
        path = po_path(locale_dir, code)
        previous[code] = load(path) if path.exists() else None
    run_makemessages(package_dir, codes)
    for code in codes:
        path = po_path(locale_dir, code)
        po = load(path)
        normalise(po, code, previous[code])
        po.save(str(path))
        if compile_mo:
            mo = path.with_suffix(".mo")
            binary = load(path).to_binary()  # polib's save_as_mofile, but only if changed
            if not mo.exists() or mo.read_bytes() != binary:
                mo.write_bytes(binary)


def command_update(args):
    setup_django()
    codes, _complete = languages()
    update_catalogs(PACKAGE_DIR, codes)
    print(f"Updated and compiled {len(codes)} catalogues in {LOCALE_DIR.relative_to(REPO_DIR)}.")
    print_stats(codes)
    return 0


# --- check --------------------------------------------------------------------------------


class Report:
    def __init__(self):
        self.problems = {}

    def add(self, code, heading, lines=()):
        self.problems.setdefault((code, heading), []).extend(lines)

    def __bool__(self):
        return bool(self.problems)

    def print(self, limit=25):
        # The same finding for several languages (a new string, say) is printed once.
        grouped = {}
        for (code, heading), lines in self.problems.items():
            grouped.setdefault((heading, tuple(lines)), []).append(code)
        for (heading, lines), codes in grouped.items():
            print(f"\n[{', '.join(codes)}] {heading}", file=sys.stderr)
            for line in lines[:limit]:
                print(f"    {line}", file=sys.stderr)
            if len(lines) > limit:
                print(f"    … and {len(lines) - limit} more", file=sys.stderr)


def copy_package(target):
    def ignore(directory, names):
        relative = Path(directory).relative_to(PACKAGE_DIR).as_posix()
        skipped = {"__pycache__", "node_modules"}
        if relative == "static":
            skipped.add("vendor")
        return [n for n in names if n in skipped or n.endswith((".pyc", ".mo"))]

    shutil.copytree(PACKAGE_DIR, target, ignore=ignore)


def comparable_text(path):
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if not line.startswith(tuple(f'"{h}:' for h in HEADER_DATES))]


def check_stale(codes, report):
    """(a) Would `update` change a .po? Runs it on a temporary copy of the package."""
    with tempfile.TemporaryDirectory(prefix="knotenpunkt-catalogs-") as tmp:
        copy = Path(tmp) / "knotenpunkt"
        copy_package(copy)
        update_catalogs(copy, codes, compile_mo=False)
        for code in codes:
            committed_path, fresh_path = po_path(LOCALE_DIR, code), po_path(copy / "locale", code)
            if not committed_path.exists():
                continue  # reported by check_present
            committed, fresh = load(committed_path), load(fresh_path)
            old = {key(e): e for e in live_entries(committed)}
            new = {key(e): e for e in live_entries(fresh)}
            added = [describe(new[k]) for k in new if k not in old]
            removed = [describe(old[k]) for k in old if k not in new]
            if added:
                report.add(code, "strings in the code that the catalogue lacks:", added)
            if removed:
                report.add(code, "strings in the catalogue that the code no longer uses:", removed)
            changed = [
                describe(new[k])
                for k in new
                if k in old
                and (translations(new[k]), new[k].flags) != (translations(old[k]), old[k].flags)
            ]
            if changed:
                report.add(code, "entries that `update` would change (msgstr or flags):", changed)
            moved = [
                describe(new[k])
                for k in new
                if k in old and new[k].occurrences != old[k].occurrences
            ]
            if moved:
                report.add(code, "strings now used in other files (#: lines would change):", moved)
            if not (added or removed or changed or moved):
                diff = list(
                    difflib.unified_diff(
                        comparable_text(committed_path),
                        comparable_text(fresh_path),
                        str(committed_path.relative_to(REPO_DIR)),
                        "after `make messages`",
                        lineterm="",
                        n=1,
                    )
                )
                if diff:
                    report.add(code, "the file would change (locations, headers or layout):", diff)


def check_present(codes, report):
    """(e) Every language has a catalogue with the right Plural-Forms and plural slots."""
    for code in codes:
        path = po_path(LOCALE_DIR, code)
        if not path.exists():
            report.add(code, f"{path.relative_to(REPO_DIR)} is missing.")
            continue
        po = load(path)
        if po.metadata.get("Plural-Forms") != PLURAL_FORMS[code]:
            report.add(
                code,
                "wrong Plural-Forms header:",
                [
                    f"is:        {po.metadata.get('Plural-Forms')}",
                    f"should be: {PLURAL_FORMS[code]}",
                ],
            )
        forms = nplurals(code)
        wrong = [
            describe(e)
            for e in live_entries(po)
            if e.msgid_plural and sorted(e.msgstr_plural) != list(range(forms))
        ]
        if wrong:
            report.add(code, f"plural entries without exactly {forms} msgstr[n]:", wrong)


def check_complete(complete, report):
    """(b) German, English (and every complete language) translated, nothing fuzzy."""
    for code in complete:
        path = po_path(LOCALE_DIR, code)
        if not path.exists():
            continue
        po = load(path)
        fuzzy = [describe(e) for e in live_entries(po) if "fuzzy" in e.flags]
        empty = [describe(e) for e in live_entries(po) if not all(translations(e))]
        if fuzzy:
            report.add(
                code, "fuzzy entries (check the translation, then remove '#, fuzzy'):", fuzzy
            )
        if empty:
            report.add(code, "untranslated entries:", empty)


def mo_entries(mo):
    return {key(e): (e.msgid_plural, tuple(translations(e))) for e in mo if e.msgid}, dict(
        mo.metadata
    )


def check_compiled(codes, report):
    """(c) Every .mo matches what polib compiles from its .po."""
    with tempfile.TemporaryDirectory(prefix="knotenpunkt-mo-") as tmp:
        for code in codes:
            path = po_path(LOCALE_DIR, code)
            if not path.exists():
                continue
            mo_path = path.with_suffix(".mo")
            relative = mo_path.relative_to(REPO_DIR)
            if not mo_path.exists():
                report.add(code, f"{relative} is missing: run `make messages`.")
                continue
            fresh_path = Path(tmp) / f"{code}.mo"
            load(path).save_as_mofile(str(fresh_path))
            try:
                committed = mo_entries(polib.mofile(str(mo_path)))
            except (OSError, ValueError) as error:
                report.add(code, f"{relative} cannot be read ({error}): run `make messages`.")
                continue
            fresh = mo_entries(polib.mofile(str(fresh_path)))
            if committed != fresh:
                old, new = committed[0], fresh[0]
                lines = [
                    f"msgid {k[1][:60]!r}: translated, not compiled" for k in new if k not in old
                ]
                lines += [
                    f"msgid {k[1][:60]!r}: compiled, but no longer translated in the .po"
                    for k in old
                    if k not in new
                ]
                lines += [
                    f"msgid {k[1][:60]!r}: translation differs"
                    for k in new
                    if k in old and new[k] != old[k]
                ]
                if committed[1] != fresh[1]:
                    lines.append("header differs")
                report.add(code, f"{relative} is out of date: run `make messages`.", lines)


def placeholders(text):
    plain = text.replace("%%", "")
    named = set(NAMED_PERCENT.findall(plain))
    positional = len(POSITIONAL_PERCENT.findall(NAMED_PERCENT.sub("", plain)))
    braces = Counter(BRACE.findall(text.replace("{{", "").replace("}}", "")))
    return named, positional, braces


def check_placeholders(codes, report):
    """(d) Placeholders and markup of each translation match the msgid's."""
    for code in codes:
        path = po_path(LOCALE_DIR, code)
        if not path.exists():
            continue
        po = load(path)
        problems = []
        for entry in live_entries(po):
            sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
            wanted = [placeholders(text) for text in sources]
            wanted_tags = Counter(TAG.findall(entry.msgid))
            for index, text in enumerate(translations(entry)):
                if not text:
                    continue
                named, positional, braces = placeholders(text)
                label = f"msgstr[{index}]" if entry.msgid_plural else "msgstr"
                if entry.msgid_plural:
                    # A plural form may leave out the count ("one day", "يوم واحد").
                    all_named = set().union(*(w[0] for w in wanted))
                    ok = named <= all_named and positional <= max(w[1] for w in wanted)
                    ok = ok and set(braces) <= set().union(*(set(w[2]) for w in wanted))
                else:
                    ok = (named, positional, set(braces)) == (
                        wanted[0][0],
                        wanted[0][1],
                        set(wanted[0][2]),
                    )
                if not ok:
                    problems.append(f"{describe(entry)}: {label} has other placeholders")
                if Counter(TAG.findall(text)) != wanted_tags:
                    problems.append(f"{describe(entry)}: {label} has other HTML markup")
            if entry.msgid_plural and all(translations(entry)):
                used = set().union(*(placeholders(t)[0] for t in translations(entry)))
                if used != set().union(*(w[0] for w in wanted)):
                    problems.append(f"{describe(entry)}: the plural forms lose a placeholder")
        if problems:
            report.add(code, "placeholders or markup differ from the msgid:", problems)


def command_check(args):
    setup_django()
    codes, complete = languages()
    report = Report()
    check_present(codes, report)
    check_stale(codes, report)
    check_complete(complete, report)
    check_compiled(codes, report)
    check_placeholders(codes, report)
    if report:
        report.print()
        print(
            "\nThe translation catalogues need attention. Run `make messages` (needs GNU gettext),"
            f"\ntranslate what is missing in {LOCALE_DIR.relative_to(REPO_DIR)}/<lang>/"
            "LC_MESSAGES/django.po, then `make messages` again to compile.",
            file=sys.stderr,
        )
        return 1
    print(f"Catalogues are up to date: {', '.join(codes)} (complete: {', '.join(complete)}).")
    return 0


# --- stats --------------------------------------------------------------------------------


def print_stats(codes):
    for code in codes:
        path = po_path(LOCALE_DIR, code)
        if not path.exists():
            print(f"  {code}: no catalogue")
            continue
        entries = live_entries(load(path))
        done = sum(1 for e in entries if is_translated(e))
        fuzzy = sum(1 for e in entries if "fuzzy" in e.flags)
        extra = f", {fuzzy} fuzzy" if fuzzy else ""
        print(f"  {code}: {done}/{len(entries)} translated{extra}")


def command_stats(args):
    setup_django()
    codes, _complete = languages()
    print_stats(codes)
    return 0


# --- missing and fill ---------------------------------------------------------------------
# A translator (or a script) works on a JSON list instead of seven .po files:
#   [{"msgid": "…", "msgid_plural": "…", "msgctxt": "…", "de": "…", "ar": ["…", …], …}]
# One object per string; msgid_plural and msgctxt only where the string has them; a plural
# string gives a list with one text per plural form of the language (see PLURAL_FORMS).


def command_missing(args):
    """Print, as JSON, every string that a language which must be complete lacks."""
    import json

    setup_django()
    codes, complete = languages()
    todo = {}
    for code in complete:
        if code == SOURCE_LANGUAGE:
            continue
        for entry in live_entries(load(po_path(LOCALE_DIR, code))):
            if is_translated(entry):
                continue
            item = todo.setdefault(key(entry), {"msgid": entry.msgid})
            if entry.msgid_plural:
                item["msgid_plural"] = entry.msgid_plural
            if entry.msgctxt:
                item["msgctxt"] = entry.msgctxt
            item[code] = [""] * nplurals(code) if entry.msgid_plural else ""
    json.dump(list(todo.values()), sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


def command_fill(args):
    """Write the translations of a JSON file (format above) into the catalogues; compile."""
    import json

    setup_django()
    codes, _complete = languages()
    items = json.loads(Path(args.file).read_text(encoding="utf-8"))
    unknown = []
    for code in codes:
        path = po_path(LOCALE_DIR, code)
        po = load(path)
        entries = {key(entry): entry for entry in live_entries(po)}
        changed = False
        for item in items:
            text = item.get(code)
            if not text:
                continue
            entry = entries.get((item.get("msgctxt") or "", item["msgid"]))
            if entry is None:
                unknown.append(f"{code}: {item['msgid'][:60]!r}")
                continue
            if entry.msgid_plural:
                if not isinstance(text, list) or len(text) != nplurals(code):
                    sys.exit(
                        f"catalogs.py: {code} needs {nplurals(code)} forms of {item['msgid']!r}"
                    )
                entry.msgstr_plural = dict(enumerate(text))
            else:
                entry.msgstr = text
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            changed = True
        if changed:
            po.save(str(path))
            path.with_suffix(".mo").write_bytes(load(path).to_binary())
    if unknown:
        print("Not in the catalogues (run `make messages` first?):", file=sys.stderr)
        for line in unknown:
            print(f"    {line}", file=sys.stderr)
    print_stats(codes)
    return 1 if unknown else 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("update", help="extract strings, fill English, compile .mo (needs gettext)")
    sub.add_parser("check", help="fail if catalogues are stale, incomplete or inconsistent")
    sub.add_parser("stats", help="translated entries per language")
    sub.add_parser("missing", help="print the untranslated strings as JSON (format: see fill)")
    fill = sub.add_parser("fill", help="write translations from a JSON file, compile .mo")
    fill.add_argument("file")
    args = parser.parse_args(argv)
    commands = {
        "update": command_update,
        "check": command_check,
        "stats": command_stats,
        "missing": command_missing,
        "fill": command_fill,
    }
    return commands[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
