// The talk's rewrite filter with the AssemblyScript proxy-wasm SDK:
// `banana/([0-9]*)` -> `status/$1` on :path, every match (RE2 GlobalReplace).
// AssemblyScript has no regex engine, so the match is written out by hand, as
// the talk's AssemblyScript version had to do.
export * from "@solo-io/proxy-runtime/proxy";
import {
  RootContext, Context, registerRootContext, FilterHeadersStatusValues, stream_context,
} from "@solo-io/proxy-runtime";

function isDigit(code: i32): bool {
  return code >= 48 && code <= 57;
}

function rewrite(path: string): string {
  const needle = "banana/";
  let at = path.indexOf(needle);
  if (at < 0) return path;
  let out = "";
  let from = 0;
  while (at >= 0) {
    let end = at + needle.length;
    while (end < path.length && isDigit(path.charCodeAt(end))) end++;
    out += path.substring(from, at) + "status/" + path.substring(at + needle.length, end);
    from = end;
    at = path.indexOf(needle, from);
  }
  return out + path.substring(from);
}

class BananaRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new Banana(context_id, this);
  }
}

class Banana extends Context {
  constructor(context_id: u32, root_context: BananaRoot) {
    super(context_id, root_context);
  }

  onRequestHeaders(headers: u32, end_of_stream: bool): FilterHeadersStatusValues {
    const path = stream_context.headers.request.get(":path");
    const rewritten = rewrite(path);
    if (rewritten != path) {
      stream_context.headers.request.replace(":path", rewritten);
    }
    return FilterHeadersStatusValues.Continue;
  }
}

registerRootContext((context_id: u32) => { return new BananaRoot(context_id); }, "banana");
