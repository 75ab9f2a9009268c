// Short-lived URLs that carry a user's rights without cookies (e.g. the ATT&CK Navigator fetching a layer).

export {
  redactSignedUrl,
  SIGNED_URL_TOKEN_PARAM,
  type SignedUrlCheck,
  type SignedUrlTarget,
  signUrl,
  type UrlSigner,
  verifySignedUrl,
} from './signed-url.ts';
export { type SignerCheck, signerPrincipal } from './signed-url-signer.queries.ts';
