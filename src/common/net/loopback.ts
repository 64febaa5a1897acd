import { normalizeIp } from './normalize-ip';

/** Whether an address (or the host name `localhost`) is on the loopback network: 127.0.0.0/8 or ::1. */
export function isLoopback(address: string | undefined): boolean {
  if (address === 'localhost') return true;
  const ip = normalizeIp(address);
  return ip !== null && (ip === '::1' || /^127\.\d+\.\d+\.\d+$/.test(ip));
}
