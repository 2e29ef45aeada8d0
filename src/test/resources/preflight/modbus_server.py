"""A Modbus TCP server for the preflight tests, on pymodbus 3.0 (Debian bookworm's python3-pymodbus 3.0.0, or
`python -m pip install pymodbus==3.0.0 pyserial-asyncio` on macOS and Windows: later pymodbus renamed this API).

usage: modbus_server.py PORT [UNIT_ID...]   (PORT 0 = ephemeral; default unit id 1)
Binds 127.0.0.1:PORT, serves holding and input registers 0..99 (value = 1000 + address) for the given
unit ids, answers other addresses with exception 2 (illegal data address), ignores other unit ids
(no answer, as pymodbus does with single=False and ignore_missing_slaves), and prints "ready <port>" once listening.
Needs python3-serial and python3-serial-asyncio too: pymodbus.server imports them unconditionally, yet
the Debian package only recommends them.
"""
import asyncio
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server import StartAsyncTcpServer


def slave():
    values = [1000 + a for a in range(100)]
    # zero_mode=True: request address 0 is datastore address 0 (pymodbus otherwise adds 1).
    return ModbusSlaveContext(hr=ModbusSequentialDataBlock(0, values),
                              ir=ModbusSequentialDataBlock(0, values), zero_mode=True)


async def main():
    port = int(sys.argv[1])
    units = [int(u) for u in sys.argv[2:]] or [1]
    context = ModbusServerContext(slaves={u: slave() for u in units}, single=False)
    server = await StartAsyncTcpServer(context=context, address=("127.0.0.1", port),
                                       allow_reuse_address=True, ignore_missing_slaves=True,
                                       defer_start=True)
    task = asyncio.create_task(server.serve_forever())
    await server.serving
    print("ready", server.server.sockets[0].getsockname()[1], flush=True)
    await task


if __name__ == "__main__":
    asyncio.run(main())
