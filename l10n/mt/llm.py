"""Machine translation by a language model behind an OpenAI-compatible chat-completions API.

Ollama, vLLM, LM Studio, llama.cpp's server and OpenAI itself all answer
`POST {base_url}/chat/completions`. This module speaks that API with `requests` (already a
dependency; the `openai` package would add pydantic and httpx to every start of the tool and
a retry policy of its own beside ours) and keeps to the tool's rules:

- every request carries the unit's context (kind, msgctxt, notes, where it appears, the
  article's title and neighbouring segments, glossary terms with their approved translation,
  do-not-translate terms, translation-memory matches, the site's style for the language);
- several units go in one request and come back as JSON (`response_format` with a JSON
  schema where the server takes one, a numbered plain format where it does not); every
  reply is checked before anything is saved: each unit once, identity echoed back, the
  protected pieces (placeholders, Markdown, HTML, do-not-translate terms) intact, length
  within a ratio of the English, no English echoed back as a translation;
- plural units are asked one text per plural form of the target language, named by CLDR
  category with example numbers from the catalog's own rule;
- the answer body is read against a deadline and a size limit (a server dripping one byte a
  second, or sending megabytes, is cut off), and the server's `usage` is counted.

The key (`api_key_env`) is sent as a Bearer token and appears in no message or log line.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import requests

from l10n.languages import PluralForm, is_singular
from l10n.mt.config import ProviderSettings
from l10n.mt.transport import AnswerTooLarge, read_bounded

ANSWER_LIMIT_FLOOR = 64 * 1024  # bytes an answer may always have
ANSWER_LIMIT_PER_CHAR = 64  # and this many more per character of English sent
_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)
_NUMBERED = re.compile(r"^\[(u\d+)(?:\s+(\w+))?\]\s?(.*)$")
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W_]+|<x\d+/>")
_TOKEN = re.compile(r"<\s*[xX]\s*(\d+)\s*/\s*>")
ECHO = "\0start"  # a raw answer's key for the English words the reply echoed back
ECHO_WORDS = 3
_FORMAL = {
    "de": "Sie",
    "fr": "vous",
    "it": "Lei",
    "es": "usted",
    "ro": "dumneavoastră",
    "el": "εσείς",
    "sv": "ni",
    "nl": "u",
    "pt": "o senhor / a senhora",
}
_INFORMAL = {
    "de": "du",
    "fr": "tu",
    "it": "tu",
    "es": "tú",
    "ro": "tu",
    "el": "εσύ",
    "sv": "du",
    "nl": "jij",
    "pt": "tu / você",
}


@dataclass(frozen=True)
class LLMUnit:
    """One unit as the model sees it: the (protected) English and everything around it."""

    id: str
    english: str
    plural: str | None = None
    forms: tuple[PluralForm, ...] = ()
    kind: str = ""
    context: str | None = None
    notes: tuple[str, ...] = ()
    where: tuple[str, ...] = ()
    title: str | None = None
    before: str | None = None
    after: str | None = None
    glossary: tuple[tuple[str, str], ...] = ()
    dnt: tuple[str, ...] = ()
    memory: tuple[tuple[str, str], ...] = ()

    def payload(self) -> dict[str, Any]:
        """The unit as sent: empty fields left out, so the request stays small."""
        data: dict[str, Any] = {"id": self.id, "english": self.english}
        if self.plural is not None:
            data["english_plural"] = self.plural
            data["plural_forms"] = {
                form.category: "for n = " + ", ".join(map(str, form.examples))
                for form in self.forms
            }
        optional: dict[str, Any] = {
            "kind": self.kind,
            "msgctxt": self.context,
            "notes": list(self.notes),
            "appears_in": list(self.where),
            "article_title": self.title,
            "previous_segment": self.before,
            "next_segment": self.after,
            "glossary": [{"english": en, "use": tr} for en, tr in self.glossary],
            "do_not_translate": list(self.dnt),
            "translation_memory": [{"english": en, "translation": tr} for en, tr in self.memory],
        }
        data.update({key: value for key, value in optional.items() if value})
        return data

    def cache_text(self) -> str:
        """Everything that decides the answer, without the id (a rerun numbers units anew)."""
        data = self.payload()
        del data["id"]
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @property
    def sent_characters(self) -> int:
        return len(self.english) + len(self.plural or "")


@dataclass(frozen=True)
class Answer:
    """A unit's checked translation: one text, or one text per plural form index."""

    texts: tuple[str, ...]


@dataclass
class Usage:
    """What a run cost, from the server's `usage` (prompt and completion tokens) and requests."""

    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def add(self, reply: Mapping[str, Any]) -> None:
        usage = reply.get("usage")
        if isinstance(usage, Mapping):
            self.prompt_tokens += _count(usage.get("prompt_tokens"))
            self.completion_tokens += _count(usage.get("completion_tokens"))

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


def _count(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


class ChatError(Exception):
    """An HTTP exchange with the model server that gave no usable reply.

    `kind` says what follows: "retry" (429, 5xx, a timeout: ask again after a pause),
    "fatal" (the provider is unusable for this run: no connection, key refused) or "unit"
    (this request only: a refused or unreadable answer). The message is safe to show: it
    never holds the key or the server's raw body.
    """

    def __init__(
        self,
        message: str,
        status: int | None = None,
        *,
        kind: str,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.kind = kind
        self.retry_after = retry_after


class FormatRefused(ChatError):
    """The server does not take `response_format` (a 400 naming it): ask in plain text."""


def language_name(code: str) -> str:
    """`de` → German, `pt_BR` → Portuguese (Brazil), through Babel; the code if unknown."""
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(code.replace("-", "_").replace("@latin", "_Latn")).english_name)
    except (ValueError, UnknownLocaleError):
        return code


def style_note(language: str, formality: str | None) -> str | None:
    """The sentence about address for the system prompt, from `mt.formality`."""
    if formality is None:
        return None
    primary = language.replace("_", "-").split("-")[0]
    table = _FORMAL if formality == "formal" else _INFORMAL
    pronoun = table.get(primary)
    tone = "formally" if formality == "formal" else "informally"
    return f"Address the reader {tone}" + (f" ({pronoun})." if pronoun else ".")


def system_prompt(language: str, project: str, style: str | None, numbered: bool) -> str:
    name = language_name(language)
    lines = [
        f"You translate the website {project} from English into {name} ({language}).",
        "Each unit comes with its context: use it to choose words, never translate it.",
        "Keep every token like <x1/> exactly as it is, once each: it stands for a "
        "placeholder, markup or a name that must not change.",
        "Keep Markdown (emphasis, links) and HTML as in the English; keep the terms listed "
        "under do_not_translate as they are; use the glossary's translations.",
        "Translate the meaning for a reader of the site; do not add or leave out content; "
        "do not give the English back unless the unit is a name.",
    ]
    if style:
        lines.append(style)
    if numbered:
        lines.append(
            "Reply with nothing but one block per unit: a line `[ID]` followed by the "
            "translation (for a unit with plural_forms, one line `[ID CATEGORY]` per "
            "category followed by that form's translation)."
        )
    else:
        lines.append(
            'Reply with JSON only: {"translations": [{"id": ID, "source_start": THE FIRST '
            f'{ECHO_WORDS} WORDS OF ITS ENGLISH, "text": TRANSLATION}}]}}; for a unit with '
            'plural_forms give "forms": {CATEGORY: TRANSLATION} instead of "text", one entry '
            "for every category asked."
        )
    return "\n".join(lines)


RESPONSE_SCHEMA: dict[str, Any] = {
    "type": "json_schema",
    "json_schema": {
        "name": "translations",
        "schema": {
            "type": "object",
            "properties": {
                "translations": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "id": {"type": "string"},
                            "source_start": {"type": "string"},
                            "text": {"type": "string"},
                            "forms": {
                                "type": "object",
                                "additionalProperties": {"type": "string"},
                            },
                        },
                        "required": ["id", "source_start"],
                    },
                }
            },
            "required": ["translations"],
        },
    },
}


def request_body(
    settings: ProviderSettings,
    units: Sequence[LLMUnit],
    language: str,
    project: str,
    style: str | None,
    numbered: bool,
) -> dict[str, Any]:
    """The chat-completions request for a batch of units."""
    body: dict[str, Any] = {
        "model": settings.model,
        "temperature": settings.temperature,
        "messages": [
            {"role": "system", "content": system_prompt(language, project, style, numbered)},
            {
                "role": "user",
                "content": json.dumps(
                    {"units": [unit.payload() for unit in units]}, ensure_ascii=False, indent=1
                ),
            },
        ],
    }
    if not numbered:
        body["response_format"] = RESPONSE_SCHEMA
    return body


class ChatClient:
    """POSTs to `{base_url}/chat/completions`; one per thread (it holds a Session)."""

    def __init__(self, settings: ProviderSettings) -> None:
        if settings.url is None:
            raise ValueError("an openai provider needs a base_url")
        self.settings = settings
        self.url = settings.url.rstrip("/") + "/chat/completions"
        self.session = requests.Session()

    def close(self) -> None:
        self.session.close()

    def complete(self, body: Mapping[str, Any], sent_characters: int) -> dict[str, Any]:
        """The server's JSON reply, or ChatError; the whole exchange ends by the deadline."""
        headers = {"Content-Type": "application/json"}
        if self.settings.api_key is not None:
            headers["Authorization"] = "Bearer " + self.settings.api_key.reveal()
        timeout = self.settings.timeout
        deadline = time.monotonic() + timeout
        limit = ANSWER_LIMIT_FLOOR + ANSWER_LIMIT_PER_CHAR * sent_characters
        name = self.settings.name
        try:
            response = self.session.post(
                self.url, json=body, headers=headers, timeout=(timeout, timeout), stream=True
            )
        except requests.Timeout:
            raise ChatError(f"{name}: no answer within {timeout:g} s", kind="retry") from None
        except requests.RequestException:
            raise ChatError(
                f"{name}: cannot connect to {_endpoint(self.url)}", kind="fatal"
            ) from None
        with response:
            data = _read_limited(response, deadline, limit, name, timeout)
        status = response.status_code
        if status >= 400:
            raise _status_error(name, status, response.headers.get("Retry-After"), data)
        try:
            reply = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise ChatError(f"{name}: the answer is not JSON", status, kind="unit") from None
        if not isinstance(reply, dict):
            raise ChatError(f"{name}: the answer is not a JSON object", status, kind="unit")
        return reply


def _read_limited(
    response: requests.Response, deadline: float, limit: int, name: str, timeout: float
) -> bytes:
    """The body, or ChatError once it passes `limit` bytes or the deadline."""
    try:
        return read_bounded(response, limit, deadline)
    except AnswerTooLarge:
        raise ChatError(f"{name}: the answer is larger than {limit} bytes", kind="unit") from None
    except requests.RequestException:
        raise ChatError(
            f"{name}: the answer took longer than {timeout:g} s", kind="retry"
        ) from None


def _status_error(name: str, status: int, retry_after: str | None, body: bytes) -> ChatError:
    wait = _seconds(retry_after)
    if status == 429:
        return ChatError(f"{name}: rate limited (HTTP 429)", status, kind="retry", retry_after=wait)
    if status >= 500:
        return ChatError(
            f"{name}: server error (HTTP {status})", status, kind="retry", retry_after=wait
        )
    if status in (401, 403):
        return ChatError(
            f"{name}: the server refused the request (HTTP {status}); check the API key named "
            "by api_key_env",
            status,
            kind="fatal",
        )
    excerpt = body[:2000].decode("utf-8", "replace").lower()
    if status == 400 and ("response_format" in excerpt or "json_schema" in excerpt):
        return FormatRefused(f"{name}: the server does not take response_format", status,
                             kind="unit")  # fmt: skip
    return ChatError(f"{name}: request refused (HTTP {status})", status, kind="unit")


def _seconds(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


def _endpoint(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}" + (f":{parts.port}" if parts.port else "")


def reply_content(reply: Mapping[str, Any]) -> str:
    """The text of the first choice's message (empty when the reply has none)."""
    choices = reply.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], Mapping):
        return ""
    message = choices[0].get("message")
    content = message.get("content") if isinstance(message, Mapping) else None
    return content if isinstance(content, str) else ""


RawAnswers = dict[str, dict[str, str]]  # unit id -> {"text": …} or {category: …}


def parse_json_answers(content: str) -> RawAnswers:
    """`{"translations": [...]}` (code fences allowed) to raw answers; a repeated id is dropped.

    Raises ValueError when the content is not that shape at all.
    """
    fenced = _FENCE.match(content)
    data = json.loads(fenced.group(1) if fenced else content)
    items = data.get("translations") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ValueError("no translations list")
    found: RawAnswers = {}
    repeated: set[str] = set()
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            continue
        answer: dict[str, str] = {}
        if isinstance(item.get("source_start"), str):
            answer[ECHO] = item["source_start"]
        if isinstance(item.get("text"), str):
            answer["text"] = item["text"]
        forms = item.get("forms")
        if isinstance(forms, dict):
            answer.update({str(k): v for k, v in forms.items() if isinstance(v, str)})
        unit_id = item["id"]
        if unit_id in found:
            repeated.add(unit_id)
        found[unit_id] = answer
    for unit_id in repeated:
        del found[unit_id]
    return found


def parse_numbered_answers(content: str) -> RawAnswers:
    """`[u1]` / `[u1 few]` blocks to raw answers; a repeated block drops its unit."""
    blocks: dict[tuple[str, str], list[str]] = {}
    repeated: set[str] = set()
    current: list[str] | None = None
    for line in content.splitlines():
        header = _NUMBERED.match(line)
        if header is None:
            if current is not None:
                current.append(line)
            continue
        key = (header.group(1), header.group(2) or "text")
        if key in blocks:
            repeated.add(key[0])
        current = blocks[key] = [header.group(3)] if header.group(3) else []
    found: RawAnswers = {}
    for (unit_id, category), lines in blocks.items():
        found.setdefault(unit_id, {})[category] = "\n".join(lines).strip("\n")
    for unit_id in repeated:
        del found[unit_id]
    return found


@dataclass(frozen=True)
class Checked:
    """The outcome of checking one unit's raw answer: forms (masked) or a problem."""

    masked: tuple[str, ...] | None
    problem: str | None


def check_answer(
    unit: LLMUnit,
    raw: Mapping[str, str] | None,
    max_ratio: float,
    allow_copy: Callable[[str], bool],
    echoed: bool = True,
) -> Checked:
    """Whether a raw answer is a translation of the unit; tokens are checked on restoring.

    With `echoed` (JSON replies) the answer must repeat the first words of the unit's
    English: a reply that puts one unit's translation under another's id is caught here.
    """
    if raw is None:
        return Checked(None, "the model gave no translation for this unit")
    if echoed and not _echoes(unit.english, raw.get(ECHO)):
        return Checked(None, "the reply's answer under this id is for another English text")
    raw = {key: value for key, value in raw.items() if key != ECHO}
    if unit.plural is None:
        text = raw.get("text")
        if text is None and len(raw) == 1:
            text = next(iter(raw.values()))
        texts: tuple[str, ...] = () if text is None else (text,)
        wanted = 1
    else:
        texts = tuple(raw[form.category] for form in unit.forms if form.category in raw)
        wanted = len(unit.forms)
        if len(texts) < wanted:
            missing = [form.category for form in unit.forms if form.category not in raw]
            return Checked(None, f"the model left out plural form(s) {', '.join(missing)}")
    if len(texts) != wanted or any(not text.strip() for text in texts):
        return Checked(None, "the model gave an empty translation")
    for index, text in enumerate(texts):
        english = (
            unit.english if unit.plural is None or is_singular(unit.forms[index]) else unit.plural
        )
        if len(text) > max(max_ratio * len(english), len(english) + 30):
            return Checked(None, f"the translation is over {max_ratio:g}× as long as the English")
        if _same_text(text, english) and _LETTER.search(english) and not allow_copy(english):
            return Checked(None, "the model gave the English back as the translation")
        if sorted(_TOKEN.findall(text)) != sorted(_TOKEN.findall(english)):
            return Checked(
                None, "a protected piece (placeholder, markup or term) is missing or repeated"
            )
    return Checked(texts, None)


def _echoes(english: str, start: str | None) -> bool:
    """True when `start` is the beginning of `english`, word by word (case and punctuation
    aside); an empty echo passes only for an English without words."""
    wanted = [word.casefold() for word in _WORD.findall(english)][:ECHO_WORDS]
    if start is None:
        return not wanted
    given = [word.casefold() for word in _WORD.findall(start)][:ECHO_WORDS]
    return (bool(given) and given == wanted[: len(given)]) or not wanted


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def batches(units: Sequence[LLMUnit], size: int, characters: int) -> Iterable[list[LLMUnit]]:
    """Consecutive groups of at most `size` units and about `characters` of English each."""
    batch: list[LLMUnit] = []
    weight = 0
    for unit in units:
        if batch and (len(batch) >= size or weight + unit.sent_characters > characters):
            yield batch
            batch, weight = [], 0
        batch.append(unit)
        weight += unit.sent_characters
    if batch:
        yield batch


def estimate_tokens(units: Sequence[LLMUnit], batch_size: int) -> int:
    """A rough token count of what a run would send and receive (4 characters a token)."""
    sent = sum(len(json.dumps(unit.payload(), ensure_ascii=False)) for unit in units)
    prompts = -(-len(units) // max(1, batch_size)) * 900  # the system prompt, per request
    answers = sum(unit.sent_characters * (1 + len(unit.forms)) for unit in units)
    return (sent + prompts + answers) // 4


class TextModel:
    """One text at a time (the editor's suggestion, `translate_many`), with the same checks.

    Built per thread by `engines.make_translator`; the text it gets is already protected by
    the service, which also retries and caches. Errors are ChatError (see `engines.classify`).
    """

    def __init__(self, settings: ProviderSettings, target: str, style: str | None) -> None:
        self.settings = settings
        self.target = target
        self.style = style
        self.client = ChatClient(settings)
        self.numbered = settings.response_format == "text"

    def translate(self, text: str, **kwargs: Any) -> str:
        unit = LLMUnit("u1", text)
        while True:
            body = request_body(self.settings, [unit], self.target, "the site", self.style,
                                self.numbered)  # fmt: skip
            try:
                reply = self.client.complete(body, len(text))
            except FormatRefused:
                if self.numbered:
                    raise
                self.numbered = True
                continue
            content = reply_content(reply)
            try:
                answers = (
                    parse_numbered_answers(content)
                    if self.numbered
                    else parse_json_answers(content)
                )
            except ValueError:
                raise ChatError(
                    f"{self.settings.name}: the reply is not the JSON asked for", kind="unit"
                ) from None
            checked = check_answer(
                unit,
                answers.get(unit.id),
                self.settings.max_length_ratio,
                lambda english: False,
                echoed=not self.numbered,
            )
            if checked.masked is None:
                raise ChatError(f"{self.settings.name}: {checked.problem}", kind="unit")
            return checked.masked[0]
