"""Framing cost in Python: length-prefixed binary frames vs JSON + base64 (docs/plugin-protocol.md section 8).

Run: python3 Benchmarks/Plugins/framing_cost.py
"""
import base64, json, os, struct, time, random
random.seed(1)
def best(f, n=5):
    t = []
    for _ in range(n):
        s = time.perf_counter(); f(); t.append(time.perf_counter() - s)
    return min(t)
img = os.urandom(400*400*3)
frame = struct.pack("<BIIBI", 0, 400, 400, 3, len(img)) + img
js = json.dumps({"op": "template", "role": "enrolment", "width": 400, "height": 400, "format": "rgb", "pixels": base64.b64encode(img).decode()}).encode()
def parse_bin():
    r, w, h, c, n = struct.unpack_from("<BIIBI", frame, 0); px = frame[14:14+n]
def parse_js():
    o = json.loads(js); px = base64.b64decode(o["pixels"])
print("image 400x400 RGB: binary %d bytes, parse %.1f us; json+base64 %d bytes, parse %.1f us" % (len(frame), best(parse_bin)*1e6, len(js), best(parse_js)*1e6))
pairs = [(os.urandom(512), os.urandom(512)) for _ in range(1024)]
body = struct.pack("<I", 1024) + b"".join(struct.pack("<I", 512) + a + struct.pack("<I", 512) + b for a, b in pairs)
jb = json.dumps({"op": "compare", "pairs": [[base64.b64encode(a).decode(), base64.b64encode(b).decode()] for a, b in pairs]}).encode()
u = struct.Struct("<I").unpack_from
def batch_bin():
    (count,) = u(body, 0); off = 4
    for _ in range(count):
        (vl,) = u(body, off); v = body[off+4:off+4+vl]; off += 4+vl
        (el,) = u(body, off); e = body[off+4:off+4+el]; off += 4+el
def batch_js():
    o = json.loads(jb)
    for a, b in o["pairs"]:
        v = base64.b64decode(a); e = base64.b64decode(b)
print("batch of 1024 pairs of 512-byte templates: binary %d bytes, %.2f us/pair; json+base64 %d bytes, %.2f us/pair" % (len(body), best(batch_bin)*1e6/1024, len(jb), best(batch_js)*1e6/1024))
