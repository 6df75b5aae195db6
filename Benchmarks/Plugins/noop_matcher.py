"""A Python plugin that does nothing: the benchmark's measure of pure SDK + protocol cost."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "plugins", "python"))
import facecert_plugin as fp  # noqa: E402

fp.run(describe={"name": "noop", "version": "1.0.0", "vendor": "facecert", "score_kind": "similarity",
                 "symmetric": True},
       create_template=lambda image: b"\0", compare=lambda verification, enrolment: 0.0)
