const WINDOWS_10_BUILDS: Record<string, string> = {
  '10240': 'Windows 10 (1507)',
  '10586': 'Windows 10 (1511)',
  '14393': 'Windows 10 (1607) / Server 2016',
  '15063': 'Windows 10 (1703)',
  '16299': 'Windows 10 (1709)',
  '17134': 'Windows 10 (1803)',
  '17763': 'Windows 10 (1809) / Server 2019',
  '18362': 'Windows 10 (1903)',
  '18363': 'Windows 10 (1909)',
  '19041': 'Windows 10 (2004)',
  '19042': 'Windows 10 (20H2)',
  '19043': 'Windows 10 (21H1)',
  '19044': 'Windows 10 (21H2)',
  '19045': 'Windows 10 (22H2)',
  '20348': 'Windows Server 2022 (21H2)',
  '22000': 'Windows 11 (21H2)',
  '22621': 'Windows 11 (22H2)',
  '22631': 'Windows 11 (23H2)',
  '26100': 'Windows 11 (24H2) / Server 2025',
};

const WINDOWS_6: Record<string, string> = {
  '6.3': 'Windows 8.1 / Server 2012 R2',
  '6.2': 'Windows 8 / Server 2012',
  '6.1': 'Windows 7 / Server 2008 R2',
};

/** A session's operating system as people name it (Cobalt Strike reports only version and build). */
export function osName(os: string, version: string, build: string): string {
  const b = Number(build);
  if (/^windows/i.test(os)) {
    if (build !== '' && b < 50) return `MacOS ${version}.${build}`;
    if (version === '10.0') return WINDOWS_10_BUILDS[build] ?? `Windows 10.0 build ${build}`;
    if (version === '6.1' && build === '7601') return 'Windows 7 SP1 / Server 2008 R2 SP1';
    const named = WINDOWS_6[version];
    if (named) return named;
  }
  if (/^linux/i.test(os))
    return version && version !== '0.0' ? `Linux (Kernel ${version}.${build})` : 'Linux';
  return [os, version, build].filter(Boolean).join(' ') || 'Unknown';
}
