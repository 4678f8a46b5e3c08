/**
 * IANA timezones the runtime knows (`Intl.supportedValuesOf`), plus `UTC`, which ICU lists only
 * as an alias but which is the schema default for clinics and the timezone setting. Pure: used by
 * forms in the browser and by server-side validation alike.
 */
// Per process, and safe so (docs/scaling.md): the runtime's own list, the same on every instance.
let cached: readonly string[] | undefined;

export function listTimeZones(): readonly string[] {
  cached ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((tz) => tz !== 'UTC')];
  return cached;
}

export function isTimeZone(value: string): boolean {
  return listTimeZones().includes(value);
}
