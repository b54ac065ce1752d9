"""What one line of a web page *is*: caption, byline, bio, donation appeal, tags,
comment heading, comment handle, trackback, navigation word...

Each test looks at the shape of a line (its length, its punctuation, the verb
that follows a name, vocabulary of page furniture) rather than at any site's
wording, so the same rules work on pages the project has never seen.  The
segmenter in ``textpage`` decides *where* these lines may end the article;
this module only says what a line looks like.
"""
from __future__ import annotations

import re

from ratline.ingest.dates import find_dates

BULLET = re.compile(r"^[•·▪‣◦●○■□➤►*\-–—]\s+")
TERMINAL = tuple('.!?:;,"”’\')]…')     # what a line of prose ends with
_NUM_WORDS = {"no": 0, "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4,
              "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def words(s: str) -> list[str]:
    return s.split()


def strip_bullet(s: str) -> str:
    return BULLET.sub("", s, count=1)


def has_bullet(s: str) -> bool:
    return bool(BULLET.match(s))


# --- image captions, embedded media and promos -----------------------------
# They can sit anywhere, even mid-body, and are never evidence.
_CAPTION = re.compile(
    r"click (?:here |on (?:the |this )?(?:image|photo|map|picture) )?to "
    r"(?:view|enlarge|download|play|watch|see|zoom|expand)"
    r"|click the (?:map|image|photo|picture|graphic|chart|video|icon) to"
    r"|\bflash player\b|\benable javascript\b|your browser does not support"
    r"|^(?:photo|image|picture|video|graphic|map|file photo|pictured|caption|"
    r"credit|source: (?:reuters|ap|afp|getty))\s*[:|/]"
    r"|\((?:ap|afp|reuters|getty images|epa)?\s*photo\b[^)]*\)\s*$"
    r"|^(?:advertisement|sponsored(?: content)?|ad|promoted)$"
    r"|^(?:read more|read also|also read|see also|watch|listen|related)\s*[:|]"
    r"|^(?:continue reading|read the full (?:story|article|report))\b",
    re.I,
)


def is_caption(s: str) -> bool:
    """Image caption, embedded-media notice or promo link, not article text."""
    return len(s) <= 300 and bool(_CAPTION.search(s))


# --- comment section --------------------------------------------------------
_COUNT = re.compile(
    r"^(?P<n>\d[\d,]*|no|zero|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?:reader\s+)?(?:comments?|responses?|replies|reactions|thoughts?)"
    r"(?:\s*:?\s*$|\s+(?:on|to)\s+[“\"'‘«].*$|\s+(?:so far|and counting)\.?$)",
    re.I,
)
_COUNT_AFTER = re.compile(r"^(?:comments?|responses?|replies)\s*[:(\[]\s*(?P<n>\d[\d,]*)\s*[)\]]?$", re.I)
_COMMENT_HEADING = re.compile(
    r"^(?:comments?|reader comments|readers'? comments|discussion|responses|"
    r"join the (?:discussion|conversation)|leave a (?:reply|comment)|"
    r"post a comment|add (?:a |your )?comment|what do you think\??|"
    r"show comments|view comments|comments are closed\.?)\s*:?$",
    re.I,
)


def comment_count(s: str) -> int | None:
    """N from a line such as '16 Comments', 'One response to “...”', 'Comments (3)'."""
    if len(s) > 120:
        return None
    m = _COUNT.match(s) or _COUNT_AFTER.match(s)
    if not m:
        return None
    n = m["n"].lower().replace(",", "")
    return _NUM_WORDS[n] if n in _NUM_WORDS else int(n)


def is_comment_heading(s: str) -> bool:
    return comment_count(s) is not None or bool(_COMMENT_HEADING.match(s))


_HANDLE = re.compile(
    r"^(?P<name>.{1,80}?)\s*(?:says|said|writes|wrote|commented|comments|replied|replies)"
    r"\s*:\s*(?P<rest>.{0,60})$",
    re.I,
)


# "The spokesman said:" introduces a quotation in an article; commenters' names
# do not open with a determiner or a pronoun.
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "he", "she", "they",
                "it", "we", "i", "his", "her", "their", "its", "our", "officials", "police"}


def is_handle(s: str) -> bool:
    """A commenter's name line: 'jim says:', 'Ana on May 3, 2015 at 2:10 pm said:'."""
    m = _HANDLE.match(strip_bullet(s))
    if not m:
        return False
    name = m["name"]
    for d in find_dates(name):
        name = name.replace(d.text, " ")
    name = re.sub(r"\b(?:on|at)\b|\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?|[|,–—-]", " ", name, flags=re.I)
    toks = name.split()
    if not 1 <= len(toks) <= 5 or name.rstrip().endswith(".") or toks[0].lower() in _DETERMINERS:
        return False
    rest = m["rest"].strip()
    return not rest or bool(find_dates(rest)) or bool(re.match(r"^\d{1,2}[:.]\d{2}", rest))


_TRACKBACK = re.compile(
    r"\blinked to this (?:post|article|entry|page)\b|^(?:pingback|trackback)\s*:"
    r"|\bmentioned this (?:post|article)\b|\blinks to this (?:post|article)\b",
    re.I,
)


def is_trackback(s: str) -> bool:
    low = s.lower()
    if "this" not in low and "back" not in low:      # cheap pre-check: long comment lines
        return False
    return bool(_TRACKBACK.search(strip_bullet(s)))


# --- after-the-article furniture -----------------------------------------------
_TAGS = re.compile(
    r"^(?:tags|tagged(?: with| as| in)?|filed (?:under|in)|posted in|categor(?:y|ies)|"
    r"topics?|keywords|labels|related topics|more on)\s*[:|]",
    re.I,
)


def is_tags(s: str) -> bool:
    return len(s) <= 400 and bool(_TAGS.match(s))


_FURNITURE = re.compile(
    r"^(?:share|share this(?: article| story| post)?|share on \w+|tweet|print|email|"
    r"like this|loading\.*|follow us|follow (?:him|her|them|me) on \w+|"
    r"related(?: articles| posts| stories| coverage| content)?|"
    r"you (?:may|might) also like|recommended(?: for you| reading)?|more from .{1,40}|"
    r"most (?:read|popular|viewed)|trending|"
    r"about the (?:author|writer)s?|reply|report (?:this )?comment|"
    r"your email address will not be published\.?.*|required fields are marked.*|"
    r"post comment|submit comment|log ?in to (?:reply|comment)|"
    r"sign up.{0,80}newsletter.*|subscribe(?: to .{1,60})?|newsletter)\s*:?$"
    r"|^(?:copyright|©|\(c\) \d{4})|all rights reserved|"
    r"^\(?(?:additional )?(?:reporting|writing|editing) by\b.{0,200}$|"
    r"^.{0,120}\bcontributed (?:reporting|to this (?:report|article|story))\b",
    re.I,
)


def is_furniture(s: str) -> bool:
    """Share buttons, related-links headings, comment forms, copyright, credits."""
    return len(s) <= 300 and bool(_FURNITURE.search(s))


_GIVE = re.compile(
    r"\bdonat(?:e|ion|ions|ing)\b|\bcontribut(?:e|ion) (?:today|now|to (?:us|our))\b|"
    r"\bsupport (?:our|us|independent|this)\b|\bbecome a (?:member|patron|supporter|subscriber)\b|"
    r"\bsubscri(?:be|ption)\b|\bpatreon\b|\btax[- ]deductible\b|\bchip in\b",
    re.I,
)


_GIVE_STEMS = ("donat", "contribut", "support", "become a", "subscri", "patreon", "deductible", "chip in")
_QUOTED = re.compile(r"[“”\"]|\bsaid\b|\baccording to\b")
_TO_READER = re.compile(r"\byou(?:r)?\b|\bplease\b|(?:^|[.?!]\s+)(?:support|donate|give|"
                        r"help|subscribe|become|join|chip)\b")
_FIRST_PERSON = re.compile(r"\b(?:our|we|us)\b")


def is_donation(s: str) -> bool:
    """A plea to the reader for money or a subscription.

    Needs the giving vocabulary *and* the site talking to the reader (you/please or
    an imperative, plus our/we),
    and no quotation marks: a militant group's fund-raising appeal quoted in a
    report is article text, not an appeal to us.
    """
    low = s.lower()
    if len(s) > 800 or not any(w in low for w in _GIVE_STEMS):
        return False
    if not _GIVE.search(s) or _QUOTED.search(s):
        return False
    return bool(_TO_READER.search(low)) and bool(_FIRST_PERSON.search(low))


_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|al|el|bin|ibn|de|da|van|von|der|la))*?"
_ROLE = (
    r"fellow|editor|correspondent|reporter|journalist|writer|analyst|contributor|"
    r"columnist|author|researcher|professor|scholar|freelancer|blogger|photographer|"
    r"commentator|lecturer|bureau chief|research|ph\.?d|doctoral"
)
_BIO = re.compile(
    r"^" + _NAME + r"\s+(?:is|was|has been|serves as|works as)\s+(?:a|an|the)\s+"
    r"(?:[\w-]+\s+){0,6}?(?:" + _ROLE + r")",
    re.I,
)
_BIO_VERB = re.compile(r"^" + _NAME + r"\s+(?:reports|writes|covers|blogs)\s+(?:on|about|from|for)\b")
_BIO_CONTACT = re.compile(
    r"\bcan be (?:reached|contacted|followed)\b|^follow (?:\w+ ){1,3}on (?:twitter|x|facebook|bluesky)\b"
    r"|^contact the (?:author|writer)|^about the (?:author|writer)",
    re.I,
)


def is_bio(s: str) -> bool:
    """An author note: '<Name> is a senior fellow at ...', '<Name> reports from ...'.

    Only short (one to three sentences) lines qualify; the segmenter also asks that
    nothing article-like follows, because a body can describe a journalist too.
    """
    if len(s) > 400 or len(re.findall(r"[.!?](?:\s|$)", s)) > 3:
        return False
    return bool(_BIO.match(s) or _BIO_VERB.match(s) or _BIO_CONTACT.search(s))


# --- bylines and navigation -----------------------------------------------------
_BYLINE = re.compile(r"^(?:(?:posted|written|published|story|words|reported|filed)\s+)?by:?\s+(?P<rest>.+)$", re.I)
_POSTED = re.compile(r"^(?:posted|published|filed)\b.{0,100}\bby\b", re.I)
_CONNECT = {"and", "of", "in", "on", "at", "for", "the", "staff", "|", "-", "–", "—", "/", "&"}


def is_byline(s: str) -> bool:
    """'By Jane Doe', 'Posted by Public Affairs on May 3, 2015', 'By A and B | Reuters'.

    A sentence that happens to open with 'By' ("By Saturday the town had
    fallen") is told apart by its lowercase words.
    """
    if len(s) > 160:
        return False
    m = _BYLINE.match(s)
    rest = m["rest"] if m else (s if _POSTED.match(s) else None)
    if rest is None:
        return False
    for d in find_dates(rest):
        rest = rest.replace(d.text, " ")
    rest = re.sub(r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?|\b(?:posted|published|by)\b", " ", rest, flags=re.I)
    toks = [t.strip(",;()") for t in rest.split()]
    toks = [t for t in toks if t]
    if not toks or len(toks) > 12:
        return False
    named = [t for t in toks if t.lower() not in _CONNECT]
    return all(t[0].isupper() or t[0].isdigit() or "@" in t for t in named)


_AUTHOR_END = re.compile(r"\s+(?:on|at|in|for)\s+|\s*[|,;–—(]\s*|\s+-\s+|\s+\d")


def byline_author(s: str) -> str | None:
    """The name a byline gives ('By Jane Doe | Reuters' -> 'Jane Doe', 'Posted by Public
    Affairs on May 3, 2015' -> 'Public Affairs'); None if ``s`` is no byline."""
    if not is_byline(s):
        return None
    m = _BYLINE.match(s)
    rest = m["rest"] if m else re.sub(r"^(?:posted|published|filed)\b.{0,100}?\bby\b:?", "", s, flags=re.I)
    name = _AUTHOR_END.split(rest.strip(), maxsplit=1)[0].strip(" :.")
    words = name.split()
    if not 1 <= len(words) <= 6 or not all(w[0].isupper() for w in words if w.lower() not in _CONNECT):
        return None
    return name


def is_nav_like(s: str) -> bool:
    """A short menu/topic word ('Boko Haram', 'Syria'): few words, no sentence end."""
    if len(s) > 40 or len(s.split()) > 4 or not s[0].isalnum():
        return False
    return not s.endswith(TERMINAL)


_SEPARATED = re.compile(r"\s[·|•]\s")
_CAPS_NAME_DASH = re.compile(r"^[A-Z][A-Z'’&.-]+(?:\s+[A-Z][A-Z'’&.-]+)*\s+[—–]\s+")


def is_masthead(s: str) -> bool:
    """A masthead or kicker made of short labels between separators ("THE CARIBBEAN REVIEW ·
    Long read · Friday, May 9, 2025", "FRONTERA PRESS · Cúcuta · English edition")."""
    if s.rstrip().endswith((".", "!", "?")):
        return False
    tagline = _CAPS_NAME_DASH.match(s)          # "FRONTIER LEDGER — notes on militancy and the state"
    if tagline and len(s[tagline.end():].split()) <= 12:
        return True
    parts = _SEPARATED.split(s)
    return len(parts) >= 2 and all(len(p.split()) <= 6 for p in parts)


def is_substantial(s: str) -> bool:
    """Long enough to be a paragraph of prose rather than a label."""
    return len(s.split()) >= 10
