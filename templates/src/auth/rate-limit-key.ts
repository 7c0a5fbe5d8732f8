import { isIPv6 } from 'node:net';
import type { FastifyRequest } from 'fastify';

/** The /64 an IPv6 address belongs to, which one client usually holds whole; an IPv4 address as it is. */
export function addressKey(ip: string): string {
  if (!isIPv6(ip) || ip.includes('.')) return ip;
  const [head = '', tail] = ip.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => Number.parseInt(g, 16).toString(16)).join(':')}::/64`;
}

/**
 * The general limit's key: the account of a signed-in caller (the auth hook
 * has run by then), so a team behind one NAT address does not share one
 * budget, and the address of everyone else.
 */
export function rateLimitKey(request: FastifyRequest): string {
  // @fastify/jwt leaves request.user null until a token is verified (and
  // without the auth plugin there is none at all).
  const user = request.user as FastifyRequest['user'] | null | undefined;
  return user ? `account:${user.id}` : addressKey(request.ip);
}
