/**
 * Which addresses are this machine: 127.0.0.0/8 and ::1 (RFC 1122 §3.2.1.3,
 * RFC 4291 §2.5.3), also when an IPv4 address arrives IPv6-mapped
 * (`::ffff:127.0.0.1`, how a dual-stack socket reports it).
 * @module
 */
import { BlockList, isIPv4 } from 'node:net';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

const MAPPED_IPV4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

export function isLoopbackAddress(address: string): boolean {
  const ipv4 = MAPPED_IPV4.exec(address)?.[1] ?? address;
  // A host name, or anything else that is not an address, checks as false.
  return isIPv4(ipv4) ? LOOPBACK.check(ipv4, 'ipv4') : LOOPBACK.check(address, 'ipv6');
}
