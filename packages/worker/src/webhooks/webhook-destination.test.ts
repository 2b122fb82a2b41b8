import { describe, expect, it } from 'vitest';
import { privateAddressReason } from './webhook-destination.ts';

describe('privateAddressReason', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'a private network'],
    ['172.16.0.1', 'a private network'],
    ['172.31.255.255', 'a private network'],
    ['192.168.1.10', 'a private network'],
    ['169.254.169.254', 'link-local (cloud metadata) space'],
    ['100.64.0.1', 'carrier-grade NAT space'],
    ['0.0.0.0', '"this network"'],
    ['224.0.0.251', 'multicast'],
    ['255.255.255.255', 'reserved space'],
    ['::1', 'loopback'],
    ['::', 'the unspecified address'],
    ['fd12:3456::1', 'a private network (unique local)'],
    ['fe80::1', 'link-local space'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:a9fe:a9fe', 'link-local (cloud metadata) space'],
    ['64:ff9b::10.0.0.1', 'a private network'],
    ['[::1]', 'loopback'],
  ])('%s is refused as %s', (address, words) => {
    expect(privateAddressReason(address)).toBe(`${address} is ${words}`);
  });

  it.each(['8.8.8.8', '172.32.0.1', '172.15.255.255', '192.169.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])('%s is public', (address) => {
    expect(privateAddressReason(address)).toBeNull();
  });

  it('a name is not judged', () => {
    expect(privateAddressReason('hooks.example.com')).toBe('hooks.example.com is not an IP address');
  });
});
