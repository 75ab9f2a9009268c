// Credential reports over the engagement's vault. A plugin imports only @steppingstones/plugin-sdk;
// see docs/plugins.md.
import { definePlugin } from '@steppingstones/plugin-sdk';
import { htmlCrackedAccounts } from './cracked-accounts.ts';
import { pngPasswordLengths } from './password-lengths.ts';
import { chartPasswordComplexity, chartPasswordStructure } from './pie-charts.ts';
import { markdownCredentialSummary } from './summary.ts';

export default definePlugin({
  id: 'credential-reports',
  name: 'Credential reports',
  version: '1.0.0',
  description: 'The password audit finding, cracked accounts (secrets masked) and the password length chart.',
  credentialReports: [
    markdownCredentialSummary,
    htmlCrackedAccounts,
    pngPasswordLengths,
    chartPasswordComplexity,
    chartPasswordStructure,
  ],
});
