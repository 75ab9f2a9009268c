import { browserExtractor } from './extractors/browser.ts';
import { dcc1Extractor, mimikatzCacheExtractor } from './extractors/cached-logons.ts';
import { hashcatShowExtractor } from './extractors/hashcat-show.ts';
import {
  asrepRoastExtractor,
  kerberoastExtractor,
  kerberosPreauthExtractor,
  rubeusAsrepExtractor,
  rubeusKerberoastExtractor,
} from './extractors/kerberoast.ts';
import { kerberosKeysExtractor } from './extractors/kerberos-keys.ts';
import { ldapLapsExtractor } from './extractors/laps.ts';
import { mimikatzLogonPasswordsExtractor } from './extractors/mimikatz-logonpasswords.ts';
import { mimikatzDcsyncExtractor, mimikatzSamExtractor } from './extractors/mimikatz-lsadump.ts';
import { sharpDpapiNaaExtractor, sharpSccmNaaExtractor } from './extractors/naa.ts';
import { netexecExtractor } from './extractors/netexec.ts';
import { netNtlmExtractor } from './extractors/netntlm.ts';
import { outflankKerberoastExtractor } from './extractors/outflank.ts';
import { privcheckExtractor } from './extractors/privcheck.ts';
import { askCredsExtractor, credPhisherExtractor } from './extractors/prompts.ts';
import { responderCleartextExtractor } from './extractors/responder.ts';
import { rubeusU2uExtractor } from './extractors/rubeus-u2u.ts';
import { seatbeltExtractor } from './extractors/seatbelt.ts';
import { certipyExtractor, dcc2Extractor, secretsdumpExtractor } from './extractors/secretsdump.ts';
import { shadowExtractor } from './extractors/shadow.ts';
import { snafflerExtractor } from './extractors/snaffler.ts';
import { sprayAdExtractor } from './extractors/spray-ad.ts';
import type { CatalogueExtractor, CataloguePattern } from './pattern.ts';

/** Every extractor, in the order their findings are reported. */
export const EXTRACTORS: readonly CatalogueExtractor[] = [
  secretsdumpExtractor,
  dcc2Extractor,
  dcc1Extractor,
  mimikatzCacheExtractor,
  netNtlmExtractor,
  kerberoastExtractor,
  asrepRoastExtractor,
  rubeusKerberoastExtractor,
  rubeusAsrepExtractor,
  rubeusU2uExtractor,
  outflankKerberoastExtractor,
  certipyExtractor,
  sharpSccmNaaExtractor,
  sharpDpapiNaaExtractor,
  seatbeltExtractor,
  privcheckExtractor,
  askCredsExtractor,
  credPhisherExtractor,
  sprayAdExtractor,
  ldapLapsExtractor,
  browserExtractor,
  snafflerExtractor,
  mimikatzLogonPasswordsExtractor,
  mimikatzDcsyncExtractor,
  mimikatzSamExtractor,
  hashcatShowExtractor,
  netexecExtractor,
  responderCleartextExtractor,
  shadowExtractor,
  kerberosKeysExtractor,
  kerberosPreauthExtractor,
];

/** The secret catalogue: every pattern of every extractor, once (patterns shared by two appear once). */
export const SECRET_CATALOGUE: readonly CataloguePattern[] = [
  ...new Map(EXTRACTORS.flatMap((e) => e.patterns).map((p) => [p.name, p])).values(),
];
