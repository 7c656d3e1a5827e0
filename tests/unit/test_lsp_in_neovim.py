"""`pwc lsp` in a real editor: Neovim's own LSP client (not tests/unit/lsp_client.py)
starts the server, opens files, and asks what an author asks for.  What Neovim
shows is compared with what the compiler says of the same text: the underlined
bytes (Neovim turns the server's UTF-16 columns into byte columns), the
formatted buffer (`pwc fmt` of the file), hover, go to definition, completion.

Neovim is a Debian package that .ci/run installs; without it the test skips
here and fails under CI=true."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from debian_tools import require
from lsp_client import PWC

# Errors after a two-byte and a four-byte character on their lines: Neovim must
# put the marks on the bytes of the offending text.
BROKEN = """\
filter "é"
config {
  name: string = "x-user"
}
on request {
  let who = request.headers[config.name]
  set request.headers["x-é😀"] =   who + 1
}
"""
# Valid but not formatted, with non-ASCII text before and inside the edits.
UNFORMATTED = """\
filter "e"   # é😀 comment
on request {
  let who = request.headers["x-user"]
  set request.headers["x-a"] =   "é😀" + who     # trailing
      remove request.headers["x-b"]
}
"""

# The client, in Lua: each request's answer goes into one JSON document.
SCRIPT = """\
local out = {}
local ok, problem = pcall(function()
local id = vim.lsp.start_client({cmd = {PWC, "lsp"}, root_dir = FOLDER, name = "pwc"})
local function open(path)
  vim.cmd("edit " .. path)
  vim.lsp.buf_attach_client(0, id)
  vim.wait(15000, function() return vim.lsp.get_client_by_id(id).initialized end, 50)
  return {uri = vim.uri_from_fname(path)}
end
local function ask(method, params)
  local answers = vim.lsp.buf_request_sync(0, method, params, 15000) or {}
  for _, answer in pairs(answers) do return answer.result end
  return vim.NIL
end
open(FOLDER .. "/broken.pwf")
vim.wait(15000, function() return #vim.diagnostic.get(0) >= 3 end, 50)
out.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(out.diagnostics, {d.lnum, d.col, d.end_lnum, d.end_col, d.message})
end
local doc = open(FOLDER .. "/unformatted.pwf")
out.hover = ask("textDocument/hover", {textDocument = doc, position = {line = 2, character = 22}})
out.definition = ask("textDocument/definition", {textDocument = doc, position = {line = 3, character = USE}})
local edits = ask("textDocument/formatting", {textDocument = doc, options = {tabSize = 2, insertSpaces = true}})
vim.lsp.util.apply_text_edits(edits, 0, vim.lsp.get_client_by_id(id).offset_encoding)
out.formatted = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\\n") .. "\\n"
-- Half a line typed (the buffer no longer parses): the server completes from the last text that did.
vim.api.nvim_buf_set_lines(0, 3, 4, false, {"  let who = request."})
vim.wait(1000)  -- Neovim sends the change after its debounce
out.completion = ask("textDocument/completion", {textDocument = doc, position = {line = 3, character = 20}})
vim.lsp.stop_client(id)
end)
if not ok then out.problem = tostring(problem) end  -- a Lua error must not leave Neovim waiting
vim.fn.writefile({vim.fn.json_encode(out)}, FOLDER .. "/answers.json")
vim.cmd("qa!")
"""


def _utf16_column(line: str, needle: str) -> int:
    """Where `needle` starts in `line`, in UTF-16 code units (LSP's default columns)."""
    return len(line[:line.index(needle)].encode("utf-16-le")) // 2


def _columns(text: str, line: int, needle: str) -> tuple[int, int]:
    """The byte columns of `needle` on line `line` of `text`."""
    row = text.splitlines()[line].encode("utf-8")
    start = row.index(needle.encode("utf-8"))
    return start, start + len(needle.encode("utf-8"))


@pytest.fixture(scope="module")
def answers(tmp_path_factory) -> dict:
    nvim = require("Neovim (nvim)", shutil.which("nvim"))
    folder = tmp_path_factory.mktemp("nvim")
    (folder / "broken.pwf").write_text(BROKEN, encoding="utf-8")
    (folder / "unformatted.pwf").write_text(UNFORMATTED, encoding="utf-8")
    use = _utf16_column(UNFORMATTED.splitlines()[3], "who")
    script = f"local PWC = {json.dumps(str(PWC))}\nlocal FOLDER = {json.dumps(str(folder))}\nlocal USE = {use}\n" + SCRIPT
    (folder / "client.lua").write_text(script, encoding="utf-8")
    home = folder / "home"  # no user configuration, state or swap files
    environment = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home), "XDG_DATA_HOME": str(home),
                   "XDG_STATE_HOME": str(home), "XDG_CACHE_HOME": str(home)}
    run = subprocess.run([nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", f"luafile {folder / 'client.lua'}"],
                         capture_output=True, text=True, timeout=120, env=environment, cwd=folder)
    assert (folder / "answers.json").exists(), (run.returncode, run.stdout, run.stderr)
    answered = json.loads((folder / "answers.json").read_text(encoding="utf-8"))
    assert "problem" not in answered, answered["problem"]
    return answered


def test_neovim_underlines_the_bytes_pwc_check_points_at(answers):
    marks = {(line, col, end_col) for line, col, end_line, end_col, _ in answers["diagnostics"] if line == end_line}
    expected = {(0, *_columns(BROKEN, 0, '"é"')), (6, *_columns(BROKEN, 6, '"x-é😀"')),
                (6, *_columns(BROKEN, 6, "who + 1"))}
    assert marks == expected, answers["diagnostics"]
    messages = " ".join(message for *_, message in answers["diagnostics"])
    assert "is not a valid header name" in messages and "cannot combine a string and an int" in messages


def test_neovim_formats_a_buffer_as_pwc_fmt_does(tmp_path, answers):
    path = tmp_path / "unformatted.pwf"
    path.write_text(UNFORMATTED, encoding="utf-8")
    printed = subprocess.run([str(PWC), "fmt", str(path)], capture_output=True, text=True, check=True).stdout
    assert answers["formatted"] == printed != UNFORMATTED


def test_neovim_hovers_goes_to_definition_and_completes(answers):
    assert "request.headers" in answers["hover"]["contents"]["value"]
    start = answers["definition"]["range"]["start"]
    assert (start["line"], start["character"]) == (2, UNFORMATTED.splitlines()[2].index("who"))
    completion = answers["completion"]
    items = completion["items"] if isinstance(completion, dict) else completion
    assert {"headers", "url_path", "method", "host"} <= {item["label"] for item in items}
