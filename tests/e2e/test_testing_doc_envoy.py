"""docs/testing.md's examples in a real Envoy: every case passes there too,
or is skipped for the reason the page gives (a fixed clock, TLS, https)."""

from __future__ import annotations

import pytest

from pwc.cli import main
from test_testing_doc import doc_folder  # noqa: F401  (the fixture: the page's files in a folder)

pytestmark = pytest.mark.e2e


def test_every_case_on_the_page_passes_in_envoy_or_is_skipped_for_a_stated_reason(doc_folder, envoy_path,  # noqa: F811
                                                                                   capsys):
    code = main(["test", "--envoy", "-v", str(doc_folder)])
    lines = capsys.readouterr().out.splitlines()
    assert code == 0, "\n".join(lines)
    skipped = [line.split(": not run in Envoy: ")[1] for line in lines if line.startswith("SKIP ")]
    reasons = {reason.split(":")[0] for reason in skipped}
    assert reasons == {"`now`", "`connection.tls`", "`request.scheme"}, skipped
    assert lines[-1].endswith(f", 0 failed, {len(skipped)} skipped")
