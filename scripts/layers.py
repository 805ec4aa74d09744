#!/usr/bin/env python3
"""Type-level layer check for git-bench (STYLE rule 1, DESIGN "Layout").

Reads every Swift file under the library and the CLI, finds each top-level type, nested type, free function and
global declared in a folder, and every place another folder names one of them. Each such use is an arrow
"folder -> folder". The arrows must be allowed by the layer table (scripts/layers.txt) and must form no cycle.

Usage: layers.py [--root DIR] [--table FILE] [--graph]
  --root   the repository to check (default: the one holding this script)
  --table  the layer table (default: ROOT/scripts/layers.txt)
  --graph  print every arrow with its count and one example use, then check as usual

Also checked on the same tokens: no print(/exit(/fatalError( in the library, no process control (kill, usleep, …)
outside Runner/, no file I/O in the pure folders (Values, TOML, Gate, Protocol, Notes, Chart, Report), and every library folder
opens with <Folder>/<Folder>.swift whose first line starts the folder's header comment.

Exit 0 when every arrow is allowed, the graph has no cycle and every rule holds; 1 otherwise, with one line per
problem on stderr.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import defaultdict

LIBRARY = "Sources/GitBenchKit"
CLI = "Sources/git-bench"
CLI_LAYER = "CLI"

DECLARATION_KEYWORDS = {"struct", "class", "enum", "protocol", "actor", "typealias"}
TYPE_SCOPE_KEYWORDS = {"struct", "class", "enum", "protocol", "actor", "extension"}
# `class` is also a modifier: `class func`, `class var`.
MODIFIER_FOLLOWERS = {"func", "var", "let", "subscript", "init", "override", "final", "public", "private",
                      "internal", "fileprivate", "static"}
IDENT = re.compile(r"`?[A-Za-z_][A-Za-z0-9_]*`?")


def strip_swift(source: str) -> str:
    """The source with comments removed and string contents blanked; interpolated code and newlines are kept."""
    out: list[str] = []
    n = len(source)

    def code(i: int, in_interpolation: bool) -> int:
        depth = 0
        while i < n:
            if source.startswith("//", i):
                end = source.find("\n", i)
                i = n if end < 0 else end
                continue
            if source.startswith("/*", i):
                i = block_comment(i)
                continue
            c = source[i]
            if c == '"' or (c == "#" and re.match(r'#+"', source[i:i + 64])):
                i = string(i)
                continue
            if in_interpolation:
                if c == "(":
                    depth += 1
                elif c == ")":
                    if depth == 0:
                        out.append(")")
                        return i + 1
                    depth -= 1
            out.append(c)
            i += 1
        return i

    def block_comment(i: int) -> int:
        level = 0
        while i < n:
            if source.startswith("/*", i):
                level += 1
                i += 2
            elif source.startswith("*/", i):
                level -= 1
                i += 2
                if level == 0:
                    return i
            else:
                if source[i] == "\n":
                    out.append("\n")
                i += 1
        return i

    def string(i: int) -> int:
        hashes = 0
        while source[i] == "#":
            hashes += 1
            i += 1
        triple = source.startswith('"""', i)
        i += 3 if triple else 1
        closing = ('"""' if triple else '"') + "#" * hashes
        escape = "\\" + "#" * hashes
        out.append('"')
        while i < n:
            if source.startswith(escape, i):
                i += len(escape)
                if i < n and source[i] == "(":
                    out.append(" (")
                    i = code(i + 1, True)
                    continue
                i += 1
                continue
            if source.startswith(closing, i):
                out.append('"')
                return i + len(closing)
            if source[i] == "\n":
                out.append("\n")
                if not triple:
                    return i + 1
            i += 1
        return i

    code(0, False)
    return "".join(out)


class Token:
    __slots__ = ("text", "line")

    def __init__(self, text: str, line: int):
        self.text = text
        self.line = line


TOKEN = re.compile(r"`?[A-Za-z_][A-Za-z0-9_]*`?|\d[\w.]*|\S")


def tokenize(code: str) -> list[Token]:
    tokens = []
    for line_number, line in enumerate(code.split("\n"), start=1):
        for match in TOKEN.finditer(line):
            text = match.group(0)
            if text.startswith("`"):
                text = text.strip("`")
            tokens.append(Token(text, line_number))
    return tokens


class Declarations:
    def __init__(self) -> None:
        self.types: dict[str, str] = {}            # top-level type name -> folder
        self.nested: dict[tuple[str, str], str] = {}  # (outer, inner) -> folder
        self.functions: dict[str, str] = {}        # free function or global name -> folder
        self.duplicates: list[str] = []


class SourceFile:
    def __init__(self, path: str, relative: str, folder: str):
        self.path = path
        self.relative = relative
        self.folder = folder
        with open(path, encoding="utf-8") as handle:
            self.tokens = tokenize(strip_swift(handle.read()))
        self.declaration_positions: set[int] = set()
        self.local_names: set[str] = set()  # funcs, lets, vars and cases declared anywhere in this file

    def collect(self, declarations: Declarations) -> None:
        tokens = self.tokens
        scopes: list[tuple[str, str | None]] = []  # (kind, type name or None) per open brace
        pending: tuple[str, str] | None = None
        for index, token in enumerate(tokens):
            text = token.text
            if text in ("func", "let", "var", "case") and index + 1 < len(tokens):
                self.local_names.add(tokens[index + 1].text)
            if text == "{":
                scopes.append(pending if pending else ("code", None))
                pending = None
                continue
            if text == "}":
                if scopes:
                    scopes.pop()
                continue
            in_types_only = all(kind != "code" for kind, _ in scopes)
            if text in DECLARATION_KEYWORDS | {"extension"} and index + 1 < len(tokens):
                following = tokens[index + 1].text
                if text == "class" and following in MODIFIER_FOLLOWERS:
                    continue
                if not IDENT.fullmatch(following):
                    continue
                name = following
                self.declaration_positions.add(index + 1)
                if text == "extension":
                    # `extension A.B` extends the nested type B of A.
                    j = index + 1
                    while j + 2 < len(tokens) and tokens[j + 1].text == "." and IDENT.fullmatch(tokens[j + 2].text):
                        name = tokens[j + 2].text
                        j += 2
                    pending = ("extension", name) if in_types_only else None
                    # the extended type is used, not declared
                    self.declaration_positions.discard(index + 1)
                    continue
                if not in_types_only:
                    if text in TYPE_SCOPE_KEYWORDS:
                        pending = ("local", None)
                    continue
                outer = next((n for kind, n in reversed(scopes) if n), None)
                if not scopes:
                    self.register(declarations.types, name, declarations)
                elif outer:
                    key = (outer, name)
                    if key not in declarations.nested:
                        declarations.nested[key] = self.folder
                if text in TYPE_SCOPE_KEYWORDS:
                    pending = (text, name)
                continue
            if text in ("func", "let", "var") and not scopes and index + 1 < len(tokens):
                modifiers = {t.text for t in tokens[max(0, index - 3):index]}
                if modifiers & {"private", "fileprivate"}:
                    continue
                name = tokens[index + 1].text
                if IDENT.fullmatch(name):
                    self.declaration_positions.add(index + 1)
                    self.register(declarations.functions, name, declarations)

    def register(self, table: dict[str, str], name: str, declarations: Declarations) -> None:
        if name in table and table[name] != self.folder:
            declarations.duplicates.append(f"{name} is declared in {table[name]}/ and in {self.relative}")
        table.setdefault(name, self.folder)

    def uses(self, declarations: Declarations):
        """Yields (folder used, name, line) for every name declared in another folder."""
        tokens = self.tokens
        for index, token in enumerate(tokens):
            if index in self.declaration_positions:
                continue
            text = token.text
            previous = tokens[index - 1].text if index else ""
            following = tokens[index + 1].text if index + 1 < len(tokens) else ""
            if previous == ".":
                outer = tokens[index - 2].text if index >= 2 else ""
                folder = declarations.nested.get((outer, text))
                if folder and folder != self.folder:
                    yield folder, f"{outer}.{text}", token.line
                continue
            folder = declarations.types.get(text)
            if folder and folder != self.folder:
                yield folder, text, token.line
                continue
            folder = declarations.functions.get(text)
            if folder and folder != self.folder and text not in self.local_names and following in ("(", "<", ")", ","):
                yield folder, text, token.line


# Rules on what code may appear where, checked on the same comment- and string-free tokens.
PROCESS_CONTROL = {"kill", "killpg", "usleep", "sleep", "nanosleep", "waitpid", "wait4", "fork", "setsid", "setpgid",
                   "sigaction", "signal", "posix_spawn", "posix_spawnp"}
FILE_IO = {"FileManager", "FileHandle", "fopen", "open", "unlink", "rename", "mkdir", "contentsOf", "contentsOfFile"}
PURE_FOLDERS = {"Values", "TOML", "Gate", "Protocol", "Notes", "Chart", "Report"}


def reads_a_file(tokens, index: int) -> bool:
    """`Data(contentsOf:`, `String(contentsOf:` and the like; `bytes.append(contentsOf:` is not file I/O."""
    opener = tokens[index - 1].text if index >= 1 else ""
    callee = tokens[index - 2].text if index >= 2 else ""
    return opener == "(" and callee in ("Data", "String", "NSData", "NSString", "NSDictionary", "NSArray", "init")


def rule_violations(source: SourceFile) -> list[str]:
    """`print`/`exit`/`fatalError` in the library, process control outside Runner/, file I/O in pure folders."""
    if source.folder == CLI_LAYER:
        return []
    problems = []
    tokens = source.tokens
    for index, token in enumerate(tokens):
        previous = tokens[index - 1].text if index else ""
        following = tokens[index + 1].text if index + 1 < len(tokens) else ""
        called = following == "(" and previous not in (".", "func")
        where = f"{source.relative}:{token.line}"
        if called and token.text in ("print", "exit", "fatalError"):
            problems.append(f"{where}: {token.text}( in the library (report through Console, throw an error instead)")
        if called and token.text in PROCESS_CONTROL and source.folder != "Runner":
            problems.append(f"{where}: {token.text}( outside Runner/ (process control belongs to Runner/)")
        if source.folder in PURE_FOLDERS and (token.text in ("FileManager", "FileHandle") or
                                              (called and token.text in FILE_IO) or
                                              (token.text in ("contentsOf", "contentsOfFile") and following == ":" and
                                               reads_a_file(tokens, index))):
            problems.append(f"{where}: file I/O ({token.text}) in the pure folder {source.folder}/")
    return problems


def header_violations(root: str, folders: list[str]) -> list[str]:
    """Each library folder opens with `<Folder>/<Folder>.swift`, whose first line starts its header comment."""
    problems = []
    for folder in folders:
        path = os.path.join(root, LIBRARY, folder, folder + ".swift")
        if not os.path.isfile(path):
            problems.append(f"{LIBRARY}/{folder}/ has no {folder}.swift saying what the folder owns and may use")
            continue
        with open(path, encoding="utf-8") as handle:
            first = handle.readline()
        if not first.startswith(f"// {folder}/ "):
            problems.append(f"{LIBRARY}/{folder}/{folder}.swift must open with its header comment \"// {folder}/ …\"")
    return problems


def load_table(path: str) -> tuple[list[str], dict[str, set[str]]]:
    """The layer table: `Folder: Other Other …` lines, bottom layer first; `#` starts a comment."""
    order: list[str] = []
    allowed: dict[str, set[str]] = {}
    with open(path, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            if ":" not in line:
                raise SystemExit(f"{path}:{number}: expected 'Folder: Folder …' (got {raw.strip()!r})")
            folder, rest = line.split(":", 1)
            folder = folder.strip()
            if folder in allowed:
                raise SystemExit(f"{path}:{number}: {folder} is listed twice")
            order.append(folder)
            allowed[folder] = set(rest.split())
    return order, allowed


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one folder (Tarjan), each sorted."""
    index_of: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index_of[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index_of:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index_of[target])
        if low[node] == index_of[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index_of:
            visit(node)
    return found


def folder_of(relative: str) -> str | None:
    if relative.startswith(CLI + "/"):
        return CLI_LAYER
    if relative.startswith(LIBRARY + "/"):
        parts = relative[len(LIBRARY) + 1:].split("/")
        return parts[0] if len(parts) > 1 else None  # GitBenchKit.swift at the top belongs to no layer
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser.add_argument("--table")
    parser.add_argument("--graph", action="store_true")
    options = parser.parse_args()
    root = os.path.abspath(options.root)
    table_path = options.table or os.path.join(root, "scripts", "layers.txt")
    order, allowed = load_table(table_path)

    files: list[SourceFile] = []
    problems: list[str] = []
    for base in (LIBRARY, CLI):
        for directory, _, names in sorted(os.walk(os.path.join(root, base))):
            for name in sorted(names):
                if not name.endswith(".swift"):
                    continue
                path = os.path.join(directory, name)
                relative = os.path.relpath(path, root)
                folder = folder_of(relative)
                if folder is None:
                    continue
                if folder not in allowed:
                    problems.append(f"{relative}: folder {folder}/ is not in the layer table {os.path.relpath(table_path, root)}")
                    continue
                files.append(SourceFile(path, relative, folder))

    declarations = Declarations()
    for source in files:
        source.collect(declarations)
    problems.extend(declarations.duplicates)

    arrows: dict[tuple[str, str], list[tuple[str, int, str]]] = defaultdict(list)
    for source in files:
        for folder, name, line in source.uses(declarations):
            arrows[(source.folder, folder)].append((source.relative, line, name))

    graph: dict[str, set[str]] = defaultdict(set)
    for (source_folder, target_folder), uses in sorted(arrows.items()):
        graph[source_folder].add(target_folder)
        if target_folder not in allowed.get(source_folder, set()):
            relative, line, name = uses[0]
            more = f" (and {len(uses) - 1} more)" if len(uses) > 1 else ""
            problems.append(f"disallowed arrow {source_folder} -> {target_folder}: {relative}:{line} uses {name}{more}")

    if options.graph:
        for (source_folder, target_folder), uses in sorted(arrows.items()):
            relative, line, name = uses[0]
            print(f"{source_folder} -> {target_folder}  {len(uses)} uses, e.g. {relative}:{line} {name}")

    table_graph = {folder: {t for t in targets if t in allowed} for folder, targets in allowed.items()}
    for component in cycles(table_graph):
        problems.append(f"the layer table allows a cycle: {' <-> '.join(component)}")
    for component in cycles(graph):
        problems.append(f"cycle between folders: {' <-> '.join(component)}")
    for folder, targets in allowed.items():
        for target in sorted(targets - set(allowed)):
            problems.append(f"layer table: {folder} may use {target}, which is not a layer")

    for source in files:
        problems.extend(rule_violations(source))
    library_folders = sorted({source.folder for source in files if source.folder != CLI_LAYER})
    problems.extend(header_violations(root, library_folders))

    for problem in problems:
        print(f"layer violation: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"layers: ok ({len(files)} files, {len(graph)} folders with arrows, {sum(len(t) for t in graph.values())} arrows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
