"""The energy devices of a test site, for the device scan's tests: real pymodbus 3.0 Modbus TCP servers (Debian
bookworm's python3-pymodbus 3.0.0, or `python -m pip install pymodbus==3.0.0 pyserial-asyncio`), a fake Solarman V5
logger and a service that is not Modbus, each on a loopback address of its own.

usage: site_server.py MODBUS_PORT SOLAREDGE_PORT HUAWEI_PORT SOLARMAN_PORT

Every device listens on 127.0.0.x:PORT through a small front that counts its connections (total and most at once)
and, for the device marked "single", drops a second connection while one is open, as many inverters and dongles do.
Behind the front each Modbus device is a pymodbus server on 127.0.0.1 (ephemeral port) that answers only its own
unit ids (ignore_missing_slaves: silence for others). Prints "ready" once all listen; then, for each line "stats" on
stdin, one line of JSON {"address:port": {"total": n, "most_at_once": m, "dropped": d}}.
"""
import asyncio
import json
import sys

from pymodbus.datastore import (ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext,
                                ModbusSparseDataBlock)
from pymodbus.server import StartAsyncTcpServer


def text(value, registers):
    raw = value.encode("utf-8").ljust(2 * registers, b"\0")
    return [(raw[2 * i] << 8) | raw[2 * i + 1] for i in range(registers)]


def sunspec(base, manufacturer, model, version, serial):
    """SunSpec marker and common model 1 (Mn 16, Md 16, Opt 8, Vr 8, SN 16, DA 1, pad 1), then the end model."""
    values = [0x5375, 0x6E53, 1, 66]
    values += text(manufacturer, 16) + text(model, 16) + text("", 8) + text(version, 8) + text(serial, 16)
    values += [1, 0x8000]
    values += [0xFFFF, 0]  # end model
    return {base + i: v for i, v in enumerate(values)}


def unit(holding, inputs=None):
    return ModbusSlaveContext(hr=ModbusSparseDataBlock(holding), ir=ModbusSparseDataBlock(inputs or {0: 0}),
                              zero_mode=True)


def huawei():
    holding = {30000 + i: v for i, v in enumerate(text("SUN2000-10KTL-M1", 15) + text("HV2150123456", 10)
                                                  + text("01074713", 10))}
    return unit(holding)


def sungrow():
    # protocol addresses 4990-4999 (SN) and 5000 (type code): on the wire 4989..4999
    inputs = {4989 + i: v for i, v in enumerate(text("A2251234567", 10) + [0xE03])}
    return unit({0: 0}, inputs)


def not_an_inverter():
    values = [1000 + a for a in range(100)]
    return ModbusSlaveContext(hr=ModbusSequentialDataBlock(0, values), ir=ModbusSequentialDataBlock(0, values),
                              zero_mode=True)


stats = {}


async def front(address, port, upstream, single):
    key = f"{address}:{port}"
    stats[key] = {"total": 0, "most_at_once": 0, "dropped": 0}
    now = {"open": 0}

    async def handle(reader, writer):
        s = stats[key]
        s["total"] += 1
        if single and now["open"] >= 1:
            s["dropped"] += 1
            writer.close()
            return
        now["open"] += 1
        s["most_at_once"] = max(s["most_at_once"], now["open"])
        try:
            await upstream(reader, writer)
        finally:
            now["open"] -= 1
            writer.close()

    await asyncio.start_server(handle, address, port, reuse_address=True)


def forward_to(backend_port):
    async def upstream(reader, writer):
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", backend_port)
        except OSError:
            return

        async def pipe(src, dst):
            try:
                while True:
                    data = await src.read(4096)
                    if not data:
                        break
                    dst.write(data)
                    await dst.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                dst.close()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))
    return upstream


async def modbus_backend(units):
    context = ModbusServerContext(slaves=units, single=False)
    server = await StartAsyncTcpServer(context=context, address=("127.0.0.1", 0), allow_reuse_address=True,
                                       ignore_missing_slaves=True, defer_start=True)
    asyncio.create_task(server.serve_forever())
    await server.serving
    return server.server.sockets[0].getsockname()[1]


async def solarman(reader, writer):
    """Answers any V5 request (start 0xA5) with a V5 response frame from logger 2712345678."""
    head = await reader.readexactly(11)
    if head[0] != 0xA5:
        return
    length = head[1] | (head[2] << 8)
    await reader.readexactly(length + 2)
    rtu = bytes([1, 3, 2, 0, 0, 0xB8, 0x44])
    payload = bytes([0x02, 0x01]) + bytes(12) + rtu
    serial = (2712345678).to_bytes(4, "little")
    body = len(payload).to_bytes(2, "little") + bytes([0x10, 0x15]) + head[5:7] + serial + payload
    frame = bytes([0xA5]) + body + bytes([sum(body) & 0xFF, 0x15])
    writer.write(frame)
    await writer.drain()


async def not_modbus(reader, writer):
    writer.write(b"SSH-2.0-OpenSSH_9.2\r\n")
    await writer.drain()
    await reader.read(4096)


async def main():
    modbus, solaredge, huawei_port, solarman_port = (int(a) for a in sys.argv[1:5])
    sma = await modbus_backend({126: unit(sunspec(40000, "SMA", "SB5.0-1AV-41", "4.01.15.R", "3012345678"))})
    fronius = await modbus_backend({1: unit(sunspec(40000, "Fronius", "Symo 10.0-3-M", "0.3.30.2", "28123456"))})
    edge = await modbus_backend({1: unit(sunspec(40000, "SolarEdge ", "SE5K-RW0TEBEN4", "0004.0018.0518",
                                                 "7E1234AB"))})
    kostal = await modbus_backend({1: unit(sunspec(50000, "KOSTAL", "PLENTICORE plus 10", "01.26", "90512ABC"))})
    zero_based = await modbus_backend({1: unit(sunspec(0, "Fronius", "Primo 5.0-1", "0.3.28.1", "31234567"))})
    grow = await modbus_backend({1: sungrow()})
    hua = await modbus_backend({0: huawei()})
    plain = await modbus_backend({1: not_an_inverter()})

    await front("127.0.0.2", modbus, forward_to(sma), False)          # answers only its own unit id, 126
    await front("127.0.0.3", modbus, forward_to(fronius), True)       # drops a second connection
    await front("127.0.0.4", solaredge, forward_to(edge), False)      # SolarEdge's own port
    await front("127.0.0.5", modbus, forward_to(grow), False)         # Sungrow's identity registers, no SunSpec
    await front("127.0.0.6", huawei_port, forward_to(hua), False)     # Huawei's identity registers, unit 0
    await front("127.0.0.7", modbus, forward_to(kostal), False)       # SunSpec at 50000; no Zap profile
    await front("127.0.0.8", modbus, forward_to(plain), False)        # Modbus, but no inverter or meter
    await front("127.0.0.9", solarman_port, solarman, False)          # a Solarman V5 logger
    await front("127.0.0.11", modbus, not_modbus, False)              # not Modbus at all
    await front("127.0.0.12", modbus, forward_to(zero_based), False)  # SunSpec at 0
    print("ready", flush=True)

    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        if not line:
            return
        if line.strip() == "stats":
            print(json.dumps(stats), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
