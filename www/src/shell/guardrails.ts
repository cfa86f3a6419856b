/**
 * Set-ups Google does not sell, caught in the control that would make them: Cloud CDN works only
 * behind the global external Application Load Balancer, on the Premium network tier (the rules
 * of the model's findings `cdn-needs-global-lb` and `cdn-needs-premium-tier`; Google: Cloud CDN
 * overview, https://cloud.google.com/cdn/docs/overview, and Network Service Tiers,
 * https://cloud.google.com/network-tiers/docs/overview). Turning the CDN on brings the global load
 * balancer and Premium Tier with it, in the same change, and says so; choosing the regional load
 * balancer or Standard Tier while the CDN is on is refused with what to do instead. The findings
 * still flag such a set-up when a link or file brings one (and the summary strip shows them).
 */
import type { FieldValue } from '../engine';

/** What a change to a field becomes: the changes to make together, and the note to show. */
export interface Guarded {
  changes: { path: string; value: FieldValue }[];
  note: string;
}

/** Thrown for a change the set-up cannot take; its message names the field, the value and what to do. */
export class Refused extends Error {}

/**
 * The changes that setting `path` to `value` needs, reading the scenario with `get`; `null` when
 * the change stands alone. Throws {@link Refused} for a change that would price a set-up Google
 * does not offer.
 */
export function guard(path: string, value: FieldValue, get: (path: string) => FieldValue): Guarded | null {
  const cdnOn = () => get('network.cdn') === true;
  switch (path) {
    case 'network.cdn': {
      if (value !== true) return null;
      const needs = [
        { path: 'network.loadBalancer', value: 'global', label: 'the global external Application Load Balancer' },
        { path: 'network.tier', value: 'premium', label: 'Premium Tier' },
      ].filter((n) => get(n.path) !== n.value);
      if (needs.length === 0) return null;
      return {
        changes: [...needs.map(({ path, value }) => ({ path, value })), { path, value }],
        note: `Cloud CDN needs ${needs.map((n) => n.label).join(' and ')}: switched on with it.`,
      };
    }
    case 'network.loadBalancer':
      if (value === 'regional' && cdnOn())
        throw new Refused(`${path} = "regional": Cloud CDN is on and works only behind the global load balancer; turn the CDN off first.`);
      return null;
    case 'network.tier':
      if (value === 'standard' && cdnOn()) throw new Refused(`${path} = "standard": Cloud CDN is on and needs Premium Tier; turn the CDN off first.`);
      return null;
    default:
      return null;
  }
}
