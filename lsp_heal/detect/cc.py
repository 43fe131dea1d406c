"""C and C++ toolchains: gcc / clang diagnostics, the GNU and LLVM linkers, sanitizers, make.

Compilers print `file:line:col: error: message`; parse errors (`expected ';' before ...`) are
`syntax`, a missing header is a `dependency`, the rest is `build`, with the symbol the message
quotes as subject. An error inside a system header (a template instantiated with a wrong
type) is placed at the user's line that caused it: gcc's `required from here` above the
error, clang's `in instantiation of ... requested here` note below it. The linker speaks
after the compiler (`undefined reference to 'foo'`, lld's `undefined symbol: foo`, `multiple
definition of 'foo'`), whoever ran it: gcc, make, cargo, pip building an extension. make
adds its own errors: a makefile that does not parse (`syntax`), no rule for a target (`build`,
the missing target as subject: a file or target the build graph lacks, not a setting), a
recipe command that is not installed (`dependency`); it recaps each failed recipe as `make: ***
[target] Error N`. Sanitizer reports of a compiled program are `runtime` errors named by the
sanitizer's own word for the bug (`heap-buffer-overflow`, `signed integer overflow`); a failed
assert() is an abort (`SIGABRT`) at the assert. cmake's errors are placed in CMakeLists.txt
(the user's call when raised in one of cmake's modules); a compiler it cannot find is a
`dependency`, a folder it cannot use `configuration`. ctest's failed tests are `test` errors
named as ctest names them, at the first source line their output names; a test program's own
failed checks (Unity, Check, greatest, gtest, a hand-written `file.c:12: FAIL: ...`) are `test`
errors at the line they print. The linker's other refusals: objects built without -fPIC in a
shared object (`build`, the symbol), an output file it cannot open (the path).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from lsp_heal.detect._regex import lazy_re
from lsp_heal.detect.http import CURL_NETWORK_CODES
from lsp_heal.detect.output import Output
from lsp_heal.model import Category, ErrorEvent, Location, Rank, Severity

_COMPILERS = {"gcc", "g++", "cc", "c++", "clang", "clang++", "cpp"}
_SOURCE = r"[^\s:]+\.(?:c|h|cc|cp|cpp|cxx|c\+\+|hh|hpp|hxx|h\+\+|inl|ipp|tcc|m|mm)"
# the same, as plain strings: a cheap test before the regexes
_SOURCE_ENDS = (".c", ".h", ".cc", ".cp", ".cpp", ".cxx", ".c++", ".hh", ".hpp", ".hxx", ".h++",
                ".inl", ".ipp", ".tcc", ".m", ".mm")
_DRIVER_PARTS = ("cc", "++", "clang", "collect2")
_DIAGNOSTIC = lazy_re(
    rf"^(?P<path>{_SOURCE}):(?P<line>\d+):(?:(?P<col>\d+):)? "
    r"(?P<level>fatal error|error|warning): (?P<msg>.+)$"
)
_Q = "['‘`]"  # gcc quotes 'x' in the C locale and ‘x’ in UTF-8 ones
_E = "['’]"
_HEADER = lazy_re(rf"^(?:(?P<gcc>[^\s:]+): No such file or directory|{_Q}(?P<clang>[^'’]+){_E} file not found)$")
_SYNTAX = lazy_re(
    r"^(?:expected |stray |missing terminating |unterminated |extraneous closing brace"
    r"|extra tokens at end of|unbalanced |invalid preprocessing directive"
    # the lexer's malformed literals: gcc `invalid suffix "abc" on integer constant`, clang
    # `invalid suffix 'abc' on integer constant`, `invalid digit "9" in octal constant`,
    # `exponent has no digits`, `empty character constant`, `hexadecimal floating constants
    # require an exponent`
    r"|invalid suffix |invalid digit |exponent has no digits|empty character constant"
    r"|hexadecimal floating (?:constants? require|literal requires)"
    # gcc's parser meeting an `else` whose `if` a stray `;` or `}` closed (clang: `expected
    # expression`, above)
    rf"|{_Q}else{_E} without a previous {_Q}if{_E})"
)
_SYMBOL = lazy_re(
    rf"^(?:{_Q}(?P<a>[^'’]+){_E} (?:undeclared|was not declared)"
    # (g++ quotes a declaration with its type: `redefinition of 'int helper()'`, `conflicting
    # declaration 'double limit'`, `invalid use of member function 'int Box::size() const'`)
    r"|(?:use of undeclared (?:identifier|label)|unknown type name|implicit declaration of function"
    rf"|unused variable|redefinition of|conflicting types for|conflicting declaration"
    rf"|invalid use of (?:non-static )?member function) {_Q}(?P<b>[^'’]+){_E}"
    rf"|.*?\bno (?:member|template|type) named {_Q}(?P<c>[^'’]+){_E}"
    rf"|no match for {_Q}(?P<d>[^'’]+){_E}"
    rf"|no matching (?:member )?function for call to {_Q}(?P<e>[^'’(]+)"
    # a deleted function called (a move-only type copied): gcc names the function, `use of
    # deleted function 'std::unique_ptr<..>::unique_ptr(const ..&) [with ..]'`; clang the
    # function or the class, `call to deleted constructor of 'std::unique_ptr<Job>'`, `call to
    # implicitly-deleted copy constructor of 'X'`: the name without its parameters
    rf"|use of deleted function {_Q}(?P<i>[^'’(]+)"
    rf"|call to (?:implicitly-)?deleted (?:copy |move )?(?:constructor of|(?:member )?function)"
    rf" {_Q}(?P<j>[^'’(]+)"
    # a type only declared (`class Engine;`) used as if defined: gcc `invalid use of incomplete
    # type 'class Engine'`, `field 'e' has incomplete type 'Engine'`, `dereferencing pointer to
    # incomplete type 'struct foo'`, gcc >= 10 in C `invalid use of undefined type 'struct
    # foo'`; clang `member access into incomplete type 'Engine'`, `incomplete definition of
    # type 'struct foo'`: the type's name, without its keyword
    rf"|.*?\b(?:incomplete|undefined) (?:definition of )?type {_Q}(?:const )?(?:(?:class|struct|union|enum) )?(?P<k>[^'’]+){_E}"
    # a non-const member function called on a const object: clang `'this' argument to member
    # function 'bump' has type 'const Counter', but function is not marked const`; older gcc
    # `passing 'const X' as 'this' argument of 'void X::bump()' discards qualifiers` (newer gcc
    # names the function in the note that follows: read in _diagnostics)
    rf"|{_Q}this{_E} argument to member function {_Q}(?P<l>[^'’]+){_E}"
    rf"|passing {_Q}[^'’]+{_E} as {_Q}this{_E} argument of {_Q}(?P<m>[^'’(]+)"
    # -Wunused-*: `unused parameter 'x'`, `unused function 'f'`, `variable 'x' set but not
    # used`, `'f' defined but not used`, `private field 'x' is not used`; a goto to a missing
    # label: gcc `label 'done' used but not defined` (clang `use of undeclared label`, above)
    rf"|unused (?:[a-z]+ ){{1,2}}{_Q}(?P<f>[^'’]+){_E}"
    rf"|(?:[a-z]+ ){{0,2}}{_Q}(?P<g>[^'’]+){_E} (?:set but not used|defined but not used|is not used"
    r"|used but not defined)"
    # a const (or reference) left without an initializer: g++ `uninitialized 'const limit'
    # [-fpermissive]`, older g++ `uninitialized const 'limit'`, `'int& r' declared as reference
    # but not initialized`: the variable, without its type (clang names only the type:
    # `default initialization of an object of const type 'const int'`)
    rf"|uninitialized (?:const )?{_Q}(?:[^'’]* )?(?P<aa>[^'’ ]+){_E}"
    rf"|{_Q}(?:[^'’]* )?[&*]?(?P<ab>[^'’ &*]+){_E} declared as reference but not initialized"
    rf"|declaration of reference variable {_Q}(?P<ac>[^'’]+){_E} requires an initializer"
    # g++: `'vector' in namespace 'std' does not name a template type`, `'Foo' does not name a
    # type`, `'string' is not a member of 'std'`: a name used without its declaration
    rf"|{_Q}(?P<h>[^'’]+){_E} (?:in namespace {_Q}[^'’]*{_E} )?(?:does not name a|is not a member of"
    # `'std::ranges' has not been declared` (a namespace or type gcc does not know here),
    # `'x' is not a namespace-name`, `'X' is not a class, namespace, or enumeration`
    r"|has not been declared|is not a namespace-name|is not a class, namespace, or enumeration"
    r"|is not a (?:type|template)\b"
    # a lambda using what it did not capture: g++ `'this' was not captured for this lambda
    # function`, `'n' is not captured`
    r"|(?:was|is) not captured\b))"
    # a name declared twice as different things (a global and a function of one name): gcc
    # `'count' redeclared as different kind of symbol`, g++ `'int count(const int*, int)'
    # redeclared as different kind of entity`: the name, without its type or parameters
    rf"|{_Q}(?:[^'’(]* )?[&*]?(?P<ae>[^'’ &*(]+)(?:\([^'’]*)?{_E} redeclared as different kind of"
    # -Wshadow: gcc `declaration of 'int x' shadows a parameter` (`a previous local`, `a
    # member of 'X'`): the variable, without its type (clang names none: `declaration shadows
    # a local variable`, the flag then)
    rf"|declaration of {_Q}(?:[^'’]* )?[&*]?(?P<ad>[^'’ &*]+){_E} shadows "
    # access control: gcc `'long int Wallet::cents_' is private within this context` (the
    # member's declaration: the qualified name without its type or parameters), older gcc
    # `'int X::y' is private`; clang `'cents_' is a private member of 'Wallet'`
    rf"|{_Q}(?P<n>[^'’(]+)(?:\([^'’]*)?{_E} is (?:private|protected)\b"
    rf"|{_Q}(?P<o>[^'’]+){_E} is a (?:private|protected) member of {_Q}(?:(?:class|struct) )?(?P<p>[^'’]+){_E}"
    # overload resolution with two best candidates: gcc `call of overloaded 'scale(int&)' is
    # ambiguous`, `ambiguous overload for 'operator<<' (operand types are ..)`; clang `call to
    # 'scale' is ambiguous`, `call to constructor of 'X' is ambiguous`: the name, no parameters
    rf"|(?:call of overloaded|call to(?: constructor of)?|ambiguous overload for) {_Q}(?P<q>[^'’(]+)"
    # a call with the wrong number of arguments: gcc names the function (`too many arguments to
    # function 'ring_push'; expected 2, have 3`), clang only `to function call` (no name)
    rf"|too (?:few|many) arguments to function {_Q}(?P<r>[^'’(]+)"
    # an abstract class instantiated (a pure virtual left unimplemented): gcc `invalid
    # new-expression of abstract class type 'Square'`, `cannot declare variable 'c' to be of
    # abstract type 'Shape'`, `cannot allocate an object of abstract type 'Shape'`; clang
    # `allocating an object of abstract class type 'Square'`, `variable type 'Square' is an
    # abstract class`: the class
    rf"|.*?\babstract (?:class )?type {_Q}(?:(?:class|struct) )?(?P<s>[^'’]+){_E}"
    rf"|(?:variable|field|parameter|return) type {_Q}(?:(?:class|struct) )?(?P<t>[^'’]+){_E} is an abstract class"
    # an out-of-class definition that matches no declaration: gcc `no declaration matches 'int
    # Counter::get() const'` (the qualified name, without type or parameters); clang
    # `out-of-line definition of 'get' does not match any declaration in 'Counter'`
    rf"|no declaration matches {_Q}(?P<u>[^'’(]+)"
    rf"|out-of-line definition of {_Q}(?P<v>[^'’]+){_E} does not match any declaration in"
    rf" {_Q}(?:(?:class|struct) )?(?P<w>[^'’]+){_E}"
    # a variable of a type only declared (`struct config;`): gcc in C `storage size of 'cfg'
    # isn't known` (also `isn't constant` for a static array), g++ `aggregate 'config cfg' has
    # incomplete type and cannot be defined`: the variable (clang names the type instead:
    # `variable has incomplete type 'struct config'`, read above)
    rf"|storage size of {_Q}(?P<x>[^'’]+){_E} isn't"
    rf"|aggregate {_Q}(?:[^'’]* )?(?P<y>[^'’ ]+){_E} has incomplete type"
    # `.` on a pointer: gcc `request for member 'size' in 'p', which is of pointer type`, also
    # `request for member 'x' in 'v', which is of non-class type 'int'`: the member
    rf"|request for member {_Q}(?P<z>[^'’]+){_E} in "
    # a warning made an error still names its symbol first (the flag only when it names none):
    # gcc `'x' is used uninitialized` (`may be used`), clang `variable 'x' is uninitialized when
    # used here`; -Wswitch: `enumeration value 'BLUE' not handled in switch` (clang also
    # `enumeration values 'A' and 'B' not handled`, `3 enumeration values not handled in switch:
    # 'A', 'B', 'C'...`): the first value
    rf"|(?:variable )?{_Q}(?P<af>[^'’]+){_E} (?:is|may be) (?:used uninitialized|uninitialized when used)"
    rf"|(?:enumeration values? |\d+ enumeration values not handled in switch: ){_Q}(?P<ag>[^'’]+){_E}"
    # g++'s permerror on `static` repeated at an out-of-class definition: `cannot declare member
    # function 'static int Box::count()' to have static linkage [-fpermissive]`: the function
    rf"|cannot declare member function {_Q}(?P<ah>[^'’(]+)"
    # a constant expression that is not one: clang `constexpr variable 'n' must be initialized by
    # a constant expression`, g++ `the value of 'n' is not usable in a constant expression`:
    # the variable
    rf"|constexpr variable {_Q}(?P<ai>[^'’]+){_E} must be initialized"
    rf"|the value of {_Q}(?P<aj>[^'’]+){_E} is not usable in a constant expression"
    # (g++ at the initializer: `call to non-'constexpr' function 'int buffer_size()'`: the function)
    rf"|call to non-{_Q}constexpr{_E} function {_Q}(?:[^'’(]* )?[&*]?(?P<al>[^'’ &*(]+)"
    # a default argument repeated at the definition: g++ `default argument given for parameter
    # 2 of 'int Shape::scale(int, int)' [-fpermissive]`: the function, without type or parameters
    # (clang names none: `redefinition of default argument`)
    rf"|default argument given for parameter \d+ of {_Q}(?:[^'’(]* )?[&*]?(?P<ak>[^'’ &*(]+)"
    # an operator the operands' types lack: g++ `invalid operands of types 'const char [6]' and
    # 'const char [7]' to binary 'operator+'` (`to unary 'operator-'`): the operator, as g++'s
    # `no match for 'operator<'` above (gcc in C `invalid operands to binary + (have ..)` and
    # clang `invalid operands to binary expression ('int *' and ..)` quote none: the flag/None)
    rf"|invalid operands of types .*? to (?:binary|unary) {_Q}(?P<am>operator[^'’]+){_E}"
    # `.` on a pointer in C: gcc >= 8 `'b' is a pointer; did you mean to use '->'?`, `'pp' is a
    # pointer to pointer; did you mean to dereference it before applying '->' to it?`: the
    # variable, the only name it quotes (g++'s `request for member .. in 'b'` is read above)
    rf"|{_Q}(?P<an>[^'’]+){_E} is a pointer(?: to pointer)?; did you mean"
)
# Headers of the system and the toolchain: an error inside one (a template instantiated with
# the wrong type) belongs to the user's line that instantiated it.
_SYSTEM = ("/usr/include/", "/usr/lib/", "/usr/local/include/", "/usr/bin/../", "/opt/",
           "/Library/Developer/", "/Applications/Xcode")
# gcc, before the error: `main.cpp:5:14:   required from here`
_REQUIRED_HERE = lazy_re(rf"^(?P<path>{_SOURCE}):(?P<line>\d+):(?:(?P<col>\d+):)?   required from here$")
# gcc, before the error: `In file included from x.h:3,` / `                 from main.cpp:1:`
_INCLUDED_FROM = lazy_re(rf"^(?:In file included|\s+) from (?P<path>{_SOURCE}):(?P<line>\d+)[,:]$")
# clang, after the error: `main.cpp:5:5: note: in instantiation of ... requested here`
_REQUESTED_HERE = lazy_re(rf"^(?P<path>{_SOURCE}):(?P<line>\d+):(?P<col>\d+): note: in instantiation of .* requested here$")
# `[-Werror=format=]` (gcc), `[-Werror,-Wreturn-type]` (clang: the warning made an error);
# g++'s permerrors (`invalid conversion from 'const char*' to 'char*' [-fpermissive]`) name
# the option that would let them through
_FLAG = lazy_re(r"\[(?:-Werror,)?(?P<flag>-W[\w=+-]+|-fpermissive)\]$")
_DRIVER = lazy_re(r"^(?P<tool>[\w.+-]+): (?:fatal )?error: (?P<msg>.+)$")
# the driver by any of its names: `cc`, `c++`, a versioned or cross one (`x86_64-linux-gnu-gcc-12`)
_DRIVER_NAME = lazy_re(r"collect2|cc1\w*|c(?:c|\+\+)|(?:[\w.-]*-)?(?:clang(?:\+\+)?|g(?:cc|\+\+))(?:-[\d.]+)?")
# an option the driver does not know or a value it does not take: `unrecognized command-line
# option '-Wal'` (gcc, older `command line`), `unrecognized argument in option '-march=x'`,
# `unrecognized argument to '-fsanitize=' option: 'adress'`, `missing argument to '-o'`; clang's
# `unknown argument: '-Wal'`, `unsupported option '-fx'`, `invalid value 'c++29' in '-std=c++29'`,
# `unsupported argument 'adress' to option '-fsanitize='`
_BAD_OPTION = lazy_re(
    rf"^(?:unrecognized command[- ]line option|unknown argument:?|unsupported option"
    rf"|unrecognized argument (?:in|to) option|missing argument to|unrecognized argument to"
    rf"|invalid value {_Q}[^'’]*{_E} in|unsupported argument {_Q}[^'’]*{_E} to option"
    rf"|bad value {_Q}[^'’]*{_E} for)"
    rf" {_Q}(?P<opt>[^'’]+){_E}"
)
_NO_INPUT = lazy_re(r"^(?:(?P<gcc>\S+): No such file or directory|no such file or directory: "
                       r"'(?P<clang>[^']+)')$")

_MULTIPLE_DEF = lazy_re(rf"multiple definition of {_Q}(?P<sym>[^'’]+){_E}")
# with debug info ld names the source after the object: `util.o:/src/state.h:3: multiple ...`
_DEF_PLACE = lazy_re(rf"(?:^|[\s:])(?P<path>{_SOURCE}):(?:(?P<line>\d+)|\([^)]*\)): multiple definition")
_DUPLICATE_SYM = lazy_re(r"(?:^|\s)(?:\S*/)?(?:ld\.lld|rust-lld|lld|ld): error: duplicate symbol: (?P<sym>.+)$")
_UNDEFINED_REF = lazy_re(rf"undefined reference to {_Q}(?P<sym>.+?){_E}$")
_REF_PLACE = lazy_re(r"(?:^|[\s:])(?P<path>[^\s:]+):(?:(?P<line>\d+)|\([^)]*\)): undefined reference")
_UNDEFINED_SYM = lazy_re(r"(?:^|\s)(?:\S*/)?(?:ld\.lld|rust-lld|lld|ld): error: undefined symbol: (?P<sym>.+)$")
_REFERENCED_BY = lazy_re(
    r">>> referenced by (?P<file>[^\s:(]+):(?P<line>\d+)(?: \((?P<path>[^\s:)]+):(?P<line2>\d+)\))?"
)
_NO_LIBRARY = lazy_re(r"(?:^|\s)(?:\S*/)?(?:ld(?:\.\w+)?|lld): (?:error: )?(?:cannot find|unable to "
                         r"find library) -l(?P<lib>[^\s:]+)")
# GNU ld `cannot open output file app: Is a directory`, lld `cannot open output file app: ..`
_OUTPUT_FILE = lazy_re(r"cannot open output file (?P<path>\S+?): (?P<why>[A-Z][^:]*?)$")
_BUSY = {"Text file busy": "ETXTBSY", "No space left on device": "ENOSPC",
         "Disk quota exceeded": "EDQUOT"}
_MACH_SYMBOL = lazy_re(r'^\s+"(?P<sym>[^"]+)", referenced from:')
# objects built without -fPIC linked into a shared object (or a PIE): GNU ld `x.o: relocation
# R_X86_64_PC32 against symbol `counter' can not be used when making a shared object; recompile
# with -fPIC` (-fPIE for a PIE; a section instead of a symbol: `against `.rodata'`); lld `relocation R_X86_64_32
# cannot be used against symbol 'counter'; recompile with -fPIC`
_RELOCATION = lazy_re(rf"relocation \S+ (?:against (?:symbol )?{_Q}(?P<a>[^'’]+){_E} can not be used"
                      rf"|cannot be used against (?:local )?(?:symbol )?{_Q}?(?P<b>[^'’;\s]+){_E}?;)")

_UBSAN = lazy_re(rf"^(?P<path>{_SOURCE}):(?P<line>\d+):(?P<col>\d+): runtime error: (?P<msg>.+)$")
# `==12==ERROR: AddressSanitizer: heap-buffer-overflow on address ...`, `==12==ERROR:
# LeakSanitizer: detected memory leaks`, `WARNING: ThreadSanitizer: data race (pid=12)`: the
# bug is named after the sanitizer, up to its address / pid / thread
_ASAN = lazy_re(r"^(?:==\d+==)?(?:ERROR|WARNING): (?P<san>\w+Sanitizer): (?:detected |attempting )?"
                r"(?P<kind>[\w-]+(?: [a-z][\w-]*)*)")
# ASan: `#1 0x55d in main /src/a.c:12:5`; TSan: `#0 main /src/a.c:16:9 (app+0xd0126)`
_ASAN_FRAME = lazy_re(r"^\s+#\d+ (?:0x[0-9a-f]+ in )?\S+ (?P<path>[^\s:]+):(?P<line>\d+)")
_KIND_END = (" on ", " at ", " in ", " from ")
# UBSan's kind is its message up to the operands: `member access within null pointer of type
# 'struct node'`, `index 5 out of bounds for type 'int [3]'`, `shift exponent 40 is too large
# for 32-bit type 'int'`, `null pointer passed as argument 1, which is declared to never be null`,
# `signed integer overflow: 2147483647 + 1 cannot be represented in type 'int'`
_UBSAN_KIND_END = lazy_re(r":| (?:of|for) (?:\d+-bit )?type '|, which ")
# an uncaught C++ exception: libstdc++ `terminate called after throwing an instance of
# 'std::out_of_range'` (its `what():` follows), libc++ `libc++abi: terminating due to uncaught
# exception of type std::out_of_range: vector`; `terminate called without an active exception`
# (a joinable std::thread destroyed, a bare `throw;`) names none
_TERMINATE = lazy_re(r"^(?:terminate called after throwing an instance of '(?P<a>[^']+)'"
                     r"|libc\+\+abi: terminating due to uncaught exception of type (?P<b>[^\s:]+(?:::[^\s:]+)*)"
                     r"|terminate called without an active exception)")
# the dynamic loader: `./app: error while loading shared libraries: libfoo.so.1: cannot open
# shared object file: No such file or directory` (a library not installed, or not on
# LD_LIBRARY_PATH): the library is what is missing
_LOADER = lazy_re(r"^(?P<prog>\S+): error while loading shared libraries: (?P<lib>[^:\s]+): "
                  r"cannot open shared object file")
_RUNTIME_PATHS = ("/libsanitizer/", "../sysdeps/", "../csu/", "/usr/include/", "/usr/lib/")

_MAKE = r"(?:\S*/)?g?make(?:\[\d+\])?"
# the message is taken whole (a greedy `.+`, no lookahead at every character) and its
# `.  Stop.` cut off after: see _stop_message
_MAKE_STOP = lazy_re(rf"^{_MAKE}: \*\*\* (?P<msg>.+)$")
_MAKEFILE_ERROR = lazy_re(r"^(?P<path>[^\s:]+):(?P<line>\d+): \*\*\* (?P<msg>.+)$")
_MAKEFILE_SYNTAX = (
    "missing separator", "recipe commences before first target", "commands commence before",
    "unterminated variable reference", "missing 'endif'", "missing `endif'", "invalid syntax",
    "extraneous", "missing target pattern", "multiple target patterns", "missing 'endef'",
    # GNU make's read.c on rule lines: a static-pattern rule whose pattern has no `%`
    # (`target pattern contains no '%'`), `mixed implicit and normal rules` (and `... and static
    # pattern rules`), a recipe line before any rule (`missing rule before recipe`), `empty
    # variable name`, `only one 'else' per conditional`
    "target pattern contains no", "mixed implicit and", "missing rule before", "empty variable name",
    "only one 'else' per conditional", "only one `else' per conditional",
)
# make's own `Recursive variable 'X' references itself (eventually)` (older make: `X'), and a
# makefile's `$(error X is not set)` / `$(error please set X)` naming the variable a checkout lacks
_MAKEFILE_VARIABLE = lazy_re(
    r"^Recursive variable [`'](?P<a>[^'`]+)' references itself"
    r"|\b(?P<b>[A-Z][A-Z0-9_]+)\b(?: variable)? (?:is not set|is not defined|is undefined|is empty"
    r"|is required|must be set|must be defined|not set|not defined|undefined|unset)\b"
    r"|\b(?:[Pp]lease )?(?:set|export|define) (?:the )?(?:variable )?(?P<c>[A-Z][A-Z0-9]*_[A-Z0-9_]+)\b"
)
_RECIPE = lazy_re(r"^\[(?:(?P<path>[^\s:\]]+):(?P<line>\d+): )?(?P<target>[^\]]+)\] Error (?P<code>\d+)")
_TEST_TARGET = lazy_re(r"(?:test|tests|check|unittests?|(?:unit|integration|e2e|functional)[-_]tests?"
                      r"|tests?[-_](?:unit|integration|e2e|functional|all))")
_NO_RULE = lazy_re(r"^No rule to make target [`'‘](?P<target>[^'’]+)['’]")
_MAKE_EXEC = lazy_re(
    rf"^{_MAKE}: (?P<cmd>[^\s:]+): (?P<why>No such file or directory|Command not found|Permission denied)$"
)


# a recipe killed by a signal: make names the signal by its description
_RECIPE_SIGNAL = lazy_re(
    r"^\[(?:(?P<path>[^\s:\]]+):(?P<line>\d+): )?(?P<target>[^\]]+)\] (?P<sig>Segmentation fault"
    r"|Aborted|Killed|Bus error|Floating point exception|Illegal instruction|Terminated)"
)
_SIGNALS = {"Segmentation fault": "SIGSEGV", "Aborted": "SIGABRT", "Killed": "SIGKILL",
            "Bus error": "SIGBUS", "Floating point exception": "SIGFPE",
            "Illegal instruction": "SIGILL", "Terminated": "SIGTERM"}
# GNU make cannot read a makefile it includes: `Makefile:1: config.mk: No such file or directory`
_MAKE_INCLUDE = lazy_re(
    r"^(?P<path>[^\s:]*(?:[Mm]akefile|\.mk|\.make)[^\s:]*):(?P<line>\d+): "
    r"(?P<file>[^\s:]+): No such file or directory$"
)
_MAKE_NO_DIR = lazy_re(r"^(?P<path>[^\s:]+): No such file or directory$")
_ENTERING = lazy_re(rf"^{_MAKE}: Entering directory [`'‘](?P<dir>[^'’]+)['’]$")

# cmake: `CMake Error at CMakeLists.txt:3 (find_package):` then the message, indented
_CMAKE_AT = lazy_re(r"^CMake Error at (?P<path>[^\s:]+):(?P<line>\d+)(?: \((?P<cmd>\w+)\))?:$")
_CMAKE_PACKAGE = lazy_re(
    r'^\s+(?:Could not find a package configuration file provided by "(?P<a>[^"]+)"'
    r'|By not providing "Find(?P<b>[^"]+)\.cmake"|Could NOT find (?P<c>[^\s,]+)'
    r"|(?:The following required packages were not found|A required package was not found))"
)
# cmake sets a value it names apart: `  Cannot find source file:` / `  include could not find
# requested file:`, a blank line, then the value indented deeper on a line of its own
_CMAKE_VALUE = lazy_re(r"^(?P<indent>\s+)\S.*:$")
_PKG_ITEM = lazy_re(r"^\s+- (?P<pkg>[\w.+-]+)")
# `CMake 3.99 or higher is required.  You are running version 3.25.1`
_CMAKE_TOO_OLD = lazy_re(r"^\s+CMake [\d.]+ or higher is required")
# the compiler a language needs is not installed (`project(app CXX)` with CXX=g++-13, or no
# compiler at all): `The CMAKE_CXX_COMPILER:` / `Could not find compiler set in environment
# variable CXX:`, then the command on a line of its own; `No CMAKE_C_COMPILER could be found.`
_CMAKE_COMPILER = lazy_re(r"^\s+(?:The CMAKE_\w+_COMPILER:|Could not find compiler set in environment"
                          r" variable \w+:|No CMAKE_\w+_COMPILER could be found)")
# cmake's own errors about how it was run (no file of the project to point at): the source
# folder has no CMakeLists.txt or is not there, a build folder was configured elsewhere, no
# such generator; `cmake --build` on a folder that is not there or was never configured
_CMAKE_USAGE = lazy_re(
    r'^(?:CMake Error: (?:The source directory "(?P<src>[^"]+)" (?P<how>does not exist|does not '
    r'appear to contain CMakeLists\.txt)|The current CMakeCache\.txt directory (?P<cache>.+?) is '
    r'different than|Could not create named generator (?P<gen>.+)'
    # configure_file / file(COPY) of an input the checkout lacks: `File /p/src/version.h.in does
    # not exist.`, then `CMake Error at CMakeLists.txt:3 (configure_file):` names the call
    r'|File (?P<file>.+) does not exist\.'
    # an option cmake does not have: `CMake Error: Unknown argument --buidl`
    r'|Unknown argument (?P<arg>\S+))'
    r'|Error: (?:(?P<dir>.+) is not a directory|could not load (?P<load>cache)))'
)
# a target named where the project defines none: `Cannot specify link libraries for target "x"
# which is not built by this project.`, `get_target_property() called with non-existent target "x"`
# `add_executable cannot create target "x" because another target with the same name already
# exists` (also `cannot create ALIAS target "x"`), `install TARGETS given target "x" which does not exist`
_CMAKE_TARGET = lazy_re(r'(?:for|non-existent|dependency|create(?: [A-Z]+)?|given) target "(?P<target>[^"]+)"'
                        r"|target to add properties to: (?P<props>\S+)"
                        # a target given no source file (cmLocalGenerator): `No SOURCES given to
                        # target: app`: the target
                        r"|SOURCES given to target: (?P<nosrc>\S+)")
# add_subdirectory of a folder that is not there (cmAddSubDirectoryCommand)
# (cmake wraps its messages: the words are read joined)
_CMAKE_SOURCE = lazy_re(r'given source "(?P<src>[^"]+)" which is not an existing directory')
# what a project's message(FATAL_ERROR) names: a variable (`SDK_ROOT`, `CMAKE_TOOLCHAIN_FILE`)
_CMAKE_VARIABLE = lazy_re(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")
_CMAKE_NOT_FOUND = lazy_re(
    r"(?:^|\s)(?P<a>[\w.+/-]+)(?: (?:was|is))? not (?:found|installed)\b"
    r"|\b(?:could not|cannot|can't|unable to) find (?:(?:the )?(?:package|library|program|tool) )?"
    r"(?P<b>[\w.+/-]+)|\b(?:not found|not installed|please install)\b", re.IGNORECASE)
# a `Call Stack (most recent call first):` entry: `  CMakeLists.txt:4 (pkg_check_modules)`
_CMAKE_FRAME = lazy_re(r"^\s+(?P<path>[^\s:]+):(?P<line>\d+) \(\w+\)$")
# cmake's own modules (an error raised inside FindPkgConfig.cmake, FindPackageHandle...)
_CMAKE_SYSTEM = ("/usr/share/cmake", "/usr/local/share/cmake", "/opt/", "/Applications/CMake",
                 "/snap/cmake")
# pkg-config (freedesktop and pkgconf) on a package it does not know:
# `Package gtk+-3.0 was not found in the pkg-config search path.`, `No package 'x' found`,
# `Package 'x', required by 'virtual:world', not found`
_PKG_CONFIG = lazy_re(r"^(?:--\s+)?(?:Package (?P<a>\S+) was not found in the pkg-config search path"
                      r"|No package '(?P<b>[^']+)' found|Package '(?P<c>[^']+)', required by '[^']*', not found)")


# ctest: a test's status line, `2/3 Test #2: mul_test ......***Failed  0.01 sec` (the status:
# `***Failed`, `***Timeout`, `***Not Run`, `***Exception: SegFault`, `Subprocess aborted***
# Exception:`), its output under it with --output-on-failure, above it as `2: ...` with -V
_CTEST = lazy_re(r"^\s*\d+/\d+ Test\s+#(?P<num>\d+): (?P<name>\S+) \.*\s*(?P<status>\S[^*]*?)?"
                 r"\*\*\*(?P<what>Failed|Timeout|Not Run|Exception:\s*(?P<exc>[A-Za-z]*))")
_CTEST_STATUSES = ("***Failed", "***Exception", "***Timeout", "***Not Run")
_CTEST_EXCEPTIONS = {"SegFault": "SIGSEGV", "Illegal": "SIGILL", "Numerical": "SIGFPE",
                     "Interrupt": "SIGINT"}
_CTEST_NEXT = lazy_re(r"^\s*(?:Start\s+\d+: |\d+/\d+ Test\s+#)")
# a place in a test's output: `/src/tests/test_mul.c:7: main: Assertion ...`, gtest's
# `test_x.cpp:12: Failure`, Catch2's `test.cpp:12: FAILED:`
_OUTPUT_PLACE = lazy_re(rf"(?:^|[\s(\[])(?P<path>{_SOURCE}):(?P<line>\d+)\b")
_NOT_FOUND_EXE = lazy_re(r"^(?:Could not find executable|Unable to find executable:) (?P<exe>\S+)")
# glibc's assert(): `prog: src/a.c:12: main: Assertion `n > 0' failed.` (then SIGABRT)
_ASSERT = lazy_re(rf"^(?:\d+: )?\S+: (?P<path>{_SOURCE}):(?P<line>\d+): [^:]+: Assertion .* failed\.$")


# A C/C++ test program's failed check, as the common harnesses print it: Unity
# `test_x.c:12:test_name:FAIL: Expected 1 Was 2`, Check `check_x.c:24:F:Core:test_name:0: msg`,
# a hand-written CHECK macro / minunit `test_x.c:14: FAIL: a == b` (`FAILED`), greatest
# `FAIL test_name: msg (test_x.c:12)`; gtest states the place `x_test.cc:12: Failure` and names
# the test after it: `[  FAILED  ] Suite.Name (0 ms)`
_HARNESS = lazy_re(
    rf"^(?P<path>{_SOURCE}):(?P<line>\d+):(?:(?P<unity>\w+):FAIL\b|F:[^:\s]*:(?P<check>\w+):\d+:"
    r"| FAIL(?:ED)?\b)"
    rf"|^FAIL (?P<greatest>\w+)(?::.*)? \((?P<gpath>{_SOURCE}):(?P<gline>\d+)\)$"
)
_GTEST_FAILED = lazy_re(r"^\[  FAILED  \] (?P<name>\w+(?:/\w+)?\.\w+(?:/\w+)?)(?:, where .*)? \(\d+ ms\)$")
_GTEST_FAILURE = lazy_re(rf"^(?P<path>{_SOURCE})(?::(?P<line>\d+):|\((?P<line2>\d+)\):) (?:Failure|error: )")


def parse(out: Output) -> Iterator[ErrorEvent]:
    yield from _diagnostics(out)
    yield from _ctest(out)
    yield from _harness(out)
    yield from _asserts(out)
    yield from _glibc_checks(out)
    yield from _terminate(out)
    yield from _linker(out)
    yield from _sanitizers(out)
    yield from _make(out)
    yield from _make_includes(out)
    yield from _cmake(out)
    yield from _pkg_config(out)


def _tool(out: Output) -> str:
    return out.tool if out.tool in _COMPILERS else "cc"


def _diagnostics(out: Output) -> Iterator[ErrorEvent]:
    tool = _tool(out)
    for needle in (": error: ", ": fatal error: ", ": warning: "):
        for i in out.find(needle):
            line = out.lines[i]
            if line[:1].isspace():
                continue  # another tool's log of a build (pip's, docker's): both regexes fail
            # most of these lines are other tools' (mypy's `x.py:3: error:`, eslint, tsc): what
            # comes before the first `:` is the file both regexes need (a C source, a driver)
            head = line[:line.find(":")]
            if not head.endswith(_SOURCE_ENDS) and not any(d in head for d in _DRIVER_PARTS):
                continue
            if m := _DIAGNOSTIC.match(line):
                event = _diagnostic(m, tool, line.strip(), i, out)
                if event.rank is Rank.ROOT and event.category is Category.SYNTAX \
                        and _after_error_on_line(out, i, m["path"], m["line"]):
                    event.rank = Rank.ERROR  # a parse error that follows from the one before
                if "variable or field " in line and _error_follows_on_line(
                        out, i, m["path"], m["line"]):
                    event.rank = Rank.SUMMARY  # gcc's `declared void`: the unknown type follows
                if "argument discards qualifiers" in line:  # newer gcc: the function is in a note
                    event.subject = _called_function(out, i) or event.subject
                if event.location and event.location.path.startswith(_SYSTEM):
                    event.location = _instantiated_at(out, i) or event.location
                yield event
            elif needle != ": warning: " and (d := _DRIVER.match(line)) \
                    and _DRIVER_NAME.fullmatch(d["tool"]):
                yield _driver(d, line.strip(), i)
    # gcc -fdiagnostics-format=json: every diagnostic of a compile on one line, a JSON list
    for i in out.find('\n[{"kind": "'):
        yield from _json_diagnostics(out, i, tool)
    # clang's front end on a bad option value prints no program name: `error: invalid value
    # 'c29' in '-std=c29'`
    for i in out.find("\nerror: invalid value "):  # at the start of a line
        line = out.lines[i]
        if bad := _BAD_OPTION.match(line[7:]):
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, tool, line.strip(), bad["opt"],
                             None, Rank.ROOT, i)


def _json_diagnostics(out: Output, i: int, tool: str) -> Iterator[ErrorEvent]:
    """gcc's JSON diagnostics (`[{"kind": "error", "locations": [{"caret": {"file": "a.c",
    "line": 5, "column": 3}, ..}], "message": "..", "children": [notes]}]`): each top-level
    error / fatal error / warning read as its text form `a.c:5:3: error: ..` would be."""
    try:
        diagnostics = json.loads(out.lines[i])
    except ValueError:
        return  # cut at 8 KiB: not read
    if not isinstance(diagnostics, list):
        return
    for d in diagnostics:
        if not isinstance(d, dict) or d.get("kind") not in ("error", "fatal error", "warning"):
            continue
        caret = next((loc.get("caret") for loc in d.get("locations") or ()
                      if isinstance(loc, dict) and isinstance(loc.get("caret"), dict)), None)
        if not caret or not caret.get("file"):
            continue
        text = f"{caret['file']}:{caret.get('line', 0)}:{caret.get('column', 0)}: {d['kind']}: {d.get('message', '')}"
        if m := _DIAGNOSTIC.match(text):
            yield _diagnostic(m, tool, text, i, out)


def _diagnostic(m: re.Match[str], tool: str, message: str, i: int, out: Output) -> ErrorEvent:
    msg = m["msg"]
    col = int(m["col"]) if m["col"] else None
    where = Location(m["path"], int(m["line"]), col)
    if m["level"] == "warning":
        return ErrorEvent(Category.BUILD, Severity.LOW, tool, message, _subject(msg), where,
                          Rank.ERROR, i)
    if header := _HEADER.match(msg):
        return ErrorEvent(Category.DEPENDENCY, Severity.HIGH, tool, message,
                          header["gcc"] or header["clang"], where, Rank.ROOT, i)
    if _SYNTAX.match(msg):
        return ErrorEvent(Category.SYNTAX, Severity.HIGH, tool, message, None, where, Rank.ROOT, i)
    if _error_directive(out, i, msg):
        # the project's own `#error` refuses how it is built (a platform, a macro not defined,
        # a standard too old): `configuration`, naming the macro when it names exactly one
        names = set(_MACRO.findall(msg))
        return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, tool, message,
                          names.pop() if len(names) == 1 else None, where, Rank.ROOT, i)
    return ErrorEvent(Category.BUILD, Severity.HIGH, tool, message, _subject(msg), where,
                      Rank.ERROR, i)


# a macro an `#error` names: `-DUSE_EPOLL`, `BUFFER_SIZE` (upper case, with an underscore)
_MACRO = lazy_re(r"(?<![\w-])(?:-D)?(?P<name>_*[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\b")


def _error_directive(out: Output, i: int, msg: str) -> bool:
    """Whether the error is an `#error` directive: gcc says `#error text`; clang prints only the
    text, its excerpt below (the source line, gcc's `  5 | ` before it) shows the directive."""
    if msg.startswith("#error"):
        return True
    excerpt = out.line(i + 1).lstrip()
    if excerpt[:1].isdigit() and " | " in excerpt[:10]:
        excerpt = excerpt[excerpt.find(" | ") + 3:].lstrip()
    return excerpt.startswith(("#error", "# error"))


def _after_error_on_line(out: Output, i: int, path: str, line: str) -> bool:
    """Whether a compile error (not a parse error) on the same line came just before: `'vector'
    in namespace 'std' does not name a template type` is followed by `expected ',' or '...'
    before '<' token` at the same place, a consequence of the unknown name, not a typo."""
    place = f"{path}:{line}:"
    for j in range(i - 1, max(-1, i - 60), -1):  # (a note of several alternatives is long)
        before = out.lines[j]
        if before[:1] in (" ", "") or ": note: " in before or before.startswith("In file included from "):
            continue  # the excerpt and notes of the diagnostic before (a note in a header comes
            # after the chain of includes that reached it: `In file included from x:1,`)
        m = before.startswith(place) and _DIAGNOSTIC.match(before)
        if not m or m["level"] == "warning":
            return False
        if not _SYNTAX.match(m["msg"]):
            return True
        # a parse error after a parse error on this line: look further back (`'make_unique' is
        # not a member of 'std'` then `expected primary-expression before '>' token` and `..
        # before ')' token`: both follow from the unknown name)
    return False


def _error_follows_on_line(out: Output, i: int, path: str, line: str) -> bool:
    """Whether the next diagnostic (past this one's excerpt) is an error on the same line: gcc
    says `variable or field 'f' declared void` before naming the parameter's unknown type."""
    place = f"{path}:{line}:"
    for j in range(i + 1, min(i + 6, len(out.lines))):
        after = out.lines[j]
        if after[:1] in (" ", ""):
            continue
        return after.startswith(place) and ": error: " in after
    return False


def _instantiated_at(out: Output, i: int) -> Location | None:
    """The user's line behind an error in a system header: gcc's `required from here` (or the
    include chain) above the error, clang's `in instantiation ... requested here` below it."""
    # (a template's error has many lines around it: each regex is tried only on the lines
    # that end or read as its matches would)
    included = None
    for j in range(i - 1, max(-1, i - 40), -1):
        line = out.lines[j]
        if line.endswith("   required from here") and (m := _REQUIRED_HERE.match(line)):
            return _user_place(m)
        if line.endswith((",", ":")) and " from " in line and (m := _INCLUDED_FROM.match(line)) \
                and not m["path"].startswith(_SYSTEM):
            included = included or _user_place(m)
        if _is_diagnostic(line):
            break
    found = None
    for j in range(i + 1, min(i + 60, len(out.lines))):
        line = out.lines[j]
        if line.endswith(" requested here") and (m := _REQUESTED_HERE.match(line)) \
                and not m["path"].startswith(_SYSTEM):
            found = _user_place(m)
        elif _is_diagnostic(line):  # the next error or warning
            break
    return found or included


def _is_diagnostic(line: str) -> bool:
    """Whether the line is a compiler's error or warning (the regex only where it may be)."""
    return ("error: " in line or "warning: " in line) and _DIAGNOSTIC.match(line) is not None


def _user_place(m: re.Match[str]) -> Location:
    col = m.groupdict().get("col")
    return Location(m["path"], int(m["line"]), int(col) if col else None)


def _subject(msg: str) -> str | None:
    """The symbol the message is about, else the warning flag it names."""
    if m := _SYMBOL.match(msg):
        return (m["a"] or (m["b"] and _declared_name(m["b"])) or m["c"] or m["d"] or (m["e"] and m["e"].strip()) or m["f"]
                or m["g"] or m["h"] or (m["i"] and m["i"].strip()) or m["j"] or m["k"] or m["l"]
                or (m["m"] and _function_name(m["m"])) or (m["n"] and _function_name(m["n"]))
                or (m["o"] and f"{m['p']}::{m['o']}") or m["q"] or m["r"] or m["s"] or m["t"]
                or (m["u"] and _function_name(m["u"])) or (m["v"] and f"{m['w']}::{m['v']}")
                or m["x"] or m["y"] or m["z"] or m["aa"] or m["ab"] or m["ac"] or m["ad"] or m["ae"]
                or m["af"] or m["ag"] or (m["ah"] and _function_name(m["ah"])) or m["ai"]
                or m["aj"] or m["ak"] or m["al"] or m["am"] or m["an"])
    if m := _FLAG.search(msg):
        return m["flag"]
    return None


def _declared_name(quoted: str) -> str:
    """`int helper()`, `double limit`, `int Box::size() const` -> the name; a bare name as is."""
    return _function_name(quoted.split("(", 1)[0])


def _function_name(signature: str) -> str:
    """`void Counter::bump` (a signature cut at its parameters) -> `Counter::bump`."""
    return signature.strip().rsplit(" ", 1)[-1].lstrip("*&")


# gcc's note after `passing 'const X' as 'this' argument discards qualifiers`
_IN_CALL_TO = lazy_re(rf"^{_SOURCE}:\d+:(?:\d+:)? note: +in call to {_Q}(?P<sig>[^'’(]+)")


def _called_function(out: Output, i: int) -> str | None:
    """The function gcc names in the `in call to` note under an error (within its snippet)."""
    for j in range(i + 1, min(i + 6, len(out.lines))):
        line = out.lines[j]
        if " note: " in line:
            if m := _IN_CALL_TO.match(line):
                return _function_name(m["sig"])
            return None
        if _DIAGNOSTIC.match(line):
            return None
    return None


def _driver(m: re.Match[str], message: str, i: int) -> ErrorEvent:
    """`collect2: error: ld returned 1 exit status`, `clang: error: linker command failed`."""
    msg = m["msg"]
    if missing := _NO_INPUT.match(msg):  # a source file named on the command line
        return ErrorEvent(Category.BUILD, Severity.HIGH, m["tool"], message,
                          missing["gcc"] or missing["clang"], None, Rank.ROOT, i)
    if bad := _BAD_OPTION.match(msg):  # a flag of the build's settings (CFLAGS, a typo)
        return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, m["tool"], message, bad["opt"],
                          None, Rank.ROOT, i)
    linking = "ld returned" in msg or "linker command failed" in msg
    return ErrorEvent(Category.BUILD, Severity.HIGH, m["tool"], message, None, None,
                      Rank.SUMMARY if linking else Rank.ERROR, i)


def _linker(out: Output) -> Iterator[ErrorEvent]:
    for i in out.find("undefined reference to "):
        line = out.lines[i]
        if m := _UNDEFINED_REF.search(line):
            where = None
            if p := _REF_PLACE.search(line):
                where = Location(p["path"], int(p["line"]) if p["line"] else None)
            yield _undefined(m["sym"], line, where, i)
    for i in out.find("error: undefined symbol: "):
        line = out.lines[i]
        if m := _UNDEFINED_SYM.search(line):
            where = None
            if r := _REFERENCED_BY.search(out.line(i + 1)):
                where = (Location(r["path"], int(r["line2"])) if r["path"]
                         else Location(r["file"], int(r["line"])))
            yield _undefined(m["sym"], line, where, i)
    for i in out.find("multiple definition of "):
        line = out.lines[i]
        if m := _MULTIPLE_DEF.search(line):
            where = None
            if p := _DEF_PLACE.search(line):
                where = Location(p["path"], int(p["line"]) if p["line"] else None)
            yield _undefined(m["sym"], line, where, i)
    for i in out.find("error: duplicate symbol: "):
        if m := _DUPLICATE_SYM.search(out.lines[i]):
            where = None
            if r := _REFERENCED_BY.search(out.line(i + 1).replace(">>> defined at", ">>> referenced by")):
                where = (Location(r["path"], int(r["line2"])) if r["path"]
                         else Location(r["file"], int(r["line"])))
            yield _undefined(m["sym"], out.lines[i], where, i)
    for needle in ("cannot find -l", "unable to find library -l"):
        for i in out.find(needle):
            if m := _NO_LIBRARY.search(out.lines[i]):
                yield ErrorEvent(Category.DEPENDENCY, Severity.HIGH, "ld", out.lines[i].strip(),
                                 m["lib"], None, Rank.ROOT, i)
    for i in out.find("; recompile with -fPI"):  # -fPIC, -fPIE
        if m := _RELOCATION.search(out.lines[i]):
            line = out.lines[i]
            name = m["a"] or m["b"]
            if name.startswith("."):
                # against a section (`.data', `.rodata'), no symbol: the flag ld asks for
                # (`-fPIC`, `-fPIE`), as a build error's code
                name = line[line.rfind("recompile with ") + 15:].split()[0].rstrip(".")
            yield ErrorEvent(Category.BUILD, Severity.HIGH, "ld", line.strip(), name, None,
                             Rank.ERROR, i)
    for i in out.find("cannot open output file "):
        if m := _OUTPUT_FILE.search(out.lines[i]):
            yield _output_file(m, out.lines[i].strip(), i)
    for i in out.find("Undefined symbols for architecture"):
        if m := _MACH_SYMBOL.match(out.line(i + 1)):
            yield _undefined(m["sym"], out.lines[i], None, i)


def _output_file(m: re.Match[str], message: str, i: int) -> ErrorEvent:
    """The linker cannot write the program: a path the user names (`-o dir`, a folder that is
    not there), a file it may not write, a program still running (`Text file busy`)."""
    why, path = m["why"], m["path"]
    if why == "Permission denied":
        return ErrorEvent(Category.PERMISSION, Severity.HIGH, "ld", message, path, None,
                          Rank.ROOT, i)
    if why in _BUSY:
        return ErrorEvent(Category.RUNTIME, Severity.HIGH, "ld", message, _BUSY[why], None,
                          Rank.ROOT, i)
    return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "ld", message, path, None,
                      Rank.ROOT, i)


def _undefined(symbol: str, line: str, where: Location | None, i: int) -> ErrorEvent:
    message = line.strip().removeprefix("= note:").strip()
    return ErrorEvent(Category.BUILD, Severity.HIGH, "ld", message, symbol.strip(), where,
                      Rank.ERROR, i)


def _sanitizers(out: Output) -> Iterator[ErrorEvent]:
    for i in out.find(": runtime error: "):
        if m := _UBSAN.match(out.lines[i]):
            kind = _UBSAN_KIND_END.split(m["msg"], maxsplit=1)[0]
            yield ErrorEvent(Category.RUNTIME, Severity.CRITICAL, "ubsan", out.lines[i].strip(),
                             kind, Location(m["path"], int(m["line"]), int(m["col"])),
                             Rank.ERROR, i)
    for i in out.find("Sanitizer: "):
        if m := _ASAN.match(out.lines[i]):
            kind = m["kind"] + " "
            for end in _KIND_END:
                kind = kind.split(end, 1)[0]
            kind = kind.strip()
            yield ErrorEvent(Category.RUNTIME, Severity.CRITICAL, m["san"][0].lower() + "san",
                             out.lines[i].strip(), kind, _sanitizer_frame(out, i),
                             Rank.ERROR, i)


def _sanitizer_frame(out: Output, i: int) -> Location | None:
    """The first stack frame in the user's code under a sanitizer report."""
    framed = False  # LSan puts a blank line and `Direct leak of ...` before its frames
    for j in range(i + 1, min(i + 40, len(out.lines))):
        line = out.lines[j]
        if not line.strip():
            if framed:
                return None
            continue
        framed = framed or line.lstrip().startswith("#")
        if (m := _ASAN_FRAME.match(line)) and not any(p in m["path"] for p in _RUNTIME_PATHS):
            return Location(m["path"], int(m["line"]))
    return None


def _stop_message(msg: str) -> str:
    """make's message without its `  Stop.` and final full stop."""
    return msg.removesuffix("  Stop.").removesuffix(".")


def _make(out: Output) -> Iterator[ErrorEvent]:
    for i in out.find(": *** "):
        line = out.lines[i]
        if m := _MAKE_STOP.match(line):
            yield from _make_stop(_stop_message(m["msg"]), line.strip(), i)
        elif m := _MAKEFILE_ERROR.match(line):
            where = Location(m["path"], int(m["line"]))
            if any(s in m["msg"] for s in _MAKEFILE_SYNTAX):
                yield ErrorEvent(Category.SYNTAX, Severity.HIGH, "make", line.strip(), None, where,
                                 Rank.ROOT, i)
            elif v := _MAKEFILE_VARIABLE.search(m["msg"]):
                # a variable make cannot expand (`Recursive variable 'CFLAGS' references itself`:
                # `=` where `+=` was meant), or one a `$(error ...)` guard says must be set
                # (`SDK_ROOT is not set`): the variable is what to fix
                yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "make", line.strip(),
                                 v["a"] or v["b"] or v["c"], where, Rank.ROOT, i)
            else:
                yield ErrorEvent(Category.BUILD, Severity.HIGH, "make", line.strip(), None, where,
                                 Rank.ERROR, i)
    yield from _make_exec(out)


def _make_exec(out: Output) -> Iterator[ErrorEvent]:
    """A recipe's command make could not run: not installed, or not executable. (No
    `out.has("make")` first: `make` is in a hundred lines a MB of any log, a costly literal for
    the shared index, and these needles are rare.)"""
    for needle in (": No such file or directory", ": Command not found", ": Permission denied"):
        for i in out.find(needle):
            if "make" in out.lines[i] and (m := _MAKE_EXEC.match(out.lines[i])):
                after = out.line(i + 1)
                if "No rule to make target" in after and f"'{m['cmd']}'" in after:
                    # `make -f x.mk` on a file that is not there: a makefile, not a command
                    yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "make",
                                     out.lines[i].strip(), m["cmd"], None, Rank.ROOT, i)
                    continue
                denied = m["why"] == "Permission denied"
                yield ErrorEvent(Category.PERMISSION if denied else Category.DEPENDENCY,
                                 Severity.HIGH, "make", out.lines[i].strip(), m["cmd"],
                                 _recipe_place(out, i), Rank.ROOT, i)


_RECAP_SPAN = 40  # how far below a recipe's failure make's recap of it may be (`make -j`)


def _recipe_place(out: Output, i: int) -> Location | None:
    """The makefile line of the recipe that failed at line i, from make's recap of it (`make:
    *** [Makefile:5: gen/api.pb.cc] Error 127`): the command to install or fix is written
    there. The first recap in the lines after i is that recipe's; none (an old make) places
    nothing."""
    for j in out.find(": *** ", i + 1):
        if j > i + _RECAP_SPAN:
            break
        if m := _MAKE_STOP.match(out.lines[j]):
            r = _RECIPE.match(m["msg"])
            return Location(r["path"], int(r["line"])) if r and r["path"] else None
    return None


def _make_includes(out: Output) -> Iterator[ErrorEvent]:
    """An `include` of a file that is not there: placed in the makefile, in the directory the
    (sub-)make entered."""
    for i in out.find(": No such file or directory"):
        if m := _MAKE_INCLUDE.match(out.lines[i]):
            path = m["path"]
            if not path.startswith("/") and (folder := _entered(out, i)):
                path = f"{folder.rstrip('/')}/{path}"
            yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "make", out.lines[i].strip(),
                             m["file"], Location(path, int(m["line"])), Rank.ROOT, i)


def _entered(out: Output, i: int) -> str | None:
    """The directory a sub-make announced it entered, if it has not left it since."""
    for j in range(i - 1, max(-1, i - 200), -1):
        line = out.lines[j]
        if "Leaving directory" in line:
            return None
        if "Entering directory" in line and (m := _ENTERING.match(line)):
            return m["dir"]
    return None


def _pkg_config(out: Output) -> Iterator[ErrorEvent]:
    """pkg-config cannot find a package (`$(pkg-config --cflags x)` in a command or makefile);
    once a package, at its first line. cmake echoes these lines as `-- ` messages and
    reports the failure itself: those are read with its error."""
    seen: set[str] = set()
    for needle in ("pkg-config search path", "\nNo package '", "', not found"):
        for i in out.find(needle):
            line = out.lines[i]
            if not line.startswith("--") and (m := _PKG_CONFIG.match(line)):
                package = m["a"] or m["b"] or m["c"]
                if package not in seen:
                    seen.add(package)
                    yield ErrorEvent(Category.DEPENDENCY, Severity.HIGH, "pkg-config",
                                     line.strip(), package, None, Rank.ROOT, i)


def _cmake_pkg_config(out: Output, i: int) -> str | None:
    """The module `pkg_check_modules` looked for, in the `-- ` lines pkg-config left above."""
    for j in range(i - 1, max(-1, i - 12), -1):
        line = out.lines[j]
        if line.startswith("--") and (m := _PKG_CONFIG.match(line)):
            return m["a"] or m["b"] or m["c"]
    return None


def _cmake_caller(out: Output, i: int) -> Location | None:
    """For an error raised inside one of cmake's own modules, the user's call in the call
    stack below it (`Call Stack (most recent call first):`)."""
    for j in range(i + 1, min(i + 40, len(out.lines))):
        line = out.lines[j]
        if line.startswith("Call Stack"):
            for k in range(j + 1, min(j + 20, len(out.lines))):
                f = _CMAKE_FRAME.match(out.lines[k])
                if not f:
                    return None
                if not f["path"].startswith(_CMAKE_SYSTEM):
                    return Location(f["path"], int(f["line"]))
            return None
        if line and not line[0].isspace():
            return None
    return None


def _cmake_usage(out: Output, i: int) -> ErrorEvent | None:
    """cmake run on the wrong folder, or with a generator it does not have: `configuration`."""
    if not (m := _CMAKE_USAGE.match(out.lines[i])):
        return None
    if m["how"]:
        subject = m["src"] if m["how"] == "does not exist" else "CMakeLists.txt"
    elif m["load"]:
        subject = "CMakeCache.txt"  # `cmake --build` on a folder never configured
    else:
        subject = m["cache"] or m["gen"] or m["dir"] or m["file"] or m["arg"]
    where = None
    if m["file"] and (at := _CMAKE_AT.match(out.line(i + 1))):
        where = Location(at["path"], int(at["line"]))
    return ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "cmake", out.lines[i].strip(),
                      subject, where, Rank.ROOT, i)


def _cmake(out: Output) -> Iterator[ErrorEvent]:
    if out.tool == "cmake":  # `cmake --build` says `Error: ...` and stops: its first (and a
        # longer log's last) lines
        for i in sorted({*range(min(len(out.lines), 4)), *out.ending(4)}):
            if out.lines[i].startswith("Error: ") and (event := _cmake_usage(out, i)):
                yield event
    for i in out.find("\nCMake Error"):  # both forms start their line
        line = out.lines[i]
        if line.startswith("CMake Error: The following variables are used in this project, but "
                           "they are set to NOTFOUND"):
            # find_library / find_path / find_program found nothing: a library, header or tool
            # the machine lacks. The variables follow, each on a line of its own (after `Please
            # set them ...:`; `ZLIB_LIBRARY (ADVANCED)` for a cache entry marked advanced), with
            # `linked by target` / `used as include directory` indented under it; the library's
            # own name is not printed: the first variable, as printed
            variable = next((v.split()[0] for v in out.lines[i + 1:i + 6]
                             if v[:1] not in ("", " ", "\t") and not v.startswith("Please set ")
                             and (" " not in v or v.endswith(" (ADVANCED)"))), None)
            yield ErrorEvent(Category.DEPENDENCY, Severity.HIGH, "cmake", line.strip(), variable,
                             None, Rank.ROOT, i)
            continue
        if line.startswith("CMake Error: ") and (event := _cmake_usage(out, i)):
            yield event
            continue
        if m := _CMAKE_AT.match(line):
            where = Location(m["path"], int(m["line"]))
            if m["path"].startswith(_CMAKE_SYSTEM):
                where = _cmake_caller(out, i) or where
            category, subject, rank = Category.BUILD, m["cmd"], Rank.ERROR
            net = None
            for j in range(i + 1, min(i + 30, len(out.lines))):
                body = out.lines[j]
                if body and not body[0].isspace():
                    break
                if body.strip().startswith("Parse error."):
                    category, subject, rank = Category.SYNTAX, None, Rank.ROOT
                    break
                if " cannot " in body and (denied := _CMAKE_DENIED.match(body)):
                    # install() / file() writing where the user may not (`cmake --install` into
                    # /usr/local): the path it could not create or copy to (wrapped: `to "x"`)
                    path = denied["dir"] or denied["mkdir"] or denied["to"] or next(
                        (t["to"] for t in map(_CMAKE_COPY_TO.search, out.lines[j + 1:j + 4]) if t),
                        None)
                    category, subject, rank = Category.PERMISSION, path and path.rstrip("."), Rank.ROOT
                    break
                if body.startswith("    error: downloading '") and (net := _cmake_download(out, j)):
                    # ExternalProject / FetchContent's URL download (curl's code and log under
                    # it): the network's failure, not the step's own generated script's
                    break
                if _CMAKE_COMPILER.match(body):
                    category, subject, rank = Category.DEPENDENCY, None, Rank.ROOT
                    if body.endswith(":"):
                        subject = next((v.strip().rstrip(".") for v in out.lines[j + 1:j + 4]
                                        if v.strip()), None)
                    break
                if _CMAKE_TOO_OLD.match(body):
                    category, subject, rank = Category.CONFIGURATION, "cmake", Rank.ROOT
                    break
                if p := _CMAKE_PACKAGE.match(body):
                    package = p["a"] or p["b"] or p["c"]
                    if package is None and (item := _PKG_ITEM.match(out.line(j + 1))):
                        package = item["pkg"]
                    if package is None:
                        package = _cmake_pkg_config(out, i)
                    category, subject, rank = Category.DEPENDENCY, package, Rank.ROOT
                    break
                if "target" in body and (t := _CMAKE_TARGET.search(body)):
                    # a target the project lacks (a typo), or one given no sources
                    subject = t["target"] or t["props"] or t["nosrc"]
                    break
                if j == i + 1 and (value := _cmake_value(out, j)):
                    subject = value
                    break
            if net:
                yield net
                continue
            if m["cmd"] == "message" and subject == "message":
                category, subject, rank = _cmake_message(out, i)
            elif m["cmd"] == "add_subdirectory" and (folder := _cmake_subdirectory(out, i)):
                # a folder the checkout lacks or left empty (a submodule not initialised)
                category, subject, rank = Category.CONFIGURATION, folder, Rank.ROOT
            yield ErrorEvent(category, Severity.HIGH, "cmake", line.strip(), subject, where,
                             rank, i)


# file(INSTALL) (install()'s rules) and file(MAKE_DIRECTORY) where the user may not write: `file
# cannot create directory: /usr/local/bin.  Maybe need administrative privileges.`, `file INSTALL
# cannot copy file "/p/build/app" to "/usr/local/bin/app": Permission denied.` (wrapped over
# lines, the `to "x"` on a line of its own), `file INSTALL cannot make directory "/x": ..`
_CMAKE_DENIED = lazy_re(r"^\s+file (?:cannot create directory: (?P<dir>\S+)"
                        r"|[A-Z_]+ cannot make directory \"(?P<mkdir>[^\"]+)\""
                        r"|INSTALL cannot copy file(?:$| \"[^\"]*\"(?: to \"(?P<to>[^\"]+)\")?))")
_CMAKE_COPY_TO = lazy_re(r"^\s+to \"(?P<to>[^\"]+)\"")
# ExternalProject's download step: `error: downloading 'http://h:9/x.tar.gz' failed`, then
# `status_code: 7`, `status_string: "Couldn't connect to server"` and curl's log (`Failed to
# connect to 127.0.0.1 port 9 after 0 ms: ..`)
_CMAKE_DOWNLOAD = lazy_re(r"^\s+error: downloading '[a-z]+://(?:[^@/'\s]*@)?(?P<host>[^/:'\s]+)"
                          r"(?::(?P<port>\d+))?")
_CURL_STATUS = lazy_re(r"^\s+status_code: (?P<code>\d+)$")
_CURL_CONNECT = lazy_re(r"^\s+Failed to connect to (?P<host>[\w.-]+|\[[\w:.]+\]) port (?P<port>\d+)")


def _cmake_download(out: Output, j: int) -> ErrorEvent | None:
    """A download of ExternalProject (FetchContent) that failed on the network: `network`,
    subject the `host:port` curl could not reach (the URL's, else curl's log's)."""
    if not (url := _CMAKE_DOWNLOAD.match(out.lines[j])):
        return None
    if not (code := _CURL_STATUS.match(out.line(j + 1))) or code["code"] not in CURL_NETWORK_CODES:
        return None
    host, port = url["host"], url["port"]
    if port is None:
        for k in range(j + 2, min(j + 16, len(out.lines))):
            if "Failed to connect to " in out.lines[k] and (c := _CURL_CONNECT.match(out.lines[k])):
                port = c["port"]
                break
    return ErrorEvent(Category.NETWORK, Severity.HIGH, "cmake", out.lines[j].strip(),
                      f"{host}:{port}" if port else host, None, Rank.ROOT, j)


def _cmake_subdirectory(out: Output, i: int) -> str | None:
    """The folder an `add_subdirectory` error names as missing: `add_subdirectory given source
    "x" which is not an existing directory.`, or `The source directory` / the path on a line of
    its own / `does not contain a CMakeLists.txt file.` (a submodule not checked out); `None`
    for its other errors (wrong arguments, an out-of-tree source without a binary folder)."""
    words = []
    for j in range(i + 1, min(i + 8, len(out.lines))):
        body = out.lines[j]
        if body and not body[0].isspace():
            break
        if body.strip() == "The source directory":
            for k in range(j + 1, min(j + 4, len(out.lines))):
                if value := out.lines[k].strip():
                    return value if " " not in value else None
        if body.strip():
            words.append(body.strip())
    m = _CMAKE_SOURCE.search(" ".join(words))
    return m["src"] if m else None


def _cmake_message(out: Output, i: int) -> tuple[Category, str | None, Rank]:
    """The project's own `message(FATAL_ERROR ...)`: a check of how it is built (an env var or
    option not set, a platform it does not support): `configuration`, naming the variable its
    words name (`SDK_ROOT is not set`); `dependency` when it says something is not found."""
    words = []
    for j in range(i + 1, min(i + 12, len(out.lines))):
        body = out.lines[j]
        if body and not body[0].isspace():
            break
        words.append(body.strip())
    text = " ".join(words)
    if m := _CMAKE_NOT_FOUND.search(text):
        return Category.DEPENDENCY, m["a"] or m["b"], Rank.ROOT
    name = _CMAKE_VARIABLE.search(text)
    return Category.CONFIGURATION, name[0] if name else None, Rank.ROOT


def _cmake_value(out: Output, j: int) -> str | None:
    """The value a message line ending in `:` sets apart below it (blank line, deeper indent)."""
    if not (m := _CMAKE_VALUE.match(out.lines[j])):
        return None
    for k in range(j + 1, min(j + 4, len(out.lines))):
        line = out.lines[k]
        if not line.strip():
            continue
        value = line.strip()
        deeper = len(line) - len(line.lstrip()) > len(m["indent"])
        return value if deeper and " " not in value else None
    return None


def _make_stop(msg: str, message: str, i: int) -> Iterator[ErrorEvent]:
    if m := _RECIPE.match(msg):  # the usual `[target] Error N` first: one regex for most lines
        where = Location(m["path"], int(m["line"])) if m["path"] else None
        if _TEST_TARGET.fullmatch(m["target"]):
            # the conventional test targets (`make test`, `make check`): their recipe ran the
            # tests and they failed (a compile error of the tests, read above, comes first)
            yield ErrorEvent(Category.TEST, Severity.HIGH, "make", message, None, None,
                             Rank.SUMMARY, i)
            return
        yield ErrorEvent(Category.BUILD, Severity.HIGH, "make", message, m["target"], where,
                         Rank.SUMMARY, i)
    elif m := _RECIPE_SIGNAL.match(msg):
        where = Location(m["path"], int(m["line"])) if m["path"] else None
        yield ErrorEvent(Category.RUNTIME, Severity.CRITICAL, "make", message,
                         _SIGNALS[m["sig"]], where, Rank.ERROR, i)
    elif m := _NO_RULE.match(msg):
        yield ErrorEvent(Category.BUILD, Severity.HIGH, "make", message, m["target"], None,
                         Rank.ROOT, i)
    elif m := _MAKE_NO_DIR.match(msg):  # `make -C dir` / `-f file`: a path the user names
        yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "make", message, m["path"], None,
                         Rank.ROOT, i)
    elif msg.startswith("No targets"):
        yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "make", message, "Makefile", None,
                         Rank.ROOT, i)


def _ctest(out: Output) -> Iterator[ErrorEvent]:
    """ctest's failed tests: `test` (the subject is the test's name, the place the first source
    line its output names), a crash `runtime` by its signal, a test whose program is not there
    (not built) `build`; then its recap."""
    statuses = [i for needle in _CTEST_STATUSES for i in out.find(needle)]
    for i in sorted(statuses) if len(statuses) > 1 else statuses:
        line = out.lines[i]
        if " Test " not in line or not (m := _CTEST.match(line)):
            continue
        what, name = m["what"], m["name"]
        where = _ctest_place(out, i, m["num"])
        if what.startswith("Exception") and m["exc"] in _CTEST_EXCEPTIONS:
            yield ErrorEvent(Category.RUNTIME, Severity.CRITICAL, "ctest", line.strip(),
                             _CTEST_EXCEPTIONS[m["exc"]], where, Rank.ERROR, i)
        elif what == "Not Run":
            exe = _ctest_missing_exe(out, i)
            yield ErrorEvent(Category.BUILD if exe else Category.TEST, Severity.HIGH, "ctest",
                             line.strip(), exe or name, where, Rank.ERROR, i)
        else:
            yield ErrorEvent(Category.TEST, Severity.HIGH, "ctest", line.strip(), name, where,
                             Rank.ERROR, i)
    # a run that found nothing to run (no add_test, a -R / -L that selects nothing): ctest stops
    # before any test (`No tests were found!!!`; an error with --no-tests=error)
    for i in out.find("\nNo tests were found"):
        yield ErrorEvent(Category.CONFIGURATION, Severity.HIGH, "ctest", out.lines[i].strip(),
                         _ctest_selection(out.command), None, Rank.ROOT, i)
    for i in out.find("tests failed out of "):
        if out.lines[i].startswith("100% tests passed"):
            continue  # `100% tests passed, 0 tests failed out of 3`: nothing failed
        yield ErrorEvent(Category.TEST, Severity.HIGH, "ctest", out.lines[i].strip(), None, None,
                         Rank.SUMMARY, i)


_CTEST_SELECT = lazy_re(r"(?:^|\s)(?:-R|--tests-regex|-L|--label-regex)(?:\s+|=)(?P<q>['\"]?)(?P<pattern>[^\s'\"]+)(?P=q)")


def _ctest_selection(command: str | None) -> str | None:
    """The pattern a ctest command line selects its tests by (`-R parse`), if any."""
    if command and "ctest" in command and (m := _CTEST_SELECT.search(command[command.find("ctest"):])):
        return m["pattern"]
    return None


def _ctest_place(out: Output, i: int, num: str) -> Location | None:
    """The first source place in a failed test's output: below its status line
    (--output-on-failure), or above it on the lines ctest -V prefixes with `<num>: `."""
    for j in range(i + 1, min(i + 40, len(out.lines))):
        line = out.lines[j]
        if _CTEST_NEXT.match(line):
            break
        if (p := _OUTPUT_PLACE.search(line)) and not p["path"].startswith(_SYSTEM):
            return Location(p["path"], int(p["line"]))
    prefix = f"{num}: "
    for j in range(max(0, i - 200), i):
        line = out.lines[j]
        if line.startswith(prefix) and (p := _OUTPUT_PLACE.search(line)) \
                and not p["path"].startswith(_SYSTEM) and "Test command:" not in line:
            return Location(p["path"], int(p["line"]))
    return None


def _ctest_missing_exe(out: Output, i: int) -> str | None:
    """`Could not find executable x` (or `Unable to find executable: x`) above a Not Run test."""
    for j in range(i - 1, max(-1, i - 30), -1):
        if m := _NOT_FOUND_EXE.match(out.lines[j]):
            return m["exe"]
        if _CTEST.match(out.lines[j]):
            break
    return None


def _terminate(out: Output) -> Iterator[ErrorEvent]:
    """An uncaught C++ exception: std::terminate aborts the program; the type is the subject."""
    for needle in ("\nterminate called ", "\nlibc++abi: terminating "):
        for i in out.find(needle):
            if m := _TERMINATE.match(out.lines[i]):
                message = out.lines[i].strip()
                if i + 1 < len(out.lines) and out.lines[i + 1].lstrip().startswith("what():"):
                    message += " " + out.lines[i + 1].strip()
                yield ErrorEvent(Category.RUNTIME, Severity.CRITICAL, "c++", message,
                                 m["a"] or m["b"] or "SIGABRT", None, Rank.ERROR, i)
    for i in out.find(": error while loading shared libraries: "):
        if m := _LOADER.match(out.lines[i]):
            yield ErrorEvent(Category.DEPENDENCY, Severity.HIGH, "ld.so", out.lines[i].strip(),
                             m["lib"], None, Rank.ROOT, i)


# glibc's own checks abort the program with the bug they found: `*** stack smashing detected
# ***: terminated` (-fstack-protector), `*** buffer overflow detected ***: terminated`
# (_FORTIFY_SOURCE); glibc < 2.32 also names the program, `***: ./app terminated`
_GLIBC_DETECTED = lazy_re(r"^\*\*\* (?P<bug>[a-z][\w -]*?) detected \*\*\*: ")


def _glibc_checks(out: Output) -> Iterator[ErrorEvent]:
    """A bug glibc caught at run time: a crash (SIGABRT follows), named like a sanitizer's
    finding, the kind of bug as printed without `detected`. Under ctest the failure is the
    test's (read with it), as for assert()."""
    for i in out.find(" detected ***: "):
        if m := _GLIBC_DETECTED.match(out.lines[i]):
            if out.tool == "ctest" or out.has("Test project "):
                return
            yield ErrorEvent(Category.RUNTIME, Severity.CRITICAL, "glibc", out.lines[i].strip(),
                             m["bug"], None, Rank.ERROR, i)


def _asserts(out: Output) -> Iterator[ErrorEvent]:
    """A failed assert() of a C program aborts it: a crash named by its signal, at the assert.
    Under ctest the failure is the test's (read with it); so it is in the recipe of a test
    target (`make test`, `make check`), whose test program checks with assert()."""
    for i in out.find(": Assertion "):
        line = out.lines[i]
        if line.endswith("failed.") and (m := _ASSERT.match(line)):
            if out.tool == "ctest" or out.has("Test project "):
                return
            where = Location(m["path"], int(m["line"]))
            if _in_test_target(out, i):
                yield ErrorEvent(Category.TEST, Severity.HIGH, "assert", line.strip(), None,
                                 where, Rank.ERROR, i)
                continue
            yield ErrorEvent(Category.RUNTIME, Severity.CRITICAL, "assert", line.strip(), "SIGABRT",
                             where, Rank.ERROR, i)


def _in_test_target(out: Output, i: int) -> bool:
    """Whether the first recipe make stopped on after line i is a test target's (`[Makefile:5:
    test] Aborted`, `[check] Error 134`: the program the recipe ran was the tests)."""
    for j in out.find(": *** "):
        if j > i and (m := _MAKE_STOP.match(out.lines[j])):
            r = _RECIPE.match(m["msg"]) or _RECIPE_SIGNAL.match(m["msg"])
            return bool(r) and _TEST_TARGET.fullmatch(r["target"]) is not None
    return False


def _harness(out: Output) -> Iterator[ErrorEvent]:
    """A test program's own failed checks (make test, ./test_x): `test`, named by the harness
    when it names the test, at the file and line it prints. Under ctest the failure is the
    test's (read with it)."""
    if out.tool == "ctest" or out.has("Test project "):
        return
    seen = set()
    for needle in (":FAIL", ": FAIL", ":F:", "\nFAIL "):
        for i in out.find(needle):
            if i in seen or not (m := _HARNESS.match(out.lines[i])):
                continue
            seen.add(i)
            if m["gpath"]:
                where = Location(m["gpath"], int(m["gline"]))
            else:
                where = Location(m["path"], int(m["line"]))
            yield ErrorEvent(Category.TEST, Severity.HIGH, _tool(out), out.lines[i].strip(),
                             m["unity"] or m["check"] or m["greatest"], where, Rank.ERROR, i)
    for i in out.find("\n[  FAILED  ] "):
        if m := _GTEST_FAILED.match(out.lines[i]):
            yield ErrorEvent(Category.TEST, Severity.HIGH, "gtest", out.lines[i].strip(),
                             m["name"], _gtest_place(out, i, m["name"]), Rank.ERROR, i)


def _gtest_place(out: Output, i: int, name: str) -> Location | None:
    """The first `file:line: Failure` of a gtest test, between its `[ RUN      ]` and `[  FAILED  ]`."""
    found = None
    for j in range(i - 1, max(-1, i - 200), -1):
        line = out.lines[j]
        if line.startswith("[ RUN      ] "):
            break
        if (": Failure" in line or "): error: " in line) and (m := _GTEST_FAILURE.match(line)):
            found = Location(m["path"], int(m["line"] or m["line2"]))
    return found
