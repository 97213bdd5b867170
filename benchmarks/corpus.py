"""A deterministic synthetic news corpus for the extraction benchmark.

``generate(n, seed)`` returns ``n`` news-length documents (250–600 words) as ``(name, text)``.
Most are about ordinary news — the economy, weather, sport, culture, technology, agriculture,
courts, diplomacy, health, transport, education, the environment — and about 15% carry personnel
sentences about the security agencies of invented countries: appointments, dismissals,
resignations and arrests, dated "On 5 March 2021", "on Tuesday", "on March 4, 2021", "on
04.03.2021" or by date headings ("March 4. X was appointed …").

The text is built from templates with varied vocabulary and invented names, so that it is not
repetitive. Ordinary news also uses words that open an extraction candidate ("was named", "moved",
"became", "was charged"), as real news does, so the benchmark does not flatter the candidate
filter. Everything comes from one seeded ``random.Random``: the same ``n`` and ``seed`` give the
same corpus on every machine.

    python benchmarks/corpus.py --write /tmp/corpus --docs 2000 --seed 7
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Callable
from pathlib import Path

PERSONNEL_SHARE = 0.15

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# --- invented names -------------------------------------------------------------------------

_GIVEN_HEAD = [
    "Ar", "Be", "Da", "Er", "Ka", "Lu", "Mi", "Na", "Ol", "Ra", "Se", "Ta", "Va", "Yu", "Ti",
    "Go", "Ba", "Fa", "Il", "Ro", "Ste", "Vi", "Al", "Dre", "Ke", "Ma", "No", "Pe", "Sa", "To",
]  # fmt: skip
_GIVEN_TAIL = [
    "man", "rik", "lan", "mir", "das", "gor", "ton", "ris", "kan", "vel", "nat", "sim", "rek",
    "bek", "tan", "dor", "las", "mon", "ven", "zar", "dan", "lio", "mas", "nis",
]  # fmt: skip
_SUR_ON = ["b", "d", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "gr",
           "kr", "st", "tr", "sh", "ch", "h", "j", "pl"]  # fmt: skip
_SUR_V = ["a", "e", "i", "o", "u", "a", "e", "o", "ai", "ei"]
_SUR_CODA = ["", "", "n", "r", "l", "s", "m", "k", "t", "rt", "nd"]
_SUR_END = [
    "ov", "ev", "enko", "escu", "ian", "idze", "ovic", "ani", "ar", "sson", "ek", "ulin",
    "bayev", "ski", "opoulos", "as", "ic", "eanu", "oglu", "ez", "ova", "in", "ur", "ik",
]  # fmt: skip
_COUNTRY_END = ["ia", "istan", "ova", "ara", "esh", "ania", "ur", "eria", "onia", "avia"]
_ADJ = {
    "ia": "ian", "istan": "istani", "ova": "ovan", "ara": "aran", "esh": "eshi", "ania": "anian",
    "ur": "uri", "eria": "erian", "onia": "onian", "avia": "avian",
}  # fmt: skip


def _syllables(rng: random.Random, k: int) -> str:
    return "".join(rng.choice(_SUR_ON) + rng.choice(_SUR_V) + rng.choice(_SUR_CODA)
                   for _ in range(k))  # fmt: skip


def given_name(rng: random.Random) -> str:
    return rng.choice(_GIVEN_HEAD) + rng.choice(_GIVEN_TAIL)


def surname(rng: random.Random) -> str:
    return (_syllables(rng, rng.choice([1, 1, 2])) + rng.choice(_SUR_END)).capitalize()


def person(rng: random.Random) -> str:
    if rng.random() < 0.12:
        return f"{given_name(rng)} {given_name(rng)[0]}. {surname(rng)}"
    return f"{given_name(rng)} {surname(rng)}"


def country(rng: random.Random) -> tuple[str, str]:
    """An invented country and its adjective: ("Velmonia", "Velmonian")."""
    root = _syllables(rng, rng.choice([1, 2])).rstrip("aeiou") or "Vel"
    end = rng.choice(_COUNTRY_END)
    return (root + end).capitalize(), (root + _ADJ[end]).capitalize()


def place(rng: random.Random) -> str:
    root = _syllables(rng, rng.choice([1, 2])).capitalize()
    return root + rng.choice(["", "", "", "grad", "ville", "port", "abad", "burg", "sk", "o"])


def company(rng: random.Random) -> str:
    return f"{place(rng)} " + rng.choice([
        "Holdings", "Industries", "Group", "Energy", "Logistics", "Bank", "Telecom", "Foods",
        "Motors", "Steel", "Pharma", "Systems", "Airlines", "Mining", "Textiles", "Chemicals",
    ])  # fmt: skip


# --- dates ----------------------------------------------------------------------------------


def _day(rng: random.Random) -> int:
    return rng.randint(1, 28)


def _suffix(d: int) -> str:
    return "th" if 10 <= d % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")


def date_phrase(rng: random.Random, year: int) -> str:
    """A date as a clause-initial or clause-final phrase, in one of the forms the news uses."""
    m, d = rng.randrange(12), _day(rng)
    forms = [
        f"on {d} {MONTHS[m]} {year}",
        f"on {MONTHS[m]} {d}, {year}",
        f"on {MONTHS[m]} {d}",
        f"on {d} {MONTHS[m]}",
        f"on {rng.choice(WEEKDAYS)}",
        f"last {rng.choice(WEEKDAYS)}",
        f"in {MONTHS[m]} {year}",
        f"on {d:02d}.{m + 1:02d}.{year}",
        f"on the {d}{_suffix(d)} of {MONTHS[m]}",
        "the next day",
        "on the same day",
        "yesterday",
    ]
    weights = [5, 4, 3, 2, 4, 1, 2, 1, 1, 1, 1, 1]
    return rng.choices(forms, weights)[0]


def heading_date(rng: random.Random, year: int) -> str:
    m, d = rng.randrange(12), _day(rng)
    return rng.choice([f"{MONTHS[m]} {d}", f"{d} {MONTHS[m]}", f"{MONTHS[m]} {d}, {year}"])


def _w(words: str) -> list[str]:
    return words.split("|")


# --- ordinary news ---------------------------------------------------------------------------

# Slots: {person} {surname} {city} {country} {adj} {company} {num} {big} {pct} {money}
# {date} {year} {weekday} {month}, and the topic's own slots (lists under "vocab").
TOPICS: dict[str, dict[str, list[str]]] = {
    "economy": {
        "titles": [
            "{adj} central bank holds rates as inflation eases",
            "Exports from {country} rise for a {ordinal} month",
            "{company} reports higher quarterly profit",
            "Currency slips as {adj} trade deficit widens",
        ],
        "vocab_indicator": _w(
            "inflation|unemployment|industrial output|retail sales|the trade deficit|"
            "consumer confidence|wage growth|the budget deficit|household debt|"
            "business investment"
        ),
        "vocab_sector": _w(
            "manufacturing|construction|retail|tourism|shipping|banking|telecommunications|mining|"
            "logistics|insurance"
        ),
        "sentences": [
            "{indicator} in {country} rose to {pct} in {month}, the statistics office said.",
            "Analysts had expected a figure closer to {pct}, citing weaker demand in {sector}.",
            "The central bank kept its key rate at {pct} {date}, its {ordinal} hold in a row.",
            "{company} said revenue climbed to {money}, helped by strong orders in {sector}.",
            "Shares of {company} moved higher in early trading after the results were published.",
            "The finance ministry expects growth of about {pct} next year, down from {pct}.",
            "Economists at {company} said {indicator} was likely to peak before the summer.",
            "Small firms in {sector} complained that credit had become harder to obtain.",
            "The government plans to spend {money} on roads, ports and rail links by {year}.",
            "{person}, an economist at the University of {city}, said the figures were mixed.",
            "Imports of fuel fell by {pct}, narrowing the gap between exports and imports.",
            "The {adj} currency weakened to its lowest level since {year} against the dollar.",
            "Bond yields rose after the ministry announced a new issue worth {money}.",
            "Employers in {sector} added {big} jobs over the quarter, the survey showed.",
            "The board of {company} named a new auditor after a review of its accounts.",
            "Consumer prices for food rose by {pct}, while energy prices were broadly flat.",
            "Trade unions in {city} called for wage increases in line with {indicator}.",
        ],
    },
    "weather": {
        "titles": [
            "Storm brings heavy rain to {city}",
            "Heatwave expected across northern {country}",
            "Floods close roads near {city}",
            "Early frost worries growers in {country}",
        ],
        "vocab_weather": _w(
            "heavy rain|strong winds|hail|thick fog|snow|sleet|thunderstorms|"
            "freezing temperatures|a heatwave|drought"
        ),
        "vocab_region": _w(
            "the northern valleys|the coast|the capital region|the eastern plains|"
            "the mountain districts|the river delta|the southern provinces|the islands"
        ),
        "sentences": [
            "The weather service warned of {weather} across {region} for the next {num} days.",
            "Temperatures in {city} reached {num} degrees {date}, a record for {month}.",
            "Up to {num} millimetres of rain fell overnight in parts of {region}.",
            "Several roads near {city} were closed after {weather} caused landslides.",
            "Schools in {region} stayed shut as crews cleared fallen trees and power lines.",
            "Forecasters said the front would move east by {weekday} and bring cooler air.",
            "About {big} households were without electricity in {region} on {weekday} morning.",
            "Farmers in {region} said {weather} had damaged crops just before the harvest.",
            "{person}, a meteorologist in {city}, said such events had become more frequent.",
            "The river at {city} rose {num} centimetres above its warning level.",
            "Flights from {city} airport were delayed for several hours because of {weather}.",
            "Emergency services moved {num} families from low-lying homes as a precaution.",
            "The outlook for the weekend is drier, with sunshine returning to {region}.",
            "Residents were advised to avoid travel unless necessary until the warning lifts.",
        ],
    },
    "sport": {
        "titles": [
            "{city} {mascot} beat {city2} {mascot2} in cup final",
            "Late goal keeps {city} {mascot} top of the table",
            "{adj} runner sets national record",
            "{surname} wins opening stage of the tour",
        ],
        "vocab_mascot": _w(
            "Rovers|United|Wanderers|Athletic|Lions|Falcons|Rangers|Dynamo|Sporting|Olympic|"
            "Eagles|Harriers"
        ),
        "vocab_sportevent": _w(
            "the cup final|the league match|the derby|the semi-final|the qualifier|the relay|"
            "the time trial|the marathon"
        ),
        "sentences": [
            "{city} {mascot} won {sportevent} {num}-{num} in front of {big} spectators.",
            "{person} scored twice in the second half to seal the win for the visitors.",
            "The result moved {city} {mascot} up to {ordinal} place in the standings.",
            "Coach {person} said his players had shown great patience after the break.",
            "{person}, who retired from international football last year, watched from the stand.",
            "The {adj} runner {person} finished the course in a national record time.",
            "Fans in {city} celebrated in the main square until late at night.",
            "The home side had two goals ruled out for offside before half-time.",
            "{surname} was named player of the match after a fine display in midfield.",
            "Tickets for {sportevent} sold out within {num} hours of going on sale.",
            "The federation said the stadium in {city} would be renovated by {year}.",
            "Injuries have hit the squad hard, with {num} players out for the season.",
            "The team travels to {city} on {weekday} for the return leg.",
            "{person} became the youngest player to captain the national side.",
            "The cyclist {person} took the lead on the final climb and never gave it up.",
        ],
    },
    "culture": {
        "titles": [
            "New museum of {art} opens in {city}",
            "{adj} novelist wins literary prize",
            "Film festival in {city} draws record crowds",
            "Orchestra returns to restored concert hall",
        ],
        "vocab_art": _w(
            "modern art|folk costume|photography|ceramics|textiles|maritime history|calligraphy|"
            "sculpture|jazz|cinema"
        ),
        "vocab_work": _w(
            "novel|documentary|opera|collection of short stories|exhibition|symphony|play|album|"
            "memoir"
        ),
        "sentences": [
            "The museum's collection of {art} includes more than {big} objects.",
            "The {work} by {person} was named book of the year by the critics' guild.",
            "Visitors queued for hours outside the gallery in {city} {date}.",
            "The festival, now in its {ordinal} year, screened {num} films from {num} countries.",
            "{person} said the {work} was inspired by her grandmother's village near {city}.",
            "Tickets cost {money} and the exhibition runs until the end of {month}.",
            "The restored hall reopened after {num} years of work on its roof and organ.",
            "Critics praised the staging, though some found the second act too long.",
            "The {adj} ministry of culture contributed {money} to the project.",
            "Local artists moved their studios into the old textile mill by the river.",
            "The {work} will tour {city}, {city2} and several smaller towns in the autumn.",
            "{person}, the curator, said the aim was to show {art} to a younger audience.",
            "The prize carries an award of {money} and a translation into {num} languages.",
            "A retrospective of {person}'s work opens at the national gallery in {month}.",
        ],
    },
    "technology": {
        "titles": [
            "{company} unveils new {device}",
            "{adj} start-up raises funds for {tech}",
            "Regulators in {country} study rules for {tech}",
            "Broadband reaches remote villages near {city}",
        ],
        "vocab_device": _w(
            "smartphone|electric scooter|satellite|chip|drone|battery pack|tablet|router|"
            "smart meter"
        ),
        "vocab_tech": _w(
            "artificial intelligence|cloud computing|quantum sensors|mobile payments|"
            "cyber security|solar storage|robotics|open-source software|autonomous vehicles"
        ),
        "sentences": [
            "{company} said its new {device} would go on sale in {month} for {money}.",
            "The start-up, based in {city}, raised {money} to develop {tech}.",
            "Engineers replaced the older servers with machines that use {pct} less power.",
            "{person}, the company's chief engineer, said the design took {num} years.",
            "Regulators in {country} are studying rules for {tech} and data protection.",
            "The {device} uses a chip made by {company} and a battery that lasts {num} hours.",
            "About {big} homes near {city} were connected to fibre broadband this year.",
            "Critics warned that {tech} could be misused without clear oversight.",
            "The firm moved its research centre from {city} to {city2} to recruit engineers.",
            "Sales of the previous {device} model fell by {pct} in the last quarter.",
            "Universities in {country} will offer new courses in {tech} from {year}.",
            "A software update released {date} fixed a flaw that drained the battery.",
            "{company} became the first firm in {country} to launch a commercial {device}.",
            "Investors say demand for {tech} is growing faster than the supply of engineers.",
        ],
    },
    "agriculture": {
        "titles": [
            "Wheat harvest in {country} beats forecasts",
            "{crop} growers seek help after dry spring",
            "Fertiliser prices squeeze farmers near {city}",
            "New irrigation scheme opens in {region2}",
        ],
        "vocab_crop": _w(
            "wheat|barley|cotton|sunflower|sugar beet|rice|apricot|potato|maize|grape|walnut|tea"
        ),
        "vocab_region2": _w(
            "the upper valley|the southern steppe|the delta|the foothills|the western plain|"
            "the lake district"
        ),
        "sentences": [
            "The {crop} harvest is expected to reach {big} tonnes, up {pct} on last year.",
            "Farmers in {region2} said the dry spring had cut yields of {crop}.",
            "The agriculture ministry will pay {money} in support to small growers.",
            "Prices for fertiliser rose by {pct}, squeezing margins for {crop} farmers.",
            "{person}, who farms {num} hectares near {city}, said costs had doubled.",
            "The new canal will irrigate about {big} hectares of land in {region2}.",
            "Exports of {crop} to neighbouring countries resumed {date} after a ban.",
            "Co-operatives in {region2} bought {num} new harvesters with state loans.",
            "Storage at the grain terminal in {city} is almost full, traders said.",
            "Scientists in {city} developed a {crop} variety that needs less water.",
            "Livestock farmers moved their herds to higher pastures earlier than usual.",
            "The ministry said the locust outbreak in {region2} was under control.",
            "Buyers from {country} signed contracts for {big} tonnes of {crop}.",
        ],
    },
    "courts": {
        "titles": [
            "Court in {city} hears fraud case against {company}",
            "Former mayor of {city} sentenced",
            "Supreme Court rules on land dispute",
            "Trial of smuggling ring opens in {city}",
        ],
        "vocab_crime": _w(
            "fraud|tax evasion|smuggling|bribery|money laundering|embezzlement|forgery|"
            "illegal logging|price fixing"
        ),
        "sentences": [
            "The district court in {city} began hearing the case {date}.",
            "Prosecutors say {company} hid {money} in accounts abroad to avoid tax.",
            "The former mayor, {person}, was charged with {crime} in {month} {year}.",
            "Police arrested {num} people suspected of {crime} in raids near {city}.",
            "The defendant denied the charges and his lawyer said he would appeal.",
            "The judge, {person}, adjourned the hearing until {weekday} to hear more witnesses.",
            "A second suspect was detained at the border and is expected in court next week.",
            "The Supreme Court ruled that the land belonged to the village co-operative.",
            "The court sentenced {person} to {num} years in prison for {crime}.",
            "{person} was released on bail of {money} pending the trial.",
            "The case was moved to {city} after the defence complained of bias.",
            "Witnesses told the court that documents had been forged to win the tender.",
            "Human rights groups said the trial should be open to the press.",
            "The appeal court reduced the fine to {money}, citing errors in the first ruling.",
        ],
    },
    "diplomacy": {
        "titles": [
            "{adj} and {adj2} ministers meet in {city}",
            "{country} signs trade deal with neighbours",
            "Talks on border crossing resume",
            "President of {country} begins state visit",
        ],
        "vocab_issue": _w(
            "trade|water sharing|border crossings|energy supplies|visa rules|transit routes|"
            "fishing rights|student exchanges"
        ),
        "sentences": [
            "The foreign ministers of {country} and {country2} met in {city} {date}.",
            "The talks focused on {issue} and {issue2}, officials said.",
            "Both sides agreed to set up a working group on {issue} by the end of {month}.",
            "President {person} arrived in {city} on {weekday} for a {num}-day state visit.",
            "The two governments signed {num} agreements, including one on {issue}.",
            "{person}, the ambassador of {country} to {country2}, called the visit historic.",
            "Negotiators said progress on {issue} was slower than hoped.",
            "The delegation also visited a factory built with {adj2} investment.",
            "The summit was moved from {city} to {city2} at short notice.",
            "Opposition deputies said the deal on {issue} gave away too much.",
            "Officials expect trade between the two countries to reach {money} by {year}.",
            "The next round of talks will be held in {city2} in {month}.",
            "{adj} diplomats said a visa-free regime could be agreed within a year.",
        ],
    },
    "health": {
        "titles": [
            "New hospital wing opens in {city}",
            "Vaccination campaign reaches rural {country}",
            "Doctors warn of rise in {illness} cases",
            "Health ministry raises nurses' pay",
        ],
        "vocab_illness": _w(
            "measles|influenza|diabetes|tuberculosis|heart disease|asthma|hepatitis|dengue fever"
        ),
        "sentences": [
            "The new wing of the hospital in {city} has {num} beds and {num} operating theatres.",
            "Cases of {illness} rose by {pct} in the first half of the year.",
            "{person}, head of the clinic, said waiting times had fallen sharply.",
            "Mobile teams vaccinated about {big} children in remote villages.",
            "The health ministry will raise nurses' pay by {pct} from {month}.",
            "Doctors urged older people to get tested for {illness} every year.",
            "The ministry spent {money} on new equipment for district hospitals.",
            "Patients were moved to a temporary building while the ward was repaired.",
            "Researchers in {city} published a study of {illness} among factory workers.",
            "Pharmacies reported shortages of some medicines {date}.",
            "A shortage of doctors in rural areas remains the main problem, officials say.",
        ],
    },
    "transport": {
        "titles": [
            "High-speed rail line between {city} and {city2} approved",
            "Airport in {city} reports record passenger numbers",
            "Bridge over the river reopens after repairs",
            "Bus fares to rise in {city}",
        ],
        "vocab_vehicle": _w(
            "trams|electric buses|freight wagons|ferries|regional trains|taxis|lorries"
        ),
        "sentences": [
            "The rail line between {city} and {city2} will cut travel time to {num} hours.",
            "The airport in {city} handled {big} passengers last year, a record.",
            "The city will buy {num} new {vehicle} with a loan of {money}.",
            "The bridge reopened {date} after {num} months of repairs.",
            "Bus fares in {city} will rise by {pct} from the start of {month}.",
            "{person}, the transport minister, said the project would create {big} jobs.",
            "Traffic was moved to a temporary road while the tunnel was inspected.",
            "Freight volumes at the port of {city} rose by {pct} over the year.",
            "Commuters complained of delays on the line to {city2} on {weekday}.",
            "A new ferry route links {city} with the islands twice a day.",
            "The government will replace {num} old {vehicle} by {year}.",
        ],
    },
    "education": {
        "titles": [
            "Exam results improve in {country}",
            "University in {city} opens new campus",
            "Teachers strike over pay",
            "Schools in {region} add classes in {subject}",
        ],
        "vocab_subject": _w(
            "mathematics|foreign languages|computer science|chemistry|history|music|engineering"
        ),
        "vocab_region": _w("the north|the capital|the border districts|the south"),
        "sentences": [
            "The share of pupils passing the final exams rose to {pct}.",
            "The university in {city} opened a campus for {big} students.",
            "Teachers in {city} went on strike on {weekday} to demand higher pay.",
            "Schools in {region} will add weekly classes in {subject} from {month}.",
            "{person}, the rector, said the university would hire {num} new lecturers.",
            "The ministry of education spent {money} on textbooks and laptops.",
            "{person} was elected head of the teachers' union at its congress in {city}.",
            "Parents said the school day had become too long for younger children.",
            "A new scholarship will pay for {num} students to study {subject} abroad.",
            "Enrolment in {subject} rose by {pct} compared with {year}.",
        ],
    },
    "environment": {
        "titles": [
            "Lake {surname} shrinks for a {ordinal} year",
            "Forest fires contained near {city}",
            "{country} pledges to cut emissions",
            "Rare leopard spotted in national park",
        ],
        "vocab_species": _w(
            "snow leopard|saiga antelope|brown bear|flamingo|sturgeon|lynx|golden eagle|wild horse"
        ),
        "sentences": [
            "The lake has lost about {pct} of its surface area since {year}, scientists say.",
            "Firefighters contained the blaze near {city} after {num} days.",
            "{country} pledged to cut emissions by {pct} by {year}.",
            "Rangers photographed a {species} in the national park {date}.",
            "The number of {species} in the reserve has risen to about {big}.",
            "{person}, an ecologist in {city}, said water use for irrigation had to fall.",
            "Volunteers removed {num} tonnes of rubbish from the river banks.",
            "A new law bans logging within {num} kilometres of the reserve.",
            "The environment ministry will plant {big} trees along the highway.",
            "Fishermen said catches had fallen since the dam was built.",
        ],
    },
}

GENERIC = [
    "The announcement was made at a press conference in {city}.",
    "Officials did not say when further details would be published.",
    "The issue has been debated in parliament for several months.",
    "Local media reported that the decision had been expected for some time.",
    "Critics say the plan does little for people outside the big cities.",
    "A spokesman declined to comment on the figures.",
    "The report was published on the ministry's website {date}.",
    "Residents of {city} gave a mixed reaction to the news.",
    "The opposition said it would raise the matter in parliament next week.",
    "Further information is expected before the end of {month}.",
    "The figures will be reviewed again in {month}, the ministry said.",
    "Some of the details were first reported by a newspaper in {city}.",
    "Officials said the costs would be shared between the state and the regions.",
    "The decision follows a long dispute between the capital and the provinces.",
    "Not everyone agrees with that assessment.",
    "The plan still needs the approval of the cabinet.",
    "It was not immediately clear how many people would be affected.",
    "Similar measures were introduced in {country} in {year}.",
    "{person}, a commentator in {city}, said the picture would be clearer by {month}.",
]
OPENERS = [""] * 20 + _w(
    "Meanwhile, |According to officials, |In a statement, |Separately, |However, |"
    "On the other hand, |Earlier, |As a result, "
)
ORDINALS = ["second", "third", "fourth", "fifth", "sixth", "seventh", "tenth", "twelfth"]

# --- personnel ------------------------------------------------------------------------------

AGENCY_FORMS = [
    "State Security Service",
    "National Security Committee",
    "General Directorate of Intelligence",
    "State Protection Service",
    "Ministry of State Security",
    "Foreign Intelligence Service",
    "State Counter-Intelligence Bureau",
    "Border Guard Service",
    "National Intelligence Agency",
    "Security Council",
    "State Investigation Bureau",
    "Military Intelligence Directorate",
]
POSTS = [
    "Chairman", "Deputy Chairman", "First Deputy Chairman", "Director", "Deputy Director",
    "First Deputy Director", "head", "deputy head", "chief of staff",
]  # fmt: skip
UNITS = [
    "counter-intelligence department", "economic security department", "border directorate",
    "anti-terrorist centre", "personnel department", "regional directorate in {city}",
    "internal security division", "special operations unit",
]  # fmt: skip
RANKS = ["", "", "", "General ", "Lieutenant General ", "Major General ", "Colonel ",
         "Lieutenant Colonel ", "Major "]  # fmt: skip
CHARGES = [
    "abuse of office",
    "high treason",
    "taking bribes",
    "attempting to seize power",
    "embezzlement",
    "negligence",
    "exceeding his authority",
    "organising mass riots",
]

PERSONNEL_TITLES = [
    "Shake-up at {adj} security service",
    "President of {country} replaces intelligence chief",
    "Former {agency_abbr} official detained",
    "Purge widens in {adj} security agencies",
    "New head for {country}'s {agency}",
]

# {p} the person, {p2} another, {post}, {agency} (spelled out or abbreviated), {d} a date
# phrase, {D} a capitalised clause-initial date phrase, {charge}, {rank}
APPOINT = [
    "{D}, President {pres} appointed {rank}{p} {post} of the {agency}.",
    "{p} was appointed {post} of the {agency} {d}, the presidential press service said.",
    "By decree {d}, {rank}{p} became {post} of the {agency}.",
    "{D}, {p} was named the new {post} of the {agency}, replacing {p2}.",
    "{p2} was succeeded as {post} of the {agency} by {p} {d}.",
    "The president signed a decree {d} designating {p} {post} of the {agency}.",
    "{p}, previously {post2} of the {unit}, has been appointed {post} of the {agency}.",
    "{D}, {p} took up the post of {post} of the {agency}.",
]
DISMISS = [
    "{D}, {rank}{p} was dismissed from the post of {post} of the {agency}.",
    "President {pres} relieved {p} of his duties as {post} of the {agency} {d}.",
    "{p}, {post} of the {agency}, was removed from office {d} without explanation.",
    "{D}, {p} resigned as {post} of the {agency}, citing health reasons.",
    "{p} stepped down as {post} of the {agency} {d}, a week after the protests.",
    "The {agency} said {d} that {p} had been transferred to other work.",
    "{p} was fired {d}; no reason was given by the presidential administration.",
]
ARREST = [
    "{D}, {p}, a former {post} of the {agency}, was arrested on charges of {charge}.",
    "{p} was detained {d} on suspicion of {charge}, the prosecutor's office said.",
    "Officers detained {rank}{p}, the former {post2} of the {unit}, {d}.",
    "{D}, a court ordered {p} to be held in custody for two months on charges of {charge}.",
    "{p}, who headed the {unit} until {year}, was charged with {charge} {d}.",
    "{p} was jailed for {num} years for {charge} {d}.",
]
CONTEXT = [
    "The {agency} ({abbr}) is the main security agency of {country}.",
    "The {agency} has been reorganised several times since {year}.",
    "Observers in {city} linked the changes to a struggle between rival clans.",
    "The {abbr} did not respond to a request for comment.",
    "The president has reshuffled the security agencies {num} times since taking office.",
    "Analysts said the moves strengthened the president's control over the {abbr}.",
    "Few details of the case have been made public.",
    "The changes came weeks after unrest in {city} left {num} people dead.",
    "{pres} has led {country} since {year}.",
    "The {adj} parliament approved the appointments without debate.",
]


class _Filler:
    """Fills ``{slot}`` templates from one ``random.Random``."""

    def __init__(self, rng: random.Random, year: int, vocab: dict[str, list[str]]):
        self.rng = rng
        self.year = year
        self.vocab = vocab
        self.cities = [place(rng) for _ in range(3)]
        c1, a1 = country(rng)
        c2, a2 = country(rng)
        self.fixed = {"country": c1, "adj": a1, "country2": c2, "adj2": a2}
        self.people = [person(rng) for _ in range(4)]

    def slot(self, name: str) -> str:
        r = self.rng
        if name in self.fixed:
            return self.fixed[name]
        base = name.rstrip("2")
        for key in (f"vocab_{name}", f"vocab_{base}"):
            if key in self.vocab:
                return r.choice(self.vocab[key])
        makers: dict[str, Callable[[], str]] = {
            "person": lambda: r.choice(self.people) if r.random() < 0.3 else person(r),
            "surname": lambda: surname(r),
            "city": lambda: r.choice(self.cities) if r.random() < 0.6 else place(r),
            "company": lambda: company(r),
            "num": lambda: str(r.randint(2, 40)),
            "big": lambda: f"{r.randint(2, 900) * 1000 + r.randint(0, 999):,}",
            "pct": lambda: f"{r.randint(0, 19)}.{r.randint(0, 9)} percent",
            "money": lambda: r.choice(["$", "€"]) + f"{r.randint(2, 950)} million",
            "date": lambda: date_phrase(r, self.year),
            "year": lambda: str(self.year - r.randint(1, 25)),
            "weekday": lambda: r.choice(WEEKDAYS),
            "month": lambda: r.choice(MONTHS),
            "ordinal": lambda: r.choice(ORDINALS),
        }
        return makers[base]()

    def fill(self, template: str) -> str:
        return re.sub(r"\{(\w+)\}", lambda m: self.slot(m.group(1)), template)


def _paragraphs(rng: random.Random, sentences: list[str], target: int) -> list[str]:
    """Group sentences into paragraphs of 2–5 until ``target`` words."""
    paras: list[str] = []
    words = 0
    i = 0
    while i < len(sentences) and words < target:
        k = rng.randint(2, 5)
        chunk = sentences[i : i + k]
        paras.append(" ".join(chunk))
        words += sum(len(s.split()) for s in chunk)
        i += k
    return paras


def _with_opener(rng: random.Random, template: str) -> str:
    """Sometimes "Meanwhile, " etc. before a template; a common first word is lower-cased."""
    op = rng.choice(OPENERS)
    if not op:
        return template
    first = template.split()[0]
    if template.startswith("{") or first in {"President", "Coach"}:
        return op + template
    return op + template[0].lower() + template[1:]


def _ordinary_sentences(rng: random.Random, f: _Filler, topics: list[str]) -> list[str]:
    """The story's sentences: its own topic's first (generic remarks mixed in after the lead),
    then those of neighbouring topics, so that a long story does not repeat itself."""
    own = rng.sample(TOPICS[topics[0]]["sentences"], len(TOPICS[topics[0]]["sentences"]))
    for t in rng.sample(GENERIC, rng.randint(3, 7)):
        own.insert(rng.randint(2, len(own)), t)
    for name in topics[1:]:
        own += rng.sample(TOPICS[name]["sentences"], len(TOPICS[name]["sentences"]))
    return [f.fill(_with_opener(rng, t)) for t in own]


def _vocab(topics: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name in topics:
        for k, v in TOPICS[name].items():
            out.setdefault(k, v)
    return out


def _news(rng: random.Random, year: int, target: int) -> str:
    topics = rng.sample(sorted(TOPICS), 3)
    f = _Filler(rng, year, _vocab(topics))
    title = f.fill(rng.choice(TOPICS[topics[0]]["titles"]))
    body = _paragraphs(rng, _ordinary_sentences(rng, f, topics), target)
    return "\n\n".join([title, *_dateline(rng, year), *body]) + "\n"


def _dateline(rng: random.Random, year: int) -> list[str]:
    if rng.random() < 0.5:
        return []
    m, d = rng.randrange(12), _day(rng)
    return [rng.choice([f"{d} {MONTHS[m]} {year}", f"{MONTHS[m]} {d}, {year}",
                        f"{year}-{m + 1:02d}-{d:02d}"])]  # fmt: skip


def _abbr(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


def _personnel(rng: random.Random, year: int, target: int) -> str:
    topics = [rng.choice(["diplomacy", "courts", "economy"])]
    topics += rng.sample(sorted(set(TOPICS) - set(topics)), 2)
    f = _Filler(rng, year, _vocab(topics))
    agency = rng.choice(AGENCY_FORMS)
    if rng.random() < 0.5:
        agency = f"{agency} of {f.fixed['country']}" if rng.random() < 0.5 else \
            f"{f.fixed['adj']} {agency}"  # fmt: skip
    abbr = _abbr(agency)
    pres = person(rng)
    cast = [person(rng) for _ in range(rng.randint(3, 7))]

    def personnel_sentence(kind: list[str], d: str | None = None) -> str:
        p, p2 = rng.sample(cast, 2)
        post = rng.choice(POSTS)
        ag = rng.choice([agency, abbr, abbr]) if rng.random() < 0.5 else agency
        dp = d or date_phrase(rng, year)
        values = {
            "p": p, "p2": p2, "pres": pres, "post": post, "post2": rng.choice(POSTS),
            "agency": ag, "unit": f.fill(rng.choice(UNITS)), "charge": rng.choice(CHARGES),
            "rank": rng.choice(RANKS), "d": dp, "D": dp[0].upper() + dp[1:],
            "year": str(year - rng.randint(1, 6)), "num": str(rng.randint(3, 15)),
        }  # fmt: skip
        s = rng.choice(kind).format(**values)
        return s[0].upper() + s[1:]

    def context_sentence() -> str:
        t = rng.choice(CONTEXT)
        return f.fill(t.replace("{agency}", agency).replace("{abbr}", abbr)
                      .replace("{pres}", pres))  # fmt: skip

    title = f.fill(rng.choice(PERSONNEL_TITLES).replace("{agency_abbr}", abbr)
                   .replace("{agency}", agency))  # fmt: skip
    where = "" if f.fixed["country"] in agency else f" of {f.fixed['country']}"
    paras: list[str] = [f"The {agency} ({abbr}){where} " + rng.choice([
        "has seen another round of personnel changes.",
        "is again at the centre of a reshuffle.",
        "has lost several of its senior officers in recent weeks.",
    ])]  # fmt: skip
    if rng.random() < 0.35:
        # a chronology: "March 4. X was appointed …"
        for _ in range(rng.randint(2, 4)):
            head = heading_date(rng, year)
            kind = rng.choice([APPOINT, DISMISS, ARREST])
            same_day = rng.choice(["that day", "the same day", "on that day"])
            body = [personnel_sentence(kind, d=same_day)]
            if rng.random() < 0.5:
                body.append(personnel_sentence(rng.choice([APPOINT, DISMISS])))
            paras.append(f"{head}. " + " ".join(body))
    else:
        for _ in range(rng.randint(2, 4)):
            kinds = [APPOINT, DISMISS, ARREST]
            sents = [personnel_sentence(rng.choice(kinds)) for _ in range(rng.randint(1, 3))]
            sents.insert(rng.randrange(len(sents) + 1), context_sentence())
            paras.append(" ".join(sents))
    words = sum(len(p.split()) for p in paras)
    filler = _ordinary_sentences(rng, f, topics)
    rest = _paragraphs(rng, filler, max(0, target - words))
    # the personnel paragraphs sit at the top or in the middle of the story
    at = rng.randint(0, len(rest))
    body = rest[:at] + paras + rest[at:] if rng.random() < 0.4 else paras + rest
    return "\n\n".join([title, *_dateline(rng, year), *body]) + "\n"


def generate(n: int = 2000, seed: int = 7) -> list[tuple[str, str]]:
    """``n`` documents as ``(doc_name, text)``, the same for the same ``n`` and ``seed``.

    About 15% carry personnel sentences (their names end in ``-personnel.txt``)."""
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    for i in range(n):
        year = rng.randint(2005, 2024)
        target = rng.randint(250, 600)
        if rng.random() < PERSONNEL_SHARE:
            text, kind = _personnel(rng, year, target), "personnel"
        else:
            text, kind = _news(rng, year, target), "news"
        out.append((f"doc{i:05d}-{kind}.txt", _trim(text, 600)))
    return out


def _trim(text: str, limit: int) -> str:
    """Cut whole trailing paragraphs while the text is over ``limit`` words (keep at least 3)."""
    paras = text.rstrip("\n").split("\n\n")
    while len(paras) > 3 and sum(len(p.split()) for p in paras) > limit:
        paras.pop()
    return "\n\n".join(paras) + "\n"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", metavar="DIR", type=Path, help="write the documents to DIR")
    ap.add_argument("--docs", type=int, default=2000, help="number of documents (2000)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    docs = generate(args.docs, args.seed)
    words = [len(t.split()) for _, t in docs]
    personnel = sum(name.endswith("-personnel.txt") for name, _ in docs)
    if args.write:
        args.write.mkdir(parents=True, exist_ok=True)
        for name, text in docs:
            (args.write / name).write_text(text, encoding="utf-8")
    where = f" to {args.write}" if args.write else ""
    print(
        f"{len(docs)} documents{where}: {sum(words)} words "
        f"({min(words)}–{max(words)} per document), {personnel} with personnel sentences"
    )


if __name__ == "__main__":
    main()
