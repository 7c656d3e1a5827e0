-- A small strict JSON decoder and encoder in plain Lua 5.1 (Envoy's Lua
-- filter runs LuaJIT and has no JSON library), written for bench/bodies.py
-- so that Lua can do the same JSON work as pwc's request.json: parse the
-- whole body strictly, read a key, remove a key and write the document
-- again as canonical text (no white space, keys in the document's order,
-- non-ASCII kept as UTF-8: Python's json.dumps(v, ensure_ascii=False,
-- separators=(",", ":"))).
--
-- Strict as pwc is (RFC 8259): nothing after the value, no trailing
-- commas, no leading zeros, no control characters in strings, no
-- repeated keys, UTF-8 checked, at most 32 levels of nesting; anything
-- else decodes to nil.  Objects are {keys = {...}, map = {...}} with the
-- metatable json.OBJECT (the key list keeps the document's order),
-- lists plain tables with json.LIST, and JSON null is json.null.
-- Numbers become Lua numbers (doubles): an integral one is written back
-- as an integer, any other in the shortest of %.15g..%.17g that reads
-- back the same (pwc would write 1.0 as 1.0; the bench's documents
-- hold integers only).

local json = {OBJECT = {}, LIST = {}, null = setmetatable({}, {__tostring = function() return "null" end})}
local OBJECT, LIST, NULL = json.OBJECT, json.LIST, json.null
local byte, sub, find, char, format, gsub = string.byte, string.sub, string.find, string.char, string.format, string.gsub
local concat, floor = table.concat, math.floor
local MAX_DEPTH = 32

local function fail(at, what)
  error({json = what .. " at byte " .. at}, 0)
end

local function skip(s, at)
  return find(s, "[^ \t\r\n]", at) or #s + 1
end

-- Where the next byte past ASCII is, from the last place looked at: kept
-- between strings so that a document without one is searched once, not once
-- a string (reset by decode_all).
local high_at = 0

local function check_utf8(s, from, to)
  if high_at < from then high_at = find(s, "[\128-\255]", from) or #s + 1 end
  local at = high_at
  while at <= to do
    local c, n = byte(s, at), 0
    if c >= 0xC2 and c <= 0xDF then n = 1 elseif c >= 0xE0 and c <= 0xEF then n = 2
    elseif c >= 0xF0 and c <= 0xF4 then n = 3 else fail(at, "not UTF-8") end
    if at + n > to then fail(at, "not UTF-8") end
    for k = 1, n do
      local d = byte(s, at + k)
      if d < 0x80 or d > 0xBF then fail(at, "not UTF-8") end
    end
    local d = byte(s, at + 1)  -- overlong forms, surrogates, past U+10FFFF
    if (c == 0xE0 and d < 0xA0) or (c == 0xED and d > 0x9F) or (c == 0xF0 and d < 0x90) or (c == 0xF4 and d > 0x8F) then
      fail(at, "not UTF-8")
    end
    at = find(s, "[\128-\255]", at + n + 1) or #s + 1
  end
  high_at = at
end

local function utf8_of(cp)
  if cp < 0x80 then return char(cp) end
  if cp < 0x800 then return char(0xC0 + floor(cp / 0x40), 0x80 + cp % 0x40) end
  if cp < 0x10000 then
    return char(0xE0 + floor(cp / 0x1000), 0x80 + floor(cp / 0x40) % 0x40, 0x80 + cp % 0x40)
  end
  return char(0xF0 + floor(cp / 0x40000), 0x80 + floor(cp / 0x1000) % 0x40, 0x80 + floor(cp / 0x40) % 0x40,
              0x80 + cp % 0x40)
end

local function hex4(s, at)
  local digits = sub(s, at, at + 3)
  if not find(digits, "^%x%x%x%x$") then fail(at, "bad \\u escape") end
  return tonumber(digits, 16), at + 4
end

local function code_point(s, at)  -- at: the u of \uXXXX; a surrogate must come in a pair
  local cp, after = hex4(s, at + 1)
  if cp >= 0xDC00 and cp <= 0xDFFF then fail(at, "lone surrogate") end
  if cp >= 0xD800 and cp <= 0xDBFF then
    if sub(s, after, after + 1) ~= "\\u" then fail(at, "lone surrogate") end
    local low
    low, after = hex4(s, after + 2)
    if low < 0xDC00 or low > 0xDFFF then fail(at, "lone surrogate") end
    cp = 0x10000 + (cp - 0xD800) * 0x400 + (low - 0xDC00)
  end
  return utf8_of(cp), after
end

local UNESCAPE = {['"'] = '"', ['\\'] = '\\', ['/'] = '/', b = '\b', f = '\f', n = '\n', r = '\r', t = '\t'}

local function decode_string(s, at)  -- at: the opening quote
  local parts, n, from = nil, 0, at + 1
  while true do
    local stop = find(s, '["\\%z\1-\31]', from)
    if not stop then fail(at, "unterminated string") end
    local c = byte(s, stop)
    if c < 32 then fail(stop, "control character in a string") end
    check_utf8(s, from, stop - 1)
    if c == 34 and not parts then return sub(s, from, stop - 1), stop + 1 end
    parts = parts or {}
    n = n + 1
    parts[n] = sub(s, from, stop - 1)
    if c == 34 then return concat(parts), stop + 1 end
    local e = sub(s, stop + 1, stop + 1)
    n = n + 1
    if e == "u" then
      parts[n], from = code_point(s, stop + 1)
    else
      parts[n] = UNESCAPE[e] or fail(stop, "bad escape")
      from = stop + 2
    end
  end
end

local function digits(s, at)
  local _, last = find(s, "^%d+", at)
  if not last then fail(at, "bad number") end
  return last + 1
end

local function decode_number(s, at)
  local i = at
  if byte(s, i) == 45 then i = i + 1 end
  if byte(s, i) == 48 then i = i + 1 else i = digits(s, i) end
  if byte(s, i) == 46 then i = digits(s, i + 1) end
  local c = byte(s, i)
  if c == 101 or c == 69 then
    i = i + 1
    c = byte(s, i)
    if c == 43 or c == 45 then i = i + 1 end
    i = digits(s, i)
  end
  return tonumber(sub(s, at, i - 1)), i
end

local decode_value

local function decode_list(s, at, depth)
  local list, n = setmetatable({}, LIST), 0
  at = skip(s, at + 1)
  if byte(s, at) == 93 then return list, at + 1 end
  while true do
    n = n + 1
    list[n], at = decode_value(s, at, depth)
    at = skip(s, at)
    local c = byte(s, at)
    if c == 93 then return list, at + 1 end
    if c ~= 44 then fail(at, "expected , or ]") end
    at = skip(s, at + 1)
  end
end

local function decode_object(s, at, depth)
  local keys, map, n = {}, {}, 0
  at = skip(s, at + 1)
  if byte(s, at) == 125 then return setmetatable({keys = keys, map = map}, OBJECT), at + 1 end
  while true do
    if byte(s, at) ~= 34 then fail(at, "expected a key") end
    local key, value
    key, at = decode_string(s, at)
    if map[key] ~= nil then fail(at, "repeated key") end
    at = skip(s, at)
    if byte(s, at) ~= 58 then fail(at, "expected :") end
    value, at = decode_value(s, skip(s, at + 1), depth)
    n = n + 1
    keys[n], map[key] = key, value
    at = skip(s, at)
    local c = byte(s, at)
    if c == 125 then return setmetatable({keys = keys, map = map}, OBJECT), at + 1 end
    if c ~= 44 then fail(at, "expected , or }") end
    at = skip(s, at + 1)
  end
end

decode_value = function(s, at, depth)
  local c = byte(s, at)
  if c == 123 or c == 91 then
    if depth >= MAX_DEPTH then fail(at, "nested too deep") end
    if c == 123 then return decode_object(s, at, depth + 1) end
    return decode_list(s, at, depth + 1)
  elseif c == 34 then return decode_string(s, at)
  elseif c == 116 and sub(s, at, at + 3) == "true" then return true, at + 4
  elseif c == 102 and sub(s, at, at + 4) == "false" then return false, at + 5
  elseif c == 110 and sub(s, at, at + 3) == "null" then return NULL, at + 4
  elseif c == 45 or (c and c >= 48 and c <= 57) then return decode_number(s, at)
  end
  fail(at, "unexpected character")
end

local function decode_all(s)
  high_at = 0
  local value, at = decode_value(s, skip(s, 1), 0)
  if skip(s, at) <= #s then fail(at, "text after the value") end
  return value
end

-- The value of JSON text `s`, or nil and why when it is not JSON.
function json.decode(s)
  local ok, value = pcall(decode_all, s)
  if ok then return value end
  if type(value) == "table" and value.json then return nil, value.json end
  error(value, 0)
end

-- An object's value for `key` (nil when `value` is no object or has no such key).
function json.get(value, key)
  if getmetatable(value) == OBJECT then return value.map[key] end
  return nil
end

-- Remove `key` from an object; whether it was there.
function json.remove(value, key)
  if getmetatable(value) ~= OBJECT or value.map[key] == nil then return false end
  value.map[key] = nil
  local keys = value.keys
  for i = 1, #keys do
    if keys[i] == key then table.remove(keys, i) break end
  end
  return true
end

local ESCAPE = {['"'] = '\\"', ['\\'] = '\\\\', ['\b'] = '\\b', ['\f'] = '\\f', ['\n'] = '\\n', ['\r'] = '\\r',
                ['\t'] = '\\t'}

local function escape(c)
  return ESCAPE[c] or format("\\u%04x", byte(c))
end

local function encode_string(s)
  if find(s, '["\\%z\1-\31]') then s = gsub(s, '["\\%z\1-\31]', escape) end
  return '"' .. s .. '"'
end

local function encode_number(x)
  if x ~= x or x == math.huge or x == -math.huge then error("not a JSON number", 0) end
  if x == floor(x) and x >= -2 ^ 53 and x <= 2 ^ 53 then return format("%.0f", x + 0) end  -- + 0: -0 is 0
  for precision = 15, 16 do
    local text = format("%." .. precision .. "g", x)
    if tonumber(text) == x then return text end
  end
  return format("%.17g", x)
end

local function encode_value(v, out, n)
  local t = type(v)
  if t == "string" then n = n + 1; out[n] = encode_string(v)
  elseif t == "number" then n = n + 1; out[n] = encode_number(v)
  elseif t == "boolean" then n = n + 1; out[n] = v and "true" or "false"
  elseif v == NULL then n = n + 1; out[n] = "null"
  elseif getmetatable(v) == OBJECT then
    local keys, map = v.keys, v.map
    n = n + 1; out[n] = "{"
    for i = 1, #keys do
      if i > 1 then n = n + 1; out[n] = "," end
      n = n + 1; out[n] = encode_string(keys[i])
      n = n + 1; out[n] = ":"
      n = encode_value(map[keys[i]], out, n)
    end
    n = n + 1; out[n] = "}"
  else
    n = n + 1; out[n] = "["
    for i = 1, #v do
      if i > 1 then n = n + 1; out[n] = "," end
      n = encode_value(v[i], out, n)
    end
    n = n + 1; out[n] = "]"
  end
  return n
end

-- The canonical JSON text of a decoded value.
function json.encode(value)
  local out = {}
  encode_value(value, out, 0)
  return concat(out)
end
