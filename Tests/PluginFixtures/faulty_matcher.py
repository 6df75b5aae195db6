"""Test fixture: the tiny example matcher with one injected fault or lie, chosen by argv[1]:
crash3     SIGSEGV on every third call (template creation or comparison)
hang       sleep forever in the second template creation
garbage    write bytes that are not a frame instead of the second template reply
nan        NaN from every third comparison
negative   declare distance scores and return -1 from every second comparison
lying      constant templates and a constant score, declared symmetric
asymmetric declared symmetric, but compare(a, b) != compare(b, a)
environment  the template is a JSON description of the process's environment, cwd and open descriptors
extras     tiny templates with eye positions (1, 2, 3, 4) and quality 55.5
badquality tiny templates with quality 150 (outside 0...100)
role       create_template(image, role) returns the role's name
"""
import json
import os
import signal
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "plugins", "python"))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "plugins", "python", "examples"))
import facecert_plugin as fp  # noqa: E402
import tiny_matcher  # noqa: E402

mode = sys.argv[1]
state = {"calls": 0, "templates": 0, "comparisons": 0}
describe = {"name": "faulty-" + mode, "version": "1", "vendor": "tests", "score_kind": "similarity",
            "threshold": 0.9, "symmetric": True}
protocol_out = None


def tick():
    state["calls"] += 1
    if mode == "crash3" and state["calls"] % 3 == 0:
        os.kill(os.getpid(), signal.SIGSEGV)


def create_template(image):
    tick()
    state["templates"] += 1
    if mode == "hang" and state["templates"] == 2:
        time.sleep(3600)
    if mode == "garbage" and state["templates"] == 2:
        protocol_out.write(b"\x07\x00\x00\x00garbage! not a frame")
        protocol_out.flush()
        time.sleep(3600)
    if mode == "lying":
        return bytes(64)
    if mode == "extras":
        return fp.TemplateResult(tiny_matcher.create_template(image), eyes=(1, 2, 3, 4), quality=55.5)
    if mode == "badquality":
        return fp.TemplateResult(tiny_matcher.create_template(image), quality=150)
    if mode == "environment":
        return json.dumps({"env": dict(os.environ), "cwd": os.getcwd(), "cwdEntries": os.listdir("."),
                           "fds": sorted(int(fd) for fd in os.listdir("/proc/self/fd"))}).encode()
    return tiny_matcher.create_template(image)


def compare(verification, enrolment):
    tick()
    state["comparisons"] += 1
    if mode == "nan" and state["comparisons"] % 3 == 0:
        return float("nan")
    if mode == "negative":
        return -1.0 if state["comparisons"] % 2 == 0 else 0.5
    if mode == "lying":
        return 0.5
    score = tiny_matcher.compare(verification, enrolment)
    if mode == "asymmetric":
        score += verification[0] / 100000.0
    return score


if mode == "negative":
    describe["score_kind"] = "distance"
if __name__ == "__main__":
    protocol_out = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(2, 1)
    if mode == "role":
        fp.run(describe=describe, create_template=lambda image, role: role.encode(), compare=compare,
               stdout=protocol_out)
    fp.run(describe=describe, create_template=create_template, compare=compare, stdout=protocol_out)
