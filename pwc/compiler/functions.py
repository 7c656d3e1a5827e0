"""The functions and methods rules can call: one table, read by the checker
(types) and lowering (which stdlib function runs), and listed in
docs/language.md (a test checks the docs name every entry).

A method is called on a value (`s.startsWith("/api")`); a function by its
name, namespaced as in CEL's extensions (`base64.encode(s)`, `sha256(s)`).
A function of a pattern (`s.matches(re)`, `regex.replace(s, re, t)`) takes
it as a literal: the checker compiles it with the filter and lowering
generates a function for it.  `size` and the conversions (`int`, `string`,
`timestamp`) take several types and the macros (`exists`, `filter`, ...)
bind a variable: their tables are at the end, and the checker and lowering
treat them themselves.

Every function here is total on its inputs: decoders of client data answer
"" for malformed input (the `valid` functions tell), so a value a client
sends never fails a rule; only running out of scratch memory does.
"""

from __future__ import annotations


from .types import BOOL, CIDR, DOUBLE, DURATION, DYN, INT, IP, LIST, STRING, TEXT_VALUES, TIMESTAMP, Type
from .records import record

INT64_MAX = 2**63 - 1


@record(frozen=True)
class Function:
    params: tuple[Type, ...]
    result: Type
    stdlib: str  # the pwc/stdlib function lowering calls, with the receiver first for a method
    doc: str
    receiver: Type | None = None  # a method's receiver type
    # A function of a literal pattern: which argument is the pattern (and the
    # template), and the kind of function lowering generates for it (ir.RegexFunction).
    regex_kind: str = ""
    pattern_arg: int = 0
    template_arg: int | None = None
    # Trailing parameters that may be left out: (type, the value lowering passes
    # instead: an int, or 0 for a string, which is the empty string).
    optional: tuple[tuple[Type, int], ...] = ()
    # The stdlib function takes the call's site first: the prefix of the
    # shared-data keys this call alone uses (lower_state.site).
    site: bool = False

    def accepts(self, count: int) -> bool:
        return len(self.params) <= count <= len(self.params) + len(self.optional)

    def arity(self) -> str:
        """How many arguments it takes, for a message: `1`, `1 or 2`."""
        low, high = len(self.params), len(self.params) + len(self.optional)
        return str(low) if low == high else f"{low} or {high}" if high == low + 1 else f"{low} to {high}"


def _string_to_string(stdlib: str, doc: str) -> Function:
    return Function((STRING,), STRING, stdlib, doc)


def _method(params: tuple[Type, ...], result: Type, stdlib: str, doc: str) -> Function:
    return Function(params, result, stdlib, doc, receiver=STRING)


# Called on a value: `s.NAME(args)`.
METHODS: dict[str, Function] = {
    "startsWith": _method((STRING,), BOOL, "str_starts_with", "whether the string starts with the argument"),
    "endsWith": _method((STRING,), BOOL, "str_ends_with", "whether the string ends with the argument"),
    "contains": _method((STRING,), BOOL, "str_contains", "whether the argument occurs in the string"),
    "lowerAscii": _method((), STRING, "str_lower_ascii", "ASCII letters in lower case"),
    "upperAscii": _method((), STRING, "str_upper_ascii", "ASCII letters in upper case"),
    "trim": _method((), STRING, "str_trim", "without leading and trailing ASCII white space"),
    "matches": Function((STRING,), BOOL, "", "whether the pattern matches anywhere (RE2)", receiver=STRING,
                        regex_kind="match"),
    "find": Function((STRING,), STRING, "", "the first match of the pattern, \"\" if none", receiver=STRING,
                     regex_kind="find"),
    "findAll": Function((STRING,), LIST, "", "every match of the pattern, left to right", receiver=STRING,
                        regex_kind="findall"),
    # cel-go's strings extension; indices count code points, as `size` does, and are clamped.
    "indexOf": _method((STRING,), INT, "str_index_of", "the index of the first occurrence, -1 if none"),
    "lastIndexOf": _method((STRING,), INT, "str_last_index_of", "the index of the last occurrence, -1 if none"),
    "substring": Function((INT,), STRING, "str_substring", "code points [start, end), indices clamped",
                          receiver=STRING, optional=((INT, INT64_MAX),)),
    "charAt": _method((INT,), STRING, "str_char_at", "the code point at an index, \"\" outside the string"),
    "replace": _method((STRING, STRING), STRING, "str_replace", "every occurrence of the first argument replaced"),
    "split": Function((STRING,), LIST, "str_split", "the pieces between separators (at most n with a second "
                      "argument)", receiver=STRING, optional=((INT, -1),)),
    "join": Function((), STRING, "list_join", "the items joined by the separator (\"\" when left out)",
                     receiver=LIST, optional=((STRING, 0),)),
    # Kubernetes CEL's ip and cidr libraries.
    "containsIP": Function((IP,), BOOL, "cidr_text_contains_ip", "whether the network holds the address",
                           receiver=CIDR),
    "family": Function((), INT, "ip_text_family", "4 or 6 (0 for an invalid ip)", receiver=IP),
    "isLoopback": Function((), BOOL, "ip_text_is_loopback", "127.0.0.0/8 or ::1", receiver=IP),
    "isUnspecified": Function((), BOOL, "ip_text_is_unspecified", "0.0.0.0 or ::", receiver=IP),
}

# Called by name: `NAME(args)` or `NAMESPACE.NAME(args)`.
FUNCTIONS: dict[str, Function] = {
    # encodings (decoders answer "" for malformed input; `valid` tells)
    "base64.encode": _string_to_string("b64_encode", "standard base64 (RFC 4648), padded"),
    "base64.decode": _string_to_string("b64_decode", "the bytes of padded standard base64; \"\" if malformed"),
    "base64.valid": Function((STRING,), BOOL, "b64_valid", "whether `base64.decode` accepts the string"),
    "base64url.encode": _string_to_string("b64url_encode", "URL-safe base64 (`-`, `_`), unpadded"),
    "base64url.decode": _string_to_string("b64url_decode", "URL-safe base64, padded or not; \"\" if malformed"),
    "base64url.valid": Function((STRING,), BOOL, "b64url_valid", "whether `base64url.decode` accepts the string"),
    "hex.encode": _string_to_string("hex_encode", "two lowercase hex digits per byte"),
    "url.encode": _string_to_string("url_encode", "every byte but `A-Z a-z 0-9 - . _ ~` as `%XX`"),
    "url.decode": _string_to_string("url_decode", "`%XX` decoded (`+` stays `+`); \"\" if a `%` is malformed"),
    "url.valid": Function((STRING,), BOOL, "url_valid", "whether `url.decode` accepts the string"),
    # hashes: digests are raw bytes (`hex.encode(sha256(s))` prints one)
    "sha1": _string_to_string("sha1", "the SHA-1 digest: 20 raw bytes"),
    "sha256": _string_to_string("sha256", "the SHA-256 digest: 32 raw bytes"),
    "sha512": _string_to_string("sha512", "the SHA-512 digest: 64 raw bytes"),
    "hmac_sha1": Function((STRING, STRING), STRING, "hmac_sha1", "HMAC-SHA-1 (key, message): 20 raw bytes"),
    "hmac_sha256": Function((STRING, STRING), STRING, "hmac_sha256", "HMAC-SHA-256 (key, message): 32 raw bytes"),
    "hmac_sha512": Function((STRING, STRING), STRING, "hmac_sha512", "HMAC-SHA-512 (key, message): 64 raw bytes"),
    "crc32": Function((STRING,), INT, "crc32", "CRC-32 (IEEE, as zlib), 0 to 2^32-1"),
    "fnv1a": Function((STRING,), INT, "fnv1a", "64-bit FNV-1a, top bit cleared, 0 to 2^63-1: stable buckets"),
    # patterns (literal, compiled with the filter)
    "regex.extract": Function((STRING, STRING), STRING, "", "the first match's first group (the whole match without "
                              "groups), \"\" if none", regex_kind="extract", pattern_arg=1),
    "regex.replace": Function((STRING, STRING, STRING), STRING, "", "every match replaced by the template (`$1`)",
                              regex_kind="replace", pattern_arg=1, template_arg=2),
    # networks (Kubernetes CEL)
    "ip": Function((STRING,), IP, "ip_canonical", "an IPv4 or IPv6 address (the invalid ip when malformed)"),
    "cidr": Function((STRING,), CIDR, "cidr_canonical", "a network ADDR/PREFIX (the invalid cidr when malformed)"),
    "isIP": Function((STRING,), BOOL, "ip_is_valid", "whether `ip` accepts the string"),
    "isCIDR": Function((STRING,), BOOL, "cidr_is_valid", "whether `cidr` accepts the string"),
    # JSON values (stdlib/dyn.wat)
    "json.decode": Function((STRING,), DYN, "json_decode", "the JSON value of the text; null when it is not JSON"),
    "json.encode": Function((DYN,), STRING, "json_encode", "the canonical JSON text of the value (`null` for null)"),
    "jwt.decode": Function((STRING,), DYN, "jwt_decode",
                           "a compact JWS's claims, signature NOT checked; null when the token is malformed"),
    "jwt.verify_hs256": Function((STRING, STRING), BOOL, "jwt_verify_hs256",
                                 "whether the token's header says HS256 and its signature is the HMAC-SHA-256 "
                                 "of its first two parts under the key (a non-empty key)"),
    # state shared by the Envoy's workers (stdlib/shared.wat)
    "once": Function((STRING, DURATION), BOOL, "once_first", "true the first time the key is seen within the "
                     "window, on this Envoy (each `once` keeps its own keys; at most 65,536 live)", site=True),
    # time
    "http_date": Function((TIMESTAMP,), STRING, "ts_http_date_text", "IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`)"),
}

# Names that read a value a stdlib function computes.
VALUES: dict[str, Function] = {
    "now": Function((), TIMESTAMP, "ts_now", "the host's clock when the rule runs"),
}

NAMESPACES = frozenset(name.split(".")[0] for name in FUNCTIONS if "." in name)

# Conversions take several types: name -> (argument types, result).
CONVERSIONS = {"int": (STRING, INT, DOUBLE, TIMESTAMP, DYN),
               "string": (INT, DOUBLE, STRING, BOOL, *TEXT_VALUES, TIMESTAMP, DYN),
               "double": (STRING, INT, DOUBLE, DYN), "timestamp": (STRING, INT), "bool": (BOOL, DYN),
               "duration": (STRING, DURATION)}
CONVERSION_RESULTS = {"int": INT, "string": STRING, "double": DOUBLE, "timestamp": TIMESTAMP, "bool": BOOL,
                      "duration": DURATION}

# CEL's macros: name -> (result type, argument counts: the variable, then the body).
MACROS = {"exists": (BOOL, (2,)), "all": (BOOL, (2,)), "exists_one": (BOOL, (2,)), "filter": (LIST, (2,)),
          "map": (LIST, (2, 3))}

# Arithmetic on timestamps: (operator, left, right) -> result.
TIMESTAMP_ARITHMETIC = {("+", TIMESTAMP, DURATION): TIMESTAMP, ("+", DURATION, TIMESTAMP): TIMESTAMP,
                        ("-", TIMESTAMP, DURATION): TIMESTAMP, ("-", TIMESTAMP, TIMESTAMP): DURATION}
