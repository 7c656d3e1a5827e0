"""`pwc lsp`: a language server for .pwf files (docs/editors.md).

analysis.py runs the compiler's front end on an open document and finds
what is at an offset; hover.py and complete.py answer an editor's questions
from the compiler's own tables (attributes.py, functions.py, the grammar);
formatting.py gives `pwc fmt`'s text, which keeps every comment;
positions.py turns offsets into the protocol's line/character pairs;
server.py speaks the Language Server Protocol through pygls, the only
module that imports it (an optional dependency: `pip install 'pwc[lsp]'`).
"""
