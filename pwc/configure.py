"""The deploy-time check that needs both halves: run a compiled filter's own
configure step (in the local runtime) on exactly the configuration a manifest
deploys.  Whatever the JSON Schema cannot say (sizes, nesting, UTF-8, ranges)
is then judged by the one reader Envoy will run.  `pwc manifest` and `pwc run`
pass `module_accepts` to `manifest.build`; the compiler itself imports no
runtime."""

from __future__ import annotations

from pwc.compiler.manifest import Built, ManifestError
from pwc.runtime.host import ConfigurationRejected, Host



def module_accepts(built: Built) -> None:
    """ManifestError naming each reason the module gives when it refuses the configuration."""
    text = built.configuration.encode("utf-8", "surrogatepass")  # a lone surrogate stays for the module to refuse
    try:
        Host(built.wasm, plugin_config=text, root_id=built.filter_name)
    except ConfigurationRejected as rejected:
        said = [record.message for record in rejected.logs if "bad configuration" in record.message]
        raise ManifestError([f"--config: the module refuses it: {line.split('bad configuration: ', 1)[1]}"
                             for line in said]
                            or [f"--config: the module refuses it ({rejected})"]) from None
