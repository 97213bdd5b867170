"""Russian sources: decrees, wire items and biographies give the same events, fields and
evidence as English; names come back in the nominative, posts in the shared taxonomy.
(Texts written for these tests; the people are invented.)"""

from __future__ import annotations

import pytest

from custodes.extract.dates import PartialDate
from custodes.extract.pipeline import extract
from custodes.languages.ru.reader import nominative


def events(text: str, published: str | None = "2023-03-16") -> set[tuple]:
    pub = PartialDate.parse(published) if published else None
    return {
        (e.type, e.person, e.position, e.organization, e.date.iso if e.date else None)
        for e in extract(text, pub).events
    }


def test_decree_appoints_and_relieves_in_one_item() -> None:
    text = (
        "Указ Президента Республики Казахстан № 112 от 3 марта 2023 года\n\n"
        "1. Назначить Жунусова Талгата Болатовича Председателем Комитета национальной "
        "безопасности Республики Казахстан, освободив его от должности начальника Службы "
        "государственной охраны Республики Казахстан."
    )
    got = events(text)
    assert (
        "appointed",
        "Жунусов Талгат Болатович",
        "Chairman",
        "National Security Committee",
        "2023-03-03",
    ) in got
    assert (
        "dismissed",
        "Жунусов Талгат Болатович",
        "Head",
        "State Guard Service",
        "2023-03-03",
    ) in got


def test_wire_item_with_weekday_and_abbreviation() -> None:
    # 2023-03-16 was a Thursday: "во вторник" is 2023-03-14
    text = (
        "АСТАНА, 16 марта. Президент во вторник освободил Ерлана Сапарова от должности "
        "заместителя председателя КНБ, сообщила пресс-служба Акорды."
    )
    assert (
        "dismissed",
        "Ерлан Сапаров",
        "Deputy Chairman",
        "National Security Committee",
        "2023-03-14",
    ) in events(text)


def test_passive_participle_and_death() -> None:
    got = events(
        "5 апреля 2021 года генерал-майор Олег Кравцов назначен директором ФСО. "
        "Бывший глава ведомства Иван Петров скончался 4 мая 2021 года."
    )
    assert (
        "appointed",
        "Олег Кравцов",
        "Director",
        "Federal Protective Service",
        "2021-04-05",
    ) in got
    assert ("died", "Иван Петров", None, None, "2021-05-04") in got


def test_denials_and_rumours_are_not_events() -> None:
    assert (
        events(
            "Пресс-служба опровергла сообщения об отставке Сергея Иванова. "
            "Ожидается, что Анна Смирнова будет назначена министром."
        )
        == set()
    )


@pytest.mark.parametrize(
    "words,expected",
    [
        (["Масимова", "Карима", "Кажимкановича"], "Масимов Карим Кажимканович"),
        (["Ивановой", "Анны", "Сергеевны"], "Иванова Анна Сергеевна"),
    ],
)
def test_names_in_the_nominative(words: list[str], expected: str) -> None:
    from custodes.languages.ru.reader import load_ru

    assert nominative(words, load_ru().morph_vocab) == expected


def test_a_russian_decree_reaches_the_roster(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from custodes.analyses import roster
    from custodes.extract.pipeline import extract_many
    from custodes.ingest.read import read_document
    from custodes.store import KnowledgeBase

    path = tmp_path / "ukaz.txt"
    path.write_text(
        "Указ Президента Республики Казахстан № 112 от 3 марта 2023 года\n\n"
        "1. Назначить Жунусова Талгата Болатовича Председателем Комитета национальной "
        "безопасности Республики Казахстан.\n",
        "utf-8",
    )
    doc = read_document(path)
    assert doc.language == "ru"
    (ext,) = extract_many([(doc.text, doc.published)])
    with KnowledgeBase.open(tmp_path / "kb.db") as kb:
        kb.ingest_document(doc, ext)
        r = roster(kb.view(), "National Security Committee", PartialDate(2023, 4, 1))
    holders = [h.person for p in r.posts for h in p.holders]
    assert holders == ["Жунусов Талгат Болатович"]


def test_people_are_one_entry_across_scripts(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from custodes.analyses import people
    from custodes.store import KnowledgeBase

    en = tmp_path / "en.txt"
    en.write_text(
        "On 6 January 2022 Karim Massimov was dismissed from the post of Chairman of "
        "the National Security Committee.",
        "utf-8",
    )
    ru = tmp_path / "ru.txt"
    ru.write_text(
        "Указ Президента Республики Казахстан от 6 января 2022 года\n\n"
        "1. Освободить Масимова Карима Кажимкановича от должности Председателя "
        "Комитета национальной безопасности Республики Казахстан.\n",
        "utf-8",
    )
    with KnowledgeBase.open(tmp_path / "kb.db") as kb:
        for path in (en, ru):
            kb.ingest_file(path)
        found = people(kb.view())
    (massimov,) = [p for p in found if "Massimov" in p.name]
    assert massimov.name == "Karim Massimov"
    assert massimov.aliases == ["Масимов Карим Кажимканович"]
    assert massimov.documents == 2


# one appointment as a Russian decree, an English report and a Russian wire item report it
THREE_SOURCES = {
    "ukaz.txt": "Указ Президента Республики Казахстан от 6 января 2022 года\n\n"
    "1. Назначить Сагимбаева Ермека Алпысовича Председателем Комитета национальной "
    "безопасности Республики Казахстан.\n",
    "report.txt": "On 6 January 2022 Major-General Ermek Sagimbayev was appointed Chairman of "
    "the National Security Committee.",
    "wire.txt": "АСТАНА, 7 января. Ермек Сагимбаев 6 января 2022 года назначен председателем "
    "Комитета национальной безопасности, сообщила пресс-служба Акорды.",
}


def test_one_appointment_in_three_sources_is_one_holder(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A Russian decree, an English report and a Russian wire item about one appointment: the
    roster shows one holder, with all three sources behind the tenure."""
    from custodes.analyses import roster
    from custodes.store import KnowledgeBase

    texts = THREE_SOURCES
    with KnowledgeBase.open(tmp_path / "kb.db") as kb:
        for name, text in texts.items():
            (tmp_path / name).write_text(text, "utf-8")
            kb.ingest_file(tmp_path / name)
        r = roster(kb.view(), "National Security Committee", PartialDate(2022, 2, 1))
    holders = [h for p in r.posts for h in p.holders]
    assert [h.person for h in holders] == ["Ermek Sagimbayev"]
    assert len(r.documents) == 3


def test_sources_in_two_languages_that_disagree_on_a_date_are_a_conflict(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from custodes.analyses import conflicts
    from custodes.store import KnowledgeBase

    texts = {
        "en.txt": "On 6 January 2022 Ermek Sagimbayev was appointed Chairman of the National "
        "Security Committee.",
        "ru.txt": "АСТАНА. 7 января 2022 года Ермек Сагимбаев назначен председателем Комитета "
        "национальной безопасности.",
    }
    with KnowledgeBase.open(tmp_path / "kb.db") as kb:
        for name, text in texts.items():
            (tmp_path / name).write_text(text, "utf-8")
            kb.ingest_file(tmp_path / name)
        found = conflicts(kb.view())
    assert [c.kind for c in found] == ["different_dates"]
    assert "2022-01-06" in found[0].summary and "2022-01-07" in found[0].summary


def test_one_appointment_in_three_sources_is_one_event(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The same three sources: the timeline lists the appointment once, with all three documents;
    a fourth source that dates it a day later is kept on the same event as a disagreement."""
    from custodes.analyses import timeline
    from custodes.store import KnowledgeBase

    texts = THREE_SOURCES
    with KnowledgeBase.open(tmp_path / "kb.db") as kb:
        for name, text in texts.items():
            (tmp_path / name).write_text(text, "utf-8")
            kb.ingest_file(tmp_path / name)
        t = timeline(kb.view(), "Sagimbayev")
        assert [(e.type, e.date, len(e.sources), e.conflict) for e in t.entries] == [
            ("appointed", "2022-01-06", 3, None)
        ]
        (tmp_path / "late.txt").write_text(
            "Ermek Sagimbayev was appointed Chairman of the National Security Committee on "
            "7 January 2022.",
            "utf-8",
        )
        kb.ingest_file(tmp_path / "late.txt")
        t = timeline(kb.view(), "Сагимбаев")
    [e] = t.entries
    assert len(e.sources) == 4
    assert e.conflict == "sources disagree on the date: 2022-01-06, 2022-01-07"


def test_kazakh_and_kyrgyz_gknb_never_merge(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """One abbreviation, two states: each organisation carries the country its document names,
    and a roster of "ГКНБ" says which one."""
    from custodes.analyses import roster
    from custodes.store import KnowledgeBase

    texts = {
        "kg.txt": "БИШКЕК. Указом президента Кыргызской Республики 3 марта 2023 года Камчыбек "
        "Ташиев назначен председателем Государственного комитета национальной безопасности "
        "Кыргызской Республики.",
        "kz.txt": "АСТАНА. Указом Главы государства Республики Казахстан 10 апреля 2023 года Ермек "
        "Сагимбаев назначен председателем Государственного комитета национальной безопасности "
        "Республики Казахстан.",
        "en.txt": "On 12 May 2023 Ermek Sagimbayev was arrested. He had been appointed Chairman of "
        "the State Committee for National Security on 10 April 2023.",
    }
    with KnowledgeBase.open(tmp_path / "kb.db") as kb:
        for name, text in texts.items():
            (tmp_path / name).write_text(text, "utf-8")
            kb.ingest_file(tmp_path / name)
        view = kb.view()
        kg, kz = view.resolve_org("ГКНБ Кыргызстана"), view.resolve_org("GKNB (KZ)")
        assert kg == "state committee for national security @kg"
        assert kz == "state committee for national security @kz"
        on = PartialDate(2023, 4, 20)
        kg_holders = [
            h.person for p in roster(view, "ГКНБ Кыргызстана", on).posts for h in p.holders
        ]
        kz_holders = [h.person for p in roster(view, "GKNB (KZ)", on).posts for h in p.holders]
    assert kg_holders == ["Камчыбек Ташиев"]
    assert kz_holders == ["Ермек Сагимбаев"]


def test_news_that_names_nobody_near_a_trigger_is_not_parsed() -> None:
    """ "Матч назначен на субботу", "рейс задержан": trigger stems with nobody they can be about;
    such a document is skipped before any model runs, and one that names someone is read in
    full, subjectless sentences included (Russian drops the subject)."""
    from custodes.languages.ru.reader import names_someone

    ordinary = (
        "Матч назначен на субботу. Рейс из Омска задержан на три часа из-за погоды. "
        "Суд назначил повторную экспертизу."
    )
    assert not names_someone(ordinary)
    assert extract(ordinary).events == []
    bio = (
        "Каров Сергей Петрович (род. 1960) — военный. В октябре 2021 года освобождён от "
        "должности начальника управления. Скончался 4 мая 2023 года."
    )
    assert names_someone(bio)
    types = {(e.type, e.date.iso if e.date else None) for e in extract(bio).events}
    assert ("dismissed", "2021-10") in types and ("died", "2023-05-04") in types


def test_batched_parse_equals_one_sentence_at_a_time() -> None:
    """The Russian reader parses a document's candidate sentences in one batch; each gets the
    annotations natasha gives it alone."""
    from natasha import Doc

    from custodes.languages.ru.reader import _parse_many, load_ru

    nlp = load_ru()
    sentences = [
        "Указом Президента Иванов Сергей Петрович назначен Председателем Комитета.",
        "Освободить Карова Игоря от должности министра.",
        "",
        "Задержан бывший начальник управления Олег Маткин.",
    ]
    batched = _parse_many(sentences, nlp)
    for text, got in zip(sentences, batched, strict=True):
        alone = Doc(text)
        alone.segment(nlp.segmenter)
        if text.strip():
            alone.tag_morph(nlp.morph)
            alone.parse_syntax(nlp.syntax)
            alone.tag_ner(nlp.ner)

        def key(d: Doc) -> list[tuple]:
            return [(t.text, t.pos, t.feats, t.id, t.head_id, t.rel) for t in d.tokens]

        assert key(got) == key(alone)
        assert [(s.start, s.stop, s.type) for s in got.spans] == [
            (s.start, s.stop, s.type) for s in (alone.spans or [])
        ]


def test_vested_with_powers_shot_dead_and_a_lost_space() -> None:
    """ "Наделить полномочиями Губернатора … ПетроваИвана Сергеевича" (a space lost in print) is
    an appointment of Петров Иван Сергеевич; "был застрелен" is a death."""
    got = events(
        "1. Наделить полномочиями Губернатора Тверской области ПетроваИвана Сергеевича сроком на "
        "пять лет. Олег Маркин был застрелен 18 октября 2002 года в Москве.",
        "2002-10-20",
    )
    assert ("appointed", "Петров Иван Сергеевич") in {(t, p) for t, p, *_ in got}
    assert ("died", "Олег Маркин", None, None, "2002-10-18") in got


def test_acting_duties_go_to_the_name_past_the_titles() -> None:
    got = events(
        "1. Возложить временное исполнение обязанностей Главы Республики на Председателя "
        "Народного Собрания Республики Сидорова Игоря Владимировича."
    )
    assert {(t, p) for t, p, *_ in got} == {("appointed", "Сидоров Игорь Владимирович")}


def test_the_person_a_relative_pronoun_stands_for() -> None:
    """ "… генерал-майора Олега Кравцова, которого президент назначил на этот пост …": the
    appointee is Кравцов, not the man he replaced; "пост" is not "посол" (Ambassador)."""
    got = events(
        "Министр представил коллективу нового начальника управления генерал-майора Олега "
        "Кравцова, которого президент назначил на этот пост в понедельник вместо Петрова."
    )
    assert [(t, p, pos) for t, p, pos, *_ in got if t == "appointed"] == [
        ("appointed", "Олег Кравцов", None)
    ]


def test_decree_lists_with_capital_surnames_and_no_dash() -> None:
    """ "Назначить:" then "КАЛАШНИКОВА Виктора Кирилловича Главой администрации … области;":
    each line an appointment, the surname in the nominative and in ordinary case."""
    text = (
        "УКАЗ\n\nНазначить:\n\nКАРОВА Виктора Кирилловича Главой администрации Тверской "
        "области;\n\nОСИПОВА Эдуарда Петровича Главой администрации Омской области.\n\n"
        "16 октября 1991 года"
    )
    got = events(text, None)
    assert {(t, p) for t, p, *_ in got} == {
        ("appointed", "Каров Виктор Кириллович"),
        ("appointed", "Осипов Эдуард Петрович"),
    }


def test_entrusted_duties_removal_from_office_and_adjectival_surnames() -> None:
    """ "Поручить исполнение обязанностей … Кириенко Сергею Владиленовичу" (dative) is an acting
    appointment; "Отрешить … от должности" a dismissal; "Константина Ильковского" is
    "Константин Ильковский"."""
    got = events(
        "1. Поручить исполнение обязанностей Председателя Правительства Первому заместителю "
        "Председателя Правительства Кириенко Сергею Владиленовичу. 2. Отрешить Карова Игоря "
        "Петровича от должности Губернатора Тверской области. Президент подписал Указ о "
        "назначении Константина Ильковского временно исполняющим обязанности губернатора."
    )
    assert {(t, p) for t, p, *_ in got} >= {
        ("appointed", "Кириенко Сергей Владиленович"),
        ("dismissed", "Каров Игорь Петрович"),
        ("appointed", "Константин Ильковский"),
    }


def test_the_day_before_and_the_eve_of() -> None:
    """ "Накануне X подал в отставку" in an item of 13 September: on 12 September; "Накануне
    выборов" (on the eve of the elections) is no such date."""
    got = events("Накануне Сергей Каров подал в отставку с поста министра.", "2006-09-13")
    assert [(t, p, d) for t, p, _, _, d in got] == [("resigned", "Сергей Каров", "2006-09-12")]
    got = events("Накануне выборов Сергей Каров подал в отставку с поста министра.", "2006-09-13")
    assert [d for *_, d in got] != ["2006-09-12"]


def who(text: str, published: str | None = None) -> list[tuple[str, str]]:
    pub = PartialDate.parse(published) if published else None
    return sorted((e.type, e.person) for e in extract(text, pub).events)


def test_the_signer_of_a_decree_about_a_resignation_is_not_its_subject() -> None:
    assert who("Президент Алмаз Бекович Токтаров подписал указ об отставке правительства.") == []
    # ... but one who announces the resignation of his own government resigns
    assert who("Об отставке правительства премьер-министр Марат Бекович Сапаров заявил вчера.") == [
        ("resigned", "Марат Бекович Сапаров")
    ]


def test_a_common_noun_argument_is_not_the_nearest_name() -> None:
    """The generals dismissed are named by nobody: not the journalist named after them, whose
    arrest the noun "аресте" tells (an event of his own, as the contract reads it)."""
    assert who(
        "Президент Иван Петров уволил двух генералов полиции, причастных к делу об аресте "
        "журналиста Олега Сидорова."
    ) == [("arrested", "Олег Сидоров")]
    assert (
        who("Именно Анна Волкова командовала операцией, в ходе которой был случайно убит бразилец.")
        == []
    )


def test_a_name_the_tagger_missed_is_still_the_subject() -> None:
    assert who(
        "Сидорчук подал в отставку после того, как признал связь со своим биографом Полой Бродвелл."
    ) == [("resigned", "Сидорчук")]


def test_a_bare_resignation_noun_adds_nothing_to_the_resignation_told() -> None:
    assert who(
        "Сергей Петрович Волков подал в отставку с поста вице-премьера. Наблюдатели оценивают "
        "отставку Волкова по-разному."
    ) == [("resigned", "Сергей Петрович Волков")]


def test_an_acting_holder_named_after_a_dated_departure_is_named_that_day() -> None:
    got = events(
        "15 января 2014 года Президент досрочно отправил в отставку губернатора Челябинской "
        "области Михаила Юревича. Временно исполняющим обязанности губернатора назначен Борис "
        "Дубровский.",
        None,
    )
    assert {(t, p, d) for t, p, _, _, d in got} == {
        ("dismissed", "Михаил Юревич", "2014-01-15"),
        ("appointed", "Борис Дубровский", "2014-01-15"),
    }


def test_a_headline_opening_with_the_participle_is_read() -> None:
    assert who("Арестован Марат Бекович Сапаров") == [("arrested", "Марат Бекович Сапаров")]


def test_a_gerund_and_a_noun_of_dismissal_name_whom() -> None:
    assert who(
        "В понедельник 18 февраля 2013 года премьер пытался смягчить кризис, уволив "
        "непопулярного министра финансов Симеона Дянкова."
    ) == [("dismissed", "Симеон Дянков")]
    assert who(
        "В четверг Кремль объявил об увольнении начальника управления по контролю за оборотом "
        "наркотиков Юрия Девяткина и начальника управления полиции округа Андрея Пучкова."
    ) == [("dismissed", "Андрей Пучков"), ("dismissed", "Юрий Девяткин")]


def test_the_decree_by_which_a_president_dismisses_is_not_a_person() -> None:
    assert (
        who(
            "8 мая 2013 года Президент России Иван Петров подписал Указ «О Волкове С. П.», которым "
            "отправил чиновника в отставку."
        )
        == []
    )


def test_a_government_headed_by_someone_resigns_with_its_head() -> None:
    assert who("Правительство России во главе с Дмитрием Медведевым ушло в отставку.") == [
        ("resigned", "Дмитрий Медведев")
    ]
    assert who(
        "8 ноября 2012 года Иван Петров подписал указ, согласно которому временно исполняющим "
        "обязанности губернатора назначен Андрей Воробьёв."
    ) == [("appointed", "Андрей Воробьёв")]
    assert who(
        "Бывший президент Франциско Флорес скончался, сообщила партия Националистический "
        "республиканский альянс."
    ) == [("died", "Франциско Флорес")]


def test_elected_speaker_and_the_one_who_replaced_someone_at_a_post_are_appointed() -> None:
    assert who("Александр Турчинов избран спикером Верховной Рады.") == [
        ("appointed", "Александр Турчинов")
    ]
    got = events(
        "Парламент 20 июня 2018 года выразил доверие Ивану Петрову, сменившему на посту "
        "премьер-министра страны Олега Сидорова.",
        None,
    )
    assert {(t, d) for t, _, pos, _, d in got if pos == "Prime Minister"} == {
        ("appointed", "2018-06-20")
    }


def test_a_sentence_that_names_nobody_is_not_parsed(monkeypatch) -> None:
    """Speed without loss: "Матч назначен на пятницу" has a trigger stem and nobody it could be
    about, so natasha never sees it; the sentence that names someone is still read."""
    import custodes.languages.ru.reader as reader

    seen: list[str] = []
    real = reader._parse_many

    def spy(sentences, nlp):  # type: ignore[no-untyped-def]
        seen.extend(sentences)
        return real(sentences, nlp)

    monkeypatch.setattr(reader, "_parse_many", spy)
    text = (
        "Матч назначен на пятницу, начало в 19 часов. Водитель арестован на 5 суток. "
        "Компания «Салиенко» назначила нового аудитора. "
        "Вчера Мушарраф был назначен министром обороны."
    )
    events = extract(text, PartialDate(2024, 2, 12)).events
    assert [(e.type, e.person) for e in events] == [("appointed", "Мушарраф")]
    assert all("Мушарраф" in s for s in seen)


def test_the_copula_takes_its_post_from_the_instrumental_before_or_after_it() -> None:
    assert who(
        "В марте 2019 года Олег Петрович Сидоренко стал председателем правления концерна."
    ) == [("appointed", "Олег Петрович Сидоренко")]
    assert who("Новым главой областного управления полиции стала Анна Сергеевна Волкова.") == [
        ("appointed", "Анна Сергеевна Волкова")
    ]
    assert who("Олег Петрович Сидоренко стал первым в районе человеком, получившим награду.") == []


def test_the_one_who_replaces_someone_at_a_post_is_appointed_not_the_replaced() -> None:
    assert who(
        "В 2015 году Игорь Андреевич Лавров сменил на посту директора агентства Павла "
        "Николаевича Егорова."
    ) == [("appointed", "Игорь Андреевич Лавров")]


def test_a_news_items_closing_biography_drops_its_subject() -> None:
    got = events(
        "Вчера Сергей Лаптев назначен министром финансов страны.\n\n"
        "Сергей Иванович Лаптев родился 3 мая 1970 года в Твери.\n"
        "В 2004 году избран депутатом городского совета.\n"
        "С марта 2010 года — заместитель министра финансов.\n"
        "В 2016 году покинул свой пост.",
        "2021-02-10",
    )
    assert {(t, d) for t, p, *_, d in got if p.endswith("Лаптев")} >= {
        ("appointed", "2004"),
        ("appointed", "2010-03"),
        ("resigned", "2016"),
    }


def test_a_participle_said_of_a_common_noun_names_nobody() -> None:
    assert who(
        "Назначить Сидоренко Олега Петровича временно исполняющим обязанности Губернатора "
        "области до вступления в должность лица, избранного Губернатором области."
    ) == [("appointed", "Сидоренко Олег Петрович")]


def test_an_oath_of_office_is_an_appointment_of_its_subject() -> None:
    got = events(
        "Игорь Андреевич Лавров в пятницу, 12 марта 2021 года, принёс присягу в качестве "
        "президента страны, сменив Павла Егорова.",
        None,
    )
    assert {(t, p, d) for t, p, *_, d in got} == {
        ("appointed", "Игорь Андреевич Лавров", "2021-03-12")
    }


def test_an_undated_items_lead_says_the_day_of_its_news() -> None:
    got = events(
        "Новым министром финансов назначен Олег Петрович Сидоренко\n"
        "Президент назначил Олега Петровича Сидоренко министром финансов.\n"
        "Указ о назначении опубликован в четверг, 14 октября 2021 года, на сайте президента.",
        None,
    )
    assert {(t, d) for t, p, *_, d in got if p.endswith("Сидоренко")} == {
        ("appointed", "2021-10-14")
    }


def test_the_future_of_the_copula_is_not_an_appointment() -> None:
    assert who(
        "Игорь Андреевич Лавров станет новым главой агентства, а Павел Олегович Егоров уволен."
    ) == [("dismissed", "Павел Олегович Егоров")]


def test_latin_look_alikes_inside_a_cyrillic_name_are_read_as_cyrillic() -> None:
    # "Олeг" and "Cидоренко" carry a Latin "e" and "C", as mistyped in print
    assert who(
        "Бывший министр Олeг Cидоренко скончался 30 января 2016 года в возрасте 56 лет."
    ) == [("died", "Олег Сидоренко")]


def test_confirmed_at_a_post_is_appointed_and_after_is_not_ambassador() -> None:
    got = events(
        "Сенат 3 марта 2020 года утвердил Игоря Лаврова на посту директора агентства.", None
    )
    assert {(t, p, d) for t, p, *_, d in got} == {("appointed", "Игорь Лавров", "2020-03-03")}
    got = events("Иван Сергеевич Петров скончался в больнице после операции.", None)
    assert [(t, pos) for t, _, pos, *_ in got] == [("died", None)]
