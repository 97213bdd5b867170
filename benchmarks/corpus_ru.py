"""A deterministic synthetic Russian news corpus for the Russian extraction benchmark.

``generate(n, seed)`` returns ``n`` news-length Russian documents (250–600 words) as
``(name, text)``, built like ``corpus.py``'s English ones: about 85% ordinary news (economy,
weather, sport, culture, transport, health, education, courts, agriculture), about 15% (names
ending ``-personnel.txt``) with paragraphs on the security agencies of invented countries —
decree items ("Назначить Иванова Сергея … Председателем …"), appointments, dismissals,
resignations and detentions in news prose, dated "5 марта 2021 года", "в понедельник",
"05.03.2021" or by a decree's date line.

Ordinary news uses the words that make a Russian sentence a candidate, as real news does ("матч
назначен на субботу", "рейс задержан", "суд назначил экспертизу", "освобождён от уплаты"), so
the benchmark does not flatter the candidate filter. Invented names are declined by the plain
rules of Russian surnames in -ов/-ев/-ин (genitive and accusative +а). Everything comes from one
seeded ``random.Random``.

    python benchmarks/corpus_ru.py --write /tmp/corpus-ru --docs 500
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

PERSONNEL_SHARE = 0.15

MONTHS_GEN = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
              "сентября", "октября", "ноября", "декабря"]  # fmt: skip
WEEKDAYS_ACC = ["понедельник", "вторник", "среду", "четверг", "пятницу", "субботу"]
WEEKDAYS = ["в понедельник", "во вторник", "в среду", "в четверг", "в пятницу", "в субботу"]
GIVEN = [
    "Сергей",
    "Алексей",
    "Андрей",
    "Игорь",
    "Олег",
    "Марат",
    "Ерлан",
    "Тимур",
    "Бахтияр",
    "Руслан",
    "Дмитрий",
    "Виктор",
    "Нурлан",
    "Аскар",
    "Максим",
    "Роман",
    "Вадим",
    "Кайрат",
]
SYLL = ["ба", "ка", "ли", "ма", "ра", "то", "се", "жа", "ну", "ке", "бе", "да", "ги", "му", "са"]
ENDINGS = ["ов", "ев", "ин", "баев", "енков"]

POSTS = [  # nominative, genitive, instrumental
    ("Председатель", "Председателя", "Председателем"),
    ("заместитель Председателя", "заместителя Председателя", "заместителем Председателя"),
    ("первый заместитель Председателя", "первого заместителя Председателя",
     "первым заместителем Председателя"),
    ("начальник", "начальника", "начальником"),
    ("директор", "директора", "директором"),
    ("министр", "министра", "министром"),
]  # fmt: skip
AGENCIES = [  # genitive
    "Комитета национальной безопасности", "Службы государственной охраны",
    "Министерства внутренних дел", "Пограничной службы", "Генеральной прокуратуры",
    "Службы внешней разведки", "Агентства по финансовому мониторингу",
    "Государственного комитета по делам обороны", "Национальной гвардии",
]  # fmt: skip
COUNTRIES = ["Республики Тамбаран", "Республики Каралия", "Восточной Республики Сомир",
             "Республики Верхняя Ламба", "Федерации Асторин"]  # fmt: skip
CHARGES = ["превышении должностных полномочий", "получении взятки", "государственной измене",
           "растрате", "попытке насильственного захвата власти"]  # fmt: skip

PERSONNEL = [
    "{D} {p} назначен {post_ins} {agency} {country}.",
    "Указом Президента {country} {p} освобождён от должности {post_gen} {agency}.",
    "{D} Президент подписал указ о назначении {p_gen} на должность {post_gen} {agency}.",
    "{p} подал в отставку с поста {post_gen} {agency} {d}.",
    "{D} был задержан бывший {post_nom} {agency} {p}.",
    "{p_nom_post}, {d} обвинён в {charge}.",
    "Новым {post_ins} {agency} стал {p}, ранее возглавлявший региональное управление.",
    "{D} {p} освобождён от занимаемой должности в связи с переходом на другую работу.",
    "Ранее {p} работал в {agency_loc} на различных должностях.",
]
DECREE_ITEMS = [
    "Назначить {p_acc} {post_ins} {agency} {country}.",
    "Освободить {p_acc} от должности {post_gen} {agency} {country}.",
    "Назначить {p_acc} {post_ins} {agency}, освободив его от занимаемой должности.",
]
CONTEXT = [
    "Комитет является основным органом безопасности страны.",
    "Наблюдатели связали перестановки с борьбой элитных групп.",
    "В пресс-службе ведомства от комментариев отказались.",
    "Президент неоднократно менял руководство силовых структур.",
    "Аналитики считают, что перестановки усилили контроль над спецслужбами.",
    "Подробности дела не раскрываются.",
]
ORDINARY = {
    "economy": [
        "Инфляция в {month_loc} составила {num} процента.",
        "Национальный банк сохранил базовую ставку на уровне {num} процентов.",
        "Компания «{company}» назначила нового аудитора.",
        "Объём торгов на бирже вырос на {num} процентов.",
        "Малый бизнес освобождён от уплаты ряда налогов до конца года.",
        "Правительство утвердило прогноз социально-экономического развития.",
        "Экспорт зерна за {num} месяцев превысил прошлогодний уровень.",
        "Курс национальной валюты {d} укрепился.",
    ],
    "weather": [
        "{D} в {city} ожидается до {num} градусов мороза.",
        "Синоптики предупредили о сильном ветре и гололёде.",
        "В горных районах выпало до {num} сантиметров снега.",
        "Аномальная жара продержится до конца недели.",
        "Спасатели рекомендовали жителям не выходить на лёд.",
    ],
    "sport": [
        "Матч назначен на {weekday_acc}, начало в {num} часов.",
        "Сборная уступила соперникам со счётом {num}:1.",
        "Новым главным тренером клуба «{company}» стал иностранный специалист.",
        "Нападающий был удалён с поля на {num}-й минуте.",
        "Финал чемпионата пройдёт в {city}.",
        "Болельщики встретили команду в аэропорту.",
    ],
    "culture": [
        "В {city} открылась выставка современного искусства.",
        "Премьера спектакля назначена на {d}.",
        "Фестиваль соберёт более {num} тысяч зрителей.",
        "Музей получил в дар коллекцию старинных рукописей.",
        "Режиссёр представил новый фильм на кинофестивале.",
    ],
    "transport": [
        "Рейс из {city} задержан на {num} часов из-за погоды.",
        "Движение по трассе временно перекрыто.",
        "В {city} запустили новый автобусный маршрут.",
        "Стоимость проезда в метро вырастет с {d}.",
        "Ремонт моста планируется завершить осенью.",
    ],
    "health": [
        "Врачи зафиксировали рост заболеваемости гриппом на {num} процентов.",
        "В {city} открылась новая поликлиника на {num} посещений в смену.",
        "Министерство здравоохранения рекомендовало сделать прививку.",
        "Больницы переведены в режим повышенной готовности.",
    ],
    "education": [
        "Учебный год начнётся {d}.",
        "В {city} построят школу на {num} мест.",
        "Выпускники сдали экзамены лучше, чем в прошлом году.",
        "Университет назначил дополнительный набор на бюджетные места.",
    ],
    "courts": [
        "Суд назначил повторную экспертизу по делу о ДТП.",
        "Полиция задержала подозреваемого в краже автомобиля.",
        "Заседание суда отложено до {d}.",
        "Водитель арестован на {num} суток за езду в нетрезвом виде.",
        "Следствие продлило срок расследования на {num} месяца.",
    ],
    "agriculture": [
        "Аграрии собрали {num} миллиона тонн зерна.",
        "Посевная кампания стартует в {month_loc}.",
        "Фермеры получили субсидии на покупку техники.",
        "Цены на овощи на рынках {city} снизились.",
    ],
}
TITLES = ["Новости дня", "Главное за неделю", "Коротко", "События", "Обзор"]
MONTHS_LOC = ["январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе",
              "сентябре", "октябре", "ноябре", "декабре"]  # fmt: skip


def _surname(rng: random.Random) -> str:
    s = "".join(rng.choice(SYLL) for _ in range(rng.randint(1, 2))) + rng.choice(ENDINGS)
    return s[0].upper() + s[1:]


def _gen(word: str) -> str:
    """Genitive (= accusative for men) of a man's given name or -ов/-ин surname."""
    if word.endswith("й"):
        return word[:-1] + "я"
    if word.endswith("ь"):
        return word[:-1] + "я"
    return word + "а"


def _date(rng: random.Random, year: int) -> str:
    m, d = rng.randrange(12), rng.randint(1, 28)
    return rng.choice([f"{d} {MONTHS_GEN[m]} {year} года", f"{d} {MONTHS_GEN[m]}",
                       f"{d:02d}.{m + 1:02d}.{year}"])  # fmt: skip


class _Filler:
    def __init__(self, rng: random.Random, year: int):
        self.rng, self.year = rng, year
        self.country = rng.choice(COUNTRIES)
        self.agency = rng.choice(AGENCIES)
        self.cities = [_surname(rng).rstrip("в") + "ск" for _ in range(3)]

    def person(self) -> tuple[str, str]:
        """(nominative "Сергей Каров", genitive "Сергея Карова")."""
        g, s = self.rng.choice(GIVEN), _surname(self.rng)
        return f"{g} {s}", f"{_gen(g)} {_gen(s)}"

    def fill(self, template: str) -> str:
        r = self.rng
        nom, gen = self.person()
        post = r.choice(POSTS)
        d = _date(r, self.year)
        start = r.choice(WEEKDAYS) if r.random() < 0.25 else d  # "во вторник …" opens only
        acc_decree = f"{gen.split()[1]} {gen.split()[0]}"  # "Карова Сергея", as decrees write it
        agency_loc = re.sub(r"а\b", "е", self.agency.split()[0], count=1)
        values = {
            "p": nom, "p_gen": gen, "p_acc": acc_decree, "post_nom": post[0].lower(),
            "post_gen": post[1], "post_ins": post[2], "agency": self.agency,
            "agency_loc": agency_loc + " " + " ".join(self.agency.split()[1:]),
            "country": self.country, "charge": r.choice(CHARGES), "d": d,
            "D": start[0].upper() + start[1:], "p_nom_post": f"Бывший {post[0].lower()} {nom}",
            "num": str(r.randint(2, 40)), "city": r.choice(self.cities),
            "company": _surname(r).rstrip("в"), "weekday_acc": r.choice(WEEKDAYS_ACC),
            "month_loc": r.choice(MONTHS_LOC),
        }  # fmt: skip
        s = re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], template)
        return s[0].upper() + s[1:]


def _paragraphs(rng: random.Random, sentences: list[str], target: int) -> list[str]:
    paras: list[str] = []
    words, i = 0, 0
    while i < len(sentences) and words < target:
        chunk = sentences[i : i + rng.randint(2, 5)]
        paras.append(" ".join(chunk))
        words += sum(len(s.split()) for s in chunk)
        i += len(chunk)
    return paras


def _ordinary(rng: random.Random, f: _Filler, target: int) -> list[str]:
    topics = rng.sample(sorted(ORDINARY), 4)
    sents: list[str] = []
    while sum(len(s.split()) for s in sents) < target:
        for t in topics:
            sents += [f.fill(s) for s in rng.sample(ORDINARY[t], len(ORDINARY[t]))]
    return _paragraphs(rng, sents, target)


def _dateline(rng: random.Random, year: int) -> list[str]:
    if rng.random() < 0.5:
        return []
    return [f"{rng.randint(1, 28)} {rng.choice(MONTHS_GEN)} {year} года"]


def _personnel(rng: random.Random, year: int, target: int) -> str:
    f = _Filler(rng, year)
    paras: list[str] = []
    if rng.random() < 0.4:
        items = [f.fill(rng.choice(DECREE_ITEMS)) for _ in range(rng.randint(1, 4))]
        paras.append("Президент подписал Указ. Текст Указа:")
        paras += [f"{k}. {s}" for k, s in enumerate(items, 1)]
        paras.append(f"{rng.randint(1, 28)} {rng.choice(MONTHS_GEN)} {year} года")
    for _ in range(rng.randint(1, 3)):
        sents = [f.fill(rng.choice(PERSONNEL)) for _ in range(rng.randint(1, 3))]
        sents.insert(rng.randrange(len(sents) + 1), rng.choice(CONTEXT))
        paras.append(" ".join(sents))
    words = sum(len(p.split()) for p in paras)
    rest = _ordinary(rng, f, max(0, target - words))
    at = rng.randint(0, len(rest))
    body = rest[:at] + paras + rest[at:] if rng.random() < 0.4 else paras + rest
    return "\n\n".join([rng.choice(TITLES), *_dateline(rng, year), *body]) + "\n"


def _news(rng: random.Random, year: int, target: int) -> str:
    f = _Filler(rng, year)
    body = _ordinary(rng, f, target)
    return "\n\n".join([rng.choice(TITLES), *_dateline(rng, year), *body]) + "\n"


def generate(n: int = 500, seed: int = 7) -> list[tuple[str, str]]:
    """``n`` Russian documents as ``(doc_name, text)``, the same for the same ``n`` and ``seed``."""
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    for i in range(n):
        year, target = rng.randint(2005, 2024), rng.randint(250, 600)
        if rng.random() < PERSONNEL_SHARE:
            out.append((f"doc{i:05d}-personnel.txt", _personnel(rng, year, target)))
        else:
            out.append((f"doc{i:05d}-news.txt", _news(rng, year, target)))
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", metavar="DIR", type=Path, help="write the documents to DIR")
    ap.add_argument("--docs", type=int, default=500, help="number of documents (500)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    docs = generate(args.docs, args.seed)
    if args.write:
        args.write.mkdir(parents=True, exist_ok=True)
        for name, text in docs:
            (args.write / name).write_text(text, encoding="utf-8")
    words = [len(t.split()) for _, t in docs]
    print(f"{len(docs)} documents: {sum(words)} words ({min(words)}–{max(words)} per document)")


if __name__ == "__main__":
    main()
