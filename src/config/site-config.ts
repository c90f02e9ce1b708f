/**
 * The `site:` section of drumbeat.yaml (the read-only release page), as a zod schema plus its
 * resolver. The page is off unless `access` says who may read it.
 */
import { z } from 'zod';

/** Who may read the release page: nobody (off), anyone, or whoever an authenticating proxy lets in. */
export const siteAccessModes = ['off', 'public', 'proxy'] as const;
export type SiteAccess = (typeof siteAccessModes)[number];

const headerName = z
  .string({ error: 'expected an HTTP header name, e.g. X-Forwarded-User' })
  .regex(/^[A-Za-z0-9-]+$/, { error: 'expected an HTTP header name, e.g. X-Forwarded-User' });

const siteUrl = z
  .string({ error: 'expected the page address, e.g. https://drumbeat.example.org/release' })
  .refine(
    (v) => {
      try {
        const url = new URL(v);
        return url.protocol === 'https:' || url.protocol === 'http:';
      } catch {
        return false;
      }
    },
    { error: 'expected an http(s) address, e.g. https://drumbeat.example.org/release' },
  );

/** `site:` as written. */
export const siteSchema = z.strictObject({
  access: z.enum(siteAccessModes, { error: 'expected "off", "public" or "proxy"' }).default('off'),
  url: siteUrl.optional(),
  showNotes: z.boolean({ error: 'expected true or false' }).default(true),
  proxy: z
    .strictObject({
      userHeader: headerName.default('X-Forwarded-User'),
      emailHeader: headerName.default('X-Forwarded-Email'),
      groupsHeader: headerName.default('X-Forwarded-Groups'),
      allowedGroups: z.array(z.string().min(1), { error: 'expected a list of group names' }).default([]),
    })
    .prefault({}),
});

export type SiteInput = z.output<typeof siteSchema>;

/** The resolved `site:` settings. */
export interface SiteSettings {
  access: SiteAccess;
  /** Where readers reach the release page (`…/release`), without a trailing slash; null: no links from Slack. */
  url: string | null;
  /** Self-reported notes, concerns and justifications are shown. */
  showNotes: boolean;
  proxy: { userHeader: string; emailHeader: string; groupsHeader: string; allowedGroups: string[] };
}

export const siteDefaults: SiteSettings = siteFrom(siteSchema.parse({}));

export function siteFrom(input: SiteInput): SiteSettings {
  return {
    access: input.access,
    url: input.url ? input.url.replace(/\/+$/, '') : null,
    showNotes: input.showNotes,
    proxy: { ...input.proxy, allowedGroups: [...input.proxy.allowedGroups] },
  };
}
