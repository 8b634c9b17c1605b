"""Text analysis of the database backend: words, light stemming per language, typo distance
and highlighting. Small on purpose: enough for singular/plural and one or two typos, the way
the Elasticsearch language analyzers and fuzziness behave for shoppers' queries."""

import html
import re
import unicodedata

WORD = re.compile(r"\w+", re.UNICODE)
ITALIAN_VOWELS = "aeiou"

# Words too common to tell documents apart, left out like the language analyzers do.
STOP_WORDS = {
    "en": set(
        "a an and are as at be but by for if in into is it no not of on or such that the their then there these they "
        "this to was will with".split()
    ),
    "it": set(
        "a ad al allo ai agli all alla alle con col coi da dal dallo dai dagli dall dalla dalle di del dello dei degli "
        "dell della delle e ed i il in la le lo gli l nel nello nei negli nell nella nelle o per su sul sullo sui sugli "
        "sull sulla sulle tra fra un uno una che non si piu".split()
    ),
}


def fold(text):
    """Lower case without accents: "Caffè" → "caffe"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text):
    return WORD.findall(fold(text))


def stem_english(word):
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def stem_italian(word):
    """Drop the final vowel (the gender/number ending): scarpa, scarpe → scarp; borsa, borse →
    bors; and "-che/-chi/-ghe/-ghi" keep their hard sound: tasche, tasca → tasc."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith(("che", "chi", "ghe", "ghi")):
        return word[:-2]
    if word[-1] in ITALIAN_VOWELS:
        return word[:-1]
    return word


STEMMERS = {"en": stem_english, "it": stem_italian}


def stem(word, locale):
    return STEMMERS.get(locale.split("-")[0], lambda word: word)(word)


def terms(text, locale):
    """The analysed words of ``text``: folded, without stop words, stemmed."""
    stop_words = STOP_WORDS.get(locale.split("-")[0], set())
    return [stem(word, locale) for word in words(text) if word not in stop_words]


def allowed_typos(word):
    """Edits a query word may be away from an indexed one (like Elasticsearch's AUTO)."""
    if len(word) < 3:
        return 0
    return 1 if len(word) <= 5 else 2


def edit_distance(a, b, limit):
    """Levenshtein distance of ``a`` and ``b``, or ``limit + 1`` once it is certainly larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def highlight(text, matched_terms, locale, fragment_size=None, fragments=None):
    """``text`` HTML-escaped with the words whose analysed form is in ``matched_terms`` wrapped
    in <mark>…</mark>. With ``fragment_size``: up to ``fragments`` pieces around the first
    matches instead of the whole text. [] when no word matches."""
    spans = [match.span() for match in WORD.finditer(text) if stem(fold(match.group()), locale) in matched_terms]
    if not spans:
        return []
    if fragment_size is None:
        return [mark(text, 0, len(text), spans)]
    pieces, end_of_last = [], -1
    for start, end in spans:
        if start < end_of_last:
            continue
        begin = max(0, start - fragment_size // 3)
        begin = text.rfind(" ", 0, begin) + 1 if begin else 0
        stop = min(len(text), begin + fragment_size)
        stop = stop if stop == len(text) else max(text.rfind(" ", end, stop), end)
        pieces.append(mark(text, begin, stop, spans))
        end_of_last = stop
        if len(pieces) == fragments:
            break
    return pieces


def mark(text, begin, stop, spans):
    out, position = [], begin
    for start, end in spans:
        if start < begin or end > stop:
            continue
        out.append(html.escape(text[position:start], quote=False))
        out.append(f"<mark>{html.escape(text[start:end], quote=False)}</mark>")
        position = end
    out.append(html.escape(text[position:stop], quote=False))
    return "".join(out).strip()
