"""Personnel events from one parsed sentence.

A trigger (a verb such as "appointed", "dismissed", "arrested", or a noun such as "dismissal")
is read with its dependency parse: who undergoes it (the passive subject, the object of an
active "appoint/dismiss/arrest", the subject of "resign/die/become"), which post (the phrase after
"to the position of", "from", "as", or a title standing next to the person's name), and whether it
happened at all (negation, denial, rumour, expectation and the future are not events).
Dates are chosen by ``pipeline`` from the sentence and the document's context.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from custodes.extract.mentions import PersonMention, Post, PostMention, doc_text
from custodes.extract.vocabulary import load as load_vocabulary
from custodes.ontology import RANK_RE, RANK_WORDS, TITLE_RE, TITLE_WORDS

# The vocabulary is data (languages/en/vocabulary.yaml, validated at load): lemma -> event type
# ("replace" and "become" have rules of their own), the transitive verbs, the heads under which
# a trigger did not happen, negations and verbs of reporting.
_VOCAB = load_vocabulary("en")
VERB_TRIGGERS = _VOCAB.verb_triggers
NOUN_TRIGGERS = _VOCAB.noun_triggers
TRANSITIVE = _VOCAB.transitive
NOT_EVENT_HEADS = _VOCAB.not_event_heads
NEGATIONS = _VOCAB.negations
HEDGES = _VOCAB.hedges
REPORT_VERBS = _VOCAB.report_verbs


_NOUN_HEAD_PREPS = {"after", "following", "upon", "on", "under", "in"}


# what makes an event noun a happening that did not happen: "the attempted murder of X", "a
# failed arrest", "plotting the assassination of X", "a plan for the arrest of X"
_UNDONE_MODIFIERS = {"attempted", "failed", "foiled", "thwarted", "planned", "plotted", "averted"}
_UNDONE_HEADS = {"plot", "plan", "attempt", "conspire", "conspiracy", "prevent", "foil", "thwart"}


def _not_done(trig: Token) -> bool:
    """Is the event noun's happening one that was attempted, planned or prevented, not done?"""
    if any(c.dep_ in {"amod", "compound"} and c.lower_ in _UNDONE_MODIFIERS for c in trig.children):
        return True
    head = trig.head
    if trig.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head  # "a plot for the assassination of X", "an attempt at the arrest"
    return head.i != trig.i and head.lemma_.lower() in _UNDONE_HEADS


def _verb_of(tok: Token) -> Token | None:
    """The nearest verb above a token."""
    node = tok
    for _ in range(4):
        if node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            return node
    return None


_RESIGNATION_VERBS = {"hand", "tender", "submit", "announce", "present", "file"}
# verbs whose subject is the person of the event noun they take: "X handed in his
# resignation", "X has accepted an appointment to serve as Commissioner"
_OWN_NOUN_VERBS = {"resignation": _RESIGNATION_VERBS, "appointment": {"accept", "take"}}


@dataclass
class RawEvent:
    """An event as read from one sentence, before the document's context is applied."""

    type: str
    person: PersonMention | None
    pronoun: str | None
    trigger: Token
    posts: PostMention | None
    from_posts: PostMention | None = None
    replaces: list[PersonMention] = field(default_factory=list)
    replaces_pronoun: str | None = None
    instead: bool = False
    later: bool = False
    reported: Token | None = None
    confidence: float = 0.8
    co_people: list[PersonMention] = field(default_factory=list)
    generic: bool = False  # "arrested a number of officials": whom, the next sentence says
    undated: bool = False


def _is_passive(tok: Token) -> bool:
    """Passive voice, robust to the tagger: an agent ("by Y") or a passive auxiliary makes it
    passive, a direct object active; a coordinated verb with no subject of its own has its
    head's voice ("was retired … and replaced by Y")."""
    kids = list(tok.children)
    if any(c.dep_ in {"auxpass", "nsubjpass", "agent"} for c in kids):
        return True
    if any(c.dep_ == "dobj" for c in kids):
        return False
    if _reduced_passive(tok, kids):
        return True
    if tok.dep_ == "conj" and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in kids):
        return _is_passive(tok.head)
    if (
        tok.dep_ in {"xcomp", "oprd"}
        and tok.tag_ == "VBN"
        and tok.head.lemma_.lower() == "confirm"
        and any(c.dep_ == "auxpass" for c in tok.head.children)
    ):
        return True  # "X is confirmed killed": killed, said of X
    bare = tok.dep_ in {"parataxis", "ROOT"} and not any(c.dep_ in {"nsubj", "aux"} for c in kids)
    return tok.tag_ == "VBN" and (tok.dep_ in {"acl", "advcl", "relcl"} or bare)


_OBJECT_DEPS = {"aux", "dobj", "ccomp", "xcomp", "prt", "dative", "oprd", "attr", "expl"}


def _reduced_passive(tok: Token, kids: list[Token]) -> bool:
    """The telegraphic passive of headlines, captions and infobox results, which drops the
    auxiliary: "Alpha Condé deposed and detained", "Ex-minister X arrested". The parser reads
    the person as the subject of an active verb; a verb that takes its person as object
    ("depose", "arrest"), with a subject and neither an auxiliary nor an object of its own (nor
    one its coordinated verbs share: "X appointed and later dismissed him"), cannot be active."""
    if tok.tag_ not in {"VBD", "VBN"} or tok.lemma_.lower() not in TRANSITIVE:
        return False
    if tok.dep_ in {"relcl", "xcomp", "pcomp"} or (tok.dep_ == "ccomp" and tok.head.i < tok.i):
        return False  # "the officials X dismissed", "said X arrested …" (but a result list's
        # clauses the parser hangs on a later one are no one's report, and "X arrested,
        # police said" is the telegraphic passive)
    subj = [c for c in kids if c.dep_ == "nsubj"]
    if not subj or any(c.dep_ in _OBJECT_DEPS for c in kids):
        return False
    doc = tok.doc
    if any(t.pos_ == "VERB" for t in doc[subj[0].i + 1 : tok.i]):
        return False  # "X installed as P, twenty ministers deposed": not X's own verb
    last = subj[0].right_edge
    while last.is_punct and last.i > subj[0].i:
        last = doc[last.i - 1]
    if last.i >= tok.i or any(t.text != "(" for t in doc[last.i + 1 : tok.i]):
        # "X deposed", "X (appointed 3 October)": the name just before, not a subject the
        # parse hung far off ("X (…, replacing Y, exonerated …)")
        return False
    return not any(g.dep_ == "dobj" for c in kids if c.dep_ == "conj" for g in c.children)


_PRESUPPOSING = {"after", "following", "since", "upon"}


def _negated_or_modal(tok: Token, decree: bool = False) -> bool:
    """Negated ("was not arrested", "no successor has been appointed"), modal or future
    ("will be appointed"), conditional, or under a verb of denial, rumour or expectation. In a
    decree "shall be dismissed" is the decree acting, not the future."""
    # "X is said to be about to be replaced"; "A second claim was that X had been detained"
    for a in [tok, *tok.ancestors][:6]:
        if a.lower_ in {"about", "due", "set", "poised", "likely", "expected"} and any(
            c.dep_ == "xcomp" for c in a.children
        ):
            return True
        if a.dep_ == "xcomp" and a.head.lemma_.lower() in {
            "say",
            "believe",
            "rumour",
            "rumor",
            "report",
            "think",
            "expect",
        }:
            return True
        if any(
            c.dep_ in {"nsubj", "nsubjpass"}
            and c.lemma_.lower()
            in {
                "claim",
                "rumour",
                "rumor",
                "allegation",
                "speculation",
                "report",
                "suggestion",
                "story",
            }
            for c in a.children
        ):
            return True
    if any(c.dep_ == "advmod" and c.lower_ in HEDGES for c in tok.children):
        return True  # "is allegedly killed": a claim
    node: Token | None = tok
    # "No successors have been appointed": a negated subject
    for c in tok.children:
        if c.dep_ in {"nsubj", "nsubjpass"} and any(
            g.dep_ == "det" and g.lower_ in {"no", "neither"} for g in c.children
        ):
            return True
    depth = 0
    while node is not None and depth < 6:
        for c in node.children:
            if c.dep_ == "neg" or c.lower_ in NEGATIONS and c.dep_ in {"neg", "advmod", "det"}:
                return True
            if (
                c.dep_ in {"aux", "auxpass"}
                and c.lower_
                in {
                    "will",
                    "would",
                    "may",
                    "might",
                    "could",
                    "should",
                    "shall",
                    "'ll",
                    "can",
                }
                and not ((decree or _ordered(node)) and c.lower_ == "shall")
            ):
                return True
            if c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"}:
                return True
        if (
            node.dep_ in {"prep", "advcl", "acl"}
            and node.lower_ in _PRESUPPOSING
            and tok.pos_ == "NOUN"
            # but "he would form a government upon X's removal": a condition, not a fact
            and not any(
                c.dep_ == "aux" and c.lower_ in {"will", "would", "'ll", "could", "might", "may"}
                for c in node.head.children
            )
        ):
            # "was nominated following the resignation of X": what a clause is dated after
            # happened, whatever the clause's own modality
            break
        if node.lemma_.lower() in NOT_EVENT_HEADS or node.lower_ in NOT_EVENT_HEADS:
            if node.i != tok.i:
                return True
        if node.dep_ in {
            "xcomp",
            "ccomp",
            "conj",
            "acl",
            "advcl",
            "relcl",
            "pobj",
            "prep",
            "dobj",
            "nsubj",
            "nsubjpass",
            "attr",
            "appos",
            "pcomp",
            "compound",
        }:
            if _own_clause(node):
                # "X proposed him …, and on 8 May he was appointed", "I would like to introduce
                # Y, who was appointed yesterday": a clause of its own, with its own modality
                break
            node = node.head if node.head.i != node.i else None
        else:
            break
        depth += 1
    return False


def _own_clause(node: Token) -> bool:
    """Is ``node`` a clause with its own subject that the parse hangs under another's verb: a
    conjunct or relative clause ("X proposed him …, and on 8 May he was appointed"), or a clause
    the other follows after a semicolon ("X was arrested on 12 April; the U.S. asked Spain to
    extradite him", which the parser reads as what was asked)?"""
    if not any(c.dep_ in {"nsubj", "nsubjpass"} for c in node.children):
        return False
    if node.dep_ in {"conj", "relcl"}:
        return True
    head = node.head
    return (
        node.dep_ == "ccomp"
        and node.i < head.i
        and any(c.text == ";" and node.i < c.i < head.i for c in head.children)
    )


def _ordered(node: Token) -> bool:
    """Is the clause what an order says shall be ("the President ordered that the duties …
    shall be carried out by X")? Then "shall" is the order acting, as in a decree."""
    return node.dep_ == "ccomp" and node.head.lemma_.lower() in {"order", "decree", "direct"}


def _presupposed_death(trig: Token, etype: str) -> bool:
    """ "calling for an investigation into his murder", "condolences over the death of X": a
    death named as a noun after "into", "of" or "over" is taken as having happened, whatever
    the sentence then calls for (an arrest "called for" is not: only deaths are presupposed)."""
    return (
        etype == "died"
        and trig.pos_ == "NOUN"
        and trig.dep_ == "pobj"
        and trig.head.lower_ in {"into", "of", "over", "about", "after", "following"}
        and not any(c.dep_ == "neg" for c in trig.head.head.children)
    )


def _reporting_head(tok: Token) -> Token | None:
    """The verb that reports the event ("announced that X was arrested"): reached through a
    clausal complement. A verb only coordinated with the event is another act of the same
    subject ("declared a state of emergency, … dismissed the Chief Justice"), not its report."""
    node = tok
    clausal = False
    for _ in range(4):
        if node.dep_ in {"ccomp", "conj", "xcomp"} and node.head.i != node.i:
            clausal = clausal or node.dep_ != "conj"
            node = node.head
            if node.lemma_.lower() in REPORT_VERBS and clausal:
                return node
        else:
            return None
    return None


def _person_at(tok: Token, people: list[PersonMention]) -> PersonMention | None:
    for p in people:
        if p.token_start <= tok.i < p.token_end:
            return p
    return None


_CORE_DEPS = {"compound", "conj", "flat", "cc", "appos", "nmod", "amod", "det", "punct", "poss"}


def _core(tok: Token) -> set[int]:
    """The argument itself and what is coordinated with it, not its modifiers ("X, a right hand
    of Y" is X; "X and Z" is both)."""
    out = {tok.i}
    for c in tok.children:
        if c.dep_ in {"compound", "conj", "flat", "cc", "amod", "det", "punct"}:
            out |= _core(c)
        if c.dep_ == "appos" and c.pos_ == "PROPN":
            out |= _core(c)
    return out


def _including(trig: Token, people: list[PersonMention], nxt: int) -> list[PersonMention]:
    """The people listed after ", including" in the trigger's own clause (before the next
    trigger, a semicolon or "while"): the victims, detainees or defendants of a plural event."""
    text = doc_text(trig)
    end = nxt
    m = re.search(r"[;]|\bwhile\b|\bwhereas\b", text[trig.idx : nxt])
    if m:
        end = trig.idx + m.start()
    inc = re.search(r",?\s+including\s+", text[trig.idx : end])
    if not inc:
        return []
    start = trig.idx + inc.end()
    listed = [p for p in people if start <= p.start < end]
    # a list of people, not of charges ("charges, including establishing …, and aiding X")
    if not listed or re.search(r"\b(?!acting\b)\w+ing\b|\d", text[start : listed[0].start], re.I):
        return []
    return listed


def _shared_object(trig: Token) -> list[Token]:
    """The object of the verb a coordinated one shares it with: the last verb of "dismissing,
    detaining and humiliating the chief justice" holds the object of all three."""
    chain = [c for c in trig.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    while chain:
        v = chain[-1]
        objs = [c for c in v.children if c.dep_ in {"dobj", "obj"}]
        if objs:
            return objs
        chain = [c for c in v.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    return []


def _opens_clause(doc: Doc, p: PersonMention) -> bool:
    """Is the name the subject of a verb right after it ("…, President X has created a
    crisis")? Then it opens a clause of its own."""
    last = doc[p.token_end - 1]
    head = last.head
    return (
        last.dep_ in {"nsubj", "nsubjpass"}
        and head.pos_ in {"VERB", "AUX"}
        and 0 < head.i - last.i <= 3
        and not any(t.is_punct for t in doc[last.i + 1 : head.i])
    )


def _title_then_name(of: Token, people: list[PersonMention], nxt: int) -> list[PersonMention]:
    """ "the death of the Minister of X, Army General Y": the name after the title an event
    noun's "of" names, where the parse lost the apposition (a comma between, and no verb)."""
    obj = next((c for c in of.children if c.dep_ == "pobj"), None)
    if obj is None or obj.lower_ not in TITLE_WORDS:
        return []
    doc = of.doc
    end = max(t.i for t in obj.subtree)
    for p in people:
        if p.token_start <= end or doc[p.token_start].idx >= nxt:
            continue
        gap = doc[end + 1 : p.token_start]
        if (
            sum(t.text == "," for t in gap) == 1
            and gap[0].text == ","
            and all(t.pos_ in {"PROPN", "PUNCT", "ADJ"} for t in gap)
        ):
            return [p, *_more_titled(doc, p, people, nxt)]
        break
    return []


def _more_titled(
    doc: Doc, first: PersonMention, people: list[PersonMention], nxt: int
) -> list[PersonMention]:
    """The pairs that go on a list of titles and names: "Resignation of the President, X,
    Prime Minister, Y, and the entire cabinet" — Y after ", Prime Minister,"."""
    out = []
    last = first
    for q in people:
        if q.token_start < last.token_end or doc[q.token_start].idx >= nxt:
            continue
        gap = [t for t in doc[last.token_end : q.token_start]]
        words = [t for t in gap if not t.is_punct]
        if (
            sum(t.text == "," for t in gap) == 2
            and gap[0].text == ","
            and gap[-1].text == ","
            and words
            and all(t.lower_ in TITLE_WORDS for t in words)
        ):
            out.append(q)
            last = q
        else:
            break
    return out


def _people_in(tok: Token, people: list[PersonMention]) -> list[PersonMention]:
    """The people an argument names: the argument itself and its coordinates first; failing
    that, the first named person inside it ("the government headed by X")."""
    core = _core(tok)
    found = [p for p in people if any(i in core for i in range(p.token_start, p.token_end))]
    if found:
        return found
    idx = {t.i for t in tok.subtree}
    inside = [p for p in people if any(i in idx for i in range(p.token_start, p.token_end))]
    doc = tok.doc
    # a name in brackets is a nickname or a unit's name ("Special Service “A” (Arystan)")
    plain = [p for p in inside if not (p.token_start > 0 and doc[p.token_start - 1].text == "(")]
    # "the ousting of Burkina Faso's President X": whose president, not who was ousted
    owners = [
        p
        for p in plain
        if doc[p.token_end - 1].dep_ == "poss" and any(q.token_start >= p.token_end for q in plain)
    ]
    plain = [p for p in plain if p not in owners]
    if tok.tag_ in {"NNS", "NNPS"}:
        return plain or inside  # "dismissed the heads of three directorates -- A, B and C"
    listed = [
        q
        for q in (plain or inside)[1:]
        if doc[q.token_end - 1].dep_ in {"appos", "conj"}
        or doc[q.token_end - 1].head.dep_ == "conj"
    ]
    if listed:
        # "fired the chief, X, and two of his deputies, Y and Z"
        return (plain or inside)[:1] + listed
    return (plain or inside)[:1] + [
        q
        for q in (plain or inside)[1:]
        if doc[q.token_start].head.dep_ == "conj" or doc[q.token_start].dep_ == "conj"
    ]


# verbs of killing: the victim named as the object died
_KILLING = {"kill", "assassinate", "murder", "execute", "shoot"}
# what an act of killing was only tried or plotted under ("tried to kill", "a plot to murder")
_ATTEMPTS = {
    "try",
    "attempt",
    "plot",
    "plan",
    "conspire",
    "seek",
    "scheme",
    "bid",
    "order",
    "threaten",
    "vow",
    "want",
    "intend",
    "aim",
    "fail",
    "conspiracy",
    "attempted",
    # "narrowly missed killing Y", "survived an attempt to kill Y", "foiled a plot to …"
    "miss",
    "survive",
    "escape",
    "foil",
    "thwart",
    "prevent",
}


def _attempted(trig: Token) -> bool:
    """Is the act only attempted, plotted or ordered ("tried to assassinate Y", "the plot to
    kill Y", "accused of conspiring to murder Y")?"""
    for a in [trig, *trig.ancestors][:4]:
        if a is not trig and a.lemma_.lower() in _ATTEMPTS:
            return True
        if any(
            c.lemma_.lower() in _ATTEMPTS and c.dep_ in {"amod", "compound"} for c in a.children
        ):
            return True  # "an attempted assassination of Y"
        if a.dep_ not in {"xcomp", "acl", "pcomp", "pobj", "prep", "advcl", "relcl", "ccomp"}:
            break
    return False


# what one assumes when one takes up a post the sentence does not name again
_OFFICE_WORDS = {"office", "post", "position", "duties", "duty", "portfolio", "role", "job"}
_REFLEXIVES = {"himself", "herself", "themselves"}


def _reflexive(trig: Token) -> Token | None:
    """The reflexive object of a verb of appointing or proclaiming ("proclaimed himself the
    leader", "appointed herself Chairman"): the subject is the one who takes the post."""
    for c in trig.children:
        if c.lower_ in _REFLEXIVES and c.dep_ in {"dobj", "nsubj", "dative"} and c.i > trig.i:
            return c
        if c.dep_ in {"ccomp", "xcomp", "oprd"}:
            for g in c.children:
                if g.lower_ in _REFLEXIVES and g.dep_ in {"nsubj", "dobj"}:
                    return g
    return None


def _args(trig: Token, role: str) -> list[Token]:
    deps = {
        "subj": {"nsubj"},
        "subjpass": {"nsubjpass"},
        "obj": {"dobj", "obj"},
        "agent": {"agent"},
    }[role]
    out = [c for c in trig.children if c.dep_ in deps]
    if role == "agent":
        out = [gc for c in out for gc in c.children if gc.dep_ == "pobj"]
    if not out and role in {"subj", "subjpass"} and trig.dep_ == "conj":
        return _args(trig.head, "subjpass") or _args(trig.head, "subj")
    if (
        not out
        and role in {"subj", "subjpass"}
        and trig.dep_ in {"xcomp", "oprd"}
        and trig.head.lemma_.lower() == "confirm"
        and any(c.dep_ == "auxpass" for c in trig.head.children)
    ):
        # "X and Y are confirmed killed": what is confirmed of them happened to them
        return [c for c in trig.head.children if c.dep_ == "nsubjpass"]
    if role == "subjpass" and any(c.dep_ == "nsubj" for c in trig.children):
        return out  # a subject of its own ("- Result: X deposed"): not the noun it modifies
    if (
        role in {"subj", "subjpass"}
        and trig.dep_ in {"relcl", "acl"}
        and (not out or all(o.lower_ in {"who", "which", "that", "whom"} for o in out))
    ):
        return [trig.head]  # "X, who was appointed …": the relative pronoun is X
    return out


def _pronoun(toks: list[Token]) -> str | None:
    """A pronoun that IS the argument, not a possessive inside it ("her predecessor")."""
    for t in toks:
        if t.dep_ == "poss":
            continue
        if t.lower_ in {"he", "she", "him", "her"}:
            return "he"
        if t.lower_ in {"they", "them"}:
            return "they"
    return None


def read_triggers(
    sent: Span, people: list[PersonMention], posts: list[PostMention], decree: bool = False
) -> list[RawEvent]:
    """Every personnel event that the parse of one sentence supports."""
    out: list[RawEvent] = []
    triggers = [t for t in sent if _trigger_type(t)]
    for k, trig in enumerate(triggers):
        etype = _trigger_type(trig)
        assert etype is not None
        if _negated_or_modal(trig, decree) and not _presupposed_death(trig, etype):
            continue
        nxt = triggers[k + 1].idx if k + 1 < len(triggers) else sent.end_char
        prev = triggers[k - 1].idx if k > 0 else sent.start_char
        later = bool(
            re.search(r"\blater\b(?![^(]*\))", doc_text(sent)[prev : trig.idx], re.I)
        ) and not re.search(r"\blater\s*\(", doc_text(sent)[prev : trig.idx])
        lemma = trig.lower_ if _imperative(trig) else trig.lemma_.lower()
        if trig.dep_ == "amod" and trig.head.tag_ == "NNS" and not _person_at(trig.head, people):
            continue  # "addressing the appointed chiefs, X said": nobody named is appointed here
        if (
            trig.dep_ == "amod"
            and etype == "appointed"
            and trig.i > 0
            and trig.doc[trig.i - 1].tag_ in {"DT", "IN", "PRP$", "JJ", "POS"}
            and not any(c.lower_ in {"newly", "recently", "just"} for c in trig.children)
        ):
            continue  # "an associate of elected President X": a description, not the news
        passive = False if _imperative(trig) else _is_passive(trig)
        persons: list[PersonMention] = []
        pron: str | None = None
        undated = False
        shared: list[Token] = []
        acting: list[PostMention] = []
        if trig.pos_ == "NOUN" and not _imperative(trig) and _not_done(trig):
            continue  # "the attempted murder of X", "plotting the assassination of X"
        if trig.pos_ == "NOUN" and not _imperative(trig):
            # "dismissal of the First Deputy … Samat Abish", "after dismissal from …"
            of = [c for c in trig.children if c.dep_ == "prep" and c.lower_ == "of"]
            if trig.lemma_.lower() == "charge":
                of = []  # "arrested on charges of bribing Judge X": the judge was not charged
            if trig.lemma_.lower() in {"charge", "indictment"}:
                # "charges against X", "the indictment against X" (the person the argument
                # is, not a capitalised word inside it: "Charges Against Members Of The …")
                for c in trig.children:
                    if c.dep_ == "prep" and c.lower_ == "against":
                        persons += [
                            p
                            for g in c.children
                            if g.dep_ == "pobj" and _person_at(g, people) is not None
                            for p in _people_in(g, people)
                        ]
            if not of:
                # "the house arrest and detainment of X": coordinated event nouns share the
                # person their last one names
                of = [
                    c
                    for n in [*(k for k in trig.children if k.dep_ == "conj"), trig.head]
                    if n.pos_ == "NOUN"
                    and (n.i == trig.head.i and trig.dep_ == "conj" or n.head.i == trig.i)
                    and _trigger_type(n) == etype
                    for c in n.children
                    if c.dep_ == "prep" and c.lower_ == "of"
                ]
            for c in trig.children:
                if c.dep_ == "acl":  # "the resignation submitted by X"
                    for a in _args(c, "agent"):
                        persons += _people_in(a, people)
            if not of:
                # "the arrest on Friday of X": the parser hangs "of X" on the date
                of = [
                    g
                    for c in trig.children
                    if c.dep_ == "prep" and c.lower_ in {"on", "in", "last"}
                    for d in c.children
                    for g in d.children
                    if g.dep_ == "prep" and g.lower_ == "of"
                ]
            poss = [c for c in trig.children if c.dep_ == "poss"]
            for c in of:
                persons += _people_in(c, people) or _title_then_name(c, people, nxt)
            for c in poss:
                persons += _people_in(c, people)
            owner = next((c for c in poss if c.lower_ in {"his", "her", "their"}), None)
            if (
                not persons
                and owner is not None
                and NOUN_TRIGGERS.get(trig.lemma_.lower()) != "died"
                and not any(p.start > trig.idx for p in people)
            ):
                # "held without bail since her arrest in July": whose arrest it was (not "in
                # connection with his retirement, X shall be relieved", where "his" is X)
                pron = "they" if owner.lower_ == "their" else "he"
            if not persons and NOUN_TRIGGERS.get(trig.lemma_.lower()) == "died":
                # "in connection with his tragic death": whose death it was (not "in connection
                # with his retirement, X shall be relieved", where "his" is X)
                pron = (
                    next(
                        ("they" if c.lower_ == "their" else "he")
                        for c in poss
                        if c.lower_ in {"his", "her", "their"}
                    )
                    if any(c.lower_ in {"his", "her", "their"} for c in poss)
                    else None
                )
            # "appointed after the resignation of his predecessor, X": X's resignation came
            # earlier, on a day the sentence does not give
            undated = bool(persons) and trig.head.lower_ in {"after", "following", "before"}
            resign_verb = _verb_of(trig)
            named_owner = any(c.pos_ == "PROPN" for c in poss)  # "announced Mubarak's resignation"
            if (
                not persons
                and not named_owner
                # "accused X of involvement in over 70 deaths": nobody the verb names died
                and NOUN_TRIGGERS.get(trig.lemma_.lower()) != "died"
                and (
                    trig.head.lower_ in _NOUN_HEAD_PREPS
                    or resign_verb is not None
                    and resign_verb.lemma_.lower() in _OWN_NOUN_VERBS.get(trig.lemma_.lower(), ())
                )
            ):
                # "arrested on a charge of", "placed under arrest", "handed in his resignation"
                verb = trig.head.head if trig.head.lower_ in _NOUN_HEAD_PREPS else trig.head
                while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
                    verb = verb.head
                subj = _args(verb, "subjpass") or _args(verb, "subj")
                for s in subj:
                    persons += _people_in(s, people)
                persons = [p for p in persons if not _of_a_group(trig.doc[p.token_end - 1])]
                pron = pron or _pronoun(subj)
            owner_noun = trig.head.head if trig.head.lower_ == "on" else None
            if (
                not persons
                and owner_noun is not None
                and owner_noun.pos_ == "NOUN"
                and _trigger_type(owner_noun) is not None
            ):
                # "the arrest and conviction of X on corruption charges": whom the event noun
                # the charges hang on names
                persons = [
                    p
                    for n in [owner_noun, *(k for k in owner_noun.children if k.dep_ == "conj")]
                    for c in n.children
                    if c.dep_ == "prep" and c.lower_ == "of"
                    for p in _people_in(c, people)
                ][:1]
            if (
                not persons
                and not pron
                and (
                    trig.head.lower_ not in _NOUN_HEAD_PREPS or trig.lemma_.lower() == "indictment"
                )
            ):
                continue  # (but "named in the indictment" is the document, not an event)

        elif lemma == "commit":
            if not any(c.lemma_.lower() == "suicide" for c in trig.subtree):
                continue
            subj = _args(trig, "subj")
            for s in subj:
                persons += _people_in(s, people)
            pron = _pronoun(subj)
        elif lemma == "replace" or lemma == "succeed":
            ev = _replace(trig, people, posts, passive, nxt)
            if ev:
                ev.later = later
                out.append(ev)
            continue
        else:
            if lemma in {"carry", "perform", "exercise"}:
                # the one who carries out the duties, and the post whose duties they are
                subj = _args(trig, "agent")
                duties = next(c for c in trig.children if c.dep_ == "nsubjpass")
                acting = [pm for pm in posts if duties.idx <= pm.start < trig.idx]
            elif _reflexive(trig) is not None and not passive:
                # "X proclaimed himself leader", "X appointed herself Chairman": the subject
                subj = _args(trig, "subj")
            elif passive:
                subj = _args(trig, "subjpass") or _args(trig, "subj")
            elif lemma in TRANSITIVE:
                subj = _args(trig, "obj")
                if not subj and lemma in {"retire"}:
                    subj = _args(trig, "subj")
                if not subj:
                    # "dismissing, detaining and humiliating the chief justice", "arrested and
                    # charged X": verbs in a row share the object the last one has
                    subj = shared = _shared_object(trig)
            else:
                subj = _args(trig, "subj")
            for s in subj:
                persons += _people_in(s, people)
            if (
                not persons
                and trig.dep_ == "amod"
                and any(c.lower_ in {"newly", "recently", "just"} for c in trig.children)
            ):
                # "newly appointed Prime Minister X": the name the modified title stands before
                h = trig.head
                while h.dep_ == "compound" and not _person_at(h, people) and h.head.i != h.i:
                    h = h.head
                persons = [p for p in [_person_at(h, people)] if p is not None]
            # "six members of the national police were charged": the group, not the police
            persons = [p for p in persons if not _of_a_group(trig.doc[p.token_end - 1])]
            if persons and not passive and lemma in TRANSITIVE:
                # more objects the parse hung elsewhere: "fired the chief, X, and two of his
                # deputies, Y and Z" — names after the verb whose nearest verb is this one
                doc = trig.doc
                for p in people:
                    v = _verb_of(doc[p.token_end - 1])
                    if (
                        trig.i < p.token_start
                        and p.start < nxt
                        and v is not None
                        and v.i == trig.i
                        and p not in persons
                        and doc[p.token_end - 1].dep_ in {"appos", "conj", "dobj"}
                    ):
                        persons.append(p)
            pron = _pronoun([t for s in subj for t in s.subtree]) if not persons else None
            general = any(a.lower_ in TITLE_WORDS for a in subj) and any(
                c.lower_ in {"is", "are"} for c in trig.children
            )
            # "six members of the police were charged": a plural noun says how many, not who
            # (the next sentence may: "The six defendants are …")
            plural = passive and any(a.tag_ == "NNS" for a in subj)
            # "some of which died in prison", "many were detained": a quantity, not a name
            plural = plural or any(
                a.lower_ in {"some", "many", "several", "most", "others", "which", "few", "all"}
                or a.pos_ == "NUM"
                for a in subj
            )
            # an object shared with the next verb that is a common noun names nobody: no name
            # nearby stands for it
            common = any(a.pos_ == "NOUN" for a in shared)
            # "the caretaker government which took over": a subject that is a common noun,
            # and not a title, is who acted; no name nearby stands for it
            common = common or bool(
                subj
                and not passive
                and lemma not in TRANSITIVE
                and all(a.pos_ == "NOUN" and a.lower_ not in TITLE_WORDS | RANK_WORDS for a in subj)
            )
            if (
                not persons
                and not pron
                and not general
                and not plural
                and not common
                and lemma != "execute"
            ):
                # the parse missed the link: the nearest name before a passive verb, after an
                # active transitive one (not when the argument is a title or a noun: "the
                # Director General is appointed by the president" names nobody)
                window = (
                    [p for p in people if prev <= p.start < trig.idx]
                    if (passive or lemma not in TRANSITIVE)
                    else [
                        p
                        for p in people
                        if trig.idx < p.start < nxt
                        # "By dismissing … the chief justice, President X has created …": the
                        # subject of a verb of its own is not this verb's object
                        and not _opens_clause(trig.doc, p)
                    ]
                )
                if window:
                    persons = [window[-1] if passive or lemma not in TRANSITIVE else window[0]]
                    doc = trig.doc
                    counted = any(
                        t.tag_ == "NNS" and any(c.dep_ == "nummod" for c in t.children)
                        for t in doc[persons[0].token_end : trig.i]
                    )
                    if passive and (_of_a_group(doc[persons[0].token_end - 1]) or counted):
                        # "six members of the Honduran police were charged" (the parse lost
                        # the subject): the name is the group's, or stands before it, and the
                        # group is who
                        persons = []
        if lemma == "dismiss" and re.match(
            r"\s+(?:as\s+(?:[\"“«]|baseless|false|groundless|untrue|fake|rumou?rs?|nonsense)"
            r"|the\s+(?:reports?|rumou?rs?|claims?|allegations?))\b",
            doc_text(sent)[trig.idx + len(trig) :],
        ):
            continue  # "dismissed as baseless reports that …": a denial, not a dismissal
        if etype == "dismissed" and re.search(
            r"\b(?:at|on)\s+(?:his|her)\s+own\s+request\b", doc_text(sent)[trig.idx : nxt]
        ):
            etype = "resigned"  # "relieved … at his own request"
        if lemma == "go" and etype == "appointed":
            persons = [
                p
                for c in trig.children
                if c.lower_ == "to"
                for g in c.children
                for p in _people_in(g, people)
            ][:1]
            pron = None
        if lemma == "promote" and re.search(r"\brank\b", doc_text(sent)[trig.idx : nxt]):
            continue  # "promoted to the rank of colonel" is a rank, not a post
        if lemma == "promote" and _to_rank_only(doc_text(sent)[trig.idx + len(trig.text) : nxt]):
            continue  # "promoted to Colonel as a result of …": a rank, and no post after it
        if lemma == "retire" and not passive:
            etype = "resigned"
        if lemma == "head" and trig.pos_ == "VERB":
            continue  # "headed by X" describes, it does not appoint
        if lemma in _KILLING and not passive and trig.pos_ != "NOUN":
            # "X killed Y": the victim a name the parse gives as the object died; not the
            # subject, not a pronoun, and not one an attempt or a plot was made on ("tried to
            # kill Y", "a plot to assassinate Y")
            victims = [
                p
                for s in _args(trig, "obj")
                for p in people
                if any(i in _core(s) for i in range(p.token_start, p.token_end))
            ]
            if not victims or _attempted(trig):
                continue
            persons, pron = victims, None
        if lemma in {"become", "assume", "name", "assign", "announce"}:
            fwd = [pm for pm in posts if trig.idx < pm.start < nxt]
            # "assumed office on 5 May", "fired his minister and assumed the position himself":
            # the post is the office or the one just named, not a title after the verb
            took_office = lemma == "assume" and any(
                c.dep_ == "dobj" and c.lemma_.lower() in _OFFICE_WORDS for c in trig.children
            )
            if not fwd and not took_office:
                continue
        to_post, from_post = _post_window(trig, posts, nxt, sent)
        if acting:
            pm = acting[0]
            to_post = PostMention(
                pm.start, pm.end, [dataclasses.replace(p, acting=True) for p in pm.posts]
            )
        if lemma == "remove" and from_post is None and to_post is None:
            if not re.search(
                r"\boffice\b|\bfrom\s+(?:his|her|the)\s+(?:post|position|duties)",
                sent.text[trig.idx - sent.start_char :].lower()[:80],
            ):
                continue
        if etype == "moved" and to_post is None:
            to_post = _named_post(trig, nxt)
            if to_post is None:
                continue
        if etype in {"dismissed", "resigned"} and from_post is None:
            from_post, to_post = to_post, None
        if etype == "charged":
            # "Indicted for Alleged Bribery", "Charged With Cocaine Importation": what a headline
            # in capitals names after the charge verb is the charge, not a person
            persons = [
                p
                for p in persons
                if not re.fullmatch(
                    r"\s+(?:\w+\s+){0,2}?(?:with|for|of|over)\s+(?:the\s+)?",
                    doc_text(sent)[trig.idx + len(trig) : p.start],
                    re.IGNORECASE,
                )
            ]
        if etype in {"died", "arrested", "charged", "dismissed"}:
            # "… to be assassinated since 2005, including A, B and C": each one listed
            listed = _including(trig, people, nxt)
            if listed and pron and not persons:
                pron = None
            persons += [p for p in listed if p not in persons]
        # a headline's "Comptroller of Ecuador Indicted" names no person "Ecuador Indicted"
        persons = [p for p in persons if not p.token_start <= trig.i < p.token_end]

        if not persons and not pron and etype in {"arrested", "dismissed", "charged"}:
            out.append(
                RawEvent(
                    type=etype, person=None, pronoun=None, trigger=trig, posts=None, generic=True
                )
            )
            continue
        # "became acting president and acting prime minister": one appointment to each
        also = []
        if etype == "appointed" and to_post is not None:
            text = doc_text(sent)
            for pm in posts:
                last = also[-1] if also else to_post
                if (
                    pm.start > last.start
                    and pm.start < nxt
                    and re.fullmatch(
                        r",?\s+and\s+(?:(?:the|acting|interim)\s+)?",
                        text[last.end : pm.start],
                        re.IGNORECASE,
                    )
                ):
                    also.append(pm)
        for n, person in enumerate(persons or [None]):
            if person is None and pron is None:
                continue
            own = to_post if etype in {"appointed", "moved"} else from_post
            if n and person is not None:
                # "… of the President, X, Prime Minister, Y": the title just before a later name
                # of a list of titles and names is that name's
                before = persons[n - 1]
                between = [pm for pm in posts if before.end < pm.start and pm.end <= person.start]
                own = between[-1] if between else own
            event = RawEvent(
                type=etype,
                person=person,
                pronoun=pron if person is None else None,
                trigger=trig,
                posts=own,
                from_posts=from_post if etype == "moved" else None,
                instead=bool(re.match(r"\s+instead\b", doc_text(sent)[trig.idx + len(trig) :])),
                later=later,
                reported=_reporting_head(trig),
                undated=undated,
            )
            # the further posts of "… and acting prime minister" first, as the same event
            out.extend(dataclasses.replace(event, posts=pm, instead=False) for pm in also)
            out.append(event)
    return out


_IMPERATIVES = {
    "appoint",
    "relieve",
    "dismiss",
    "transfer",
    "release",
    "assign",
    "remove",
    "discharge",
    "name",
    "reassign",
}


def _to_rank_only(after: str) -> bool:
    """Does a promotion's "to …" name a rank and no post in its clause ("to Colonel as a
    result of …", not "to brigadier general and deputy army chief")?"""
    m = re.match(r"\s+to\s+(?:the\s+)?(?:full\s+)?", after)
    if m is None:
        return False
    rank = RANK_RE.match(after, m.end())
    if rank is None:
        return False
    clause = re.split(r"[,;.]", after[rank.end() :], maxsplit=1)[0]
    return TITLE_RE.search(clause) is None


def _imperative(t: Token) -> bool:
    """The verb that opens a decree item ("Appoint X as …", "1. To relieve X of …"), which the
    tagger often misreads as a noun."""
    if t.lower_ not in _IMPERATIVES:
        return False
    before = [x for x in t.doc[t.sent.start : t.i] if x.is_alpha]
    return not before or [x.lower_ for x in before] == ["to"]


def _named_post(trig: Token, nxt: int) -> PostMention | None:
    """ "moved … to the post of Master General": a post the title list does not know."""
    text = doc_text(trig)
    m = re.search(
        r"\bto\s+the\s+(?:post|position)\s+of\s+(?:the\s+)?([^,.;()]{3,80})", text[trig.idx : nxt]
    )
    if not m:
        # "moved … to head the Border Guard Service"
        h = re.search(
            r"\bto\s+(?:head|lead|command|run)\s+(?:the\s+)?([A-Z][^,.;()]{2,80})",
            text[trig.idx : nxt],
        )
        if not h:
            return None
        org = h.group(1).strip()
        start = trig.idx + h.start(1)
        return PostMention(start, start + len(org), [Post("Head", "head", org, None, org)])
    name = m.group(1).strip()
    start = trig.idx + m.start(1)
    return PostMention(start, start + len(name), [Post(name, "other", None, None, name)])


# the lemmas phrase patterns start from ("take", "go"; a pattern may name several: {IN: […]})
_PHRASE_LEMMAS = frozenset(
    lemma
    for _, _, p in _VOCAB.phrase_triggers
    for lemma in (
        p[0]["RIGHT_ATTRS"]["LEMMA"]["IN"]
        if isinstance(p[0]["RIGHT_ATTRS"]["LEMMA"], dict)
        else [p[0]["RIGHT_ATTRS"]["LEMMA"]]
    )
)


def _phrase_types(doc: Doc) -> dict[int, tuple[str, str]]:
    """Trigger token → (event type, pattern name) for the phrase patterns that match in
    ``doc`` (computed once per parse and kept on it)."""
    got = doc.user_data.get("custodes_phrases")
    if got is None:
        matcher = _phrase_matcher(doc.vocab)
        types = {name: etype for name, etype, _ in _VOCAB.phrase_triggers}
        got = {}
        for match_id, tokens in matcher(doc):
            name = doc.vocab.strings[match_id]
            got.setdefault(tokens[0], (types[name], name))
        doc.user_data["custodes_phrases"] = got
    return got


def rule_name(trig: Token) -> str:
    """The rule a trigger fired by, as the extractor field names it: the phrase pattern's name
    ("take-office") or the trigger's lemma ("appoint")."""
    phrase = _phrase_types(trig.doc).get(trig.i) if trig.lemma_.lower() in _PHRASE_LEMMAS else None
    return phrase[1] if phrase else trig.lemma_.lower()


_MATCHERS: dict[int, DependencyMatcher] = {}


def _phrase_matcher(vocab: Vocab) -> DependencyMatcher:
    m = _MATCHERS.get(id(vocab))
    if m is None:
        m = _MATCHERS[id(vocab)] = DependencyMatcher(vocab)
        for name, _, pattern in _VOCAB.phrase_triggers:
            m.add(name, [pattern])
    return m


def _of_a_group(tok: Token) -> bool:
    """Is the token inside an "of" phrase of a counted plural ("six members of X")? Not an
    apposition ("two deputies, Y and Z" names them)."""
    through_of = False
    for a in tok.ancestors:
        if a.pos_ in {"VERB", "AUX"}:
            return False
        through_of = through_of or a.dep_ == "prep" and a.lower_ == "of"
        if through_of and a.tag_ == "NNS" and any(c.dep_ == "nummod" for c in a.children):
            return True
    return False


def _label_line(t: Token) -> bool:
    """Does the token open a line of an infobox as its label ("Succeeded by X", "Succeeded
    byX")? Capitalised, "by" next, and the line's first word."""
    doc = t.doc
    nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
    by_next = nxt is not None and nxt.lower_.startswith("by")
    line_start = t.i == 0 or "\n" in doc[t.i - 1].whitespace_ or doc[t.i - 1].is_space
    return t.text[:1].isupper() and by_next and line_start


def retag_event_nouns(doc: Doc) -> Doc:
    """An event noun that opens an item of a list or a heading is capitalised ("- Causes: …,
    Arrest and conviction of X", "Resignation of the President"), and the tagger reads it as
    a proper noun (so as a name): it is the common noun it is."""
    for t in doc:
        if (
            t.pos_ == "PROPN"
            and t.text[:1].isupper()
            and t.lower_ in NOUN_TRIGGERS
            and (t.i == 0 or doc[t.i - 1].text in {":", ",", "-", ";", "(", "–", "—"})
            and t.i + 1 < len(doc)
            and doc[t.i + 1].lower_ in {"of", "and", "on", "in"}
        ):
            t.pos_, t.tag_ = "NOUN", "NN"
        elif (
            t.pos_ == "NOUN"
            and t.lower_ in _PRESENT_VERBS
            and any(c.dep_ == "nsubj" for c in t.children)
        ):
            # "Acting President X resigns", "X and Y resign as …", "X steps down": a headline's
            # present tense, which the small tagger reads as a noun with a subject
            t.pos_, t.tag_ = "VERB", "VBZ" if t.lower_.endswith("s") else "VBP"
    return doc


# the present tense of the verbs a headline reports with, as the tagger misreads them
_PRESENT_VERBS = {
    f"{v}{end}"
    for v in ("resign", "quit", "step", "appoint", "name", "dismiss", "sack", "fire", "arrest")
    for end in ("", "s")
}


def _trigger_type(t: Token) -> str | None:
    lemma = t.lemma_.lower()
    if t.dep_ == "amod" and t.lemma_.lower() in {"retire", "detain", "arrest", "jail"}:
        return None  # "a retired general", "the detained colonel" describe, they do not report
    if _imperative(t):
        return VERB_TRIGGERS.get(t.lower_)
    if t.pos_ in {"VERB", "AUX"} or t.tag_ in {"VBN", "VBD", "VBG"}:
        if (
            lemma == "head"
            and t.tag_ != "VBN"
            or lemma == "name"
            and not (t.tag_ == "VBN" or any(c.dep_ in {"dobj", "oprd"} for c in t.children))
        ):
            return None  # "headed by X" describes; "named" needs its person ("named X director")
        if lemma == "charge" and not any(
            c.lower_ == "with" or c.dep_ == "auxpass" for c in t.children
        ):
            return None  # "were charged (today in court …)" or "charged with"; not "in charge"
        if lemma == "move" and not any(c.lower_ in {"from", "to"} for c in t.children):
            return None
        kids = {c.lower_ for c in t.children}
        if lemma in _PHRASE_LEMMAS:
            # "took over", "taken into custody", "took office", "the post went to X": the
            # phrase patterns of the vocabulary (not a table's "Took office | Left office")
            if "|" in t.sent.text:
                return None
            phrase = _phrase_types(t.doc).get(t.i)
            return phrase[0] if phrase else None
        if lemma == "terminate":
            # "the functions of X as Director are terminated"
            subj = [c for c in t.children if c.dep_ in {"nsubjpass", "nsubj", "dobj"}]
            if any(
                c.lemma_.lower() in {"function", "duty", "mandate", "power", "appointment"}
                for c in subj
            ):
                return "dismissed"
            return None
        if lemma in {"carry", "perform", "exercise"}:
            # "the duties of Prime Minister shall be carried out by X": X acts in the post
            duties = [c for c in t.children if c.dep_ == "nsubjpass"]
            if (
                _is_passive(t)
                and (lemma != "carry" or "out" in kids)
                and any(d.lemma_.lower() in {"duty", "function", "power"} for d in duties)
            ):
                return "appointed"
            return None
        if lemma == "succeed" and _label_line(t):
            return None  # an infobox's "Succeeded by X" line labels a successor, undated
        if lemma in {"proclaim", "declare"}:
            # "proclaimed himself the leader of the junta": a self-appointment (and no other
            # declaring: "declared a state of emergency")
            return "appointed" if _reflexive(t) is not None else None
        if lemma == "announce":
            # "General X announced as transitional president", "was announced as the new
            # head": the one announced takes the post (not "announced that …")
            # (a headline's or a result list's "X announced as P" has no object either)
            nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
            as_next = nxt is not None and nxt.lower_ == "as" and nxt.head.i == t.i
            objects = any(c.dep_ == "dobj" for c in t.children)
            return "appointed" if as_next and not objects else None
        if lemma == "return":
            return "appointed" if "as" in kids else None  # "returned as director"
        if lemma == "swear":
            return "appointed" if "in" in kids else None  # "was sworn in as director"
        if lemma == "let":
            # "was let go"
            return "dismissed" if any(c.lemma_.lower() == "go" for c in t.children) else None
        if lemma == "find":
            return "died" if "dead" in kids and _is_passive(t) else None
        if lemma == "shoot":
            # "was shot dead", "shot dead X" (the parser may hang "dead" on the victim)
            after = t.doc[t.i + 1].lower_ if t.i + 1 < len(t.doc) else ""
            return "died" if "dead" in kids or after == "dead" else None
        if lemma == "pass":
            return "died" if "away" in kids else None
        if lemma in {"tap", "pick", "choose", "select"}:
            # "was tapped to lead", "picked X to lead": only with a post or a lead verb
            if (
                "as" in kids
                or any(
                    c.dep_ == "xcomp" and c.lemma_.lower() in {"lead", "head", "run"}
                    for c in t.children
                )
                # "selects X as the interim Prime Minister": the parser hangs "as" on X
                or any(
                    g.lower_ == "as" and c.pos_ == "PROPN"
                    for c in t.children
                    if c.dep_ == "dobj"
                    for g in c.children
                )
            ):
                return "appointed"
            return None
        if lemma in {"step", "stand"}:
            # "stepped down as head", "stood down"
            return "resigned" if any(c.lower_ == "down" for c in t.children) else None
        return VERB_TRIGGERS.get(lemma)
    if (
        t.pos_ == "NOUN"
        and lemma == "appointment"
        and t.head.lemma_.lower()
        in {
            "revoke",
            "annul",
            "cancel",
            "rescind",
        }
    ):
        return "dismissed"  # "revoked the appointment of X"
    if t.pos_ == "NOUN":
        if (
            lemma == "resignation"
            and t.dep_ == "dobj"
            and t.head.lemma_.lower() in {"offer", "reject", "refuse", "decline"}
        ):
            return None  # an offered resignation is not one
        if lemma == "charge" and t.head.lower_ == "on":
            return "charged"  # "arrested on a charge of treason"
        if lemma == "charge" and any(c.lower_ == "against" for c in t.children):
            # "announced charges against X" (not "dropped the charges against X")
            return None if t.head.lemma_.lower() in _UNDONE else "charged"
        if lemma == "indictment" and t.head.lemma_.lower() in _UNDONE:
            return None
        return NOUN_TRIGGERS.get(lemma) or NOUN_TRIGGERS.get(t.lower_)
    return None


# what undoes a charge: "dropped the charges against X", "the indictment was dismissed"
_UNDONE = {"drop", "withdraw", "dismiss", "vacate", "overturn", "quash", "clear", "lift"}


def _post_window(
    trig: Token, posts: list[PostMention], nxt: int, sent: Span
) -> tuple[PostMention | None, PostMention | None]:
    """(post taken up, post left) among the posts after the trigger and before the next one."""
    text = doc_text(sent)
    to_post = from_post = None
    for pm in posts:
        if not trig.idx < pm.start < nxt:
            continue
        before = text[max(sent.start_char, trig.idx) : pm.start]
        # posts inside "(previously …)" are background, not the event
        if re.search(r"\((?:[^)]*)$", before) and re.search(
            r"\((?:previously|prior|formerly|earlier|before|since|until)", before, re.I
        ):
            continue
        if re.search(r"[,;]|\band\b", before) and re.match(
            r"\s+[A-Z][\w'’-]+\s+[A-Z][\w'’-]+", text[pm.end :]
        ):
            continue  # "X resigns, Parliamentary Speaker Y resigns": the next one's title
        lead = text[max(sent.start_char, pm.start - 45) : pm.start].lower()
        if re.search(r"\bby\s+(?:the\s+)?$", lead) and re.match(r"\s+[A-Z]", text[pm.end :]):
            continue  # "appointed … by President X": the title of who decided
        if re.search(
            r"\bfrom\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:positions?\s+of\s+|posts?\s+of\s+|duties\s+(?:of|as)\s+)?(?:the\s+)?$",
            lead,
        ) or re.search(
            r"\b(?:of|from)\s+(?:his|her|their)\s+(?:duties|posts?|positions?)\s+(?:as|of)\s+(?:the\s+)?$",
            lead,
        ):
            from_post = from_post or pm
        else:
            if to_post is None:
                to_post = pm
    return to_post, from_post


def _replace(
    trig: Token, people: list[PersonMention], posts: list[PostMention], passive: bool, nxt: int
) -> RawEvent | None:
    """ "He was replaced by Y (at the position of P)", "Y replaced them (in such positions)",
    "Y replaced X as P": an appointment of Y to the post of the replaced."""
    new: list[PersonMention] = []
    old: list[Token] = []
    with_people = [
        p
        for w in trig.children
        if w.dep_ == "prep" and w.lower_ == "with"
        for g in w.children
        for p in _people_in(g, people)
    ]
    if with_people and trig.tag_ == "VBN" and not _args(trig, "obj"):
        # "X was replaced with Y", "- Result: X dismissed and replaced with Y": Y is new
        new = with_people
        old = _args(trig, "subjpass") or _args(trig, "subj")
        # the post is the replaced one's (told before), not a title later in the sentence
        nxt = min(nxt, with_people[-1].end)
    elif passive:
        agents = _args(trig, "agent") or [
            # "was replaced as first secretary by Y": the parser may hang "by Y" on the post
            g
            for c in trig.children
            if c.dep_ == "prep" and c.lower_ == "as"
            for n in c.children
            for b in n.children
            if b.dep_ == "prep" and b.lower_ == "by"
            for g in b.children
            if g.dep_ == "pobj"
        ]
        for a in agents:
            new += _people_in(a, people)
        old = _args(trig, "subjpass")
    else:
        old = _args(trig, "obj")
        own = (
            [p for c in trig.children if c.dep_ == "nsubj" for p in _people_in(c, people)]
            if trig.dep_ == "pcomp" and trig.head.lower_ == "with"
            else []
        )
        if trig.tag_ == "VBG" and not own:
            # "appointed …, replacing X": the appointment is read elsewhere (but "dismisses X,
            # with Y replacing her": Y's appointment is told only here)
            return None
        # "the president replaced him with Y": the one "with" names is new, the subject is who
        # made the change; without "with", the subject is new ("Y replaced X as P")
        # (after the verb: "With this assignment, approved by X, Owens replaces Y" is no "with")
        withs = [
            c for c in trig.children if c.dep_ == "prep" and c.lower_ == "with" and c.i > trig.i
        ]
        for w in withs:
            new += [p for g in w.children for p in _people_in(g, people)]
        if not new and not withs:
            for s in _args(trig, "subj"):
                new += _people_in(s, people)
        if (
            not new
            and trig.dep_ in {"advcl", "xcomp"}
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in trig.children)
        ):
            # "the president names Y to replace her", "chose Y to succeed X": the one the
            # verb above takes is the newcomer
            for o in _args(trig.head, "obj"):
                new += _people_in(o, people)
    if not new:
        return None
    fwd = [pm for pm in posts if trig.idx < pm.start < nxt]
    old_people = [p for o in old for p in _people_in(o, people)]
    return RawEvent(
        type="appointed",
        person=new[0],
        pronoun=None,
        trigger=trig,
        posts=fwd[0] if fwd else None,
        replaces=old_people,
        replaces_pronoun=_pronoun([t for o in old for t in o.subtree]),
        confidence=0.7,
        co_people=new[1:],
    )
