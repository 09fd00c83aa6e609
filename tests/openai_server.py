"""A real local HTTP server speaking the OpenAI chat-completions API, as a model server would.

`POST /v1/chat/completions` with the request as Ollama, vLLM, LM Studio, llama.cpp's server
and OpenAI take it. The "model" is deterministic: it reads the units of the user message (the
tool's JSON), and answers each with `[lang] ` + its English with vowels accented outside
`<xN/>` tokens (plural forms as `[lang CATEGORY] ` + the English of that form). It answers in
the JSON asked for, or, when the request has no `response_format`, in the numbered format.
Behaviour is set per test: failures (429 with Retry-After, 500), a hang, refusing
`response_format`, dropping or swapping units, dropping a token, echoing the English back,
a huge or a dripping answer; every request is recorded (path, headers, body).
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

_TOKEN = re.compile(r"<x\d+/>")
_ACCENTS = str.maketrans("aeiouAEIOU", "áéíóúÁÉÍÓÚ")
_LANGUAGE = re.compile(r"into .*? \(([^)]+)\)\.")


def accent(text: str) -> str:
    """Vowels accented outside `<xN/>` tokens."""
    pieces = _TOKEN.split(text)
    tokens = [*_TOKEN.findall(text), ""]
    return "".join(p.translate(_ACCENTS) + t for p, t in zip(pieces, tokens, strict=True))


@dataclass
class Behaviour:
    """How the server answers; tests change it between runs."""

    fail_first: int = 0
    fail_status: int = 429
    retry_after: str | None = None
    hang: bool = False
    refuse_response_format: bool = False
    drop_unit_in_batches: bool = False  # leave out the last unit of any request of 2+ units
    swap_in_batches: bool = False  # swap the ids of the first two answers of a batch
    drop_token: bool = False  # remove the first <xN/> token of every translation
    echo_english: bool = False  # give the English back as the translation
    huge: int = 0  # pad the answer with this many bytes of spaces
    drip: float = 0.0  # send the body one byte every `drip` seconds
    usage: bool = True


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: the headers carry the API key."""

    def do_POST(self) -> None:
        owner = self.server.owner
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length).decode("utf-8")) if length else {}
        failing, behaviour = owner.record(self.path, dict(self.headers.items()), body)
        if self.path.rstrip("/") != "/v1/chat/completions":
            self._reply(404, {"error": {"message": "not found"}})
            return
        if behaviour.hang:
            owner.release.wait()
            self.close_connection = True
            return
        if failing:
            headers = {"Retry-After": behaviour.retry_after} if behaviour.retry_after else {}
            self._reply(behaviour.fail_status, {"error": {"message": "busy"}}, headers)
            return
        if behaviour.refuse_response_format and "response_format" in body:
            self._reply(400, {"error": {"message": "response_format is not supported"}})
            return
        self._reply(200, self._completion(body, behaviour), drip=behaviour.drip)

    def _completion(self, body: dict[str, Any], behaviour: Behaviour) -> dict[str, Any]:
        system = body["messages"][0]["content"]
        found = _LANGUAGE.search(system)
        language = found.group(1) if found else "xx"
        units = json.loads(body["messages"][1]["content"])["units"]
        answers = [self._answer(unit, language, behaviour) for unit in units]
        if behaviour.drop_unit_in_batches and len(answers) > 1:
            answers.pop()
        if behaviour.swap_in_batches and len(answers) > 1:
            answers[0]["id"], answers[1]["id"] = answers[1]["id"], answers[0]["id"]
        if "response_format" in body:
            content = json.dumps({"translations": answers}, ensure_ascii=False)
        else:
            content = _numbered(answers)
        content += " " * behaviour.huge
        prompt = sum(len(message["content"]) for message in body["messages"])
        reply: dict[str, Any] = {
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "model": body.get("model"),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}}],
        }
        if behaviour.usage:
            reply["usage"] = {
                "prompt_tokens": prompt // 4,
                "completion_tokens": len(content) // 4,
                "total_tokens": prompt // 4 + len(content) // 4,
            }
        return reply

    def _answer(self, unit: dict[str, Any], language: str, behaviour: Behaviour) -> dict[str, Any]:
        def translate(english: str, label: str) -> str:
            if behaviour.echo_english:
                return english
            text = f"[{label}] {accent(english)}"
            return _TOKEN.sub("", text, count=1) if behaviour.drop_token else text

        start = " ".join(re.findall(r"[^\W_]+|<x\d+/>", unit["english"])[:3])
        answer: dict[str, Any] = {"id": unit["id"], "source_start": start}
        if "plural_forms" in unit:
            answer["forms"] = {
                category: translate(
                    unit["english"]
                    if "1" in examples.removeprefix("for n = ").split(", ")
                    else unit["english_plural"],
                    f"{language} {category}",
                )
                for category, examples in unit["plural_forms"].items()
            }
        else:
            answer["text"] = translate(unit["english"], language)
        return answer

    def _reply(
        self,
        status: int,
        payload: Any,
        headers: dict[str, str] | None = None,
        drip: float = 0.0,
    ) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if not drip:
            self.wfile.write(data)
            return
        try:
            for index in range(len(data)):
                if self.server.owner.release.is_set():
                    return
                self.wfile.write(data[index : index + 1])
                self.wfile.flush()
                time.sleep(drip)
        except OSError:
            return


def _numbered(answers: list[dict[str, Any]]) -> str:
    lines: list[str] = []
    for answer in answers:
        if "forms" in answer:
            for category, text in answer["forms"].items():
                lines += [f"[{answer['id']} {category}]", text]
        else:
            lines += [f"[{answer['id']}]", answer["text"]]
    return "\n".join(lines)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: OpenAIServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet: a client that timed out and left is part of the tests."""


@dataclass
class Request:
    """One request as the server saw it."""

    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def units(self) -> list[dict[str, Any]]:
        return list(json.loads(self.body["messages"][1]["content"])["units"])

    @property
    def system(self) -> str:
        return str(self.body["messages"][0]["content"])


class OpenAIServer:
    """Start with `with OpenAIServer() as server:`; `server.base_url` ends with `/v1`."""

    def __init__(self, behaviour: Behaviour | None = None) -> None:
        self.behaviour = behaviour or Behaviour()
        self.release = threading.Event()
        self.requests: list[Request] = []
        self._failed = 0
        self._lock = threading.Lock()
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.owner = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def record(
        self, path: str, headers: dict[str, str], body: dict[str, Any]
    ) -> tuple[bool, Behaviour]:
        with self._lock:
            self.requests.append(Request(path, headers, body))
            failing = self._failed < self.behaviour.fail_first
            self._failed += failing
            return failing, self.behaviour

    def reset(self) -> None:
        with self._lock:
            self.requests.clear()
            self._failed = 0

    def __enter__(self) -> OpenAIServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()
