#!/usr/bin/python3
"""Announces a Zap-like mDNS service with python-zeroconf (a responder that is not jmDNS).

Usage: announce_zap.py NAME PORT ADDRESS

Registers instance NAME of _http._tcp.local. at ADDRESS:PORT, multicasting only on ADDRESS,
prints "ready" once registered, and stays until stdin closes or the process is killed.
Used by ZeroconfInteropTest, which runs it with the first Python that imports zeroconf (RealPeers):
Debian's python3-zeroconf, or `python -m pip install zeroconf` on macOS and Windows.
"""
import signal
import socket
import sys

try:
    from zeroconf import IPVersion, ServiceInfo, Zeroconf
except ImportError:
    print("python-zeroconf is not installed (apt-get install python3-zeroconf; elsewhere pip install zeroconf)",
          file=sys.stderr, flush=True)
    sys.exit(3)

SERVICE_TYPE = "_http._tcp.local."


def main(argv):
    if len(argv) != 4:
        print("usage: announce_zap.py NAME PORT ADDRESS", file=sys.stderr)
        return 2
    name, port, address = argv[1], int(argv[2]), argv[3]
    info = ServiceInfo(
        SERVICE_TYPE,
        name + "." + SERVICE_TYPE,
        addresses=[socket.inet_aton(address)],
        port=port,
        properties={"path": "/"},
        server=name + ".local.",
    )
    zc = Zeroconf(interfaces=[address], ip_version=IPVersion.V4Only)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        zc.register_service(info)
        print("ready", flush=True)
        # Stay until the parent closes our stdin (or kills us).
        while sys.stdin.read(1):
            pass
    finally:
        try:
            zc.unregister_service(info)
        finally:
            zc.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
