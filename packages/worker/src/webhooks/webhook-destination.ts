import { BlockList, isIP } from 'node:net';

/**
 * Address ranges a webhook may not be sent to unless private destinations are allowed:
 * loopback, private networks, link-local (cloud metadata services such as 169.254.169.254
 * live there), carrier-grade NAT, benchmarking, multicast and reserved space — each with
 * the words the refusal names it by.
 */
const RANGES: readonly (readonly [string, number, 'ipv4' | 'ipv6', string])[] = [
  ['0.0.0.0', 8, 'ipv4', '"this network"'],
  ['10.0.0.0', 8, 'ipv4', 'a private network'],
  ['100.64.0.0', 10, 'ipv4', 'carrier-grade NAT space'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.0.0', 16, 'ipv4', 'link-local (cloud metadata) space'],
  ['172.16.0.0', 12, 'ipv4', 'a private network'],
  ['192.0.0.0', 24, 'ipv4', 'IETF protocol space'],
  ['192.168.0.0', 16, 'ipv4', 'a private network'],
  ['198.18.0.0', 15, 'ipv4', 'benchmarking space'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved space'],
  ['::', 128, 'ipv6', 'the unspecified address'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['fc00::', 7, 'ipv6', 'a private network (unique local)'],
  ['fe80::', 10, 'ipv6', 'link-local space'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];

const LISTS = RANGES.map(([network, prefix, type, words]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, type);
  return { list, type, words };
});

/** The IPv4 address an IPv6 address embeds (`::ffff:a.b.c.d` mapped, `64:ff9b::/96` NAT64), if any. */
function embeddedIpv4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return undefined;
  const [high, low] = [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/**
 * Why `address` (an IP literal) is not a public destination, in words, or null when it is
 * public. Not an IP address at all → a reason too: only resolved addresses are judged.
 */
export function privateAddressReason(address: string): string | null {
  const unbracketed = address.replace(/^\[(.*)\]$/, '$1');
  const version = isIP(unbracketed);
  if (version === 0) return `${address} is not an IP address`;
  const v4 = version === 6 ? embeddedIpv4(unbracketed) : unbracketed;
  const [candidate, type] = v4 !== undefined ? [v4, 'ipv4' as const] : [unbracketed, 'ipv6' as const];
  const hit = LISTS.find((l) => l.type === type && l.list.check(candidate, type));
  return hit ? `${address} is ${hit.words}` : null;
}
