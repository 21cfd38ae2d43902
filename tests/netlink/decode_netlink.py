#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
# An independent decoder for nsid_decode_test: each FILE holds one netlink
# datagram (raw bytes, as a socket's recv gives it). Every message in it is
# parsed with pyroute2 (not the model's code) and printed as one canonical
# JSON line, keys sorted, no spaces:
#   all:           len, type, flags, seq, pid
#   RTM_*NSID:     family, attrs {NETNSA_*: value}
#   NLMSG_ERROR:   error, echo (the echoed header; with family and attrs
#                  when the whole request is echoed), attrs (extack TLVs)
#   NLMSG_DONE:    error, attrs (extack TLVs)
# Bytes after the last whole message are reported as {"trailing": n}.
# "--check" only tests the imports. Exit status 77: pyroute2 is missing.
import json
import struct
import sys

try:
    from pyroute2.netlink import nla, nlmsg, nlmsgerr
    from pyroute2.netlink.rtnl.nsidmsg import nsidmsg
except ImportError as exc:
    print("pyroute2 cannot be imported: %s" % exc)
    sys.exit(77)

NLMSG_ERROR, NLMSG_DONE = 2, 3
NSID_TYPES = (88, 89, 90)  # RTM_NEWNSID, RTM_DELNSID, RTM_GETNSID
NLM_F_CAPPED, NLM_F_ACK_TLVS = 0x100, 0x200
# pyroute2 0.7 maps every NETNSA_* as uint32; these are s32 in the kernel.
SIGNED = ("NETNSA_NSID", "NETNSA_TARGET_NSID", "NETNSA_CURRENT_NSID")


class header_only(nlmsg):
    """The 16-byte header and nothing else (no attributes parsed)."""
    nla_map = ()


class extack(nlmsgerr):
    """nlmsgerr whose TLVs follow the error directly, with the policy nest
    (pyroute2 0.7 knows MSG, OFFS and COOKIE only)."""
    nla_map = (('NLMSGERR_ATTR_UNUSED', 'none'),
               ('NLMSGERR_ATTR_MSG', 'asciiz'),
               ('NLMSGERR_ATTR_OFFS', 'uint32'),
               ('NLMSGERR_ATTR_COOKIE', 'hex'),
               ('NLMSGERR_ATTR_POLICY', 'policy'))

    class policy(nla):
        nla_map = (('NL_POLICY_TYPE_ATTR_UNSPEC', 'none'),
                   ('NL_POLICY_TYPE_ATTR_TYPE', 'uint32'),
                   ('NL_POLICY_TYPE_ATTR_MIN_VALUE_S', 'int64'),
                   ('NL_POLICY_TYPE_ATTR_MAX_VALUE_S', 'int64'),
                   ('NL_POLICY_TYPE_ATTR_MIN_VALUE_U', 'uint64'),
                   ('NL_POLICY_TYPE_ATTR_MAX_VALUE_U', 'uint64'))


def head(m):
    h = m['header']
    return {"len": h['length'], "type": h['type'], "flags": h['flags'],
            "seq": h['sequence_number'], "pid": h['pid']}


def attrs(m):
    out = {}
    for slot in m['attrs']:
        name, value = slot[0], slot[1]
        if isinstance(value, nla):  # the policy nest: short names
            value = {s[0].replace("NL_POLICY_TYPE_ATTR_", ""): s[1] for s in value['attrs']}
        elif name in SIGNED and value >= 2 ** 31:
            value -= 2 ** 32
        out[name] = value
    return out


def nsid(data, off):
    m = nsidmsg(data, offset=off)
    m.decode()
    out = head(m)
    out["family"] = m['rtgen_family']
    out["attrs"] = attrs(m)
    return out


def tlvs(data, start, end):
    """The TLVs in data[start:end], parsed as the attributes of a synthetic
    nlmsgerr (header, error 0, TLVs)."""
    body = struct.pack("<i", 0) + data[start:end]
    m = extack(struct.pack("<IHHII", 16 + len(body), NLMSG_ERROR, 0, 0, 0) + body)
    m.decode()
    return attrs(m)


def decode(data, off):
    base = header_only(data, offset=off)
    base.decode()
    out = head(base)
    end = off + out["len"]
    if out["type"] in NSID_TYPES:
        return nsid(data, off)
    if out["type"] == NLMSG_ERROR:
        out["error"] = struct.unpack_from("<i", data, off + 16)[0]
        echo = header_only(data, offset=off + 20)
        echo.decode()
        capped = out["flags"] & NLM_F_CAPPED
        if capped or echo['header']['type'] not in NSID_TYPES:
            out["echo"] = head(echo)
        else:
            out["echo"] = nsid(data, off + 20)
        tlv_at = off + 20 + (16 if capped else (echo['header']['length'] + 3) & ~3)
        if out["flags"] & NLM_F_ACK_TLVS:
            out["attrs"] = tlvs(data, tlv_at, end)
    elif out["type"] == NLMSG_DONE:
        out["error"] = struct.unpack_from("<i", data, off + 16)[0]
        if out["flags"] & NLM_F_ACK_TLVS:
            out["attrs"] = tlvs(data, off + 20, end)
    return out


def main(paths):
    if paths == ["--check"]:
        return 0
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        off = 0
        while off + 16 <= len(data):
            (length,) = struct.unpack_from("<I", data, off)
            if length < 16 or off + length > len(data):
                break
            print(json.dumps(decode(data, off), sort_keys=True, separators=(",", ":")))
            off += (length + 3) & ~3
        if off < len(data):
            print(json.dumps({"trailing": len(data) - off}, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
