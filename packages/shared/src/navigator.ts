import { z } from 'zod';

/** Why "Open in Navigator" cannot work on this instance; the viewer explains it and offers the download. */
export const navigatorUnavailableReasonSchema = z.enum([
  // Without PUBLIC_URL the server does not know an address the Navigator can fetch.
  'public_url_unset',
  // An https Navigator page may not fetch an http layer URL (mixed content).
  'public_url_not_https',
]);
export type NavigatorUnavailableReason = z.infer<typeof navigatorUnavailableReasonSchema>;

/** `GET /api/v1/reports/{plugin}/{key}/navigator-link/?engagement=…&<filter>&<params>` */
export const navigatorLinkSchema = z.discriminatedUnion('available', [
  z.object({
    available: z.literal(true),
    navigator_url: z.string(),
    /** The Navigator with `#layerURL=<layer_url>`: what "Open in Navigator" opens. */
    open_url: z.string(),
    /** The signed layer URL: fetched without cookies, valid until `expires_at`. A credential: never log it. */
    layer_url: z.string(),
    expires_at: z.string(),
    ttl_seconds: z.number().int(),
  }),
  z.object({
    available: z.literal(false),
    navigator_url: z.string(),
    reason: navigatorUnavailableReasonSchema,
    public_url: z.string().nullable(),
  }),
]);
export type NavigatorLinkDto = z.infer<typeof navigatorLinkSchema>;
