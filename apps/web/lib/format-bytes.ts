const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/**
 * 1234567 -> "1.2 MB" in English, "1,2 MB" in German (powers of 1000, as disks are sold); bytes in words
 * ("1 byte", "12 bytes"). `locale` is the inbox's language (next-intl's useLocale()).
 */
export function formatBytes(bytes: number, locale = 'en'): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    minimumFractionDigits: unit > 0 && value < 10 ? 1 : 0,
    maximumFractionDigits: unit > 0 && value < 10 ? 1 : 0,
  }).format(unit > 0 && value >= 10 ? Math.round(value) : value);
}
