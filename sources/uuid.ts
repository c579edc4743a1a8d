// Name-based UUIDs (version 5 layout over SHA-1): the same text always gives the same UUID. For objects
// whose identity follows from their content (an Adresse shared by units, a sample class or role), so
// they need no random draw and stay stable between runs.
import { createHash } from 'node:crypto';

export function nameBasedUuid(text: string): string {
  const h = createHash('sha1').update(text).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
