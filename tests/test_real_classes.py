"""Failure classes of real published text, each on a text of our own: decree signers, inflected
names, false people, an abbreviation in brackets, calibrated confidence and its filter, and an
older knowledge base gaining the columns added since."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from custodes.cli import app
from custodes.extract.dates import PartialDate
from custodes.extract.pipeline import extract
from custodes.resolve import same_person
from custodes.store import KnowledgeBase

PUB = PartialDate(2024, 2, 12)


def people(text: str) -> list[tuple[str, str]]:
    return [(e.type, e.person) for e in extract(text, PUB).events]


def test_the_head_of_state_who_signs_is_not_the_one_appointed() -> None:
    got = people(
        "Указом Президента Кыргызской Республики Садыра Жапарова Жумгалбек Шабданбеков назначен "
        "председателем Государственного комитета национальной безопасности."
    )
    assert got == [("appointed", "Жумгалбек Шабданбеков")]


def test_an_inflected_name_comes_back_in_the_nominative_and_matches_its_latin_spelling() -> None:
    ((kind, name),) = people(
        "Указом Главы государства назначить Ермека Сагимбаева Председателем Комитета "
        "национальной безопасности Республики Казахстан."
    )
    assert (kind, name) == ("appointed", "Ермек Сагимбаев")
    assert same_person(name, "Ermek Sagimbayev")


def test_the_subject_after_a_passive_verb_is_found() -> None:
    got = people(
        "Так, освобождён от должности заместителя председателя Комитета национальной "
        "безопасности Арман Жумабаев."
    )
    assert got == [("dismissed", "Арман Жумабаев")]


def test_caption_words_and_places_are_not_people() -> None:
    assert people("Screenshot was arrested by the police after the protest.") == []
    assert people("General Roos was arrested by the police after the protest.") == [
        ("arrested", "Roos")
    ]


def test_an_abbreviation_in_brackets_does_not_cut_the_post_from_its_holder() -> None:
    (e, *_) = extract(
        "The head of the State Security Service (SGB), Ruslan Beridze, was dismissed on Friday.",
        PUB,
    ).events
    assert (e.person, e.position, e.organization) == (
        "Ruslan Beridze",
        "Head",
        "State Security Service",
    )


def test_confidence_is_a_measured_share_and_names_its_rule() -> None:
    (e,) = extract(
        "On 5 January 2022 Colonel Tomas Verhoven was appointed Chairman of the State Security "
        "Committee.",
        PUB,
    ).events
    assert 0.5 < e.confidence < 1
    assert e.extractor.startswith("custodes.rules/1 en:appoint")


def test_min_confidence_filters_what_extract_prints(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(
        "On 5 January 2022 Colonel Tomas Verhoven was appointed Chairman of the State Security "
        "Committee. Later he was reportedly dismissed.",
        "utf-8",
    )
    runner = CliRunner()
    every = runner.invoke(app, ["extract", str(src), "--published", "2024-02-12"])
    lines = [json.loads(x) for x in every.stdout.splitlines()]
    assert lines
    top = max(x["confidence"] for x in lines)
    some = runner.invoke(
        app, ["extract", str(src), "--published", "2024-02-12", "--min-confidence", str(top)]
    )
    kept = [json.loads(x) for x in some.stdout.splitlines()]
    assert kept and all(x["confidence"] >= top for x in kept)
    none = runner.invoke(app, ["extract", str(src), "--min-confidence", "1.0"])
    assert none.stdout.strip() == "" or all(
        json.loads(x)["confidence"] >= 1.0 for x in none.stdout.splitlines()
    )


def test_an_older_knowledge_base_gains_the_new_columns(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    con = sqlite3.connect(db)  # a knowledge base from before date_bound and the version table
    con.execute("CREATE TABLE documents (id TEXT PRIMARY KEY)")
    con.execute("CREATE TABLE statements (id TEXT PRIMARY KEY, date TEXT)")
    con.commit()
    con.close()
    KnowledgeBase.open(db).close()
    cols = [r[1] for r in sqlite3.connect(db).execute("PRAGMA table_info(statements)")]
    assert "date_bound" in cols


def test_the_vocabulary_is_data_checked_at_load() -> None:
    import pytest

    from custodes.extract.vocabulary import VocabularyError, load, parse

    en = load("en")
    assert en.verb_triggers["appoint"] == "appointed" and "arrest" in en.transitive
    with pytest.raises(VocabularyError, match="verb_triggers.sack"):
        parse({**_raw("en"), "verb_triggers": {"sack": "fired"}}, "en.yaml")


def test_the_russian_patterns_are_data_checked_at_load() -> None:
    """Trigger stems, negations and denials live in languages/ru/vocabulary.yaml; a fragment that
    does not compile, or a verb of no event type, fails at load with its key named."""
    import pytest

    from custodes.extract.vocabulary import VocabularyError, russian_patterns

    ru = _raw("ru")
    patterns = russian_patterns(ru, "russian.yaml")
    assert patterns["trigger_stems"].search("назначен") and patterns["denials"].search("опроверг")
    with pytest.raises(VocabularyError, match=r"not_event\[1\]"):
        russian_patterns({**ru, "not_event": ["слух", "(не"]}, "russian.yaml")
    with pytest.raises(VocabularyError, match="verbs.снять"):
        russian_patterns({**ru, "verbs": {"снять": {"type": "fired"}}}, "russian.yaml")
    with pytest.raises(VocabularyError, match="nouns.смерть"):
        russian_patterns({**ru, "nouns": {"смерть": {"type": "death"}}}, "russian.yaml")


def _raw(lang: str) -> dict:
    from custodes.languages import vocabulary_data

    return dict(vocabulary_data(lang))


def test_no_reader_imports_the_pipeline() -> None:
    """The Russian reader and the institutional reader depend on the shared model, not on the
    English pipeline (no import circles)."""
    import ast
    from importlib.resources import files

    readers = [("custodes.languages.ru", "reader.py")] + [
        ("custodes.extract", m)
        for m in ("institutions.py", "merge.py", "model.py", "confidence.py")
    ]
    for package, mod in readers:
        tree = ast.parse(files(package).joinpath(mod).read_text("utf-8"))
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        assert "custodes.extract.pipeline" not in imported, mod


def test_a_language_is_a_folder_of_data_and_a_reader() -> None:
    """Each language in the registry has its vocabulary in its own folder; one with a reader of
    its own names a function that exists; a document is routed by its script."""
    from custodes.languages import LANGUAGES, language_of, vocabulary_data

    for code, lang in LANGUAGES.items():
        assert vocabulary_data(code), code
        if lang.reader is not None:
            assert callable(lang.read())
    assert language_of("Указом Президента назначен Иван Петров.").code == "ru"
    assert language_of("The president appointed Ivan Petrov.").code == "en"


def test_an_infobox_office_is_an_appointment_of_the_biographys_subject() -> None:
    text = (
        "Ilmar Saar\n\nFrom the encyclopedia\n\nIlmar Saar\nDirector of the State Security "
        "Committee\nIn office\n9 August 1999 – 12 May 2008\nPersonal details\nBorn 1951\n\n"
        "Ilmar Saar (born 11 July 1951) is an intelligence officer."
    )
    (e,) = [e for e in extract(text, None).events if e.type == "appointed"]
    assert (e.person, e.date, e.position) == ("Ilmar Saar", PartialDate(1999, 8, 9), "Director")
    assert e.extractor.endswith("en:infobox")


def test_the_date_of_a_law_a_decree_cites_is_not_the_decrees() -> None:
    text = (
        "Текст Указа:\nВ связи с заявлением Губернатора области Петрова А.Н. и в соответствии с "
        "подпунктом «а» пункта 9 статьи 19 Федерального закона от 6 октября 1999 г. № 184-ФЗ "
        "постановляю:\n1. Принять отставку Губернатора области Петрова А.Н. по собственному "
        "желанию.\n2. Настоящий Указ вступает в силу со дня его подписания.\n11 октября 2018 года"
    )
    (e,) = extract(text, PartialDate(2018, 10, 11)).events
    assert (e.type, e.person, e.date) == ("resigned", "Петров А.Н.", PartialDate(2018, 10, 11))


def test_one_agency_is_one_organisation_in_a_document() -> None:
    text = (
        "BISHKEK, 10 February 2025 - President Sadyr Japarov dismissed Kamchybek Tashiev, "
        "chairman of the State Committee for National Security (GKNB). Jumgalbek Shabdanbekov "
        "was appointed acting chairman of the committee."
    )
    orgs = {e.organization for e in extract(text, PartialDate(2025, 2, 10)).events}
    assert orgs == {"State Committee for National Security"}


def test_a_verb_said_once_governs_each_name_and_post_after_it() -> None:
    got = people(
        "Олег Маткин назначен начальником Департамента исполнения наказаний МВД, Александр "
        "Ковальчук - начальником УВД Минского облисполкома, а Игорь Щербаченя - начальником УВД "
        "Могилевского облисполкома."
    )
    assert got == [
        ("appointed", "Олег Маткин"),
        ("appointed", "Александр Ковальчук"),
        ("appointed", "Игорь Щербаченя"),
    ]


def test_a_place_before_a_name_is_not_part_of_it_nor_is_a_cited_laws_date_the_events() -> None:
    (e,) = extract(
        "Governor of the Chukotka Autonomous Area Roman Kopin resigned pursuant to Federal Law "
        "No. 414-FZ On the General Principles of Public Administration of December 21, 2021.",
        PartialDate(2023, 3, 15),
    ).events
    assert e.person == "Roman Kopin"
    assert e.date != PartialDate(2021, 12, 21)


def test_a_chronology_dates_its_entries_in_the_year_of_its_title() -> None:
    """ "= 2018 in Varnia =": its "- 7 September —" entries are in 2018, with no publication
    date, and the entries of its Deaths section are deaths of public figures on their day."""
    text = (
        "= 2018 in Varnia =\n\nEvents in the year 2018 in Varnia.\n\n== Events ==\n\n"
        "- 7 September — Gervais Eldrin becomes the new prime minister of Varnia.\n\n"
        "== Deaths ==\n\n"
        "- 20 January – Marek Ostrava, 62, politician, minister of defence (since 2015).\n"
        "- 3 March – Ilse Varga, 80, singer.\n"
    )
    got = {(e.type, e.person, e.date) for e in extract(text, None).events}
    assert ("appointed", "Gervais Eldrin", PartialDate(2018, 9, 7)) in got
    assert ("died", "Marek Ostrava", PartialDate(2018, 1, 20)) in got
    assert not any(p == "Ilse Varga" for _, p, _ in got)  # a singer's death is not one


def test_a_biography_subject_with_accents_and_two_surnames() -> None:
    """ "Raúl Ibáñez Correa (born …)" is the subject; "Ibáñez" later is him, and "he" too."""
    text = (
        "Raúl Ibáñez Correa (born 3 May 1950) is a Andorran politician. In 2011 Ibáñez was "
        "appointed Minister of the Interior. He was arrested on 3 September 2015."
    )
    got = {(e.type, e.person, e.date) for e in extract(text, None).events}
    assert got == {
        ("appointed", "Raúl Ibáñez Correa", PartialDate(2011)),
        ("arrested", "Raúl Ibáñez Correa", PartialDate(2015, 9, 3)),
    }


def test_a_biography_subject_with_a_two_letter_name_or_the_name_it_is_known_by() -> None:
    from custodes.extract.pipeline import _biography_subject

    # a name's words may have two letters
    text = (
        "= Wu Hanlin =\n\nWu Hanlin (born 4 May 1961) is a general. In 2019 he was appointed "
        "Minister of Defence."
    )
    assert _biography_subject(text) == "Wu Hanlin"
    assert ("appointed", "Wu Hanlin", "2019") in dated(text)
    # "Full Name, commonly known as Short Name (born …)": the subject is the full name
    text = (
        "= Jonas Maele =\n\nKaru Vello Andres Jonas Maele, commonly known as Jonas Maele "
        "(born 4 May 1961), is a police officer. On 5 June 2020 he was appointed Inspector "
        "General of Police."
    )
    assert _biography_subject(text) == "Karu Vello Andres Jonas Maele"
    assert ("appointed", "Karu Vello Andres Jonas Maele", "2020-06-05") in dated(text)


def test_every_form_of_a_trigger_verb_reaches_the_parser() -> None:
    # the cheap prefilter must not know only "removed": "removing X" in a participle clause
    got = dated(
        "A coup took place in Ruritania on 4 May 2031, removing President Jonas Maele over "
        "his failure to end the insurgency."
    )
    assert got == [("dismissed", "Jonas Maele", "2031-05-04")]
    from custodes.extract.select import can_hold_event

    for verb in ("ousts", "sacks", "removes", "installing", "decided to sack"):
        assert can_hold_event(f"The junta {verb} President Jonas Maele."), verb


def test_lower_case_posts_after_names_in_a_list_of_appointments() -> None:
    # titles in lower case, each after its name, items split by semicolons; an item may
    # carry more than its first post
    got = extract(
        "The president signed decrees appointing Ivan Lind deputy prime minister; Oskar Kern "
        "deputy prime minister and minister of fisheries and forests; and Jonas Maele minister "
        "of railways.",
        None,
    ).events
    assert {(e.person, e.position) for e in got} == {
        ("Ivan Lind", "Deputy Prime Minister"),
        ("Oskar Kern", "Deputy Prime Minister"),
        ("Jonas Maele", "Minister"),
    }
    # a lower-case title with no appointing verb before its name is no post
    assert extract("Ivan Lind minister of railways spoke.", None).events == []


def test_a_name_that_opens_with_initials_keeps_them() -> None:
    got = dated("On 12 May 2031, K. A. Mensah was appointed Inspector General of Police.")
    assert got == [("appointed", "K. A. Mensah", "2031-05-12")]
    # but not the middle initial of a name glued to the word before it
    assert "G. Tabian" not in {
        p.name for p in people_in("Director General\nPreceded byValfrie G. Tabian (Acting)")
    }


def people_in(text: str):  # type: ignore[no-untyped-def]
    from custodes.extract.mentions import find_people
    from custodes.extract.parsers import load_nlp

    return find_people(load_nlp()(text))


def test_today_in_an_item_known_to_its_month_is_that_month() -> None:
    got = dated("We condemn today’s arrest of Jonas Maele.", PartialDate(2031, 5))
    assert got == [("arrested", "Jonas Maele", "2031-05")]
    got = dated("We condemn today’s arrest of Jonas Maele.", PartialDate(2031, 5, 4))
    assert got == [("arrested", "Jonas Maele", "2031-05-04")]


def test_the_title_of_who_decided_is_not_the_post_of_the_one_appointed() -> None:
    for text in (
        "On 4 May 2031 Jonas Maele was appointed to the vacant vice presidency by President "
        "Ana Mbeki.",
        "On 4 May 2031 Jonas Maele was dismissed by Prime Minister Ana Mbeki.",
    ):
        (ev,) = extract(text, None).events
        assert (ev.person, ev.position) == ("Jonas Maele", None)


def test_an_object_pronoun_is_not_the_subject_of_its_own_clause() -> None:
    # "Y decided to sack him": "him" is the general talked about, not Y who decided
    got = dated(
        "General Jonas Maele served as Chief of Army Staff from 2006 to 2009. General Maele "
        "came under criticism after the then prime minister Ana Mbeki unilaterally decided to "
        "sack him on May 3, 2009."
    )
    assert [(t, p.split()[-1], d) for t, p, d in got] == [("dismissed", "Maele", "2009-05-03")]


def test_a_possessor_the_text_names_in_full_is_that_person() -> None:
    got = dated(
        "Jonas Maele was appointed President in 2020. On 4 May 2031, Ana Mbeki announced "
        "Maele's resignation."
    )
    assert ("resigned", "Jonas Maele", "2031-05-04") in got


def test_what_would_follow_a_removal_does_not_make_the_removal_a_fact() -> None:
    got = dated(
        "Jonas Maele was appointed Prime Minister in 2020. Deputy Prime Minister Ana Mbeki "
        "also suggested he would form a new government upon Maele's removal."
    )
    assert got == [("appointed", "Jonas Maele", "2020")]


def test_an_infobox_field_name_is_nobody() -> None:
    got = dated("- Term End: 4 May 2031 (suspended), Removed from office: 5 June 2031\n")
    assert "Term End" not in {p for _, p, _ in got}


def test_a_relative_clause_has_its_own_modality() -> None:
    """ "I would like to introduce X, who was yesterday appointed …": the appointment happened;
    "would" belongs to the main clause."""
    got = extract(
        "Today I would like to introduce you to Aleksandr Vasilyevich Bortnikov, who was "
        "yesterday appointed Director of the Federal Security Service by presidential decree.",
        PartialDate(2008, 5, 13),
    ).events
    assert [(e.type, e.position, e.date) for e in got] == [
        ("appointed", "Director", PartialDate(2008, 5, 12))
    ]


def test_whose_death_and_whose_resignation() -> None:
    """ "his tragic death" is a death of the man talked about; "presented his resignation" a
    resignation of the one who presented it."""
    text = (
        "Ruslan Demidov (born 1 May 1960) is a Varnian official. On 2 September 2015 Demidov "
        "presented his resignation. The President expressed condolences in connection with his "
        "death on 5 May 2021."
    )
    got = {(e.type, e.person, e.date) for e in extract(text, None).events}
    assert ("resigned", "Ruslan Demidov", PartialDate(2015, 9, 2)) in got
    assert ("died", "Ruslan Demidov", PartialDate(2021, 5, 5)) in got


def test_a_resignation_an_item_reports_as_its_news() -> None:
    """ "the President accepted the resignation of Governor X" in an item of 12 February is a
    resignation on 12 February; "after the resignation of X" is not dated by the item."""
    text = (
        "The President signed the Executive Order on the Acting Governor. Following a "
        "resignation notice, the President accepted the resignation of Governor of the Varna "
        "Region Oleg Tarnovsky."
    )
    (e,) = extract(text, PUB).events
    assert (e.type, e.person, e.date, e.dated_by) == ("resigned", "Oleg Tarnovsky", PUB, "item")


def test_one_appointment_told_as_news_and_with_its_own_date() -> None:
    text = (
        "Sergei Ivanov introduced newly appointed Presidential Plenipotentiary Envoy Igor "
        "Kholmanskikh to the governors. Igor Kholmanskikh was appointed Presidential "
        "Plenipotentiary Envoy to the Urals Federal District by the Executive Order of May 18, "
        "2012."
    )
    got = [(e.type, e.person, e.date) for e in extract(text, PartialDate(2012, 6, 4)).events]
    assert got == [("appointed", "Igor Kholmanskikh", PartialDate(2012, 5, 18))]


def test_each_name_takes_the_post_after_it() -> None:
    """ "appointing A Acting Governor of X and B Acting Governor of Y": two appointments, each
    to its own region, whatever the parser made of the sentence."""
    got = extract(
        "The President said he had signed executive orders appointing Oleg Kozhemyako Acting "
        "Governor of Sakhalin Region and Alexander Kozlov Acting Governor of Amur Region.",
        PUB,
    ).events
    assert sorted((e.person, e.organization, e.acting) for e in got) == [
        ("Alexander Kozlov", "Amur Region", True),
        ("Oleg Kozhemyako", "Sakhalin Region", True),
    ]


def test_a_list_of_appointments_after_a_colon() -> None:
    text = (
        "By Decree No. 189 of March 18, 2020, the following appointments were made: Major "
        "General of Police Andrei Konovalov - to the position of Chief of the Police "
        "Administration for the Novgorod Region; Police Colonel Vyacheslav Kryuchkov - to the "
        "position of Chief of the Police Administration for the Omsk Region.\n\nAddressing the "
        "appointed chiefs, Vladimir Kolokoltsev said the regions had their own specifics."
    )
    got = {(e.type, e.person, e.position, e.date) for e in extract(text, PUB).events}
    assert got == {
        ("appointed", "Andrei Konovalov", "Chief", PartialDate(2020, 3, 18)),
        ("appointed", "Vyacheslav Kryuchkov", "Chief", PartialDate(2020, 3, 18)),
    }


def test_defendants_named_after_a_charge_and_a_nationality_is_not_a_person() -> None:
    """ "Six members of the Honduran National Police were charged today. The six defendants
    are A, B and C.": each is charged; "Honduran" is nobody."""
    text = (
        "Officials announced that six members of the Honduran National Police were charged "
        "today with conspiring to import cocaine.  The six defendants are Ludwig Criss Zelaya "
        "Romero, Mario Guillermo Mejia Vargas and Jorge Alfredo Cruz Chavez."
    )
    got = {(e.type, e.person) for e in extract(text, PUB).events}
    assert got == {
        ("charged", "Ludwig Criss Zelaya Romero"),
        ("charged", "Mario Guillermo Mejia Vargas"),
        ("charged", "Jorge Alfredo Cruz Chavez"),
    }


def test_a_name_with_hyphenated_small_parts() -> None:
    (e,) = extract("In 2014 Prayut Chan-o-cha became Prime Minister of Thailand.", PUB).events
    assert e.person == "Prayut Chan-o-cha"


def test_a_biography_whose_infobox_comes_first() -> None:
    """Wikipedia's infobox lines may fill the first 1,500 characters; the opening sentence
    after them still names the subject (and its life span the death). Words an infobox ran
    together ("MayorSara Duterte") are never the subject."""
    infobox = "".join(f"- Field {k}: value number {k} of the box\n" for k in range(40))
    text = (
        "= Karim Osmanov =\n\n" + infobox + "\nKarim Osmanov (2 July 1936 – 19 July 2012) was a "
        "Varnian general. In 2011 Osmanov was appointed Minister of Defence."
    )
    got = {(e.type, e.person, e.date) for e in extract(text, None).events}
    assert got == {
        ("appointed", "Karim Osmanov", PartialDate(2011)),
        ("died", "Karim Osmanov", PartialDate(2012, 7, 19)),
    }
    from custodes.extract.pipeline import _biography_subject

    assert _biography_subject("Ronald Rosa\n- Vice President: MayorSara Duterte (2016)") is None


def test_the_news_that_someone_died_with_a_day_the_month_cannot_resolve() -> None:
    """ "regarding the news that Ambassador Richard C. Holbrooke passed away Monday night", in
    an item dated only "December 2010": a death (a middle initial does not hide the name), on
    a Monday the text does not let one resolve — undated, not "December 2010"."""
    text = (
        "Mike Turner released the following statement regarding the news that Ambassador "
        "Richard C. Holbrooke passed away Monday night at the hospital."
    )
    (e,) = extract(text, PartialDate(2010, 12)).events
    assert (e.type, e.person, e.dated_by) == ("died", "Richard C. Holbrooke", "bound")


def test_hard_wrapped_lines_and_a_death_named_as_a_noun() -> None:
    """The Congressional Record wraps its lines at 72 characters: the lines of one sentence are
    one sentence. "calling for an investigation into his tragic murder in Moscow on February
    27, 2015" tells a death on that day, whatever it calls for."""
    text = (
        "Expressing the sense of the Senate regarding the courageous work and\n"
        "life of Russian opposition leader Boris Nemtsov, and calling for a\n"
        "swift and transparent investigation into his tragic murder in Moscow on\n"
        "February 27, 2015.\n"
    )
    got = [(e.type, e.person, e.date) for e in extract(text, PartialDate(2015, 3, 2)).events]
    assert got == [("died", "Boris Nemtsov", PartialDate(2015, 2, 27))]
    calls = "The opposition called for the arrest of Boris Nemtsov on 27 February 2015."
    assert extract(calls, PartialDate(2015, 3, 2)).events == []


def test_the_incoming_holder_at_a_change_of_command() -> None:
    got = extract(
        "The brigade held a change of command ceremony on July 14 and welcomed Col. Kevin "
        "Smith, incoming Commanding General of the 1st Cavalry Division.",
        PartialDate(2023, 7, 14),
    ).events
    assert [(e.type, e.person, e.position, e.date) for e in got] == [
        ("appointed", "Kevin Smith", "Commanding General", PartialDate(2023, 7, 14))
    ]


def test_the_one_handed_the_colours_at_a_change_of_command_takes_it() -> None:
    def took(text: str) -> list[tuple[str, str, str | None, str | None]]:
        return [
            (e.type, e.person, e.position, e.date.label if e.date else None)
            for e in extract(text, PartialDate(2031, 5, 4)).events
        ]

    # the colours passed to the new commander; a military press release's shortened unit
    # names ("3rd Inf. Bde.") do not end the sentence; a lower-case title before "of the 3rd"
    # is a post
    assert took(
        "Brig. Gen. Ana Mbeki passes the unit colors to Lt. Col. Jonas Maele, commander of the "
        "3rd Inf. Bde. Combat Team, May 4, 2031, during an assumption of command ceremony."
    ) == [("appointed", "Jonas Maele", "Commander", "2031-05-04")]
    assert took(
        "Col. Ana Mbeki presents Maj. Jonas Maele, 40th Signal Battalion commander, with the "
        "battalion guidon May 4, 2031, during a change of command ceremony."
    ) == [("appointed", "Jonas Maele", "Commander", "2031-05-04")]
    # "prospective" is the incoming one
    assert took(
        "Capt. Jonas Maele, prospective Commander, Coastal Patrol Group, salutes during the "
        "group's change of command ceremony on May 4, 2031."
    ) == [("appointed", "Jonas Maele", "Commander", "2031-05-04")]
    # a medal presented to the one who leaves is no taking of command
    assert (
        took(
            "Col. Ana Mbeki presents the Legion of Merit to Lt. Col. Jonas Maele, outgoing "
            "commander of the 3rd Battalion, during a change of command ceremony May 4, 2031."
        )
        == []
    )


def test_a_death_mentioned_twice_keeps_the_day_the_text_gives() -> None:
    """ "looking into the death of X, who was found dead on September 6" in an item of 13
    September: one death, on 6 September — the item's date never replaces the text's."""
    text = (
        "Investigators are also looking into the death of a retired analyst, Camilo Andrés "
        "Useche, who was found dead in his apartment on September 6. The authorities said he "
        "had died of a heart attack."
    )
    got = [(e.type, e.person, e.date) for e in extract(text, PartialDate(2022, 9, 13)).events]
    assert got == [("died", "Camilo Andrés Useche", PartialDate(2022, 9, 6))]


def test_the_new_holder_named_after_the_post() -> None:
    """ "… handing over his duties to the new Head of the Foreign Intelligence Service, Mr Sergei
    Naryshkin, who was appointed by decree": an appointment, the item's news."""
    got = extract(
        "Today Mr Fradkov is handing over his duties to the new Head of the Foreign "
        "Intelligence Service, Mr Sergei Naryshkin, who was appointed by decree.",
        PartialDate(2016, 10, 5),
    ).events
    assert [(e.type, e.person, e.date) for e in got] == [
        ("appointed", "Sergei Naryshkin", PartialDate(2016, 10, 5))
    ]


def test_honours_after_the_subject_and_a_body_is_not_he() -> None:
    """ "Noordin Mohamed Haji, OGW, CBS (born 3 July 1973)" is the subject; in "After approval
    by the National Assembly, he was sworn in", "he" is the subject, not the Assembly."""
    text = (
        "Noordin Mohamed Haji, OGW, CBS (born 3 July 1973) is a Kenyan lawyer. On 28 March "
        "2018, Haji was appointed the Director of Public Prosecutions. After approval by the "
        "National Assembly, he was sworn in on 14 June 2023."
    )
    got = {(e.type, e.person, e.date) for e in extract(text, None).events}
    assert got == {
        ("appointed", "Noordin Mohamed Haji", PartialDate(2018, 3, 28)),
        ("appointed", "Noordin Mohamed Haji", PartialDate(2023, 6, 14)),
    }


def test_a_one_name_subject_and_an_azerbaijani_patronymic() -> None:
    """ "= Sutiyoso =" then "Sutiyoso (born …)": a one-name subject; "Zakir Asger oghlu
    Hasanov (…)" keeps "oghlu" inside the name."""
    from custodes.extract.pipeline import _biography_subject

    assert _biography_subject("= Sutiyoso =\n\nSutiyoso (born 6 December 1944) is a general.")
    assert (
        _biography_subject("Zakir Asger oghlu Hasanov (born 6 June 1959) is a politician.")
        == "Zakir Asger oghlu Hasanov"
    )
    got = extract(
        "= Sutiyoso =\n\nSutiyoso (born 6 December 1944) is an Indonesian politician. "
        "Sutiyoso became Governor of Jakarta in October 1997.",
        None,
    ).events
    assert [(e.person, e.position, e.date) for e in got] == [
        ("Sutiyoso", "Governor", PartialDate(1997, 10))
    ]


def test_a_place_before_a_title_or_a_name_is_not_the_person() -> None:
    text = (
        "President Vladimir Putin sent a telegram of condolence to the family of Krasnoyarsk "
        "Territory Governor Alexander Lebed, who died in a helicopter crash on 28 April 2002. "
        "The Senate mourned the assassination of former Prime Minister of Pakistan Benazir "
        "Bhutto on 27 December 2007."
    )
    people = {e.person for e in extract(text, PartialDate(2008, 1, 5)).events}
    assert people == {"Alexander Lebed", "Benazir Bhutto"}


def test_each_recital_of_a_resolution_is_read_on_its_own() -> None:
    (e,) = [
        e
        for e in extract(
            "Whereas Colonel Tomas Verhoven was killed in Riga on May 4, 2023;\n"
            "Whereas, on March 19, 2024, police detained Mr. Saar along with 40 others;\n",
            PUB,
        ).events
        if e.type == "arrested"
    ]
    assert (e.person, e.date) == ("Saar", PartialDate(2024, 3, 19))


def test_an_act_done_beside_a_declaration_is_not_reported_by_it() -> None:
    ((kind, name, day),) = [
        (e.type, e.person, e.date)
        for e in extract(
            "On November 3, 2023, President Marat Bekov declared a state of emergency, "
            "suspended the constitution and dismissed Chief Justice Ilmar Saar.",
            PUB,
        ).events
    ]
    assert (kind, name, day) == ("dismissed", "Ilmar Saar", PartialDate(2023, 11, 3))


def test_a_lower_case_title_after_its_unit_is_a_post() -> None:
    from custodes.extract.mentions import find_posts

    def titles(text: str) -> list[str]:
        return [p.label for pm in find_posts(text) for p in pm.posts]

    assert titles("Lt. Col. Ilmar Saar, 77th Weapons Squadron commander, took the guidon") == [
        "Commander"
    ]
    assert titles("Maj. Gen. Ilmar Saar, incoming division commanding general, spoke") == [
        "Commanding General"
    ]
    assert titles("the commander said the squadron would deploy") == []


def test_a_plural_noun_charged_waits_for_the_names_not_the_announcer() -> None:
    got = people(
        "Prosecutor Ilmar Saar announced that six members of the police were charged today "
        "with conspiring to import cocaine.  The six defendants are Ludwig Criss Romero, "
        "Mario Guillermo Vargas, and Jorge Alfredo Chavez."
    )
    assert got == [
        ("charged", "Ludwig Criss Romero"),
        ("charged", "Mario Guillermo Vargas"),
        ("charged", "Jorge Alfredo Chavez"),
    ]


def test_a_title_or_a_body_standing_where_a_name_should_is_not_a_person() -> None:
    assert (
        people(
            "The service was dissolved on 31 October 2011 and was replaced by the Dirección "
            "Nacional de Inteligencia (DNI)."
        )
        == []
    )
    assert people("In your previous post as State Duma Speaker you were appointed in 2011.") == []


def test_the_title_of_the_next_person_in_a_list_is_not_the_post_left() -> None:
    got = {
        e.person: e.position
        for e in extract(
            "President Marat Bekov resigns, Prime Minister Ilmar Saar resigns, Parliamentary "
            "Speaker Tomas Verhoven resigns.",
            PUB,
        ).events
    }
    assert got == {
        "Marat Bekov": "President",
        "Ilmar Saar": "Prime Minister",
        "Tomas Verhoven": "Speaker",
    }


def test_each_person_listed_after_including_shares_the_event() -> None:
    got = people(
        "Whereas Marat Bekov is the sixth member of parliament to be assassinated since February "
        "2005, including former Prime Minister Ilmar Saar, Tomas Verhoven, and Acting Governor "
        "Arvo Kask;"
    )
    assert {("died", "Ilmar Saar"), ("died", "Tomas Verhoven"), ("died", "Arvo Kask")} <= set(got)
    # a list of charges is not a list of defendants
    assert people(
        "Ilmar Saar was charged with terrorism offences, including aiding the Workers' Party "
        "of Kurdistan Tomas Verhoven."
    ) == [("charged", "Ilmar Saar")]


def test_an_event_in_a_period_told_before_is_not_the_news_of_the_day() -> None:
    (e,) = extract(
        "Other critics of the government have also been assassinated in the same time period, "
        "including journalist Ilmar Saar.",
        PUB,
    ).events
    assert e.date == PUB.bound()


def test_a_headline_that_tells_the_news_is_read() -> None:
    got = people(
        "Official website of the President\n\n"
        "President accepted resignation of Regional Governor Ilmar Saar\n\n"
        "February 12, 2024\n\n"
        "The President signed an Executive Order on the early termination of the mandate."
    )
    assert got == [("resigned", "Ilmar Saar")]


def test_a_paragraph_that_stops_at_a_comma_runs_on_into_the_next() -> None:
    (e,) = extract(
        "Whereas on February 14, 2005,\n\n\t\t\tIlmar Saar, the former Prime Minister, was "
        "assassinated in a despicable terrorist attack;",
        PUB,
    ).events
    assert (e.type, e.person, e.date) == ("died", "Ilmar Saar", PartialDate(2005, 2, 14))


def test_he_is_the_one_the_sentence_before_names_even_if_it_was_not_read() -> None:
    got = people(
        "Today Mr Saar is handing over his duties to the new Head of the Border Service, Mr "
        "Tomas Verhoven. First, I would like to thank Mr Saar for many years of service. He "
        "was appointed Head of the Border Service in 2007."
    )
    assert ("appointed", "Tomas Verhoven") in got
    assert ("appointed", "Saar") in got


def test_the_new_holder_introduced_without_a_verb_of_appointment_is_read() -> None:
    got = people("I would like to introduce the new Director of the Security Service, Ilmar Saar.")
    assert got == [("appointed", "Ilmar Saar")]


def test_a_charge_in_a_capitalised_headline_is_not_a_person() -> None:
    assert (
        people(
            "Former Comptroller General of Ecuador Indicted for Alleged Bribery and Money "
            "Laundering Scheme"
        )
        == []
    )
    assert people("Ilmar Saar was charged with Cocaine Importation on Monday.") == [
        ("charged", "Ilmar Saar")
    ]


def test_a_union_or_a_front_is_not_a_person() -> None:
    assert people("Ilmar Saar was appointed by the African Union as its envoy.") == [
        ("appointed", "Ilmar Saar")
    ]
    assert people("The junta detained the leaders of the Patriotic Front.") == []


def test_taking_up_duties_or_office_starts_a_post() -> None:
    assert people(
        "Ms Anna Kask has taken up her duties as the new National Member for Estonia."
    ) == [("appointed", "Anna Kask")]
    assert people("Colonel Ilmar Saar took office as Director of the Security Service.") == [
        ("appointed", "Ilmar Saar")
    ]
    # announced, not done; and a table's column heads are not events
    assert people("General Ilmar Saar is taking up the post of Chief of the Defence Staff.") == []
    table = "| Portrait | Name | Took office | Left office |\n| | Ilmar Saar | 1991 | 1994 |"
    assert people(table) == []


def test_a_quantity_that_died_or_an_instruction_to_resign_names_nobody() -> None:
    assert (
        people(
            "President Ilmar Saar cracked down on opposition candidates, some of which died in "
            "prison."
        )
        == []
    )
    assert (
        people(
            "On 26 April 2019 President Ilmar Saar instructed Tomas Verhoven to resign over the "
            "failures."
        )
        == []
    )


def test_phrase_triggers_are_dependency_patterns_checked_at_load() -> None:
    """ "Took office", "taken into custody": phrases are spaCy DependencyMatcher patterns in the
    vocabulary; the rule that fired is the pattern's name, and a pattern spaCy would refuse
    fails at load with its name."""
    import pytest

    from custodes.extract.vocabulary import VocabularyError, parse

    (e,) = extract("Colonel Ilmar Saar took office as Director of the Service.", PUB).events
    assert e.extractor.startswith("custodes.rules/1 en:take-office")
    bad = {"name": "broken", "type": "appointed", "pattern": [{"RIGHT_ID": "verb"}]}
    with pytest.raises(VocabularyError, match="phrase_triggers.broken"):
        parse({**_raw("en"), "phrase_triggers": [bad]}, "en.yaml")


def test_a_group_arrested_and_charged_is_named_after_it() -> None:
    text = (
        "Four senior officers of the Customs Guard have been arrested on charges of smuggling, "
        "the prosecutor announced today. The four officers are charged in an indictment "
        "returned in the capital. The four defendants named in the indictment are Piet Vermeer, "
        "Aldo Ruiz Benitez and Jorge Mendoza Garcia."
    )
    got = sorted(people(text))
    for name in ("Piet Vermeer", "Aldo Ruiz Benitez", "Jorge Mendoza Garcia"):
        assert ("arrested", name) in got
        assert ("charged", name) in got
    assert not any("Customs" in p for _, p in got)


def test_a_name_inside_a_counted_group_is_not_who_was_charged() -> None:
    # the parse hangs "six members" on "announced": the nearest name is the group's, not a person
    got = people(
        "Officials announced that six members of the Policía Nacional de Honduras were charged "
        "today in federal court. The six defendants are Ludwig Romero, Mario Vargas and Juan Meza."
    )
    assert sorted(got) == [
        ("charged", "Juan Meza"),
        ("charged", "Ludwig Romero"),
        ("charged", "Mario Vargas"),
    ]


def test_citation_marks_glued_to_a_name_are_not_part_of_it() -> None:
    got = people(
        "At least five senior government figures were arrested, including Prime Minister "
        "Abdalla Hamdok.[1] The coup also caused internet outages in the country."
    )
    assert ("arrested", "Abdalla Hamdok") in got


def test_state_counsellor_and_vice_president_are_posts_not_names() -> None:
    events = extract(
        "State Counsellor Daw Khin Mya was detained, and Vice-President U Tun Lwin was dismissed.",
        PUB,
    ).events
    got = {(e.type, e.person, e.position) for e in events}
    assert ("arrested", "Daw Khin Mya", "State Counsellor") in got
    assert not any("Counsellor" in e.person or "Vice" in e.person for e in events)


def dated(text: str, published: PartialDate | None = None) -> list[tuple[str, str, str | None]]:
    return [
        (e.type, e.person, e.date.label if e.date else None)
        for e in extract(text, published).events
    ]


def test_a_telegraphic_passive_without_its_auxiliary_is_read_as_passive() -> None:
    # infobox results, captions and headlines drop "was": the name before the verb underwent it
    got = dated(
        "- Result: President Jonas Maele deposed and detained, parliament dissolved.",
        PUB,
    )
    assert ("arrested", "Jonas Maele") in {g[:2] for g in got}
    assert ("dismissed", "Jonas Maele") in {g[:2] for g in got}
    got = dated("Deputy Director for Operations — Colonel Ana Mbeki (appointed 3 October 2019)")
    assert got == [("appointed", "Ana Mbeki", "2019-10-03")]


def test_an_active_verb_with_its_object_elsewhere_is_not_a_telegraphic_passive() -> None:
    # the subject of a relative clause and of a verb that shares its coordinate's object acted
    assert dated("The generals whom President Jonas Maele dismissed left the capital.", PUB) == []
    got = dated("President Jonas Maele appointed and later dismissed Colonel Ana Mbeki.", PUB)
    assert "Jonas Maele" not in {p for _, p, _ in got}
    # a headline's capitalised verb is not part of the name before it
    assert ("charged", "Ruritania Indicted") not in {
        g[:2] for g in dated("Former Comptroller of Ruritania Indicted for Bribery", PUB)
    }


INFOBOX = """= 2031 {kind} =

Infobox
- Conflict: 2031 {kind}
- Date: 4 May 2031
- Place: Port Alder
- Result: Prime Minister Jonas Maele deposed and detained, constitution suspended

Soldiers surrounded the palace.
"""


def test_the_date_of_a_one_day_happening_dates_the_outcomes_its_infobox_lists() -> None:
    got = dated(INFOBOX.format(kind="Ruritanian coup d'état"))
    assert ("arrested", "Jonas Maele", "2031-05-04") in got


def test_a_happening_of_many_days_only_bounds_its_outcomes_from_below() -> None:
    # a crisis begins on its Date; its outcomes came on some later day the infobox does not give
    got = dated(INFOBOX.format(kind="Ruritanian political crisis"), PartialDate(2031, 9, 1))
    assert ("arrested", "Jonas Maele", "between 2031-05-04 and 2031-09-01") in got


def test_without_a_date_field_the_lead_dates_what_an_infobox_lists() -> None:
    # the infobox gives no Date; the lead's opening sentence says on which day it happened
    text = (
        INFOBOX.format(kind="Ruritanian coup d'état")
        .replace("- Date: 4 May 2031\n", "")
        .replace(
            "Soldiers surrounded the palace.",
            "A coup d'état in Ruritania began on the morning of 4 May 2031, when soldiers "
            "surrounded the palace.",
        )
    )
    got = dated(text)
    assert ("arrested", "Jonas Maele", "2031-05-04") in got
    # a lead that tells no happening dates nothing
    got = dated(text.replace("began on the morning of", "is remembered since"))
    assert ("arrested", "Jonas Maele", "2031-05-04") not in got


def test_what_a_clause_is_dated_after_happened_whatever_the_clause_itself_says() -> None:
    got = dated(
        "She was nominated as prime minister in May 2031 following the protests and the "
        "resignation of Jonas Maele.",
        PUB,
    )
    assert [g[:2] for g in got] == [("resigned", "Jonas Maele")]


def test_a_possessive_names_whose_arrest_or_resignation_it_was() -> None:
    got = dated("Ms. Mbeki has been held without bail since her arrest in July.", PUB)
    assert got == [("arrested", "Mbeki", "2023-07")]
    # "his" is the sentence's own "he", not the president named in between
    got = dated(
        "Ana Mbeki is a Ruritanian politician. In March 2017, she was appointed State Minister "
        "by President Jonas Maele, serving until her resignation in June of that year.",
        PUB,
    )
    assert ("resigned", "Ana Mbeki", "2017-06") in got
    assert all(p != "Jonas Maele" for _, p, _ in got)
    # a detention that is extended goes on; it is not a new arrest
    assert dated("Mbeki denies wrongdoing; her pre-trial detention was extended in May.", PUB) == []


def test_a_newly_appointed_title_names_the_person_it_stands_before() -> None:
    got = dated("We congratulate newly-appointed Ruritania Prime Minister Ana Mbeki.", PUB)
    assert [g[:2] for g in got] == [("appointed", "Ana Mbeki")]


def test_an_infobox_written_as_numbered_fields_gives_each_office_its_start() -> None:
    text = (
        "= Ana Mbeki =\n\n"
        "Ana Mbeki\n"
        "- Office: Director of the State Intelligence Service\n"
        "- President: Jonas Maele\n"
        "- Term Start: February 4, 2016\n"
        "- Term End: October 26, 2019\n"
        "- Office1: Minister of Construction\n"
        "- Term Start1: September 14, 2014\n"
        "- Birth Date: 1961-04-09\n\n"
        "Ana Mbeki (born April 9, 1961) is a Ruritanian politician.\n"
    )
    got = {(e.type, e.person, e.position, e.date.iso) for e in extract(text, None).events}
    assert ("appointed", "Ana Mbeki", "Director", "2016-02-04") in got
    assert ("appointed", "Ana Mbeki", "Minister", "2014-09-14") in got
    # a term's end is not a start, and the president named beside the office holds none here
    assert {e[3] for e in got} == {"2016-02-04", "2014-09-14"}


def test_a_successor_and_an_ousting_are_read() -> None:
    # "succeeded by" names a change of holder as plainly as "replaced by"
    got = dated("He was succeeded by Ana Mbeki in an unexpected reshuffle.", PUB)
    assert [g[:2] for g in got] == [("appointed", "Ana Mbeki")]
    # the ousting of a country's president is the president's, not the country's
    got = dated("The protests ended with the ousting of Ruritania's President Jonas Maele.", PUB)
    assert [g[:2] for g in got] == [("dismissed", "Jonas Maele")]


def test_a_country_name_is_nobody_and_does_not_begin_a_persons_name() -> None:
    got = dated("Acting President of Myanmar Ana Mbeki Swe was dismissed on 4 May 2031.", PUB)
    assert [g[:2] for g in got] == [("dismissed", "Ana Mbeki Swe")]
    # "elected President X" describes X; it does not report an election
    got = dated(
        "In May 2017, Jonas Maele, close associate of elected President of Serbia Ana Mbeki, "
        "was appointed head of the agency.",
        PUB,
    )
    assert [g[:2] for g in got] == [("appointed", "Jonas Maele")]


def ru_dated(text: str, published: PartialDate | None = PUB) -> list[tuple[str, str, str | None]]:
    return [
        (e.type, e.person, e.date.iso if e.date else None) for e in extract(text, published).events
    ]


def test_a_name_in_the_genitive_is_whose_not_who() -> None:
    # a common noun as the passive's subject, its only name in the genitive: whom, elsewhere
    assert people("Давний оппонент губернатора Олега Зимина задержан в аэропорту.") == []
    # a passive's subject is never a genitive: the one advised is not the one appointed
    assert people("Прежний руководитель ведомства назначен помощником Олега Зимина.") == []


def test_a_conjoined_verb_takes_the_subject_of_the_first_and_a_span_of_years_dates_its_end() -> (
    None
):
    got = ru_dated(
        "Олег Зимин был директором завода с 2004 по 2016 годы и подал в отставку после того, "
        "как прокуратура попросила министра его уволить.",
        None,
    )
    assert ("resigned", "Олег Зимин", "2016") in got
    # a death is not dated by the tenure beside it
    assert ru_dated("Скончался Пётр Рябов — мэр города с 1994 по 2001.", None) == [
        ("died", "Пётр Рябов", None)
    ]


def test_an_event_asked_for_is_not_an_event() -> None:
    assert people("Профсоюз потребовал уволить Олега Зимина.") == []
    assert people("Оппозиция призвала к немедленному освобождению Олега Зимина.") == []


def test_the_signers_clause_is_not_the_appointees() -> None:
    got = people(
        "3 марта 2015 года Иван Громов подписал указ, согласно которому депутат городского "
        "совета Олег Зимин назначен на должность исполняющего обязанности мэра Тулы."
    )
    assert got == [("appointed", "Олег Зимин")]


def test_a_year_marked_as_a_year_or_a_month_in_the_nominative_dates_the_event() -> None:
    got = ru_dated(
        "В конце девяностых (1998 г.) Олег Зимин стал директором завода. "
        "В разгар кризиса (октябрь 2008 г.) Олег Зимин был назначен министром финансов.",
        None,
    )
    assert ("appointed", "Олег Зимин", "1998") in got
    assert ("appointed", "Олег Зимин", "2008-10") in got


def test_a_womans_undeclined_given_name_keeps_her_surname_feminine() -> None:
    got = people("Президент Иван Громов назначил свою супругу Гульнар Садыкову вице-президентом.")
    assert got == [("appointed", "Гульнар Садыкова")]


def test_an_abbreviated_body_is_nobody() -> None:
    got = people(
        "В США задержана телеведущая Анна Смит.\n42-летнюю журналистку 3 марта 2019 года "
        "арестовало ФБР в аэропорту города Бостон."
    )
    assert ("arrested", "Анна Смит") in got
    assert all(person != "Фбр" for _, person in got)


def test_a_drowning_is_a_death_and_a_given_name_with_patronymic_is_the_one_named_in_full() -> None:
    got = ru_dated(
        "В пятницу, 5 мая 2017 года, в Чёрном море утонул депутат городского совета Пётр Рябов. "
        "Коллеги сообщили, что Пётр Иванович погиб на глазах у друзей.",
        None,
    )
    assert got == [("died", "Пётр Рябов", "2017-05-05")]


def test_the_russian_trigger_scan_is_guarded_by_its_stems_first_letters_and_finds_the_same() -> (
    None
):
    from custodes.languages.ru import reader

    plain = reader._PATTERNS["trigger_stems"]
    assert reader._TRIGGER.pattern.startswith("(?=[")  # every stem begins with a letter
    text = (
        "Указом Президента назначен Олег Зимин; ранее он был освобождён от должности. "
        "В 2010 году УБИТ мэр, а Рябов стал министром и покинул пост. Обвинение предъявлено."
    )
    assert [m.span() for m in reader._TRIGGER.finditer(text)] == [
        m.span() for m in plain.finditer(text)
    ]
