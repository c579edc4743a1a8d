// How a delivery is signed, so a receiver can check it came from us and is recent: HMAC-SHA256 with the
// subscriber's secret over "<unix seconds>.<body>", sent as `Kommunegraf-Signature: t=<s>,v1=<hex>`
// (the scheme Stripe and others use: the timestamp inside the MAC stops replays of old bodies).
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'kommunegraf-signature';

export function sign(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')}`;
}

/** For receivers (and tests): true when `header` signs `body` with `secret` within `toleranceSeconds` of `now`. */
export function verify(secret: string, body: string, header: string, now = Math.floor(Date.now() / 1000), toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(now - t) > toleranceSeconds || !parts.v1) return false;
  const expected = Buffer.from(sign(secret, body, t).split('v1=')[1], 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
