/**
 * Finding the site's energy devices on the LAN (issue 18): Modbus TCP devices identified from their own registers
 * (SunSpec, vendor identity maps), MQTT brokers, and logger ports that are not Modbus. Logic only: no JavaFX.
 */
package com.sourceful.commissioner.devicescan;
