"""TypeScript's compiler: `file(line,col): error TSnnnn: message`, or with `--pretty`
`file:line:col - error TSnnnn: message`, or a bare `error TSnnnn:` for project-level errors.

The code says what kind of error it is: parser errors (TS1xxx) are syntax, option and
tsconfig errors are configuration, an unresolved bare import is a missing dependency, the
rest are type errors (build), named by the missing name when there is one, else by the code.
A configuration error is named by the option its message calls an option or setting; a
missing type library (`"types": ["jest"]`) is the `@types/` package to install.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from lsp_heal.detect._regex import lazy_re
from lsp_heal.detect.output import Output
from lsp_heal.model import Category, ErrorEvent, Location, Rank, Severity

_PLAIN = lazy_re(r"^(?P<path>[^\s(][^(]*)\((?P<line>\d+),(?P<col>\d+)\): error "
                    r"(?P<code>TS\d+): (?P<msg>.*)$")
_PRETTY = lazy_re(r"^(?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+) - error "
                     r"(?P<code>TS\d+): (?P<msg>.*)$")
_BARE = lazy_re(r"^error (?P<code>TS\d+): (?P<msg>.*)$")
_FOUND = lazy_re(r"^Found [1-9]\d* errors?\b")

#: TS2307 and its kin; TS2875 `This JSX tag requires the module path 'react/jsx-runtime' to
#: exist, but none could be found` (`jsx: react-jsx` and no react): the module, as for TS2307
_MODULE = lazy_re(r"^(?:Cannot find module|This JSX tag requires the module path) '(?P<name>[^']+)'")
_TYPES_HINT = lazy_re(r"`npm i --save-dev (?P<pkg>@types/[\w.-]+)`")
_DECLARATION = lazy_re(r"^Could not find a declaration file for module '(?P<name>[^']+)'")
_NAMED = lazy_re(
    r"^(?:Cannot find name|Cannot find namespace|Property|(?:Module )?'[^']*' has no exported member"
    r"(?: named)?|Variable|Block-scoped variable"
    # implicit any and redeclarations name the parameter / member / variable
    r"|Parameter|Rest parameter|Member|Binding element|Cannot redeclare block-scoped variable"
    r"|Cannot redeclare exported variable|Duplicate identifier"
    # declaration emit (TS2742, TS4023 & co.) names the export whose type cannot be written
    r"|The inferred type of|Exported variable|Exported type alias|Public (?:static )?property"
    r"|Import declaration conflicts with local declaration of|Cannot assign to"
    r"|No value exists in scope for the shorthand property"
    # a declaration the checker rejects by its kind and name: `Type alias 'Tree' circularly
    # references itself`, `Type parameter 'T' has a circular constraint`, `Enum 'E' used before
    # its declaration` (not `Class 'A' incorrectly implements ...`: the member below is the fault)
    r"|Type alias|Type parameter|Enum"
    # a generic used without its type arguments (TS2314 `Generic type 'Array<T>' requires 1
    # type argument(s)`): the generic, its parameters stripped below
    r"|Generic type"
    r") '(?P<name>[^']+)'"
    # a named value the checker doubts: `'w' is possibly 'undefined'`, `'e' is of type 'unknown'`
    r"|^'(?P<value>[\w$.]+)' (?:is possibly|is of type 'unknown'|is declared but|refers to a (?:value|UMD global)"
    r"|only refers to a type|implicitly has (?:return )?type|is referenced directly or indirectly"
    # TS1361/TS1362: a name imported or exported with `import type` / `export type` used as a value;
    # TS2786 a component that is no JSX component
    r"|cannot be used as a (?:value|JSX component)"
    # TS2783: a property an object spread below overwrites (`{ id: 'x', ...u }`)
    r"|is specified more than once"
    # TS2610/TS2611: a member redeclared as the other kind (property vs accessor) in a subclass
    r"|is defined as an? (?:property|accessor) in"
    # TS1484/TS1485 (verbatimModuleSyntax, isolatedModules): a type imported as a value; the
    # import is to change, the option is why (`'User' is a type and must be imported using a
    # type-only import when 'verbatimModuleSyntax' is enabled`)
    r"|is a type and must be (?:re-)?(?:imported|exported)|resolves to a type-only declaration)"
    # TS2459/TS2460: the module has the name but does not export it (under that name)
    r"|^Module '[^']*' declares '(?P<local>[^']+)' locally"
    # TS2306: an import of a file that has no import or export (a script, not a module): the file
    r"|^File '(?P<file>[^']+)' is not a module"
    # an abstract member a subclass lacks (TS2515, TS2653 for a class expression): the member to
    # write; tsc 5 quotes it, tsc 7 prints it bare (`... abstract member flush from class 'S'`)
    r"|^Non-abstract class (?:expression|'[^']*') does not implement inherited abstract member "
    r"'?(?P<member>[\w$#]+)'? from"
    # an excess property (TS2353, and TS2561 with a suggestion): the property to drop or rename
    r"|^Object literal may only specify known properties, (?:and|but) '(?P<prop>[^']+)'"
    # a redeclaration whose type differs (TS2403 variables, TS2717 properties): the rule, then
    # the declaration it is about: `...  Variable 'retries' must be of type 'number', but ...`
    r"|^Subsequent (?:variable|property) declarations must have the same type\.\s+"
    r"(?:Variable|Property) '(?P<redeclared>[^']+)'"
    # a declaration used above it (TS2449 classes; TS2448 and TS2450 read above): the name
    r"|^Class '(?P<early>[^']+)' used before its declaration"
)
_QUOTED = lazy_re(r"'-{0,2}(?P<name>[^']+)'")
# the option a configuration error is about, where the message says which quote is the option
# (TS6306 quotes it in double quotes: `must have setting "composite": true`; TS6059 names it
# after the file: `File '...' is not under 'rootDir' '...'. 'rootDir' is expected to ...`)
_OPTION = lazy_re(r"(?:[Oo]ption|[Ss]etting|[Ff]lag) ['\"]-{0,2}(?P<a>[\w.]+)['\"]"
                  r"|'-{0,2}(?P<b>[\w.]+)' (?:setting|option|flag)\b|'(?P<c>[a-z]\w*)' is expected to")
#: a construct the compiler accepts only under an option the message names: `can only be
#: default-imported using the 'esModuleInterop' flag`, `are only allowed when the 'module'
#: option is set to ...`, `by turning on the 'esModuleInterop' flag`, `Try changing the 'lib'
#: compiler option`, `can only be iterated through when using the '--downlevelIteration' flag`
_NEEDS_OPTION = lazy_re(
    r"(?<!-)\bonly\b[^']*(?:'[^']*'[^']*){0,2}?\b(?:using|when|with|unless) (?:the )?'-{0,2}(?P<a>\w+)' "
    r"(?:flag|option|compiler option)\b|\b(?:by turning on|[Tt]ry changing|set|enable) the '-{0,2}(?P<b>\w+)' "
    r"(?:flag|option|compiler option)\b"
    # the option given as the way out: `Did you mean to enable the 'allowJs' option?` (TS6504,
    # above), `Consider using '--resolveJsonModule' to import module with '.json' extension`
    r"|\bConsider using '--(?P<d>\w+)'"
    # the option named bare, then its state: `can only end with a '.ts' extension when
    # 'allowImportingTsExtensions' is enabled` (TS5097)
    # (`type-only`, a compound word, is no such `only`: TS1484 asks for an `import type`)
    r"|(?<!-)\bonly\b[^']*(?:'[^']*'[^']*){0,2}?\b(?:when|unless) '-{0,2}(?P<c>[a-z]\w*)' is "
    r"(?:enabled|set|specified|provided|true|false|disabled)\b"
)


def _needed_option(msg: str) -> re.Match[str] | None:
    """`_NEEDS_OPTION` in `msg`: its words (`only`, ` the '`) are checked first, as most
    messages have neither and the unanchored search is a tsc message's costliest test."""
    if "only" not in msg and " the '" not in msg and "Consider using '" not in msg:
        return None
    return _NEEDS_OPTION.search(msg)


_TYPE_LIBRARY = lazy_re(r"^Cannot find type definition file for '(?P<name>[^']+)'")

# Parser diagnostics that are not in TS1000-1199: `Unexpected keyword or identifier`, ...,
# and the checker's grammar errors, which node and the bundlers report as SyntaxErrors too:
# a reserved word as an identifier (1212-1215, 1359, 1389), `await` outside an async function
# (1308) or outside a module (1375, and 1309 in a file read as CommonJS; 1431 for `for await`),
# `with` in an async function (1300), a label (1344)
# `Unknown keyword or identifier. Did you mean 'return'?` (1435), and the parser's JSX errors:
# two roots (2657), a closing tag missing or not matching (17002, 17008, 17014, 17015)
_SYNTAX_CODES = {1210, 1212, 1213, 1214, 1215, 1300, 1308, 1309, 1344, 1351, 1357, 1359, 1375,
                 1381, 1382, 1389, 1431, 1434, 1435, 2657, 17002, 17008, 17014, 17015}
# The checker's and the program's own diagnostics inside TS1000-1199, where the code does not
# mean a parse error: a module with no default export (1192), `export *` not re-exporting a
# default (1195), a file name differing from an included one only in casing (1149), and the
# checker's tests of an async function's promise type (1055, 1058-1060, 1062, 1064, 1065:
# `The return type of an async function or method must be the global Promise<T> type`)
_CHECKER_CODES = {1055, 1058, 1059, 1060, 1062, 1064, 1065, 1149, 1192, 1195}
# Option and project diagnostics outside TS5xxx: bad --target value, `extends` not found,
# no inputs, rootDir and project-reference problems.
# 17004: JSX without the `jsx` option (the TS7026s around it are its consequence).
_CONFIG_CODES = {6046, 6053, 6059, 6231, 6304, 6305, 6306, 6307, 6310, 17004, 18003}


def parse(out: Output) -> Iterator[ErrorEvent]:
    if out.has(_NOT_TSC):
        yield from _not_typescript(out)
    if not out.has("error TS"):
        return
    base = _workspace_dir(out)
    for i in out.find("error TS"):
        line = out.lines[i]
        m = _PLAIN.match(line) or _PRETTY.match(line) or _BARE.match(line)
        if m:
            event = _event(out, i, m)
            if base and event.location and not event.location.path.startswith("/"):
                loc = event.location
                event.location = Location(posixpath.join(base, loc.path), loc.line, loc.column)
            yield event
    for i in out.find("Found "):
        if _FOUND.match(out.lines[i]):
            yield ErrorEvent(Category.BUILD, Severity.HIGH, "tsc", out.lines[i].strip(),
                             rank=Rank.SUMMARY, line_index=i)


def _workspace_dir(out: Output) -> str | None:
    """`npm run build -w packages/api`: tsc ran in the workspace's folder and prints paths
    relative to it; npm's recap names that folder (`npm error location /app/packages/api`).
    Read in the text (no indexed literal), and only when one workspace failed."""
    if out.tool != "npm" or "\nnpm error workspace " not in out.text:
        return None
    text = out.text
    at = text.find("\nnpm error location ")
    if at == -1 or text.find("\nnpm error location ", at + 1) != -1:
        return None
    end = text.find("\n", at + 1)
    folder = text[at + len("\nnpm error location "): end if end != -1 else len(text)].strip()
    return folder if folder.startswith("/") else None


#: `npx tsc` where typescript is not installed: npx runs the registry's unrelated `tsc` package,
#: whose only output is a banner telling to install typescript
_NOT_TSC = "This is not the tsc command you are looking for"
_INSTALL = lazy_re(r"\bnpm install (?P<pkg>@?[\w.-]+(?:/[\w.-]+)?)")


def _not_typescript(out: Output) -> Iterator[ErrorEvent]:
    for i in out.find(_NOT_TSC):
        pkg = next((m["pkg"] for j in range(i + 1, min(i + 10, len(out.lines)))
                    if (m := _INSTALL.search(out.lines[j]))), "typescript")
        yield ErrorEvent(Category.DEPENDENCY, Severity.HIGH, "tsc", out.lines[i].strip(),
                         subject=pkg, rank=Rank.ROOT, line_index=i)
        return


def local_specifier(name: str) -> bool:
    """An import that names a file of the project, not a package to install: a relative or
    absolute path, or a path alias (`@/lib/x`, `~/x`, `#lib/x` of package.json `imports`)
    that no npm package name can be (a scope has a name: `@scope/pkg`)."""
    return name.startswith((".", "/", "@/", "~", "#")) or name[1:3] == ":\\"


#: a diagnostic's related place, as --pretty prints it under a project-level error:
#: `  tsconfig.json:3:29` (tsc 5, the code frame below) or `  tsconfig.json:3:29 - File is ...`
_RELATED = lazy_re(r"^  (?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+)(?: - .*)?$")
_RELATED_SPAN = 8  # the explanation (`The file is in the program because:`) comes first


def _related(out: Output, i: int) -> Location | None:
    """The place a bare `error TSnnnn:` points at in --pretty output, before the next error."""
    for j in range(i + 1, min(i + _RELATED_SPAN, len(out.lines))):
        line = out.lines[j]
        if line[:1].strip():  # a line at column 0: the next diagnostic or the summary
            return None
        if m := _RELATED.match(line):
            return Location(m["path"], int(m["line"]), int(m["col"]))
    return None


def _event(out: Output, i: int, m: re.Match[str]) -> ErrorEvent:
    code, msg = m["code"], m["msg"]
    location = None
    if m.groupdict().get("path"):
        location = Location(m["path"].strip(), int(m["line"]), int(m["col"]))
    elif out.line(i + 1).startswith("  "):
        location = _related(out, i)
    if location is None and msg.startswith("File '") and (q := _QUOTED.match(msg, 5)) and "' not found" not in msg:
        # a project-level error about one file, named first (TS6504 `File 'src/a.js' is a
        # JavaScript file`, TS6059 `File '...' is not under 'rootDir'`): that file; a file
        # "not found" (TS6053) is no place to look
        location = Location(q["name"])
    category, subject = classify(code, msg, out.line(i + 1))
    if code == "TS6053" and location and location.path.endswith(".json") and subject \
            and not local_specifier(subject) and not subject.endswith((".ts", ".tsx", ".js")):
        # a tsconfig's `"extends": "@tsconfig/node20/tsconfig.json"` (a bare specifier is
        # resolved in node_modules): the shared config package is not installed
        parts = subject.split("/")
        category = Category.DEPENDENCY
        subject = "/".join(parts[:2]) if subject.startswith("@") and len(parts) > 1 else parts[0]
    if category is Category.BUILD and location and "node_modules/" in location.path \
            and subject and (m_ := _NAMED.match(msg)) and m_["name"] and "<" in m_["name"]:
        # a generic an installed package's declarations misuse: no name of the user's to fix
        subject = code
    rank = Rank.ERROR if category is Category.BUILD else Rank.ROOT
    message = f"error {code}: {msg}"
    return ErrorEvent(category, Severity.HIGH, "tsc", message, subject=subject,
                      location=location, rank=rank, line_index=i, details={"code": code})


def classify(code: str, msg: str, next_line: str = "") -> tuple[Category, str | None]:
    """The category and subject of one TypeScript diagnostic."""
    number = int(code[2:])
    if m := _MODULE.match(msg):
        name = m["name"]
        if o := _needed_option(msg):
            # TS2792: not found under this module resolution, `Did you mean to set the
            # 'moduleResolution' option`; TS2732, a './data.json' import without
            # `resolveJsonModule`: installed or not, local or not, the option comes first
            return Category.CONFIGURATION, o[o.lastgroup]
        if local_specifier(name):
            return Category.BUILD, name
        return Category.DEPENDENCY, name
    if m := _DECLARATION.match(msg):
        hint = _TYPES_HINT.search(next_line) or _TYPES_HINT.search(msg)
        return Category.DEPENDENCY, hint["pkg"] if hint else m["name"]
    if "install type definitions" in msg and (hint := _TYPES_HINT.search(msg)):
        return Category.DEPENDENCY, hint["pkg"]  # `require`, `describe`, ... without @types
    if m := _TYPE_LIBRARY.match(msg):  # `"types": ["jest"]` without @types/jest
        name = m["name"]
        if not name.startswith((".", "/")):
            scoped = name[1:].replace("/", "__") if name.startswith("@") else name
            return Category.DEPENDENCY, name if name.startswith("@types/") else "@types/" + scoped
    if number in _CHECKER_CODES:
        return Category.BUILD, code
    if 1000 <= number < 1200 or number in _SYNTAX_CODES:
        return Category.SYNTAX, None
    if m := _needed_option(msg):  # code that is fine once an option is set
        return Category.CONFIGURATION, m[m.lastgroup]
    if 5000 <= number < 6000 or number in _CONFIG_CODES:
        if (at := msg.find(" cannot be specified with option '")) != -1 and (o := _QUOTED.match(msg, at + 33)):
            # two options that cannot go together (TS5053 `Option 'sourceMap' cannot be
            # specified with option 'inlineSourceMap'`): the one named last
            return Category.CONFIGURATION, o["name"]
        if o := _OPTION.search(msg):
            return Category.CONFIGURATION, o["a"] or o["b"] or o["c"]
        q = _QUOTED.search(msg)
        return Category.CONFIGURATION, q["name"] if q else None
    if m := _NAMED.match(msg):
        name = (m["name"] or m["value"] or m["prop"] or m["redeclared"] or m["local"]
                or m["member"] or m["file"] or m["early"])
        return Category.BUILD, name.split("<", 1)[0] if name and not name.startswith("<") else name
    return Category.BUILD, code
