"""Lifecycle blocks that every app with edited, reviewed, translated records uses.

One module per concern; import the module you need (``from knotenpunkt.core.lifecycle
import review``). None of them knows an app: the app passes its own fields, months and
messages (docs/architecture.md, "Lifecycle blocks").

- ``review``: draft → in review → published → archived, and pending changes.
- ``translation``: is a translation current, outdated or missing.
- ``freshness``: confirm every N months; stale and due-for-reminder filters.
- ``changes``: apply a form's values to a record, say what changed, refuse stale edits.
"""
