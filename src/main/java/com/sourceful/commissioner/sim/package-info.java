/**
 * Loopback simulators for developing and testing Zap Commissioner without hardware or cloud access.
 * <ul>
 *   <li>{@link com.sourceful.commissioner.sim.ZapSimulator} — the Zap gateway's local HTTP API
 *       (shared/reference/zap-local-api.md). Rules the simulator chose where the documents are silent:
 *       <ul>
 *         <li>Device serial {@code sn} = profile prefix (SG, SOL, DEYE, SMA, HW, FRO, SE, P1, AMB, FA) + the first
 *             8 hex digits (upper case) of SHA-256(gateway serial | endpoint identity); deterministic per Zap and config.</li>
 *         <li>409 identity: modbus_tcp ip+port+unit_id; modbus_rtu unit_id; p1_uart one per Zap; mqtt
 *             broker_host+broker_port+profile.</li>
 *         <li>503 connection failed: a Modbus {@code ip} or MQTT {@code broker_host} in 192.0.2.0/24, 198.51.100.0/24 or
 *             203.0.113.0/24 (RFC 5737) never answers; a loopback (127.x) endpoint is really connected to and answers
 *             only if something listens there; everything else answers. No connection is opened to any other address.</li>
 *         <li>Register reads ({@code GET /api/devices/{sn}/registers/{address}}, class SimRegisters): endianness
 *             orders the words (big: the first register is the most significant); a register is written "0x" and
 *             four upper-case hex digits; a size beside a numeric type is ignored; a loopback modbus_tcp device is
 *             really read, other addresses and modbus_rtu answer the Modbus stand-in's values.</li>
 *         <li>Ferroamp is listed in an extra {@code batteries} array of {@code /api/devices/supported}.</li>
 *         <li>mDNS TXT keys (path, serial, fw) are the simulator's own: real firmware's are undocumented.</li>
 *         <li>Control ({@code /api/control/{sn}/…}): a call takes effect 1 s (clock time) after its 202; battery and
 *             curtail need init first (409), curtail/disable and deinit are always accepted; a setpoint for a DER the
 *             device lacks is 400; init alone changes nothing until a setpoint; the 202 body's {@code action} is the
 *             path after the sn ({@code curtail/disable}) and echoes {@code command_id}.</li>
 *       </ul></li>
 *   <li>{@link com.sourceful.commissioner.sim.NovacoreStandIn} — Novacore's provisioning and site calls
 *       (shared/reference/novacore-api.md) with HS256 tokens signed by a demo secret.</li>
 *   <li>{@link com.sourceful.commissioner.sim.SimulatorMain} — the {@code simulate} command line.</li>
 * </ul>
 * No JavaFX here. Tokens and passwords are never logged or printed.
 */
package com.sourceful.commissioner.sim;
