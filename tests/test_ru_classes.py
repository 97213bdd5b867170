"""Classes of failure on real Russian text (issue 8), each with a sentence written for it."""

from __future__ import annotations

from custodes.extract.dates import PartialDate
from custodes.extract.pipeline import extract

D = PartialDate.parse("2020-05-05")


def _events(text: str) -> list[tuple[str, str, str | None]]:
    return [(e.type, e.person, str(e.date) if e.date else None) for e in extract(text, D).events]


def _types_people(text: str) -> set[tuple[str, str]]:
    return {(e.type, e.person) for e in extract(text, D).events}


def test_confirmed_with_the_post_in_the_instrumental_is_read() -> None:
    """ "утвердил X председателем …": the sentence is selected though no "в должности" follows."""
    got = _types_people("12 марта парламент утвердил Сергея Иванова председателем правительства.")
    assert got == {("appointed", "Сергей Иванов")}


def test_leaving_a_post_is_a_resignation_in_either_word_order() -> None:
    assert _types_people("Министр финансов Олег Петров ушёл со своего поста.") == {
        ("resigned", "Олег Петров")
    }
    assert _types_people("В 2011 году Иван Орлов ушел с поста губернатора.") == {
        ("resigned", "Иван Орлов")
    }


def test_the_subject_after_an_intransitive_verb_in_its_own_clause() -> None:
    """The parser hangs "его предшественница Анна Крылова" on the main clause; she is the one
    who left, in her own clause after the verb."""
    text = (
        "Павел Сидоров руководит ведомством с 2015 года, когда с должности ушла его "
        "предшественница Анна Крылова."
    )
    assert ("resigned", "Анна Крылова") in _types_people(text)


def test_a_biography_subject_with_two_surnames_keeps_his_given_name() -> None:
    from custodes.languages.ru.reader import _bio_sections

    text = (
        "Хуан Педро Гарсия Лопес родился 3 мая 1950 года. "
        "Член Совета Федерации Иван Петрович Орлов родился в 1948 году."
    )
    assert [name for _, name in _bio_sections(text)] == [
        "Хуан Педро Гарсия Лопес",
        "Иван Петрович Орлов",
    ]


def test_a_thing_appointed_or_a_common_noun_given_to_someone_appoints_nobody() -> None:
    """ "назначил наказание …", "ей назначен адвокат", "её муж был застрелен": the thing or the
    unnamed common noun is what the verb is about, not the person in the dative or the pronoun."""
    assert _types_people("Президент назначил Павлу Сидорову пенсию.") == set()
    assert _types_people("Иван Петров арестован, ему назначен адвокат.") == {
        ("arrested", "Иван Петров")
    }
    text = "Анна Орлова вернулась в страну. В 1990 году её муж был застрелен в аэропорту."
    assert ("died", "Анна Орлова") not in _types_people(text)
    assert _types_people("Президент назначил Павла Сидорова министром.") == {
        ("appointed", "Павел Сидоров")
    }
    # the duties one performs are no thing: the biography's subject took them
    bio = (
        "Иван Петрович Орлов (род. 1960) — генерал.\n\n"
        "С 11 июля 2020 года исполнял обязанности директора службы."
    )
    assert ("appointed", "Иван Петрович Орлов") in _types_people(bio)


def test_a_generational_suffix_declines_with_the_name() -> None:
    from custodes.languages.ru.reader import load_ru, nominative

    vocab = load_ru().morph_vocab
    assert nominative(["Джона", "Смита-младшего"], vocab) == "Джон Смит-младший"
    assert nominative(["Анну", "Смит-старшую"], vocab) == "Анна Смит-старшая"
    got = _types_people("Администрация подтвердила назначение Джона Смита-младшего послом.")
    assert got == {("appointed", "Джон Смит-младший")}


def test_a_headlines_capitalised_title_is_no_person() -> None:
    assert _types_people("Экс-министра обвинили в получении взятки.") == set()


def test_a_pronoun_stands_for_the_subject_named_before_it_not_for_the_one_who_acts() -> None:
    text = (
        "61-летний Иван Орлов экстрадирован в США в 2017 году, где ему были предъявлены "
        "обвинения в контрабанде."
    )
    assert _events(text) == [("charged", "Иван Орлов", str(PartialDate(year=2017)))]
    text = (
        "В 1990 году Павел Орлов был назначен советником. Когда ему исполнилось 35 лет, "
        "президент Джордж Смит назначил его послом в Сингапуре."
    )
    assert {p for _, p in _types_people(text)} == {"Павел Орлов"}


def test_a_verb_the_parse_negates_is_no_event() -> None:
    """ "не" on the verb or its auxiliary, whatever words stand between."""
    assert _types_people("Власти не предъявили ей обвинения, и Анну Орлову отпустили.") == set()
    assert _types_people("Иван Петров не был задержан.") == set()
    assert _types_people("Иван Петров задержан, но не арестован.") == {("arrested", "Иван Петров")}


def test_earlier_today_is_the_items_day() -> None:
    text = (
        "24 июля 2014 года министр сообщил, что исполняющим обязанности премьер-министра "
        "назначен Иван Петров.\n\nРанее сегодня премьер-министр Павел Орлов подал в отставку."
    )
    got = {(e.type, e.person, str(e.date)) for e in extract(text, None).events}
    assert ("resigned", "Павел Орлов", str(PartialDate(2014, 7, 24))) in got


def test_a_described_subject_takes_the_post_not_the_one_it_replaces() -> None:
    """ "японский дипломат сменил на посту X": the description stands for someone named
    before; X is the one replaced."""
    text = (
        "Иван Орлов родился в 1947 году. В 2009 году японский дипломат сменил на посту "
        "генерального директора агентства Павла Сидорова."
    )
    assert _events(text) == [("appointed", "Иван Орлов", str(PartialDate(year=2009)))]


def test_an_alias_in_brackets_is_not_part_of_the_name() -> None:
    assert _types_people("Заместителем лидера назначен Павел Сидоров (Паша).") == {
        ("appointed", "Павел Сидоров")
    }


def test_an_undated_items_lead_says_its_day_by_who_told_the_news() -> None:
    text = (
        "Представитель движения сообщил 23 июня 2018 года, что движение возглавит новый лидер.\n\n"
        "Заместителем лидера назначен Павел Сидоров."
    )
    got = [(e.type, e.person, str(e.date)) for e in extract(text, None).events]
    assert got == [("appointed", "Павел Сидоров", str(PartialDate(2018, 6, 23)))]


def test_a_passives_post_is_the_instrumental_before_it_not_the_title_its_subject_holds() -> None:
    text = (
        "Исполняющим обязанности министра транспорта назначен первый заместитель министра "
        "Сергей Орлов."
    )
    (e,) = extract(text, D).events
    assert (e.person, e.position) == ("Сергей Орлов", "Minister")
    assert e.acting


def test_special_purpose_is_no_appointment() -> None:
    text = (
        "Он обвинил мятежников в нападении на его племянника — командира сил специального "
        "назначения Павла Орлова."
    )
    assert ("appointed", "Павел Орлов") not in _types_people(text)


def test_the_victim_of_the_crime_charged_and_the_one_who_charges_are_not_the_accused() -> None:
    text = (
        "«Он погиб», — заявил лидер партии Иван Орлов, обвинив в убийстве Павла Сидорова "
        "мятежников."
    )
    assert _types_people(text) == set()
    assert _types_people("Прокуратура обвинила Ивана Орлова в убийстве Павла Сидорова.") == {
        ("charged", "Иван Орлов")
    }


def test_an_object_put_before_the_verb_is_the_one_appointed() -> None:
    assert _types_people("Ивана Орлова президент назначил послом.") == {("appointed", "Иван Орлов")}


def test_leaving_all_posts_coming_to_power_and_writing_a_resignation() -> None:
    """Trigger forms the vocabulary lacked: "покинул все государственные должности" (two words
    before the post), "пришёл к власти", "написал заявление об отставке"."""
    got = _events("24 февраля 2008 года Иван Орлов покинул все государственные должности.")
    assert got == [("resigned", "Иван Орлов", str(PartialDate(2008, 2, 24)))]
    got = _events("Иван Орлов пришёл к власти в 2003 году, став преемником своего отца.")
    assert got == [("appointed", "Иван Орлов", str(PartialDate(year=2003)))]
    text = "Спикер парламента Иван Орлов написал заявление об отставке в связи с болезнью."
    assert _types_people(text) == {("resigned", "Иван Орлов")}
    assert _types_people("Иван Орлов покинул здание суда.") == set()


def test_a_biographys_career_statement_without_a_verb_or_a_dash() -> None:
    """ "С 25 ноября 2005 года исполняющий обязанности городского головы …", "Вице-премьер-министр
    Украины с 27 февраля 2014 года.": the section's subject took the post on that day; a verb
    of service after "С 1994 года" is no post."""
    text = (
        "Иван Петрович Орлов родился 20 января 1978 года в Виннице.\n"
        "С 1994 года служил в органах безопасности, прошёл путь до начальника отдела.\n"
        "С 25 ноября 2005 года исполняющий обязанности городского головы города Винница.\n"
        "Вице-премьер-министр Украины с 27 февраля 2014 года."
    )
    got = [(e.type, e.person, str(e.date), e.position) for e in extract(text, D).events]
    assert got == [
        ("appointed", "Иван Петрович Орлов", str(PartialDate(2005, 11, 25)), "Mayor"),
        (
            "appointed",
            "Иван Петрович Орлов",
            str(PartialDate(2014, 2, 27)),
            "Deputy Prime Minister",
        ),
    ]


def test_a_short_title_stem_does_not_match_other_words() -> None:
    """ "глава" is "главы", "главой", not "глазах"."""
    from custodes.languages.ru.reader import _TITLE_RE

    assert not _TITLE_RE.search("погиб на глазах у друзей")
    assert _TITLE_RE.search("назначен главой района")


def test_a_span_of_years_is_a_post_taken_in_its_first_year_and_then_is_later() -> None:
    """ "В 1996—1997 годах — заместитель …" is an office given as structure, taken up in 1996
    (the contract's "Offices given as structure", decided 2026-12-08; before, a span was read
    as a post held and not dated); what came "затем" is not dated by the span before it."""
    text = (
        "Умер бывший министр Иван Орлов\n\nИван Петрович Орлов родился 20 января 1960 года в "
        "Москве.\n"
        "В 1996—1997 годах — заместитель министра финансов.\n"
        "С августа 1999 года — заместитель руководителя администрации президента.\n"
        "В 2006—2009 годах занимал пост заместителя главы администрации, затем стал депутатом "
        "городского совета."
    )
    got = [(e.type, e.date) for e in extract(text, D).events if e.type == "appointed"]
    assert got[:2] == [("appointed", PartialDate(1996)), ("appointed", PartialDate(1999, 8))]
    assert len(got) == 3 and (got[2][1] is None or got[2][1].not_after)


def test_the_day_after_something_undated_and_the_sentences_only_date_far_after_the_verb() -> None:
    text = (
        "9 сентября 2016 года президент освободил Павла Орлова от должности министра.\n\n"
        "Павел Орлов отправлен в отставку на следующий день после его юбилея."
    )
    got = [(e.type, str(e.date)) for e in extract(text, None).events]
    assert got == [("dismissed", str(PartialDate(2016, 9, 9)))]
    text = (
        "Бывший президент Иван Орлов скончался в больнице в столице после того, как "
        "предпринял попытку суицида во время обыска в своём доме в среду, 17 апреля 2019 года."
    )
    assert _events(text) == [("died", "Иван Орлов", str(PartialDate(2019, 4, 17)))]
    text = (
        "В больнице скончался начальник департамента полиции города полковник полиции Иван "
        "Орлов, получивший ранения 6 января."
    )
    assert _events(text)[0][2] != str(PartialDate(2020, 1, 6))


def test_then_too_points_back_to_the_date_told_just_before() -> None:
    text = (
        "В апреле 2015 года бывший президент Иван Орлов был арестован по делу о шпионаже. "
        "Тогда же его обвинили в связях с группировкой."
    )
    got = {(e.type, e.person, str(e.date)) for e in extract(text, D).events}
    assert ("charged", "Иван Орлов", str(PartialDate(2015, 4))) in got


def test_an_event_noun_names_its_person_in_the_genitive() -> None:
    """ "после смерти X", "арест X", "задержание генерала X": a death or an arrest told by its
    noun is the event of whoever the noun's genitive names (the nouns are data: ``nouns`` in
    ``languages/ru/vocabulary.yaml``)."""
    assert _types_people(
        "Газета процитировала письмо после смерти Томаса Шефера, министра финансов Гессена."
    ) == {("died", "Томас Шефер")}
    assert _types_people(
        "Следствие связывает арест Ивана Петрова, заместителя главы ФСБ, с делом о госизмене."
    ) == {("arrested", "Иван Петров")}
    assert _events(
        "После задержания генерала Алексея Смирнова 5 марта 2020 года в ведомстве начались "
        "проверки."
    ) == [("arrested", "Алексей Смирнов", str(PartialDate(2020, 3, 5)))]


def test_a_warrant_for_an_arrest_is_not_the_arrest() -> None:
    assert _types_people("Суд выдал ордер на арест журналистки Анны Ивановой.") == set()
    assert _types_people("Следователи направили ходатайство об аресте Петра Орлова.") == set()


def test_a_role_noun_points_back_to_the_death_just_told() -> None:
    """ "Андрей Петров умер … Менеджер скончался 27 апреля": the role noun names nobody and
    points back to the one whose death was told, so the death takes the date; a role noun with
    no such death before it ("погиб водитель") is nobody's."""
    text = (
        "Глава компании Андрей Петров умер от пневмонии.\n\n"
        "Менеджер скончался в одной из клиник в Москве днём в понедельник, 27 апреля 2020 года."
    )
    assert _events(text) == [("died", "Андрей Петров", str(PartialDate(2020, 4, 27)))]
    assert _events("Глава компании Андрей Петров подписал приказ.\n\nВ аварии погиб шофёр.") == []


def test_a_name_with_a_particle_is_someone() -> None:
    """ "Мухаммед бин Салман": no two capitalised words stand together, and the name is still a
    name (the particle stays in lower case)."""
    assert _types_people("Министром обороны назначен Мухаммед бин Салман.") == {
        ("appointed", "Мухаммед бин Салман")
    }


def test_the_resignation_put_before_its_verb() -> None:
    """ "Отставку подал X", "В отставку ушёл X": the word the verb needs stands before it."""
    assert _types_people("Отставку подал министр внутренних дел Ерлан Тургумбаев.") == {
        ("resigned", "Ерлан Тургумбаев")
    }
    assert _types_people("В отставку ушёл министр обороны Сергей Петров.") == {
        ("resigned", "Сергей Петров")
    }


def test_earlier_is_not_dated_by_the_date_just_told() -> None:
    """ "27 января премьер подал в отставку. Ранее в отставку подал министр X": X resigned
    before that day, on a day the text does not give."""
    text = (
        "В понедельник, 27 января 2020 года, премьер-министр Марьян Шарец подал в отставку.\n"
        "Ранее в отставку подал министр финансов Андрей Бертончель."
    )
    got = {e.person: e.date for e in extract(text, D).events}
    assert got["Марьян Шарец"] == PartialDate(2020, 1, 27)
    # no day of its own: only "not later than" the publication date
    assert got["Андрей Бертончель"].bound_kind == "not_after"


def test_taking_office_and_confirmed_in_a_post() -> None:
    """ "вступил в должность губернатора" (took office; not "вступил в силу", "в партию"),
    "утверждён в должности министра" (the participle of "утвердить")."""
    assert _events("Иван Орлов вступил в должность губернатора 5 мая.") == [
        ("appointed", "Иван Орлов", str(PartialDate(2020, 5, 5)))
    ]
    assert _types_people("Иван Орлов вступил в партию в 2010 году.") == set()
    assert _types_people("Иван Орлов утверждён в должности министра обороны.") == {
        ("appointed", "Иван Орлов")
    }


def _events_undated(text: str) -> list[tuple[str, str, str | None]]:
    return [(e.type, e.person, e.date.iso if e.date else None) for e in extract(text).events]


def test_career_lines_give_the_start_of_each_office_a_span_its_first_year() -> None:
    """A career told as structure ("В 1999 году — помощник …", "В 1996—1997 годах —
    заместитель …") is an appointment at each office's start (the contract's "Offices given as
    structure"); the same span told in prose ("В 2007—2014 годах он был президентом") is not."""
    text = (
        "Олег Петрович Смирнов (род. 3 мая 1961 года) — российский государственный деятель.\n\n"
        "В 1996—1997 годах — заместитель руководителя Департамента информации.\n\n"
        "В 1999 году — помощник руководителя Администрации Президента.\n\n"
        "В 2001—2004 годах он был председателем правления банка.\n"
    )
    got = _events_undated(text)
    assert ("appointed", "Олег Петрович Смирнов", "1996") in got
    assert ("appointed", "Олег Петрович Смирнов", "1999") in got
    assert not [e for e in got if e[2] == "2001"]


def test_a_russian_infobox_gives_each_office_and_its_acting_start() -> None:
    """The page's title is "Фамилия, Имя Отчество (…)"; its infobox gives the post, the start
    (or the span), the acting start in brackets, and the predecessor below."""
    text = (
        "Петров, Иван Сергеевич (политик)\n\n"
        "Иван Сергеевич Петров\n"
        "Глава Республики Коми\n"
        "с 22 сентября 2016 года\n"
        "(и. о. с 19 февраля 2016 года)\n"
        "Предшественник: Олег Николаевич Волков\n"
        "Председатель Государственного совета Республики Коми\n"
        "11 декабря 2009 года — 28 апреля 2015 года\n"
        "Преемник: Павел Андреевич Орлов\n\n"
        "Рождение: 18 июня 1960\n"
    )
    got = _events_undated(text)
    assert ("appointed", "Иван Сергеевич Петров", "2016-09-22") in got
    assert ("appointed", "Иван Сергеевич Петров", "2016-02-19") in got
    assert ("appointed", "Иван Сергеевич Петров", "2009-12-11") in got
    acting = [e for e in extract(text).events if e.date and e.date.iso == "2016-02-19"]
    assert acting and acting[0].acting


def test_an_undated_item_resolves_its_weekday_against_the_day_its_lead_reports() -> None:
    """Without a publication date, "Об этом 14 декабря 2018 года рассказали …" is the day the
    item reports on: "в четверг" is the Thursday before it."""
    text = (
        "Полиция застрелила подозреваемого в нападении\n\n"
        "Полицейские застрелили Мурата Алиева, подозреваемого в нападении на прохожих.\n\n"
        "Об этом 14 декабря 2018 года журналистам рассказали два источника в полиции. "
        "Алиев был убит поздно вечером в четверг в ходе перестрелки с полицейскими."
    )
    assert ("died", "Мурат Алиев", "2018-12-13") in _events_undated(text)


def test_a_person_dies_once_however_often_and_however_vaguely_it_is_told() -> None:
    """The lead gives the day of the death; a later sentence tells it again inside a clause
    whose span of years the reader takes for its date: one death, on the day."""
    text = (
        "Мурат Алиев скончался 23 марта 2015 года. Администрация сообщила, что Мурат Алиев, "
        "стоявший во главе государства с 1959 по 1990 год, тихо скончался в ночь на понедельник."
    )
    got = [e for e in _events_undated(text) if e[0] == "died"]
    assert got == [("died", "Мурат Алиев", "2015-03-23")]


def test_elected_with_the_post_before_the_verb() -> None:
    """ "В 2012 году лидером оппозиции был избран X": the post in the instrumental stands
    before the verb and the person after it; "избран в парламент" names no post."""
    got = _events_undated("В 2012 году лидером оппозиции был избран бывший имам Ахмед Халил.")
    assert ("appointed", "Ахмед Халил", "2012") in got
    assert not _events_undated("Иван Петров был избран в парламент.")


def test_a_foreign_name_the_news_ner_does_not_know_is_still_a_person() -> None:
    """natasha's NER misses many foreign names written in Cyrillic ("Ван Цзюнь", "Ли Пэн"):
    capitalised proper nouns side by side are a name; a capitalised preposition opening the
    sentence is not part of one."""
    assert _events_undated("Ван Цзюнь скончался 10 июня 2019 года.") == [
        ("died", "Ван Цзюнь", "2019-06-10")
    ]
    got = _events_undated(
        "Согласно Конституции, ушедшие в отставку министры будут исполнять обязанности."
    )
    assert not [e for e in got if e[1].startswith("Согласно")]


def test_losing_a_post_is_a_dismissal_and_a_month_of_this_year_is_dated() -> None:
    """ "лишился поста" / "лишившийся поста": removed from the post (the subject loses it);
    "в апреле этого года" is April of the publication's year, "прошлого года" the year before;
    "лишился жизни" is no dismissal."""
    pub = PartialDate.parse("2009-09-07")
    got = [
        (e.type, e.person, e.date.iso if e.date else None)
        for e in extract(
            "Бывший глава ГУВД Владимир Пронин, лишившийся поста в апреле этого года после "
            "стрельбы, будет работать в мэрии. Олег Смирнов лишился поста мэра в мае прошлого "
            "года.",
            pub,
        ).events
    ]
    assert ("dismissed", "Владимир Пронин", "2009-04") in got
    assert ("dismissed", "Олег Смирнов", "2008-05") in got
    assert not _events_undated("Иван Петров лишился жизни в аварии.")


def test_a_tenure_told_with_its_start_is_an_appointment_then() -> None:
    """ "бессменно руководит областью с 1997 года", "возглавляет страну с 2008 года": the start
    of the tenure is the appointment; without a start ("руководит областью") it is no event,
    and the next clause's subject is not the one who heads."""
    assert ("appointed", "Аман Тулеев", "1997") in _events_undated(
        "Аман Тулеев бессменно руководит Кемеровской областью с 1997 года."
    )
    got = _events_undated(
        "Рауль Кастро возглавляет страну с 2008 года, когда с должности ушел его брат Фидель."
    )
    assert ("appointed", "Рауль Кастро", "2008") in got
    assert not [e for e in got if e[0] == "appointed" and e[1] == "Фидель"]
    assert not _events_undated("Иван Петров руководит областью.")


def test_a_date_past_the_next_clause_mark_is_that_clauses() -> None:
    """ "…, которого Трамп назначил, а затем уволил с поста советника, в 2015 году получил
    деньги": 2015 is when he was paid, not when he was dismissed."""
    got = _events_undated(
        "Отставной генерал армии Олег Смирнов, которого президент Иван Грач назначил, а затем "
        "под давлением общества уволил с поста советника по национальной безопасности, в 2015 "
        "году получил почти 68 000 долларов от иностранных компаний."
    )
    assert not [e for e in got if e[0] == "dismissed" and e[2] == "2015"]


def test_a_surname_left_in_its_case_is_the_full_name_given_elsewhere() -> None:
    """ "Виннику предъявлены обвинения": the surname alone, in the dative, is the Александр
    Винник the document names in full, not a person "Виннику"."""
    got = _events_undated(
        "Александр Винник арестован в Греции. В США Виннику предъявлены обвинения в мошенничестве."
    )
    assert ("charged", "Александр Винник", None) in got
    assert not [e for e in got if e[1] == "Виннику"]


def test_yo_is_read_as_ye_by_the_trigger_stems() -> None:
    """Russian prints "ё" or "е" at will: "был обвинён" holds the stem "обвинен"."""
    assert ("charged", "Ратко Младич", "1996") in _events_undated(
        "В 1996 году Ратко Младич был обвинён трибуналом в совершении военных преступлений."
    )


def test_removed_from_a_bodys_membership_is_a_dismissal() -> None:
    got = _events_undated(
        "Президент Иван Грач исключил Олега Смирнова из состава Совета Безопасности страны."
    )
    assert ("dismissed", "Олег Смирнов", None) in got


def test_the_date_of_an_earlier_act_the_decree_amends_is_not_the_events() -> None:
    """ "Внести в состав Совета, утвержденный указом от 25 мая 2012 года, изменение, исключив
    из него X": 2012 is the date of the composition the decree changes."""
    got = _events_undated(
        "Внести в состав Совета Безопасности, утвержденный указом Президента от 25 мая 2012 "
        "года, изменение, исключив из него Смирнова Олега Ивановича."
    )
    assert [e for e in got if e[0] == "dismissed"]
    assert not [e for e in got if e[2] == "2012-05-25"]


def test_an_abdication_is_a_resignation() -> None:
    got = _events_undated("3 июля 2013 года король Иван Петров отрёкся от престола в пользу сына.")
    assert ("resigned", "Иван Петров", "2013-07-03") in got


def test_a_sentence_about_when_the_event_happened_dates_it() -> None:
    """ "Убийство произошло 14 февраля 2017 года": the murder told before took place that
    day; "Задержание … произошло в собрании, где господин Петров выступал": Петров's arrest."""
    got = _events_undated(
        "Полиция сообщила о гибели Ли Мин Хо. По дороге в больницу Ли Мин Хо умер.\n\n"
        "Убийство произошло около 8 часов утра 14 февраля 2017 года по местному времени."
    )
    assert ("died", "Ли Мин Хо", "2017-02-14") in got
    got = _events_undated(
        "Министр транспорта края Олег Петров подозревается в превышении полномочий. "
        "Задержание руководителя ведомства произошло в законодательном собрании, где "
        "господин Петров выступал на комитете."
    )
    assert ("arrested", "Олег Петров", None) in got


def test_a_decree_list_gives_each_name_the_post_of_the_line_above() -> None:
    """ "1. Назначить:" then post lines in the instrumental and, under each, names in the
    accusative, one a line; a head may run over lines; the decree's date is the day under its
    signature."""
    text = (
        "                              У К А З\n\n"
        "     1. Назначить:\n\n"
        "            судьей Верховного Суда Республики Алтай\n"
        "     Петрову Анну Сергеевну\n\n"
        "              судьями Пермского краевого суда\n"
        "     Смирнова Олега Ивановича\n"
        "     Кузнецову Марию Павловну.\n\n"
        "     2. Назначить  на  период  до   истечения   срока   полномочий,\n"
        "установленного  Указом  Президента от 15 мая 2000 г. N 856:\n\n"
        "            судьей Тверского областного суда\n"
        "     Волкова Игоря Петровича\n\n\n"
        "     Президент Российской Федерации                        И.Грач\n\n"
        "     Москва, Кремль\n     25 октября 2002 года\n     N 1261\n"
    )
    got = _events_undated(text)
    for name in [
        "Петрова Анна Сергеевна",
        "Смирнов Олег Иванович",
        "Кузнецова Мария Павловна",
        "Волков Игорь Петрович",
    ]:
        assert ("appointed", name, "2002-10-25") in got, name
    assert len(got) == 4


def test_a_bodys_new_and_removed_members_are_appointed_and_dismissed() -> None:
    text = (
        "     1. Внести в состав Совета следующие изменения:\n"
        "     а) включить в состав Совета следующих лиц:\n\n"
        "     Петров М.О.  - муфтий,  председатель  Духовного управления\n\n"
        "     Сидоров С.В.   - епископ;\n\n"
        "     б) исключить из состава Совета Коваленко П.Б., Мурзу В.М. и Лаптева Н.А.\n\n"
        "     Президент Российской Федерации                         И.Грач\n\n"
        "     5 августа 2002 года\n"
    )
    got = set(_events_undated(text))
    assert {
        ("appointed", "Петров М.О.", "2002-08-05"),
        ("appointed", "Сидоров С.В.", "2002-08-05"),
        ("dismissed", "Коваленко П.Б.", "2002-08-05"),
        ("dismissed", "Мурза В.М.", "2002-08-05"),
        ("dismissed", "Лаптев Н.А.", "2002-08-05"),
    } <= got


def test_elected_city_head_is_an_appointment() -> None:
    """ "избран Винницким городским головой": an election to the post of mayor."""
    text = (
        "Иван Петрович Сидоренко родился 20 января 1978 года в Виннице.\n"
        "В ноябре 2005 года избран секретарем Винницкого городского совета.\n\n"
        "26 марта 2006 года в возрасте 28 лет избран Винницким городским головой."
    )
    assert ("appointed", "Иван Петрович Сидоренко", "2006-03-26") in _events_undated(text)


def test_a_genitive_after_the_subject_is_not_a_second_subject() -> None:
    got = _events_undated(
        "22 июля 2019 года в Пекине умер Ли Пэн, соратник Цзян Цзэминя, премьер Госсовета."
    )
    assert ("died", "Ли Пэн", "2019-07-22") in got
    assert not [e for e in got if "Цзян" in e[1]]


def test_a_place_glued_before_a_name_the_text_gives_alone_is_dropped() -> None:
    got = _events_undated(
        "Умер король Тонги Тауфаахау Тупу IV.\n\n"
        "Тауфаахау Тупу IV скончался после продолжительной болезни."
    )
    assert [e for e in got if e[0] == "died"] == [("died", "Тауфаахау Тупу IV", None)]


def test_a_posts_infobox_gives_its_holder_and_the_day_he_took_it_up() -> None:
    text = (
        "Генеральный прокурор Республики Алтай\n"
        "| Генеральный прокурор Республики Алтай | |\n|---|---|\n"
        "| Должность занимает Олег Смирнов с 24 сентября 2025 | |\n"
        "| Срок полномочий | 5 лет |\n"
    )
    assert ("appointed", "Олег Смирнов", "2025-09-24") in _events_undated(text)


def test_a_pronoun_stands_for_the_person_of_its_gender() -> None:
    """ "Подозреваемый в гибели Марины Петровой Алексей Смирнов задержан … В этот момент его и
    задержали": "его" is the man named, not the woman."""
    got = _events_undated(
        "Подозреваемый в гибели Марины Петровой Алексей Смирнов задержан и дал показания. "
        "Он пытался скрыться на вокзале. В этот момент его и задержали полицейские."
    )
    assert not [e for e in got if e[0] == "arrested" and "Петров" in e[1]]


def test_an_event_nouns_possessive_is_the_person_named_before_it() -> None:
    """ "соратник Анны Крыловой, который после её ареста в 2011 году …": the possessive stands
    for the woman named before it, in whatever case she is named."""
    text = (
        "Давний соратник Анны Крыловой, который после её ареста в 2011 году возглавил "
        "партию, выступил в парламенте."
    )
    got = [(e.type, e.person, e.date.iso if e.date else None) for e in extract(text, D).events]
    # (and "который" is the ally, of his gender, not the woman named before it)
    assert got == [("arrested", "Анна Крылова", "2011")]


def test_a_surname_left_in_its_case_is_one_event_with_the_full_name() -> None:
    """ "Арестованный в Греции Пётр Волков …", then "Волкову предъявлены обвинения" and "его
    арест": the declined surname is the same man, and his arrest is told once."""
    text = (
        "Арестованный в Греции Пётр Волков дал интервью. В США Волкову предъявлены обвинения "
        "в мошенничестве. По словам самого обвиняемого, его арест является провокацией."
    )
    got = [e for e in extract(text, D).events if e.type == "arrested"]
    assert [(e.type, e.person) for e in got] == [("arrested", "Пётр Волков")]


ACTING_DECREE = """ПОСТАНОВЛЕНИЕ
от 18.05.2000 N 204-ПГ
Об исполнении обязанностей
Губернатора области
1. На период командировки возложить исполнение обязанностей Губернатора
Северной области на первого заместителя Губернатора области -
Председателя Правительства Северной области КОРОЛЁВА Анатолия
Алексеевича.
2. Настоящее постановление вступает в силу 22 мая 2000 года.
Губернатор
Северной области И.ПЕТРОВ"""


def test_duties_given_to_a_surname_in_capitals_over_wrapped_lines_from_the_day_in_force() -> None:
    """A regional decree prints the surname in capitals, wraps its lines by hand, puts titles
    between "на" and the name, and says the day it takes effect: the stand-in is appointed on
    that day (the event's day, not the act's)."""
    got = [
        (e.type, e.person, e.date.iso if e.date else None) for e in extract(ACTING_DECREE).events
    ]
    assert got == [("appointed", "Королёв Анатолий Алексеевич", "2000-05-22")]


def test_an_inauguration_starts_the_post_and_blame_is_no_charge() -> None:
    got = _types_people("В тот же день состоялась инаугурация нового президента Ивана Орлова.")
    assert got == {("appointed", "Иван Орлов")}
    got = _types_people(
        "Премьер-министр Олег Петров обвинил Сергея Волкова в том, что его компания разорила "
        "отрасль."
    )
    assert not any(t == "charged" for t, _ in got)


def test_a_conviction_presupposes_a_charge_on_no_given_day() -> None:
    """ "суд приговорил X к …", "признан виновным": X was charged before, on a day the text
    does not give (not the verdict's); a sentence's first word that is an adjective
    ("Семидесятилетний") is not part of his name."""
    text = (
        "Суд Милана 26 октября 2012 года приговорил бывшего премьера Ивана Орлова к четырём "
        "годам тюрьмы.\n\nСемидесятилетний Орлов признан виновным в уклонении от налогов."
    )
    got = [(e.type, e.person, e.date) for e in extract(text, D).events]
    # (undated: "not later than the publication date" is all the text says)
    assert [(t, p, d is None or d.not_after) for t, p, d in got] == [
        ("charged", "Иван Орлов", True)
    ]
